import type { Tensor } from "../autodiff/tensor.ts";

/**
 * Fraction of correctly classified rows of a batch.
 *  - Several outputs per row (K > 1): predicted class argmax(pred) against integer labels [N] or
 *    argmax of one-hot targets [N, K].
 *  - One output per row: the prediction is positive when above `threshold` (0 for logits,
 *    0.5 for probabilities), the target when above 0.5.
 * Returns the number correct (not the fraction) so batches can be summed.
 */
export function countCorrect(pred: Tensor, target: Tensor, threshold: number): number {
  const n = pred.shape[0];
  const k = pred.size / n;
  let correct = 0;
  if (k > 1) {
    const oneHot = target.size === pred.size;
    for (let r = 0; r < n; r++) {
      const p = argmaxRow(pred.data, r * k, k);
      const t = oneHot ? argmaxRow(target.data, r * k, k) : target.data[r];
      if (p === t) correct++;
    }
  } else {
    for (let r = 0; r < n; r++) if (pred.data[r] > threshold === target.data[r] > 0.5) correct++;
  }
  return correct;
}

function argmaxRow(data: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (data[offset + j] > data[offset + best]) best = j;
  return best;
}

/** Mean squared difference per value of two equally long arrays (e.g. an image and its reconstruction). */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`meanSquaredError: lengths ${a.length} and ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

/** Peak signal-to-noise ratio in dB for values in [0, 1] (peak 1): 10 log₁₀(1 / MSE); ∞ for a perfect copy. */
export function psnr(mse: number): number {
  return mse > 0 ? 10 * Math.log10(1 / mse) : Infinity;
}
