import { activation, add, matmul } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { PLACEHOLDER_SIG3, SIG3_OR_ABS, fmt, niceNonZero, numberAnswer, paren, shown } from "../../support/answers.ts";

type Activation = "sigmoid" | "tanh" | "relu";
interface Params {
  x: number[];
  w: number[];
  b: number;
  f: Activation;
}

const NAMES: Record<Activation, string> = { sigmoid: "\\sigma", tanh: "\\tanh", relu: "\\mathrm{ReLU}" };

/** y = f(w·x + b) through the engine: a 1×n row times an n×1 column, plus the bias, then f. */
function forward(p: Params, withBias = true): { z: number; y: number } {
  const z = add(matmul(f64([p.x]), f64(p.w.map((v) => [v]))), f64([[withBias ? p.b : 0]]));
  return { z: z.data[0], y: activation(p.f)(z).data[0] };
}

function answer(p: Params) {
  return { y: numberAnswer(forward(p).y, SIG3_OR_ABS) };
}

/** The output of one neuron, y = f(w·x + b), for 2–4 inputs and a sigmoid, tanh or ReLU. */
export const neuronOutput = defineFamily<Params>({
  id: "neuron-output",
  version: 1,
  title: "Output of a single neuron",
  lesson: "neurons-and-layers",
  skills: ["weighted sum", "bias", "applying an activation"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const n = level === 1 ? 2 : level === 2 ? 3 : 4;
    const f: Activation = level === 1 ? "relu" : rng.choice(["sigmoid", "tanh", "relu"] as const);
    return {
      x: Array.from({ length: n }, () => niceNonZero(rng, -2, 2, 1)),
      w: Array.from({ length: n }, () => niceNonZero(rng, -1.5, 1.5, 1)),
      b: niceNonZero(rng, -1, 1, 1),
      f,
    };
  },
  // ReLU with z < 0 answers 0 whatever the weights: keep it, but only when the weighted sum is
  // clearly negative, so "forgot the bias" and "reported z" stay different answers.
  wellPosed(p) {
    return Math.abs(forward(p).z) > 0.05 ? true : "z too close to 0";
  },
  render(p) {
    const xs = p.x.map((v, i) => `x_${i + 1} = ${fmt(v)}`).join(",\\; ");
    const ws = p.w.map((v, i) => `w_${i + 1} = ${fmt(v)}`).join(",\\; ");
    return {
      prompt: `A neuron computes $y = ${NAMES[p.f]}(\\mathbf{w}\\cdot\\mathbf{x} + b)$. With inputs $${xs}$, weights $${ws}$ and bias $b = ${fmt(p.b)}$, what is its output $y$?`,
      parts: [{ id: "y", label: "$y$", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints(p) {
    return [
      "First the weighted sum: multiply each input by its weight and add the products.",
      `Then add the bias: $z = \\mathbf{w}\\cdot\\mathbf{x} + b$ with $b = ${fmt(p.b)}$.`,
      `Finally apply the activation to $z$: $y = ${NAMES[p.f]}(z)$.`,
    ];
  },
  solution(p) {
    const { z } = forward(p);
    const products = p.x.map((x, i) => `${paren(p.w[i])}\\cdot${paren(x)}`).join(" + ");
    return [
      `Weighted sum plus bias: $z = ${products} + ${paren(p.b)} = ${fmt(z)}$.`,
      `Activation: $y = ${NAMES[p.f]}(${fmt(z)})$.`,
      `$y = ${shown(answer(p).y)}$`,
    ];
  },
  misconceptions(p) {
    const { z, y } = forward(p);
    const noBias = forward(p, false).y;
    // A ReLU that is off with and without the bias gives 0 either way: then forgetting b is no mistake.
    return [
      ...(noBias === y
        ? []
        : [
            {
              id: "forgot-bias",
              description: "Leaves out the bias b.",
              input: { y: fmt(noBias) },
              feedback: `That is the output without the bias: add $b = ${fmt(p.b)}$ to the weighted sum before the activation.`,
            },
          ]),
      {
        id: "pre-activation",
        description: "Reports z instead of f(z).",
        input: { y: fmt(z) },
        feedback: "That is the pre-activation $z$. The neuron's output is the activation applied to it.",
      },
      ...(p.f === "relu"
        ? []
        : [
            {
              id: "negated-activation",
              description: "Uses f(−z) (sign error in the sum).",
              input: { y: fmt(activation(p.f)(f64([-z])).data[0]) },
              feedback: "Check the signs of the products: the weighted sum has the opposite sign of yours.",
            },
          ]),
    ];
  },
});
