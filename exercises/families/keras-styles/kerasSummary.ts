import { axisGeometry } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";
import { conv2dParams, denseParams } from "../../support/params.ts";

interface Row {
  name: string;
  type: string;
  shape: string;
  params: number;
  /** The count a learner who forgets the bias would give. */
  noBias: number;
  /** The count a learner who forgets the input channels would give (conv only). */
  noChannels: number;
}
interface Params {
  /** What the model takes, e.g. "20 features" or "28×28×1 images". */
  input: string;
  rows: Row[];
  /** Index of the hidden cell, or -1 for "Total params". */
  hidden: number;
}

/**
 * A Keras Sequential model's rows as model.summary() prints them ("None" is the batch axis).
 * Built by tracking shapes with the engine's window geometry.
 */
function buildRows(side: number, channels: number, convs: { f: number; k: number }[], dense: number[]): Row[] {
  const rows: Row[] = [];
  let h = side;
  let c = channels;
  convs.forEach((cv, i) => {
    h = axisGeometry(h, cv.k, 1, "valid").out;
    rows.push({
      name: `conv2d${i === 0 ? "" : `_${i}`}`,
      type: "Conv2D",
      shape: `(None, ${h}, ${h}, ${cv.f})`,
      params: conv2dParams(cv.k, c, cv.f),
      noBias: cv.k * cv.k * c * cv.f,
      noChannels: conv2dParams(cv.k, 1, cv.f),
    });
    c = cv.f;
    h = axisGeometry(h, 2, 2, "valid").out;
    rows.push({
      name: `max_pooling2d${i === 0 ? "" : `_${i}`}`,
      type: "MaxPooling2D",
      shape: `(None, ${h}, ${h}, ${c})`,
      params: 0,
      noBias: 0,
      noChannels: 0,
    });
  });
  let n = convs.length > 0 ? h * h * c : side;
  if (convs.length > 0) rows.push({ name: "flatten", type: "Flatten", shape: `(None, ${n})`, params: 0, noBias: 0, noChannels: 0 });
  dense.forEach((units, i) => {
    rows.push({
      name: `dense${i === 0 ? "" : `_${i}`}`,
      type: "Dense",
      shape: `(None, ${units})`,
      params: denseParams(n, units),
      noBias: n * units,
      noChannels: denseParams(n, units),
    });
    n = units;
  });
  return rows;
}
const total = (p: Params) => p.rows.reduce((a, r) => a + r.params, 0);
function answer(p: Params) {
  return { count: integerAnswer(p.hidden < 0 ? total(p) : p.rows[p.hidden].params) };
}

/** Read (and complete) a Keras model.summary(): a parameter cell or the total. */
export const kerasSummary = defineFamily<Params>({
  id: "keras-summary",
  version: 1,
  title: "Reading a Keras model summary",
  lesson: "keras-styles",
  skills: ["model.summary()", "output shapes", "parameter counts"],
  levels: [1, 2, 3],
  generate(rng, level) {
    if (level === 1) {
      const features = rng.choice([8, 16, 20, 64]);
      const rows = buildRows(features, 1, [], [rng.choice([16, 32, 64]), rng.choice([8, 16]), rng.choice([1, 3, 10])]);
      return { input: `${features} features`, rows, hidden: rng.int(0, rows.length) };
    }
    const convs = Array.from({ length: 2 }, () => ({ f: rng.choice([8, 16, 32]), k: 3 }));
    const side = rng.choice([28, 32, 64]);
    const channels = rng.choice([1, 3]);
    const rows = buildRows(side, channels, convs, [rng.choice([10, 32, 64])]);
    const candidates = rows.map((r, i) => (r.type === "Conv2D" ? i : -1)).filter((i) => i >= 0);
    return { input: `${side}×${side}×${channels} images`, rows, hidden: level === 2 ? rng.choice(candidates) : -1 };
  },
  render(p) {
    const inputNote = `A Keras Sequential model takes ${p.input}${p.rows[0].type === "Conv2D" ? " (its convolutions use 3×3 kernels and “valid” padding)" : ""}.`;
    const body = p.rows
      .map((r, i) => `| ${r.name} (${r.type}) | ${r.shape} | ${i === p.hidden || p.hidden < 0 ? "?" : r.params} |`)
      .join("\n");
    return {
      prompt: `${inputNote} Here is part of its \`model.summary()\`:

| Layer (type) | Output Shape | Param # |
|---|---|---|
${body}

${p.hidden < 0 ? "What does the summary report as **Total params**?" : `What is the missing Param # of **${p.rows[p.hidden].name}**?`}`,
      parts: [{ id: "count", label: p.hidden < 0 ? "Total params" : "Param #" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Dense: inputs × units + units. Conv2D: kernel height × kernel width × input channels × filters + filters (all kernels here are 3×3).",
      "A layer's inputs are the previous row's output shape (the last number is the channel or feature count). Pooling and Flatten have 0 parameters.",
      ...(p.hidden < 0 ? ["Total params is the sum of every row."] : []),
    ];
  },
  solution(p) {
    const rows = p.hidden < 0 ? p.rows : [p.rows[p.hidden]];
    return [...rows.map((r) => `${r.name}: ${r.params}.`), `Answer: ${shown(answer(p).count)}.`];
  },
  misconceptions(p) {
    const rows = p.hidden < 0 ? p.rows : [p.rows[p.hidden]];
    const sum = (f: (r: Row) => number) => String(rows.reduce((a, r) => a + f(r), 0));
    const list: Misconception[] = [
      {
        id: "forgot-bias",
        description: "Counts weights only.",
        input: { count: sum((r) => r.noBias) },
        feedback: "Each unit and each filter has a bias: add one parameter per output unit/filter.",
      },
    ];
    if (rows.some((r) => r.type === "Conv2D" && r.noChannels !== r.params))
      list.push({
        id: "forgot-input-channels",
        description: "Counts conv kernels as k×k only.",
        input: { count: sum((r) => r.noChannels) },
        feedback: "A Conv2D kernel spans every input channel: k·k·C_in weights per filter.",
      });
    return list;
  },
});
