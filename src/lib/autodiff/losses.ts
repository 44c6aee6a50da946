import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { abs, square, sub } from "./elementwise.ts";
import { mean } from "./reduce.ts";
import { formatShape, shapesEqual } from "./shapeUtil.ts";

// Losses refuse to broadcast: a prediction [N, 1] against targets [N] would silently become [N, N].
function sameShape(op: string, pred: Tensor, target: Tensor): void {
  if (!shapesEqual(pred.shape, target.shape)) {
    throw new RangeError(`${op}: predictions ${formatShape(pred.shape)} and targets ${formatShape(target.shape)} must have the same shape`);
  }
}

/** Mean squared error, mean((p − y)²), over every element. */
export function mse(pred: Tensor, target: Tensor): Tensor {
  sameShape("mse", pred, target);
  return mean(square(sub(pred, target)));
}

/** Mean absolute error, mean(|p − y|), over every element. */
export function mae(pred: Tensor, target: Tensor): Tensor {
  sameShape("mae", pred, target);
  return mean(abs(sub(pred, target)));
}

/**
 * Binary cross-entropy from logits z and targets y ∈ [0, 1], averaged over every element:
 *   ℓ = −y ln σ(z) − (1 − y) ln(1 − σ(z)) = max(z, 0) − z·y + ln(1 + e^−|z|)   (stable form)
 * ∂ℓ/∂z = σ(z) − y. Targets get no gradient.
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, target: Tensor): Tensor {
  sameShape("binaryCrossEntropyWithLogits", logits, target);
  const Z = logits.data;
  const Y = target.data;
  const n = Z.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const z = Z[i];
    total += Math.max(z, 0) - z * Y[i] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  const out = allocate(logits.dtype, 1);
  out[0] = total / n;
  return makeResult("binaryCrossEntropyWithLogits", out, [], [logits], (res) => {
    const g = res.grad![0] / n;
    const gz = gradOf(logits)!;
    for (let i = 0; i < n; i++) {
      const z = Z[i];
      const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      gz[i] += g * (s - Y[i]);
    }
  });
}

/** Class labels: integers per row, or a [N, K] tensor of one-hot (or soft) target probabilities. */
export type Labels = readonly number[] | Int32Array | Tensor;

/**
 * Categorical cross-entropy from logits z [N, K], averaged over the N rows:
 *   ℓ = −Σ_k y_k ln softmax(z)_k,  softmax computed max-subtracted.
 * With integer labels y is one-hot. ∂ℓ/∂z_k = (softmax_k · Σ_j y_j − y_k) / N, i.e. p − y for
 * probability targets.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Labels): Tensor {
  if (logits.shape.length !== 2) {
    throw new RangeError(`softmaxCrossEntropy: logits must be [N, K], got ${formatShape(logits.shape)}`);
  }
  const [N, K] = logits.shape;
  const Y = new Float64Array(N * K);
  if (labels instanceof Tensor) {
    if (labels.shape.length === 1 && labels.shape[0] === N) {
      fillOneHot(Y, Array.from(labels.data), N, K);
    } else {
      if (!shapesEqual(labels.shape, logits.shape)) {
        throw new RangeError(
          `softmaxCrossEntropy: logits ${formatShape(logits.shape)} and one-hot labels ${formatShape(labels.shape)} must have the same shape`,
        );
      }
      Y.set(labels.data);
    }
  } else {
    if (labels.length !== N)
      throw new RangeError(`softmaxCrossEntropy: ${labels.length} labels for ${N} rows of logits ${formatShape(logits.shape)}`);
    fillOneHot(Y, labels, N, K);
  }
  const Z = logits.data;
  const P = new Float64Array(N * K);
  let total = 0;
  for (let r = 0; r < N; r++) {
    const o = r * K;
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, Z[o + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(Z[o + k] - m);
    const lse = m + Math.log(s);
    for (let k = 0; k < K; k++) {
      P[o + k] = Math.exp(Z[o + k] - lse);
      if (Y[o + k] !== 0) total -= Y[o + k] * (Z[o + k] - lse);
    }
  }
  const out = allocate(logits.dtype, 1);
  out[0] = total / N;
  return makeResult("softmaxCrossEntropy", out, [], [logits], (res) => {
    const g = res.grad![0] / N;
    const gz = gradOf(logits)!;
    for (let r = 0; r < N; r++) {
      const o = r * K;
      let ySum = 0;
      for (let k = 0; k < K; k++) ySum += Y[o + k];
      for (let k = 0; k < K; k++) gz[o + k] += g * (P[o + k] * ySum - Y[o + k]);
    }
  });
}

function fillOneHot(Y: Float64Array, labels: ArrayLike<number>, N: number, K: number): void {
  for (let r = 0; r < N; r++) {
    const c = labels[r];
    if (!Number.isInteger(c) || c < 0 || c >= K) {
      throw new RangeError(`softmaxCrossEntropy: label ${c} at row ${r} is not a class index in [0, ${K})`);
    }
    Y[r * K + c] = 1;
  }
}
