import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { fmt, integerAnswer, shown } from "../../support/answers.ts";

interface Params {
  /** Training examples. */
  n: number;
  /** Minibatch size. */
  batch: number;
  /** Epochs (level 2 asks for the total over all epochs). */
  epochs: number;
  level: number;
}

const perEpoch = (p: Params) => Math.ceil(p.n / p.batch);
function answer(p: Params): Record<string, AnswerSpec> {
  if (p.level === 1) return { updates: integerAnswer(perEpoch(p)) };
  if (p.level === 2) return { updates: integerAnswer(p.epochs * perEpoch(p)) };
  return { updates: integerAnswer(perEpoch(p)), last: integerAnswer(p.n - p.batch * Math.floor(p.n / p.batch)) };
}

/** Parameter updates per epoch, ⌈N / B⌉: the last, smaller minibatch is still a step. */
export const updatesPerEpoch = defineFamily<Params>({
  id: "updates-per-epoch",
  version: 1,
  title: "How many updates in an epoch?",
  lesson: "sgd-and-minibatches",
  skills: ["minibatches", "epochs", "ceiling division"],
  levels: [1, 2, 3],
  generate(rng, level) {
    return {
      n: rng.int(1, 600) * rng.choice([10, 25, 100]) + rng.int(1, 10),
      batch: rng.choice([16, 32, 50, 64, 100, 128, 256]),
      epochs: level === 2 ? rng.choice([5, 10, 20, 30, 50]) : 1,
      level,
    };
  },
  // Only sizes that do not divide evenly, so that the ceiling matters.
  wellPosed(p) {
    return p.n % p.batch !== 0 && p.n > p.batch ? true : "batch divides N or exceeds it";
  },
  render(p) {
    const base = `A galaxy catalogue of N = ${p.n} training images is fed to minibatch SGD with batch size B = ${p.batch}. Every image is used once per epoch, and the final, smaller minibatch is kept.`;
    const question =
      p.level === 1
        ? "How many parameter updates happen in one epoch?"
        : p.level === 2
          ? `How many parameter updates happen in ${p.epochs} epochs?`
          : "How many updates happen in one epoch, and how many images are in the last minibatch?";
    const parts =
      p.level === 3
        ? [
            { id: "updates", label: "updates per epoch" },
            { id: "last", label: "images in the last minibatch" },
          ]
        : [{ id: "updates", label: "updates" }];
    return { prompt: `${base} ${question}`, parts };
  },
  answer,
  hints(p) {
    return [
      "One minibatch gives one update.",
      `${p.n} ÷ ${p.batch} is not a whole number: the leftover images form one more (smaller) minibatch.`,
      ...(p.level === 2 ? ["Every epoch has the same number of updates."] : []),
    ];
  },
  solution(p) {
    const full = Math.floor(p.n / p.batch);
    const a = answer(p);
    return [
      `$N/B = ${p.n}/${p.batch} = ${fmt(p.n / p.batch, 5)}$: ${full} full minibatches and ${p.n - full * p.batch} images left over, which form one more minibatch.`,
      `Updates per epoch: $\\lceil N/B \\rceil = ${perEpoch(p)}$.`,
      p.level === 2
        ? `Over ${p.epochs} epochs: ${shown(a.updates)} updates.`
        : p.level === 3
          ? `Answer: ${shown(a.updates)} updates; the last minibatch has ${shown(a.last)} images.`
          : `Answer: ${shown(a.updates)} updates.`,
    ];
  },
  misconceptions(p) {
    const floor = Math.floor(p.n / p.batch);
    const list: Misconception[] = [
      {
        id: "no-ceiling",
        description: "Uses ⌊N/B⌋ (drops the last batch).",
        input: { updates: String(p.epochs * floor) },
        feedback: "N/B is not a whole number: the leftover images make one more, smaller minibatch, which is one more update. Round up.",
      },
    ];
    if (p.level === 2 && Math.ceil((p.epochs * p.n) / p.batch) !== p.epochs * perEpoch(p)) {
      list.push({
        id: "batches-across-epochs",
        description: "Ceils the total E·N/B.",
        input: { updates: String(Math.ceil((p.epochs * p.n) / p.batch)) },
        feedback:
          "Minibatches do not run across epoch boundaries: each epoch ends with its own short batch. Multiply the per-epoch count by the epochs.",
      });
    }
    if (p.level === 3)
      list.push({
        id: "last-batch-full",
        description: "Assumes the last batch is full.",
        input: { last: String(p.batch) },
        feedback: "Only the leftover images remain for the last minibatch: N − B·⌊N/B⌋.",
      });
    return list;
  },
});
