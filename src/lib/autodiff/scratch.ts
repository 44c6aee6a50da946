import type { DType, FloatArray } from "./dtype.ts";

// Grow-only work buffers reused across calls (im2col columns and their gradients), so a training
// step allocates them once instead of per image. Safe because kernels run synchronously and finish
// with a buffer before any other kernel asks for the same slot.
const pools: Record<DType, FloatArray[]> = { float32: [], float64: [] };

/** A buffer of exactly `size` elements (a view of slot `slot`'s storage); contents are garbage. */
export function scratch(dtype: DType, slot: number, size: number): FloatArray {
  const pool = pools[dtype];
  let buf = pool[slot];
  if (buf === undefined || buf.length < size) {
    buf = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
    pool[slot] = buf;
  }
  return buf.subarray(0, size);
}
