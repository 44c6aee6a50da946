import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { broadcastPlan } from "./broadcast.ts";

/** A Tensor or a plain number (taken as a scalar of the other operand's dtype). */
export type TensorLike = Tensor | number;

/**
 * A binary primitive: f(x, y) and its partial derivatives ∂f/∂x, ∂f/∂y (given x, y and the output
 * z = f(x, y)). The shared driver handles broadcasting and sums gradients back to operand shapes.
 */
interface BinaryRule {
  f: (x: number, y: number) => number;
  dx: (x: number, y: number, z: number) => number;
  dy: (x: number, y: number, z: number) => number;
}

const ADD: BinaryRule = { f: (x, y) => x + y, dx: () => 1, dy: () => 1 };
const SUB: BinaryRule = { f: (x, y) => x - y, dx: () => 1, dy: () => -1 };
const MUL: BinaryRule = { f: (x, y) => x * y, dx: (_x, y) => y, dy: (x) => x };
// d(x/y)/dx = 1/y, d(x/y)/dy = −x/y²
const DIV: BinaryRule = { f: (x, y) => x / y, dx: (_x, y) => 1 / y, dy: (x, y) => -x / (y * y) };
// d(x^y)/dx = y·x^(y−1), d(x^y)/dy = x^y·ln x (taken as 0 where x^y = 0, e.g. 0^y)
const POW: BinaryRule = {
  f: (x, y) => Math.pow(x, y),
  dx: (x, y) => (y === 0 ? 0 : y * Math.pow(x, y - 1)),
  dy: (x, _y, z) => (z === 0 ? 0 : z * Math.log(x)),
};
// Elementwise maximum/minimum: the gradient goes to the chosen operand (to x on ties).
const MAXIMUM: BinaryRule = { f: (x, y) => (x >= y ? x : y), dx: (x, y) => (x >= y ? 1 : 0), dy: (x, y) => (x >= y ? 0 : 1) };
const MINIMUM: BinaryRule = { f: (x, y) => (x <= y ? x : y), dx: (x, y) => (x <= y ? 1 : 0), dy: (x, y) => (x <= y ? 0 : 1) };

export function asTensor(v: TensorLike, like: Tensor): Tensor {
  if (typeof v !== "number") return v;
  const data = allocate(like.dtype, 1);
  data[0] = v;
  return new Tensor(data, []);
}

function binary(op: string, rule: BinaryRule, aIn: TensorLike, bIn: TensorLike): Tensor {
  if (typeof aIn === "number" && typeof bIn === "number") {
    throw new TypeError(`${op}: at least one operand must be a Tensor`);
  }
  const a = asTensor(aIn, bIn as Tensor);
  const b = asTensor(bIn, a);
  if (a.dtype !== b.dtype) throw new TypeError(`${op}: operands have different dtypes (${a.dtype} and ${b.dtype})`);
  const plan = broadcastPlan(a.shape, b.shape, op);
  const A = a.data;
  const B = b.data;
  const n = plan.ia !== null ? plan.ia.length : plan.ib !== null ? plan.ib.length : A.length;
  const out = allocate(a.dtype, n);
  const ia = plan.ia;
  const ib = plan.ib;
  const f = rule.f;
  if (ia === null && ib === null) for (let i = 0; i < n; i++) out[i] = f(A[i], B[i]);
  else if (ia === null) for (let i = 0; i < n; i++) out[i] = f(A[i], B[(ib as Int32Array)[i]]);
  else if (ib === null) for (let i = 0; i < n; i++) out[i] = f(A[ia[i]], B[i]);
  else for (let i = 0; i < n; i++) out[i] = f(A[ia[i]], B[ib[i]]);
  return makeResult(op, out, plan.shape, [a, b], (res) => {
    const g = res.grad as Float32Array;
    const Z = res.data;
    const ga = gradOf(a);
    const gb = gradOf(b);
    for (let i = 0; i < n; i++) {
      const ja = ia === null ? i : ia[i];
      const jb = ib === null ? i : ib[i];
      if (ga !== null) ga[ja] += g[i] * rule.dx(A[ja], B[jb], Z[i]);
      if (gb !== null) gb[jb] += g[i] * rule.dy(A[ja], B[jb], Z[i]);
    }
  });
}

/** a + b, broadcast. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary("add", ADD, a, b);
}
/** a − b, broadcast. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binary("sub", SUB, a, b);
}
/** a · b elementwise, broadcast. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary("mul", MUL, a, b);
}
/** a / b elementwise, broadcast. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary("div", DIV, a, b);
}
/** a^b elementwise, broadcast (b may be a number, e.g. pow(x, 2)). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary("pow", POW, a, b);
}
/** max(a, b) elementwise, broadcast. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary("maximum", MAXIMUM, a, b);
}
/** min(a, b) elementwise, broadcast. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary("minimum", MINIMUM, a, b);
}

/**
 * A unary primitive y = f(x) with its derivative dy/dx expressed through x and y (often cheaper
 * through y, e.g. exp' = y, tanh' = 1 − y²).
 */
export interface UnaryRule {
  f: (x: number) => number;
  df: (x: number, y: number) => number;
}

/** Applies a unary rule elementwise, recording `op` in the graph. */
export function unary(op: string, rule: UnaryRule, x: Tensor): Tensor {
  const X = x.data;
  const n = X.length;
  const out = allocate(x.dtype, n);
  const f = rule.f;
  for (let i = 0; i < n; i++) out[i] = f(X[i]);
  return makeResult(op, out, x.shape, [x], (res) => {
    const g = res.grad as Float32Array;
    const Y = res.data;
    const gx = gradOf(x) as Float32Array;
    const df = rule.df;
    for (let i = 0; i < n; i++) gx[i] += g[i] * df(X[i], Y[i]);
  });
}

const NEG: UnaryRule = { f: (x) => -x, df: () => -1 };
const EXP: UnaryRule = { f: Math.exp, df: (_x, y) => y };
// d ln x / dx = 1/x
const LOG: UnaryRule = { f: Math.log, df: (x) => 1 / x };
// d √x / dx = 1 / (2√x)
const SQRT: UnaryRule = { f: Math.sqrt, df: (_x, y) => 0.5 / y };
// d|x|/dx = sign(x), taken as 0 at 0
const ABS: UnaryRule = { f: Math.abs, df: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0) };
const SQUARE: UnaryRule = { f: (x) => x * x, df: (x) => 2 * x };

export function neg(x: Tensor): Tensor {
  return unary("neg", NEG, x);
}
export function exp(x: Tensor): Tensor {
  return unary("exp", EXP, x);
}
export function log(x: Tensor): Tensor {
  return unary("log", LOG, x);
}
export function sqrt(x: Tensor): Tensor {
  return unary("sqrt", SQRT, x);
}
export function abs(x: Tensor): Tensor {
  return unary("abs", ABS, x);
}
/** x², cheaper than pow(x, 2). */
export function square(x: Tensor): Tensor {
  return unary("square", SQUARE, x);
}

/** Clamps into [lo, hi]; the gradient is 1 strictly inside and 0 where clamped. */
export function clamp(x: Tensor, lo: number, hi: number): Tensor {
  if (!(lo <= hi)) throw new RangeError(`clamp: lo (${lo}) must not exceed hi (${hi})`);
  return unary("clamp", { f: (v) => (v < lo ? lo : v > hi ? hi : v), df: (v) => (v < lo || v > hi ? 0 : 1) }, x);
}
