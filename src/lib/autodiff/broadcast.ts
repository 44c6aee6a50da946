import { formatShape, shapesEqual, sizeOf } from "./shapeUtil.ts";

/**
 * How two shapes combine under NumPy broadcasting: align trailing axes; each pair of sizes must be
 * equal or one of them 1, and the result takes the larger. For each output element i, a[ia[i]] and
 * b[ib[i]] are its operands. Backward uses the same maps: adding g[i]·∂f/∂a into ga[ia[i]] sums the
 * gradient over every broadcast copy, which is exactly the reduction back to a's shape.
 */
export interface BroadcastPlan {
  shape: number[];
  /** null when a already has the output shape (index i maps to i). */
  ia: Int32Array | null;
  ib: Int32Array | null;
}

const cache = new Map<string, BroadcastPlan>();
const CACHE_LIMIT = 256;
const CACHE_MAX_SIZE = 1 << 16;

/** The broadcast output shape, or an error naming the op and both shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

export function broadcastPlan(a: readonly number[], b: readonly number[], op: string): BroadcastPlan {
  if (shapesEqual(a, b)) return { shape: a.slice(), ia: null, ib: null };
  const key = `${a.join(",")}|${b.join(",")}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const shape = broadcastShapes(a, b, op);
  const plan: BroadcastPlan = {
    shape,
    ia: shapesEqual(a, shape) ? null : indexMap(a, shape),
    ib: shapesEqual(b, shape) ? null : indexMap(b, shape),
  };
  if (sizeOf(shape) <= CACHE_MAX_SIZE) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, plan);
  }
  return plan;
}

/** For every element of `outShape`, the flat index of the element of `src` it reads. */
export function indexMap(src: readonly number[], outShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const offset = rank - src.length;
  // Stride of src along each output axis; 0 where src is broadcast (size 1 or missing).
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = src.length - 1; i >= 0; i--) {
    strides[i + offset] = src[i] === 1 ? 0 : s;
    s *= src[i];
  }
  const n = sizeOf(outShape);
  const map = new Int32Array(n);
  const counter = new Array<number>(rank).fill(0);
  let idx = 0;
  for (let i = 0; i < n; i++) {
    map[i] = idx;
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      idx += strides[ax];
      if (counter[ax] < outShape[ax]) break;
      idx -= strides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return map;
}
