// One NCHW batch of a simulated data set, shared by training and evaluation so that both read the
// images exactly the same way.
import { Tensor } from "../../../src/lib/autodiff/index.ts";
import { IMAGE_SIZE } from "../../../src/lib/astro/index.ts";
import { IMAGE_VALUES, imageAt } from "../shared/dataset.ts";
import type { Dataset } from "../shared/dataset.ts";

/** Images `indices` of a data set as one NCHW batch tensor. */
export function batchOf(data: Dataset, indices: readonly number[], buf: Float32Array<ArrayBuffer>): Tensor {
  indices.forEach((i, r) => imageAt(data, i, buf.subarray(r * IMAGE_VALUES, (r + 1) * IMAGE_VALUES)));
  return new Tensor(buf.slice(0, indices.length * IMAGE_VALUES), [indices.length, 3, IMAGE_SIZE, IMAGE_SIZE]);
}
