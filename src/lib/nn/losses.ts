import type { Tensor } from "../autodiff/tensor.ts";
import { binaryCrossEntropyWithLogits, mae, mse, softmaxCrossEntropy } from "../autodiff/losses.ts";

/** A loss: predictions and targets of a batch → scalar tensor. */
export type LossFn = (pred: Tensor, target: Tensor) => Tensor;

/**
 * Losses by name. The cross-entropies take logits (no final sigmoid/softmax in the model):
 * "softmaxCrossEntropy" accepts integer class labels [N] or one-hot targets [N, K].
 */
export const losses = {
  mse,
  mae,
  binaryCrossEntropyWithLogits,
  softmaxCrossEntropy: (pred: Tensor, target: Tensor) => softmaxCrossEntropy(pred, target),
} satisfies Record<string, LossFn>;

export type LossName = keyof typeof losses;

export const lossNames = Object.keys(losses) as LossName[];

/** The loss called `name` (or the function itself); throws naming it and listing the valid ones. */
export function lossFunction(loss: LossName | LossFn | string): LossFn {
  if (typeof loss === "function") return loss;
  if (!Object.hasOwn(losses, loss)) throw new Error(`Unknown loss "${loss}". Valid losses: ${lossNames.join(", ")}.`);
  return losses[loss as LossName];
}
