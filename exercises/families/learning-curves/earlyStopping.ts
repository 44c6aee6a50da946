import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { fmt, integerAnswer, nice, shown } from "../../support/answers.ts";

interface Params {
  /** Validation loss after epochs 1, 2, … */
  losses: number[];
  patience: number;
}

/**
 * Early stopping as Keras's EarlyStopping(patience, restore_best_weights=True) does it: stop after
 * `patience` epochs without a new best validation loss; keep the weights of the best epoch.
 */
function earlyStop(losses: readonly number[], patience: number): { best: number; stop: number } {
  let best = 0;
  for (let e = 1; e < losses.length; e++) {
    if (losses[e] < losses[best]) best = e;
    if (e - best >= patience) return { best: best + 1, stop: e + 1 };
  }
  return { best: best + 1, stop: losses.length };
}
function answer(p: Params) {
  const { best, stop } = earlyStop(p.losses, p.patience);
  return { stop: integerAnswer(stop), best: integerAnswer(best) };
}

/** When does early stopping stop, and which epoch's weights does it keep? */
export const earlyStopping = defineFamily<Params>({
  id: "early-stopping",
  version: 1,
  title: "Early stopping on a validation curve",
  lesson: "learning-curves",
  skills: ["validation loss", "patience", "restoring the best weights"],
  levels: [1, 2, 3],
  generate(rng, level) {
    // A U-shaped validation curve (falls, then rises as the model overfits) with noise, so that a
    // few epochs after the minimum look like improvements that are not new bests.
    const n = 12 + level * 2;
    const bottom = rng.int(4, n - 5);
    const noise = level === 1 ? 0.005 : 0.03;
    const losses = Array.from(
      { length: n },
      (_, e) => nice(rng, -noise, noise, 3) + 0.3 + 0.6 * Math.exp(-e / 2.5) + 0.015 * Math.max(0, e - bottom) ** 1.3,
    );
    return { losses: losses.map((x) => Math.round(x * 1000) / 1000), patience: level === 1 ? 2 : rng.choice([3, 4, 5]) };
  },
  wellPosed(p) {
    const { best, stop } = earlyStop(p.losses, p.patience);
    const unique = new Set(p.losses).size === p.losses.length;
    return unique && stop < p.losses.length && best > 1 ? true : "no early stop inside the run, or tied losses";
  },
  render(p) {
    const rows = p.losses.map((l, e) => `| ${e + 1} | ${fmt(l)} |`).join("\n");
    return {
      prompt: `A network is trained with early stopping on the validation loss (patience ${p.patience}: training stops once ${p.patience} epochs in a row bring no new lowest validation loss; the best weights are restored). The validation loss after each epoch is:

| epoch | validation loss |
|---|---|
${rows}

After which epoch does training stop, and which epoch's weights are kept?`,
      parts: [
        { id: "stop", label: "training stops after epoch" },
        { id: "best", label: "weights kept from epoch" },
      ],
    };
  },
  answer,
  hints(p) {
    return [
      "Track the lowest validation loss seen so far, epoch by epoch.",
      `Count epochs since that lowest value; when the count reaches ${p.patience}, training stops.`,
    ];
  },
  solution(p) {
    const { best, stop } = earlyStop(p.losses, p.patience);
    return [
      `The lowest validation loss is ${fmt(p.losses[best - 1])} at epoch ${best}; no later epoch (up to the stop) beats it.`,
      `Epochs ${best + 1}–${stop} are ${p.patience} epochs without improvement, so training stops after epoch ${stop}.`,
      `Answer: stops after epoch ${shown(answer(p).stop)}; weights kept from epoch ${shown(answer(p).best)}.`,
    ];
  },
  misconceptions(p): Misconception[] {
    const { best, stop } = earlyStop(p.losses, p.patience);
    return [
      {
        id: "stops-at-best",
        description: "Stops at the best epoch.",
        input: { stop: String(best) },
        feedback: "Training cannot know an epoch was the best until `patience` epochs later: it stops after epoch best + patience.",
      },
      {
        id: "keeps-last-weights",
        description: "Keeps the weights of the last epoch.",
        input: { best: String(stop) },
        feedback: "With restore_best_weights the model goes back to the epoch with the lowest validation loss, not the last one.",
      },
      {
        id: "patience-off-by-one",
        description: "Stops one epoch late.",
        input: { stop: String(stop + 1) },
        feedback: `Patience ${p.patience} means it stops after ${p.patience} epochs without improvement, not ${p.patience + 1}.`,
      },
    ];
  },
});
