import { activation, add, matmul, transpose } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { fmt, list, niceNonZero, shown, texMatrix, vectorAnswer } from "../../support/answers.ts";

type Activation = "relu" | "sigmoid" | "tanh";
interface Params {
  W: number[][];
  x: number[];
  b: number[];
  f: Activation;
}

const NAMES: Record<Activation, string> = { sigmoid: "\\sigma", tanh: "\\tanh", relu: "\\mathrm{ReLU}" };

/** z = W x + b and y = f(z) by the engine (x as a column). */
function forward(p: Params, options: { bias?: boolean; transposed?: boolean } = {}): { z: number[]; y: number[] } {
  const W = options.transposed ? transpose(f64(p.W)) : f64(p.W);
  const z = add(matmul(W, f64(p.x.map((v) => [v]))), f64(p.b.map((v) => [options.bias === false ? 0 : v])));
  return { z: Array.from(z.data), y: Array.from(activation(p.f)(z).data) };
}
function answer(p: Params) {
  return { y: vectorAnswer(forward(p).y) };
}

/** A dense layer's output vector y = f(Wx + b). */
export const layerOutput = defineFamily<Params>({
  id: "layer-output",
  version: 1,
  title: "Output vector of a dense layer",
  lesson: "neurons-and-layers",
  skills: ["matrix–vector product", "bias vector", "element-wise activation"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const nOut = level === 3 ? 3 : 2;
    const nIn = level === 1 ? 2 : 3;
    const f: Activation = level === 1 ? "relu" : rng.choice(["relu", "sigmoid", "tanh"] as const);
    return {
      W: Array.from({ length: nOut }, () => Array.from({ length: nIn }, () => niceNonZero(rng, -1.5, 1.5, 1))),
      x: Array.from({ length: nIn }, () => niceNonZero(rng, -2, 2, 1)),
      b: Array.from({ length: nOut }, () => niceNonZero(rng, -1, 1, 1)),
      f,
    };
  },
  render(p) {
    return {
      prompt: `A dense layer computes $\\mathbf{y} = ${NAMES[p.f]}(W\\mathbf{x} + \\mathbf{b})$, the activation applied element-wise, with
$$W = ${texMatrix(p.W)},\\quad \\mathbf{x} = ${texMatrix(p.x.map((v) => [v]))},\\quad \\mathbf{b} = ${texMatrix(p.b.map((v) => [v]))}.$$
What is $\\mathbf{y}$? Enter it as a list, e.g. [0.1, 0.2].`,
      parts: [{ id: "y", label: "$\\mathbf{y}$", placeholder: "[y1, y2, …]" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Row $i$ of $W$ holds the weights of neuron $i$: $z_i = \\sum_j W_{ij}x_j + b_i$.",
      `The vector $\\mathbf{z}$ has ${p.W.length} entries, one per row of $W$.`,
      `Apply $${NAMES[p.f]}$ to each entry of $\\mathbf{z}$.`,
    ];
  },
  solution(p) {
    const { z } = forward(p);
    return [
      ...p.W.map(
        (row, i) => `$z_${i + 1} = ${row.map((w, j) => `${fmt(w)}\\cdot(${fmt(p.x[j])})`).join(" + ")} + (${fmt(p.b[i])}) = ${fmt(z[i])}$`,
      ),
      `$\\mathbf{z} = ${list(z)}$; apply $${NAMES[p.f]}$ to each entry.`,
      `$\\mathbf{y} = ${shown(answer(p).y)}$`,
    ];
  },
  misconceptions(p) {
    const { y, z } = forward(p);
    const same = (v: number[]) => v.every((x, i) => x === y[i]);
    const noBias = forward(p, { bias: false }).y;
    const square = p.W.length === p.W[0].length;
    return [
      ...(same(noBias)
        ? []
        : [
            {
              id: "forgot-bias",
              description: "Leaves out b.",
              input: { y: list(noBias) },
              feedback: "Add the bias vector $\\mathbf{b}$ to $W\\mathbf{x}$ before the activation.",
            },
          ]),
      ...(same(z)
        ? []
        : [
            {
              id: "pre-activation",
              description: "Reports z = Wx + b.",
              input: { y: list(z) },
              feedback: "That is $\\mathbf{z} = W\\mathbf{x}+\\mathbf{b}$. The layer's output applies the activation to every entry.",
            },
          ]),
      ...(square
        ? [
            {
              id: "transposed-weights",
              description: "Uses columns of W as neurons (Wᵀx).",
              input: { y: list(forward(p, { transposed: true }).y) },
              feedback: "Each *row* of $W$ belongs to one neuron: $z_i = \\sum_j W_{ij}x_j$. You used the columns.",
            },
          ]
        : []),
    ];
  },
});
