import { mul, square, sub, sum } from "../../../src/lib/autodiff/index.ts";
import { SGD } from "../../../src/lib/optim/index.ts";
import { defineFamily } from "../../family.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { f64 } from "../../support/engine.ts";
import { SIG3_OR_ABS, fmt, list, nice, numberAnswer, paren, shown, vectorAnswer } from "../../support/answers.ts";

/** E(w) = Σ_i a_i (w_i − c_i)², minimised at w = c. */
interface Params {
  a: number[];
  c: number[];
  w0: number[];
  eta: number;
  steps: number;
}

/** Gradient descent by the engine: E's gradient from backward(), the update by the SGD optimizer. */
function descend(
  p: Params,
  variant: "right" | "wrong-sign" | "no-two" = "right",
  steps = p.steps,
): { path: number[][]; grads: number[][] } {
  const w = f64(p.w0.slice(), true);
  const sgd = new SGD({ learningRate: p.eta });
  const path = [p.w0.slice()];
  const grads: number[][] = [];
  for (let k = 0; k < steps; k++) {
    w.zeroGrad();
    const E = sum(mul(f64(p.a), square(sub(w, f64(p.c)))));
    E.backward();
    // The mistakes, made on the gradient the optimizer sees: halved (dropped the 2) or negated (uphill).
    if (variant === "no-two") for (let i = 0; i < w.grad!.length; i++) w.grad![i] /= 2;
    if (variant === "wrong-sign") for (let i = 0; i < w.grad!.length; i++) w.grad![i] = -w.grad![i];
    grads.push(Array.from(w.grad!));
    sgd.step([w]);
    path.push(Array.from(w.data));
  }
  return { path, grads };
}
function spec(p: Params, values: number[]): AnswerSpec {
  return p.w0.length === 1 ? numberAnswer(values[0], SIG3_OR_ABS) : vectorAnswer(values);
}
function text(p: Params, values: number[]): string {
  return p.w0.length === 1 ? fmt(values[0]) : list(values);
}
function answer(p: Params) {
  const { path } = descend(p);
  return { w: spec(p, path[path.length - 1]) };
}
function energy(p: Params): string {
  const v = p.w0.length === 1 ? ["w"] : ["x", "y"];
  return p.a.map((a, i) => `${fmt(a)}(${v[i]} ${p.c[i] < 0 ? "+" : "-"} ${fmt(Math.abs(p.c[i]))})^2`).join(" + ");
}

/** Gradient-descent steps w ← w − η∇E on a quadratic bowl. */
export const gdStep = defineFamily<Params>({
  id: "gd-step",
  version: 1,
  title: "A gradient-descent step on a quadratic",
  lesson: "loss-and-gradient-descent",
  skills: ["gradient of a quadratic", "update rule w ← w − η∇E"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const dims = level === 2 ? 2 : 1;
    return {
      a: Array.from({ length: dims }, () => nice(rng, 0.5, 3, 1)),
      c: Array.from({ length: dims }, () => nice(rng, -2, 2, 1)),
      w0: Array.from({ length: dims }, () => nice(rng, -3, 3, 1)),
      eta: rng.choice([0.05, 0.1, 0.2]),
      steps: level === 3 ? 3 : 1,
    };
  },
  wellPosed(p) {
    return p.w0.every((w, i) => Math.abs(w - p.c[i]) >= 0.5) ? true : "start too close to the minimum";
  },
  render(p) {
    const dims = p.w0.length;
    const vars = dims === 1 ? "w" : "(x, y)";
    return {
      prompt: `Minimise $E(${dims === 1 ? "w" : "x, y"}) = ${energy(p)}$ by gradient descent with learning rate $\\eta = ${fmt(p.eta)}$, starting from $${vars} = ${dims === 1 ? fmt(p.w0[0]) : `(${p.w0.map((x) => fmt(x)).join(", ")})`}$. Where are you after ${p.steps === 1 ? "one step" : `${p.steps} steps`}?${dims > 1 ? " Enter [x, y]." : ""}`,
      parts: [
        {
          id: "w",
          label: dims === 1 ? `$w_{${p.steps}}$` : "$(x_1, y_1)$",
          placeholder: dims === 1 ? "3 significant figures are enough" : "[x, y]",
        },
      ],
    };
  },
  answer,
  hints(p) {
    return [
      "The derivative of $a(w - c)^2$ is $2a(w - c)$.",
      "Gradient descent moves *against* the gradient: $w \\leftarrow w - \\eta\\,\\nabla E$.",
      ...(p.steps > 1 ? ["Recompute the gradient at the new point before each step."] : []),
    ];
  },
  solution(p) {
    const { path, grads } = descend(p);
    const steps = grads.map(
      (g, k) =>
        `Step ${k + 1}: $\\nabla E = ${p.w0.length === 1 ? fmt(g[0]) : list(g)}$, so the new point is $${text(p, path[k])} - ${fmt(p.eta)}\\cdot ${p.w0.length === 1 ? paren(g[0]) : list(g)} = ${text(p, path[k + 1])}$.`,
    );
    return [...steps, `Answer: ${shown(answer(p).w)}`];
  },
  misconceptions(p) {
    return [
      {
        id: "wrong-sign",
        description: "Steps up the gradient (w + η∇E).",
        input: { w: text(p, descend(p, "wrong-sign").path[p.steps]) },
        feedback: "You moved *with* the gradient, uphill. Descent subtracts: $w - \\eta\\nabla E$.",
      },
      {
        id: "forgot-factor-two",
        description: "Differentiates a(w − c)² as a(w − c).",
        input: { w: text(p, descend(p, "no-two").path[p.steps]) },
        feedback: "$\\frac{d}{dw}a(w-c)^2 = 2a(w-c)$: you dropped the 2.",
      },
      {
        id: "forgot-learning-rate",
        description: "Subtracts the whole gradient.",
        input: { w: text(p, descend({ ...p, eta: 1 }).path[p.steps]) },
        feedback: "Multiply the gradient by the learning rate η before subtracting it.",
      },
      ...(p.steps > 1
        ? [
            {
              id: "one-step-only",
              description: "Takes one step instead of several.",
              input: { w: text(p, descend(p, "right", 1).path[1]) },
              feedback: `That is where the first step lands; take all ${p.steps} steps.`,
            },
          ]
        : []),
    ];
  },
});
