import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";
import { conv2dParams, denseParams } from "../../support/params.ts";

interface Layer {
  name: string;
  /** Description for the table, e.g. "Conv2D 3×3, 3 → 32". */
  spec: string;
  params: number;
  /** How many of those parameters are biases (one per filter or neuron). */
  biases: number;
}
interface Params {
  layers: Layer[];
  /** The first `frozen` layers are frozen. */
  frozen: number;
  /** Level 1 shows each layer's parameter count; higher levels make the learner compute them. */
  showCounts: boolean;
}

function trainable(p: Params): number {
  return p.layers.slice(p.frozen).reduce((a, l) => a + l.params, 0);
}
function answer(p: Params) {
  return { count: integerAnswer(trainable(p)) };
}

/** Trainable parameters after freezing a pretrained base: only the unfrozen layers count. */
export const frozenParams = defineFamily<Params>({
  id: "frozen-params",
  version: 1,
  title: "Trainable parameters after freezing layers",
  lesson: "transfer-learning",
  skills: ["freezing layers", "fine-tuning", "counting parameters"],
  levels: [1, 2, 3],
  generate(rng, level) {
    // A small pretrained CNN base (3×3 convs, pooling in between) and a new classification head.
    let c = 3;
    const layers: Layer[] = [];
    const nConv = level === 3 ? 4 : 3;
    for (let i = 0; i < nConv; i++) {
      const f = rng.choice([16, 32, 64, 128]);
      layers.push({ name: `conv${i + 1}`, spec: `Conv2D 3×3, ${c} → ${f} channels`, params: conv2dParams(3, c, f), biases: f });
      c = f;
    }
    const pooledSide = rng.choice([2, 4]);
    const flat = pooledSide * pooledSide * c;
    const hidden = rng.choice([32, 64, 128]);
    const classes = rng.choice([2, 3, 5, 10]);
    layers.push({
      name: "dense1",
      spec: `Dense, ${flat} → ${hidden} (after flattening a ${pooledSide}×${pooledSide}×${c} map)`,
      params: denseParams(flat, hidden),
      biases: hidden,
    });
    layers.push({ name: "output", spec: `Dense, ${hidden} → ${classes}`, params: denseParams(hidden, classes), biases: classes });
    const frozen = level === 1 ? nConv : rng.int(1, nConv + 1);
    return { layers, frozen, showCounts: level === 1 };
  },
  render(p) {
    const rows = p.layers
      .map((l, i) => `| ${l.name} | ${l.spec} | ${p.showCounts ? l.params : "?"} | ${i < p.frozen ? "frozen" : "trainable"} |`)
      .join("\n");
    return {
      prompt: `A pretrained galaxy-morphology network is fine-tuned on a new survey. Its layers (pooling and flatten layers, which have no parameters, are omitted):

| layer | type | parameters | status |
|---|---|---|---|
${rows}

How many parameters will the optimizer update?`,
      parts: [{ id: "count", label: "trainable parameters" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Frozen layers keep their pretrained weights: the optimizer does not update them.",
      p.showCounts
        ? "Add the parameter counts of the trainable layers only."
        : "Compute each trainable layer's count: Conv2D k·k·C_in·F + F; Dense n_in·n_out + n_out. Then add them.",
    ];
  },
  solution(p) {
    const t = p.layers.slice(p.frozen);
    return [`Trainable layers: ${t.map((l) => `${l.name} (${l.params})`).join(", ")}.`, `Sum: ${shown(answer(p).count)} parameters.`];
  },
  misconceptions(p) {
    const all = p.layers.reduce((a, l) => a + l.params, 0);
    const list: Misconception[] = [
      {
        id: "counted-frozen",
        description: "Counts every layer.",
        input: { count: String(all) },
        feedback: "That is the total. Frozen layers are not updated, so they are not trainable parameters.",
      },
      {
        id: "frozen-instead",
        description: "Counts the frozen layers.",
        input: { count: String(all - trainable(p)) },
        feedback: "That is the number of *frozen* parameters. The question asks how many the optimizer updates.",
      },
    ];
    if (!p.showCounts) {
      const noBias = p.layers.slice(p.frozen).reduce((a, l) => a + l.params - l.biases, 0);
      list.push({
        id: "forgot-bias",
        description: "Counts weights only.",
        input: { count: String(noBias) },
        feedback: "Each filter and each dense neuron has a trainable bias as well.",
      });
    }
    return list;
  },
});
