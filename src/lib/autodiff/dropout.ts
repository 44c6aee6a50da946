import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import type { Rng } from "../random/rng.ts";

/**
 * Inverted dropout: while training, each element is zeroed with probability `rate` and the survivors
 * are scaled by 1/(1 − rate), so the expected value is unchanged and inference needs no rescaling.
 * y = x·m with m ∈ {0, 1/(1 − rate)} drawn from `rng`; ∂y/∂x = m. Not training (or rate 0): identity.
 */
export function dropout(x: Tensor, rate: number, rng: Rng, training: boolean): Tensor {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout: rate must be in [0, 1), got ${rate}`);
  if (!training || rate === 0) return x;
  const n = x.data.length;
  const mask = allocate(x.dtype, n);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < n; i++) mask[i] = rng.next() < rate ? 0 : keep;
  const out = allocate(x.dtype, n);
  for (let i = 0; i < n; i++) out[i] = x.data[i] * mask[i];
  return makeResult("dropout", out, x.shape, [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let i = 0; i < n; i++) gx[i] += g[i] * mask[i];
  });
}
