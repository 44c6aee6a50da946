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

/**
 * Where the reset may go, as slots in the forward → loss → backward → update chain: before the
 * forward pass, after it, after the loss (all before this step's backward pass), or after the update
 * (clearing for the next step). Only "between backward and update" is wrong.
 */
const ZERO_AFTER: (Step | null)[] = [null, "forward", "loss", "update"];

/** Every accepted order: the canonical one (LEVEL_STEPS lists the reset just before the forward pass) and the reset moved to each other allowed slot. */
function acceptedOrders(steps: Step[]): Step[][] {
  if (!steps.includes("zero")) return [steps];
  return ZERO_AFTER.map((anchor) => (anchor === null ? steps : moveAfter(steps, "zero", anchor)));
}

function answer(p: Params) {
  const [correct, ...alsoCorrect] = acceptedOrders(p.steps);
  const items = p.shown.map((s) => ({ id: s, label: LABEL[s] }));
  return {
    order:
      alsoCorrect.length > 0 ? { kind: "ordering" as const, items, correct, alsoCorrect } : { kind: "ordering" as const, items, correct },
  };
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

/**
 * The rule, stated independently of any list of answers: forward before loss before backward before
 * update (each needs the one before); gradients are reset before this step's backward pass, which in
 * a repeating loop means anywhere except between backward and update (a reset after the update is the
 * next step's reset); shuffling opens the epoch and validation closes it.
 */
export function followsTrainingRule(steps: readonly Step[], order: readonly string[]): boolean {
  if (order.length !== steps.length || !steps.every((s) => order.includes(s))) return false;
  const at = (s: Step) => order.indexOf(s);
  if (!(at("forward") < at("loss") && at("loss") < at("backward") && at("backward") < at("update"))) return false;
  if (steps.includes("zero") && at("backward") < at("zero") && at("zero") < at("update")) return false;
  if (steps.includes("shuffle") && at("shuffle") !== 0) return false;
  if (steps.includes("validate") && at("validate") !== order.length - 1) return false;
  return true;
}

/** Put the steps of a training iteration in order (an ordering answer). */
export const trainingStepOrder = defineFamily<Params>({
  id: "training-step-order",
  version: 2,
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
  rule(p, _part, order) {
    return followsTrainingRule(p.steps, order as readonly string[]);
  },
  hints() {
    return [
      "You cannot compute a loss before you have predictions.",
      "Gradients come from the loss, and the optimizer needs gradients; gradients from the previous batch must be cleared first.",
    ];
  },
  solution(p) {
    return [
      "Predictions first (forward), then the loss, then its gradients (backward), then the update that uses them.",
      ...(p.steps.includes("zero")
        ? [
            "Gradients accumulate across backward passes, so they are reset before this step's backward pass: at the start, after the forward pass or after the loss are all right, and so is a reset right after the update (it clears them for the next step). Only between backward and update is wrong: the update would see zeros.",
          ]
        : []),
      `Order: ${shown(answer(p).order)} (ids ${p.steps.join(", ")}).`,
    ];
  },
  misconceptions(p) {
    return [
      {
        id: "update-before-backward",
        description: "Updates before computing gradients.",
        input: { order: swap(p.steps, "backward", "update").join(", ") },
        feedback: "The optimizer step uses the gradients, so the backward pass must come first.",
      },
      {
        id: "backward-before-loss",
        description: "Backpropagates before computing the loss.",
        input: { order: swap(p.steps, "loss", "backward").join(", ") },
        feedback: "Backpropagation differentiates the loss, so the loss must be computed first.",
      },
      ...(p.steps.includes("zero")
        ? [
            {
              id: "zero-after-backward",
              description: "Zeroes the gradients between backward and update.",
              input: { order: moveAfter(p.steps, "zero", "backward").join(", ") },
              feedback: "Zeroing the gradients after the backward pass throws away the gradients the update needs.",
            },
          ]
        : []),
    ];
  },
});
