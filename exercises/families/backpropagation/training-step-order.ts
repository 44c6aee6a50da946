import { defineFamily } from "../../family.ts";
import { shown } from "../../support/answers.ts";

type Step = "shuffle" | "zero" | "forward" | "loss" | "backward" | "update" | "validate";
interface Params {
  /** The steps in their correct order (which steps appear depends on the level). */
  steps: Step[];
  /** The order in which the items are displayed (a permutation of `steps`). */
  shown: Step[];
}

const LABEL: Record<Step, string> = {
  shuffle: "Shuffle the training set (start of the epoch)",
  zero: "Reset the accumulated gradients to zero",
  forward: "Forward pass: compute the predictions",
  loss: "Compute the loss against the targets",
  backward: "Backward pass: compute ∂E/∂θ for every parameter",
  update: "Optimizer step: update the parameters",
  validate: "Evaluate on the validation set (end of the epoch)",
};
const LEVEL_STEPS: Step[][] = [
  ["forward", "loss", "backward", "update"],
  ["zero", "forward", "loss", "backward", "update"],
  ["shuffle", "zero", "forward", "loss", "backward", "update", "validate"],
];

function answer(p: Params) {
  return { order: { kind: "ordering" as const, items: p.shown.map((s) => ({ id: s, label: LABEL[s] })), correct: p.steps } };
}
function swap(steps: Step[], a: Step, b: Step): Step[] {
  return steps.map((s) => (s === a ? b : s === b ? a : s));
}

/** The order with `step` moved to just after `anchor`. */
function moveAfter(steps: Step[], step: Step, anchor: Step): Step[] {
  const rest = steps.filter((s) => s !== step);
  rest.splice(rest.indexOf(anchor) + 1, 0, step);
  return rest;
}

/** Put the steps of a training iteration in order (an ordering answer). */
export const trainingStepOrder = defineFamily<Params>({
  id: "training-step-order",
  version: 1,
  title: "The steps of one training iteration",
  lesson: "backpropagation",
  skills: ["training loop", "where backpropagation fits"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const steps = LEVEL_STEPS[level - 1];
    return { steps, shown: rng.shuffle(steps.slice()) };
  },
  wellPosed(p) {
    return p.shown.some((s, i) => s !== p.steps[i]) ? true : "shown already in order";
  },
  render(p) {
    return {
      prompt: `Put these steps of ${p.steps.includes("shuffle") ? "one epoch of minibatch training (one minibatch shown)" : "one training iteration"} in the order they happen. Enter the ids separated by commas.`,
      parts: [{ id: "order", label: "order" }],
    };
  },
  answer,
  hints() {
    return ["You cannot compute a loss before you have predictions.", "Gradients come from the loss, and the optimizer needs gradients; gradients from the previous batch must be cleared first."];
  },
  solution(p) {
    return [
      "Predictions first (forward), then the loss, then its gradients (backward), then the update that uses them.",
      ...(p.steps.includes("zero") ? ["Gradients accumulate across backward passes, so they are reset before the new backward pass (here at the start)."] : []),
      `Order: ${shown(answer(p).order)} (ids ${p.steps.join(", ")}).`,
    ];
  },
  misconceptions(p) {
    return [
      { id: "update-before-backward", description: "Updates before computing gradients.", input: { order: swap(p.steps, "backward", "update").join(", ") }, feedback: "The optimizer step uses the gradients, so the backward pass must come first." },
      { id: "backward-before-loss", description: "Backpropagates before computing the loss.", input: { order: swap(p.steps, "loss", "backward").join(", ") }, feedback: "Backpropagation differentiates the loss, so the loss must be computed first." },
      ...(p.steps.includes("zero") ? [{ id: "zero-after-backward", description: "Zeroes the gradients between backward and update.", input: { order: moveAfter(p.steps, "zero", "backward").join(", ") }, feedback: "Zeroing the gradients after the backward pass throws away the gradients the update needs." }] : []),
    ];
  },
});
