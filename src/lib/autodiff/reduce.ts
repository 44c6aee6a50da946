import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { normalizeAxis, sizeOf, stridesOf } from "./shapeUtil.ts";

/** Which axes to reduce: one, several, or (undefined) all. */
export type Axes = number | readonly number[] | undefined;

interface ReducePlan {
  /** Output shape (with or without the reduced axes kept as size 1). */
  shape: number[];
  /** For every input element, the flat index of the output element it reduces into. */
  map: Int32Array;
  /** Number of input elements per output element. */
  count: number;
}

function plan(x: Tensor, axes: Axes, keepDims: boolean, op: string): ReducePlan {
  const rank = x.shape.length;
  const list = axes === undefined ? x.shape.map((_, i) => i) : typeof axes === "number" ? [axes] : axes;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const a of list) reduced[normalizeAxis(a, rank, op)] = true;
  const keptShape = x.shape.map((d, i) => (reduced[i] ? 1 : d));
  const outStrides = stridesOf(keptShape);
  // Stride into the output along each input axis: 0 along reduced axes.
  const strides = outStrides.map((s, i) => (reduced[i] ? 0 : s));
  const n = x.data.length;
  const map = new Int32Array(n);
  const counter = new Array<number>(rank).fill(0);
  let idx = 0;
  for (let i = 0; i < n; i++) {
    map[i] = idx;
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      idx += strides[ax];
      if (counter[ax] < x.shape[ax]) break;
      idx -= strides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  const shape = keepDims ? keptShape : x.shape.filter((_, i) => !reduced[i]);
  const outSize = sizeOf(keptShape);
  return { shape, map, count: outSize === 0 ? 0 : n / outSize };
}

/** Σ over `axes` (all by default). ∂/∂xᵢ = upstream gradient of the sum xᵢ went into. */
export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const p = plan(x, axes, keepDims, "sum");
  const X = x.data;
  const out = allocate(x.dtype, sizeOf(p.shape));
  const map = p.map;
  for (let i = 0; i < X.length; i++) out[map[i]] += X[i];
  return makeResult("sum", out, p.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < gx.length; i++) gx[i] += g[map[i]];
  });
}

/** Mean over `axes` (all by default): Σx / n, so ∂/∂xᵢ = g / n. */
export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const p = plan(x, axes, keepDims, "mean");
  const X = x.data;
  const out = allocate(x.dtype, sizeOf(p.shape));
  const map = p.map;
  for (let i = 0; i < X.length; i++) out[map[i]] += X[i];
  const inv = 1 / p.count;
  for (let j = 0; j < out.length; j++) out[j] *= inv;
  return makeResult("mean", out, p.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < gx.length; i++) gx[i] += g[map[i]] * inv;
  });
}

function extreme(op: string, x: Tensor, axes: Axes, keepDims: boolean, sign: 1 | -1): Tensor {
  const p = plan(x, axes, keepDims, op);
  if (p.count === 0) throw new RangeError(`${op}: cannot reduce an empty axis`);
  const X = x.data;
  const m = sizeOf(p.shape);
  const out = allocate(x.dtype, m);
  // The first position attaining the extreme receives the whole gradient (a subgradient choice).
  const arg = new Int32Array(m).fill(-1);
  const map = p.map;
  for (let i = 0; i < X.length; i++) {
    const j = map[i];
    if (arg[j] < 0 || sign * X[i] > sign * out[j]) {
      out[j] = X[i];
      arg[j] = i;
    }
  }
  return makeResult(op, out, p.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let j = 0; j < m; j++) gx[arg[j]] += g[j];
  });
}

/** Maximum over `axes`; the gradient flows to the (first) maximal element. */
export function max(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return extreme("max", x, axes, keepDims, 1);
}

/** Minimum over `axes`; the gradient flows to the (first) minimal element. */
export function min(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return extreme("min", x, axes, keepDims, -1);
}

/** Indices of the maxima along `axis` as plain numbers (not differentiable), e.g. predicted classes. */
export function argmax(x: Tensor, axis = -1): number[] {
  const rank = x.shape.length;
  const ax = normalizeAxis(axis, rank, "argmax");
  const n = x.shape[ax];
  const inner = sizeOf(x.shape.slice(ax + 1));
  const outer = sizeOf(x.shape.slice(0, ax));
  const result: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      let bestValue = -Infinity;
      for (let k = 0; k < n; k++) {
        const v = x.data[(o * n + k) * inner + i];
        if (v > bestValue) {
          bestValue = v;
          best = k;
        }
      }
      result.push(best);
    }
  }
  return result;
}
