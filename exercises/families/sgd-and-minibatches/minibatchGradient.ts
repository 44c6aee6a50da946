import { mse, mul } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { PLACEHOLDER_SIG3, SIG3_OR_ABS, fmt, list, nice, niceNonZero, numberAnswer, shown } from "../../support/answers.ts";

interface Params {
  w: number;
  x: number[];
  y: number[];
}

/** ∂/∂w of the minibatch loss (1/B) Σ (w x_i − y_i)², by the engine. */
function gradient(p: Params): number {
  const w = f64([p.w], true);
  mse(mul(w, f64(p.x)), f64(p.y)).backward();
  return w.grad![0];
}
function answer(p: Params) {
  return { g: numberAnswer(gradient(p), SIG3_OR_ABS) };
}

/** The minibatch gradient is the mean of the per-example gradients 2x_i(wx_i − y_i). */
export const minibatchGradient = defineFamily<Params>({
  id: "minibatch-gradient",
  version: 1,
  title: "Gradient of a minibatch loss",
  lesson: "sgd-and-minibatches",
  skills: ["minibatch gradient as an average", "per-example gradients"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const b = level + 1;
    return {
      w: niceNonZero(rng, -2, 2, 1),
      x: Array.from({ length: b }, () => niceNonZero(rng, -2, 2, 1)),
      y: Array.from({ length: b }, () => nice(rng, -2, 2, 1)),
    };
  },
  wellPosed(p) {
    const r = p.x.map((x, i) => p.w * x - p.y[i]);
    return r.every((v) => Math.abs(v) > 0.05) && Math.abs(gradient(p)) > 0.05 ? true : "degenerate residuals";
  },
  render(p) {
    return {
      prompt: `A one-weight model $\\hat{y} = w x$ with $w = ${fmt(p.w)}$ is trained on the minibatch loss $E = \\frac{1}{B}\\sum_{i=1}^{B}(w x_i - y_i)^2$. The minibatch has $x = ${list(p.x)}$ and $y = ${list(p.y)}$. What is $\\partial E / \\partial w$?`,
      parts: [{ id: "g", label: "$\\partial E/\\partial w$", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints() {
    return [
      "For one example, $\\partial/\\partial w\\,(wx - y)^2 = 2x(wx - y)$.",
      "The minibatch gradient is the *average* of the per-example gradients.",
    ];
  },
  solution(p) {
    const per = p.x.map((x, i) => 2 * x * (p.w * x - p.y[i]));
    return [`Per-example gradients $2x_i(wx_i - y_i)$: ${list(per)}.`, `Average over the ${p.x.length} examples: ${shown(answer(p).g)}.`];
  },
  misconceptions(p) {
    const per = p.x.map((x, i) => 2 * x * (p.w * x - p.y[i]));
    const sum = per.reduce((a, b) => a + b, 0);
    const b = p.x.length;
    return [
      {
        id: "sum-not-mean",
        description: "Sums the per-example gradients.",
        input: { g: fmt(sum) },
        feedback: "E averages over the minibatch (1/B), so its gradient is the average, not the sum.",
      },
      {
        id: "forgot-two",
        description: "Drops the factor 2.",
        input: { g: fmt(sum / b / 2) },
        feedback: "d/du u² = 2u: keep the factor 2.",
      },
      {
        id: "forgot-input",
        description: "Leaves out the factor x_i.",
        input: { g: fmt(p.x.reduce((a, x, i) => a + 2 * (p.w * x - p.y[i]), 0) / b) },
        feedback: "Chain rule: ∂(wx_i − y_i)/∂w = x_i, so each residual is multiplied by its input.",
      },
      {
        id: "first-example-only",
        description: "Uses one example's gradient.",
        input: { g: fmt(per[0]) },
        feedback: "That is the first example's gradient alone; the minibatch gradient averages all of them.",
      },
    ];
  },
});
