import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { unary } from "./elementwise.ts";
import type { UnaryRule } from "./elementwise.ts";
import { normalizeAxis, sizeOf } from "./shapeUtil.ts";
import { wasmKernelsFor } from "../kernels/kernelBackend.ts";

/** σ(x) = 1 / (1 + e^−x), evaluated without overflow for large |x|. */
function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// σ' = σ(1 − σ)
const SIGMOID: UnaryRule = { f: stableSigmoid, df: (_x, y) => y * (1 - y) };
// tanh' = 1 − tanh²
const TANH: UnaryRule = { f: Math.tanh, df: (_x, y) => 1 - y * y };
// relu' = 1 for x > 0, else 0 (0 at the kink)
const RELU: UnaryRule = { f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) };
// softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|); softplus' = σ(x)
const SOFTPLUS: UnaryRule = { f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), df: (x) => stableSigmoid(x) };
// swish(x) = x·σ(x); swish' = σ + x·σ(1 − σ)
const SWISH: UnaryRule = {
  f: (x) => x * stableSigmoid(x),
  df: (x) => {
    const s = stableSigmoid(x);
    return s + x * s * (1 - s);
  },
};
// GELU, tanh approximation (Hendrycks & Gimpel; ONNX Gelu approximate="tanh", PyTorch approximate="tanh"):
// gelu(x) = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³); gelu' = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²)
/** √(2/π) and the cubic coefficient of gelu's tanh approximation (Hendrycks & Gimpel 2016). */
export const GELU_C = Math.sqrt(2 / Math.PI);
export const GELU_CUBIC = 0.044715;
const GELU: UnaryRule = {
  f: (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_CUBIC * x * x * x))),
  df: (x) => {
    const t = Math.tanh(GELU_C * (x + GELU_CUBIC * x * x * x));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_CUBIC * x * x);
  },
};

export function sigmoid(x: Tensor): Tensor {
  return unary("sigmoid", SIGMOID, x);
}
export function tanh(x: Tensor): Tensor {
  return unary("tanh", TANH, x);
}
/**
 * max(x, 0). The rule RELU above is the definition; this hand-inlined loop computes the same thing
 * without a call per element because relu runs on every conv feature map. Big float32 maps go to the
 * WebAssembly kernel (branch-free, same results bit for bit: src/lib/kernels/assembly/elementwise.ts).
 */
export function relu(x: Tensor): Tensor {
  const X = x.data;
  const n = X.length;
  const out = allocate(x.dtype, n);
  const kernels = X instanceof Float32Array ? wasmKernelsFor(n) : null;
  if (kernels !== null) kernels.reluForward(X as Float32Array, out as Float32Array);
  else for (let i = 0; i < n; i++) out[i] = RELU.f(X[i]);
  return makeResult("relu", out, x.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    if (kernels !== null) kernels.reluBackward(X as Float32Array, g as Float32Array, gx as Float32Array);
    else for (let i = 0; i < n; i++) if (X[i] > 0) gx[i] += g[i];
  });
}
/** Default slope of leakyRelu for x < 0 (Keras 3's default). */
export const LEAKY_RELU_ALPHA = 0.2;
/** Default α of elu: the saturation value −α for x → −∞. */
export const ELU_ALPHA = 1;

/**
 * Heaviside step: 1 for x > 0, 0 otherwise. Its derivative is 0 everywhere except at 0, where it
 * does not exist (the jump would need a Dirac delta); we return 0 there too, so a step passes no
 * gradient at all — which is why networks of steps cannot be trained by gradient descent.
 */
export function step(x: Tensor): Tensor {
  return unary("step", { f: (v) => (v > 0 ? 1 : 0), df: () => 0 }, x);
}

/** x for x > 0, αx otherwise; derivative 1 or α. */
export function leakyRelu(x: Tensor, alpha = LEAKY_RELU_ALPHA): Tensor {
  return unary("leakyRelu", { f: (v) => (v > 0 ? v : alpha * v), df: (v) => (v > 0 ? 1 : alpha) }, x);
}
/** x for x > 0, α(eˣ − 1) otherwise; derivative 1 or y + α. */
export function elu(x: Tensor, alpha = ELU_ALPHA): Tensor {
  return unary("elu", { f: (v) => (v > 0 ? v : alpha * Math.expm1(v)), df: (v, y) => (v > 0 ? 1 : y + alpha) }, x);
}
export function softplus(x: Tensor): Tensor {
  return unary("softplus", SOFTPLUS, x);
}
/** GELU with the tanh approximation (see the formula above), not the exact erf form. */
export function gelu(x: Tensor): Tensor {
  return unary("gelu", GELU, x);
}
/** swish = silu = x·σ(x). */
export function swish(x: Tensor): Tensor {
  return unary("swish", SWISH, x);
}
export const silu = swish;

/** Splits a shape around `axis` into outer × n × inner for the along-axis loops below. */
function around(x: Tensor, axis: number, op: string): { outer: number; n: number; inner: number } {
  const ax = normalizeAxis(axis, x.shape.length, op);
  return { outer: sizeOf(x.shape.slice(0, ax)), n: x.shape[ax], inner: sizeOf(x.shape.slice(ax + 1)) };
}

/**
 * softmax(x)_k = e^(x_k − m) / Σ_j e^(x_j − m) along `axis`, with m the maximum (subtracting it
 * avoids overflow and changes nothing). Backward: ∂L/∂x_k = y_k (g_k − Σ_j g_j y_j).
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const { outer, n, inner } = around(x, axis, "softmax");
  const X = x.data;
  const Y = allocate(x.dtype, X.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, X[base + k * inner]);
      let s = 0;
      for (let k = 0; k < n; k++) {
        const e = Math.exp(X[base + k * inner] - m);
        Y[base + k * inner] = e;
        s += e;
      }
      for (let k = 0; k < n; k++) Y[base + k * inner] /= s;
    }
  }
  return makeResult("softmax", Y, x.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        let dot = 0;
        for (let k = 0; k < n; k++) dot += g[base + k * inner] * Y[base + k * inner];
        for (let k = 0; k < n; k++) gx[base + k * inner] += Y[base + k * inner] * (g[base + k * inner] - dot);
      }
    }
  });
}

/**
 * logSoftmax(x)_k = x_k − m − ln Σ_j e^(x_j − m) along `axis` (stable for any logits).
 * Backward: ∂L/∂x_k = g_k − softmax_k · Σ_j g_j.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const { outer, n, inner } = around(x, axis, "logSoftmax");
  const X = x.data;
  const Y = allocate(x.dtype, X.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, X[base + k * inner]);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(X[base + k * inner] - m);
      const lse = m + Math.log(s);
      for (let k = 0; k < n; k++) Y[base + k * inner] = X[base + k * inner] - lse;
    }
  }
  return makeResult("logSoftmax", Y, x.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        let total = 0;
        for (let k = 0; k < n; k++) total += g[base + k * inner];
        for (let k = 0; k < n; k++) gx[base + k * inner] += g[base + k * inner] - Math.exp(Y[base + k * inner]) * total;
      }
    }
  });
}

/** Every name `activation(name)` accepts. */
export const activationNames = [
  "linear",
  "step",
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "elu",
  "softplus",
  "gelu",
  "swish",
  "silu",
  "softmax",
  "logSoftmax",
] as const;

export type ActivationName = (typeof activationNames)[number];

const table: Record<ActivationName, (x: Tensor) => Tensor> = {
  linear: (x) => x,
  step,
  sigmoid,
  tanh,
  relu,
  leakyRelu: (x) => leakyRelu(x),
  elu: (x) => elu(x),
  softplus,
  gelu,
  swish,
  silu,
  softmax: (x) => softmax(x, -1),
  logSoftmax: (x) => logSoftmax(x, -1),
};

export function isActivationName(name: string): name is ActivationName {
  return Object.hasOwn(table, name);
}

/**
 * The activation function called `name` (softmax/logSoftmax along the last axis; leakyRelu α = 0.2,
 * elu α = 1). Throws an error naming the unknown activation and listing the valid ones.
 */
export function activation(name: string): (x: Tensor) => Tensor {
  if (!isActivationName(name)) {
    throw new Error(`Unknown activation "${name}". Valid activations: ${activationNames.join(", ")}.`);
  }
  return table[name];
}
