import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { formatShape, normalizeAxis, shapesEqual, sizeOf, stridesOf } from "./shapeUtil.ts";

/**
 * Same values, new shape (one entry may be −1: inferred). Row-major order is unchanged, so the data
 * buffer is shared and the gradient is the upstream gradient reshaped back.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = shape.slice();
  const minus = target.indexOf(-1);
  if (minus >= 0) {
    const known = sizeOf(target.filter((_, i) => i !== minus));
    target[minus] = known === 0 ? 0 : x.size / known;
  }
  if (!target.every((d) => Number.isInteger(d) && d >= 0) || sizeOf(target) !== x.size) {
    throw new RangeError(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`);
  }
  return makeResult("reshape", x.data, target, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < g.length; i++) gx[i] += g[i];
  });
}

/** [N, ...rest] → [N, prod(rest)], as before a Dense layer. */
export function flatten(x: Tensor): Tensor {
  if (x.shape.length < 1) throw new RangeError(`flatten: needs at least one axis, got ${formatShape(x.shape)}`);
  return reshape(x, [x.shape[0], sizeOf(x.shape.slice(1))]);
}

/**
 * Permutes axes: output axis i is input axis axes[i] (default: reversed, the matrix transpose).
 * The gradient is the upstream gradient permuted back (the inverse permutation).
 */
export function transpose(x: Tensor, axes?: readonly number[]): Tensor {
  const rank = x.shape.length;
  const perm = axes === undefined ? x.shape.map((_, i) => rank - 1 - i) : axes.map((a) => normalizeAxis(a, rank, "transpose"));
  if (perm.length !== rank || new Set(perm).size !== rank) {
    throw new RangeError(`transpose: axes [${(axes ?? []).join(", ")}] are not a permutation for shape ${formatShape(x.shape)}`);
  }
  const shape = perm.map((p) => x.shape[p]);
  const inStrides = stridesOf(x.shape);
  const map = gatherMap(
    shape,
    perm.map((p) => inStrides[p]),
    0,
  );
  const X = x.data;
  const out = allocate(x.dtype, X.length);
  for (let i = 0; i < out.length; i++) out[i] = X[map[i]];
  return makeResult("transpose", out, shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < g.length; i++) gx[map[i]] += g[i];
  });
}

/**
 * The box begin[i] ≤ index < end[i] on each axis (missing axes: whole axis; negative ends count
 * from the end). The gradient scatters back into a zero tensor of the input shape.
 */
export function slice(x: Tensor, begin: readonly number[], end?: readonly number[]): Tensor {
  const rank = x.shape.length;
  if (begin.length > rank || (end !== undefined && end.length > rank)) {
    throw new RangeError(`slice: begin/end longer than the rank of ${formatShape(x.shape)}`);
  }
  const lo: number[] = [];
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const d = x.shape[i];
    const b = begin[i] ?? 0;
    let e = end?.[i] ?? d;
    if (e < 0) e += d;
    if (!Number.isInteger(b) || !Number.isInteger(e) || b < 0 || e > d || b > e) {
      throw new RangeError(`slice: range [${b}, ${e}) is outside axis ${i} of shape ${formatShape(x.shape)}`);
    }
    lo.push(b);
    shape.push(e - b);
  }
  const strides = stridesOf(x.shape);
  let base = 0;
  for (let i = 0; i < rank; i++) base += lo[i] * strides[i];
  const map = gatherMap(shape, strides, base);
  const X = x.data;
  const out = allocate(x.dtype, map.length);
  for (let i = 0; i < out.length; i++) out[i] = X[map[i]];
  return makeResult("slice", out, shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < g.length; i++) gx[map[i]] += g[i];
  });
}

/** Joins tensors along `axis`; all other axes must match. Each input gets its slab of the gradient. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("concat: needs at least one tensor");
  const first = tensors[0];
  const rank = first.shape.length;
  const ax = normalizeAxis(axis, rank, "concat");
  for (const t of tensors) {
    const same = t.shape.length === rank && t.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!same) throw new RangeError(`concat: shapes ${formatShape(first.shape)} and ${formatShape(t.shape)} differ outside axis ${ax}`);
    if (t.dtype !== first.dtype) throw new TypeError(`concat: mixed dtypes ${first.dtype} and ${t.dtype}`);
  }
  const outer = sizeOf(first.shape.slice(0, ax));
  const inner = sizeOf(first.shape.slice(ax + 1));
  const total = tensors.reduce((s, t) => s + t.shape[ax], 0);
  const shape = first.shape.slice();
  shape[ax] = total;
  const out = allocate(first.dtype, outer * total * inner);
  const offsets: number[] = [];
  let offset = 0;
  for (const t of tensors) {
    offsets.push(offset);
    const chunk = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * total * inner + offset * inner);
    offset += t.shape[ax];
  }
  return makeResult("concat", out, shape, tensors.slice(), (res) => {
    const g = res.grad!;
    tensors.forEach((t, k) => {
      const gt = gradOf(t);
      if (gt === null) return;
      const chunk = t.shape[ax] * inner;
      for (let o = 0; o < outer; o++) {
        const src = o * total * inner + offsets[k] * inner;
        for (let i = 0; i < chunk; i++) gt[o * chunk + i] += g[src + i];
      }
    });
  });
}

/** Repeats x along broadcast axes to `shape` (NumPy broadcast_to); the gradient sums the copies. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const offset = shape.length - x.shape.length;
  const ok = offset >= 0 && x.shape.every((d, i) => d === 1 || d === shape[i + offset]);
  if (!ok) throw new RangeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  const xStrides = stridesOf(x.shape);
  const strides = shape.map((_, i) => (i < offset || x.shape[i - offset] === 1 ? 0 : xStrides[i - offset]));
  const map = gatherMap(shape, strides, 0);
  const out = allocate(x.dtype, map.length);
  for (let i = 0; i < out.length; i++) out[i] = x.data[map[i]];
  return makeResult("broadcastTo", out, shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < g.length; i++) gx[map[i]] += g[i];
  });
}

/** For each element of `shape` (row-major), base + Σ index[i]·strides[i]. */
function gatherMap(shape: readonly number[], strides: readonly number[], base: number): Int32Array {
  const rank = shape.length;
  const n = sizeOf(shape);
  const map = new Int32Array(n);
  if (n === 0) return map;
  const counter = new Array<number>(rank).fill(0);
  let idx = base;
  for (let i = 0; i < n; i++) {
    map[i] = idx;
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      idx += strides[ax];
      if (counter[ax] < shape[ax]) break;
      idx -= strides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return map;
}
