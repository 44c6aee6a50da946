import { Tensor } from "../autodiff/tensor.ts";
import { allocate } from "../autodiff/dtype.ts";
import { formatShape } from "../autodiff/shapeUtil.ts";

/** A new tensor made of rows `indices` (along axis 0) of `t`. */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const rowSize = t.shape.length === 0 ? 1 : t.size / t.shape[0];
  const out = allocate(t.dtype, indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    out.set(t.data.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
  }
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
}

/** Rows [start, end) of `t` (a copy). */
export function sliceRows(t: Tensor, start: number, end: number): Tensor {
  const rowSize = t.size / t.shape[0];
  return new Tensor(t.data.slice(start * rowSize, end * rowSize), [end - start, ...t.shape.slice(1)]);
}

/**
 * Checks that all tensors have the same number of rows and only finite values (a NaN or ∞ in the
 * data would silently poison every weight it touches), and returns the row count.
 */
export function rowCount(what: string, tensors: Tensor[]): number {
  const n = tensors[0].shape[0];
  for (const [k, t] of tensors.entries()) {
    if (t.shape.length === 0 || t.shape[0] !== n) {
      throw new RangeError(
        `${what}: all inputs and targets need the same number of rows; got ${tensors.map((u) => formatShape(u.shape)).join(", ")}`,
      );
    }
    const data = t.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        const rowSize = data.length / n;
        throw new RangeError(
          `${what}: tensor ${k + 1} of shape ${formatShape(t.shape)} holds ${data[i]} in row ${Math.floor(i / rowSize)} (element ${i % rowSize}); clean or drop non-finite values first`,
        );
      }
    }
  }
  return n;
}
