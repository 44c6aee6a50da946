// The trainer's verdict on a run in words. The advice is derived from the run itself — what the
// learner already used (early stopping, L2, dropout) and whether early stopping ended the run — so it
// never tells the learner to try what the run just did ("Stopped early (best weights restored) … Try
// early stopping" once appeared together).
import type { Diagnosis } from "./trainerModel.ts";
import type { HiddenActivation, TrainerOptimizer } from "../shared/networkSpec.ts";

/** What the verdict's words depend on, besides the diagnosis of the curves. */
export interface RunFacts {
  /** Early stopping was switched on, with this patience (epochs without a better validation loss). */
  earlyStopping: { patience: number } | null;
  /** Early stopping ended the run (and restored the weights of the best epoch). */
  stoppedEarly: boolean;
  /** Epoch (1-based) of the lowest validation loss, if known. */
  bestEpoch: number | null;
  /** λ of L2 weight decay (0 = off). */
  l2: number;
  /** Dropout rate (0 = off). */
  dropout: number;
  /** Epoch (1-based) at which the loss stopped being finite, if it did. */
  divergedEpoch: number | null;
  /** The step settings a diverged run's advice is about. */
  training: {
    optimizer: TrainerOptimizer;
    /** The optimizer as the editor names it ("SGD", "Adam"). */
    optimizerLabel: string;
    learningRate: number;
    /** Examples per step, and the most it could be (every training row). */
    batchSize: number;
    trainRows: number;
    hiddenLayers: number;
    activation: HiddenActivation;
  };
}

/** "a, b or c" */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** Remedies for overfitting that the run has not already used (stronger versions of those it has). */
function overfitRemedies(run: RunFacts): string[] {
  const remedies: string[] = [];
  if (!run.earlyStopping) remedies.push("early stopping");
  else if (!run.stoppedEarly) remedies.push(`a smaller patience than ${run.earlyStopping.patience} epochs`);
  remedies.push(run.l2 > 0 ? "a stronger L2 penalty" : "L2");
  remedies.push(run.dropout > 0 ? "more dropout" : "dropout");
  remedies.push("more data", "a smaller network");
  return remedies;
}

/**
 * Why a run diverged and what to change, from its own settings. Along a direction of curvature λ, a
 * gradient step of learning rate η multiplies the distance to the minimum by |1 − ηλ|: beyond
 * η = 2/λ every step overshoots by more than the last, until the numbers overflow. Single examples
 * give the noisiest gradients, so the most erratic steps, and ReLU, which never saturates, passes a
 * blown-up weight on to every later layer.
 */
function divergedMessage(run: RunFacts): string {
  const t = run.training;
  const at = run.divergedEpoch !== null ? ` at epoch ${run.divergedEpoch}` : "";
  const batch = t.batchSize === 1 ? "one example per step" : `batches of ${t.batchSize}`;
  const deepRelu =
    t.activation === "relu" && t.hiddenLayers >= 3
      ? ` A deep ReLU network (${t.hiddenLayers} hidden layers) makes it likelier: ReLU never saturates, so a blown-up weight passes on to every later layer.`
      : "";
  // A tenth, written as the editor's choices are (3 → 0.3, 0.03 → 0.003).
  const remedies = [`a smaller learning rate (a tenth: ${Number((t.learningRate / 10).toPrecision(2))})`];
  if (t.optimizer !== "adam") remedies.push("Adam");
  if (t.batchSize < t.trainRows) remedies.push("a larger batch");
  return `The loss diverged${at}: it grew beyond any finite number, and no later step can bring it back. This typically happens when the learning rate (${t.learningRate}) is too large for ${t.optimizerLabel} with ${batch}: each step overshoots the minimum by more than the last.${deepRelu} Try ${orList(remedies)}.`;
}

/** One or two sentences on `diagnosis` that agree with how the run went. */
export function diagnosisMessage(diagnosis: Diagnosis, run: RunFacts): string {
  const best = run.bestEpoch !== null ? ` (epoch ${run.bestEpoch})` : "";
  switch (diagnosis) {
    case "diverged":
      return divergedMessage(run);
    case "good":
      return "Looks like a good fit: both curves have flattened, close to each other.";
    case "unclear":
      return "No clear verdict yet.";
    case "underfit":
      if (run.stoppedEarly) {
        return "Looks like underfitting: training loss was still going down when early stopping ended the run, because validation loss had stopped improving. More epochs alone would not help; a larger learning rate or a bigger network might.";
      }
      return "Looks like underfitting: training loss is still going down — more epochs, a larger learning rate or a bigger network would help.";
    case "overfit": {
      const remedies = orList(overfitRemedies(run));
      if (run.stoppedEarly) {
        return `The curves show overfitting: validation loss rose above its minimum${best} while training loss kept falling. Early stopping caught it and restored the weights of that best epoch. To push the minimum lower, try ${remedies}.`;
      }
      return `Looks like overfitting: validation loss has risen above its minimum${best} while training loss kept falling. Try ${remedies}.`;
    }
  }
}
