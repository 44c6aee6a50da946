import { defineFamily } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";
import { denseParams } from "../../support/params.ts";

interface Params {
  /** Layer widths, input first: [n0, n1, …]. */
  sizes: number[];
}

function total(sizes: readonly number[], withBias = true): number {
  let sum = 0;
  for (let i = 0; i + 1 < sizes.length; i++) sum += withBias ? denseParams(sizes[i], sizes[i + 1]) : sizes[i] * sizes[i + 1];
  return sum;
}
function answer(p: Params) {
  return { count: integerAnswer(total(p.sizes)) };
}

/** Trainable parameters of fully connected layers: Σ (n_in·n_out + n_out). */
export const denseParamCount = defineFamily<Params>({
  id: "dense-params",
  version: 1,
  title: "Counting the parameters of dense layers",
  lesson: "neurons-and-layers",
  skills: ["weights per connection", "one bias per neuron"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const width = () => rng.choice([1, 2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128]);
    const layers = level === 1 ? 1 : level === 2 ? 2 : 3;
    return { sizes: [rng.choice([2, 3, 4, 8, 10, 20, 64, 784]), ...Array.from({ length: layers }, width)] };
  },
  render(p) {
    const desc =
      p.sizes.length === 2
        ? `a fully connected (dense) layer with ${p.sizes[0]} inputs and ${p.sizes[1]} neurons`
        : `a fully connected network with ${p.sizes[0]} inputs and dense layers of ${p.sizes.slice(1).join(", ")} neurons (in that order)`;
    return {
      prompt: `How many trainable parameters (weights and biases) does ${desc} have?`,
      parts: [{ id: "count", label: "parameters" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Every input is connected to every neuron of the next layer by its own weight.",
      "Every neuron also has one bias.",
      ...(p.sizes.length > 2 ? ["Count each layer separately (its inputs are the previous layer's outputs) and add."] : []),
    ];
  },
  solution(p) {
    const terms = p.sizes.slice(1).map((n, i) => `(${p.sizes[i]}\\cdot${n} + ${n})`);
    return [
      `Each dense layer has $n_\\text{in}\\cdot n_\\text{out}$ weights and $n_\\text{out}$ biases.`,
      `Total: $${terms.join(" + ")}$.`,
      `The network has ${shown(answer(p).count)} trainable parameters.`,
    ];
  },
  misconceptions(p) {
    const neurons = p.sizes.slice(1).reduce((a, b) => a + b, 0);
    return [
      {
        id: "forgot-bias",
        description: "Counts weights only.",
        input: { count: String(total(p.sizes, false)) },
        feedback: "You counted the weights only. Each neuron also has a bias, which is trained too.",
      },
      {
        id: "one-bias-per-layer",
        description: "One bias per layer instead of per neuron.",
        input: { count: String(total(p.sizes, false) + p.sizes.length - 1) },
        feedback: "Each neuron has its own bias, not each layer: add $n_\\text{out}$ biases per layer.",
      },
      {
        id: "adds-widths",
        description: "Adds the layer widths instead of multiplying.",
        input: { count: String(p.sizes.slice(1).reduce((s, n, i) => s + p.sizes[i] + n, 0) + neurons) },
        feedback:
          "Connections multiply: $n_\\text{in}$ inputs to $n_\\text{out}$ neurons need $n_\\text{in}\\cdot n_\\text{out}$ weights, not $n_\\text{in}+n_\\text{out}$.",
      },
    ];
  },
});
