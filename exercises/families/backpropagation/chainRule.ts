import { activation, add, mul, square, sub } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64, activationAt } from "../../support/engine.ts";
import { PLACEHOLDER_SIG3, SIG3_OR_ABS, fmt, niceNonZero, numberAnswer, paren, shown } from "../../support/answers.ts";

type Act = "sigmoid" | "tanh";
type Target = "w2" | "w1" | "b1";
interface Params {
  x: number;
  y: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  f: Act;
  target: Target;
}

/**
 * The 1-1-1 network x → z = w1·x + b1 → h = f(z) → ŷ = w2·h + b2 with E = ½(ŷ − y)², run forward
 * and backward by the engine. Returns every intermediate value and the three gradients.
 */
function run(p: Params) {
  const w1 = f64([p.w1], true);
  const b1 = f64([p.b1], true);
  const w2 = f64([p.w2], true);
  const b2 = f64([p.b2], true);
  const z = add(mul(w1, p.x), b1);
  const h = activation(p.f)(z);
  const yhat = add(mul(w2, h), b2);
  const E = mul(square(sub(yhat, p.y)), 0.5);
  E.backward(Float64Array.of(1));
  return { z: z.data[0], h: h.data[0], yhat: yhat.data[0], E: E.data[0], grad: { w1: w1.grad![0], b1: b1.grad![0], w2: w2.grad![0] } };
}
function answer(p: Params) {
  return { g: numberAnswer(run(p).grad[p.target], SIG3_OR_ABS) };
}
const F: Record<Act, string> = { sigmoid: "\\sigma", tanh: "\\tanh" };
const DF: Record<Act, string> = { sigmoid: "\\sigma(z)(1-\\sigma(z))", tanh: "1-\\tanh^2 z" };

/** ∂E/∂w in a 1-1-1 network by the chain rule; the engine's backward pass is the reference. */
export const chainRule = defineFamily<Params>({
  id: "chain-rule",
  version: 1,
  title: "Chain rule through a tiny network",
  lesson: "backpropagation",
  skills: ["chain rule", "local derivatives", "error signal δ"],
  levels: [1, 2, 3],
  generate(rng, level) {
    return {
      x: niceNonZero(rng, -2, 2, 1, 0.3),
      y: niceNonZero(rng, -1, 1, 1),
      w1: niceNonZero(rng, -1.5, 1.5, 1),
      b1: niceNonZero(rng, -0.5, 0.5, 1),
      w2: niceNonZero(rng, -1.5, 1.5, 1),
      b2: niceNonZero(rng, -0.5, 0.5, 1),
      f: level === 3 ? "tanh" : "sigmoid",
      target: level === 1 ? "w2" : level === 2 ? "w1" : rng.choice(["w1", "b1"] as const),
    };
  },
  wellPosed(p) {
    return Math.abs(run(p).yhat - p.y) > 0.05 ? true : "prediction already equals the target";
  },
  render(p) {
    const sym: Record<Target, string> = { w2: "w_2", w1: "w_1", b1: "b_1" };
    return {
      prompt: `A network with one input, one hidden neuron and one output computes $z = w_1 x + b_1$, $h = ${F[p.f]}(z)$, $\\hat{y} = w_2 h + b_2$, and is trained on $E = \\tfrac12(\\hat{y} - y)^2$. With $x = ${fmt(p.x)}$, $y = ${fmt(p.y)}$, $w_1 = ${fmt(p.w1)}$, $b_1 = ${fmt(p.b1)}$, $w_2 = ${fmt(p.w2)}$, $b_2 = ${fmt(p.b2)}$, what is $\\partial E/\\partial ${sym[p.target]}$?`,
      parts: [{ id: "g", label: `$\\partial E/\\partial ${sym[p.target]}$`, placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints(p) {
    return [
      "Do the forward pass first: compute z, h and ŷ.",
      "The error signal at the output is $\\partial E/\\partial\\hat{y} = \\hat{y} - y$.",
      p.target === "w2"
        ? "$\\partial\\hat{y}/\\partial w_2 = h$."
        : `Going back through the hidden neuron multiplies by $w_2$ and by $${F[p.f]}'(z) = ${DF[p.f]}$${p.target === "w1" ? ", then by $\\partial z/\\partial w_1 = x$" : "; $\\partial z/\\partial b_1 = 1$"}.`,
    ];
  },
  solution(p) {
    const r = run(p);
    const d = activationAt(p.f, r.z).derivative;
    const delta = r.yhat - p.y;
    const chain: Record<Target, string> = {
      w2: `$\\partial E/\\partial w_2 = (\\hat{y}-y)\\,h = ${fmt(delta)}\\cdot${paren(r.h)}$`,
      w1: `$\\partial E/\\partial w_1 = (\\hat{y}-y)\\,w_2\\,${F[p.f]}'(z)\\,x = ${fmt(delta)}\\cdot${paren(p.w2)}\\cdot${fmt(d)}\\cdot${paren(p.x)}$`,
      b1: `$\\partial E/\\partial b_1 = (\\hat{y}-y)\\,w_2\\,${F[p.f]}'(z) = ${fmt(delta)}\\cdot${paren(p.w2)}\\cdot${fmt(d)}$`,
    };
    return [
      `Forward: $z = ${fmt(r.z)}$, $h = ${fmt(r.h)}$, $\\hat{y} = ${fmt(r.yhat)}$, so $\\hat{y} - y = ${fmt(delta)}$.`,
      chain[p.target],
      `Answer: ${shown(answer(p).g)}`,
    ];
  },
  misconceptions(p) {
    const r = run(p);
    const g = r.grad[p.target];
    const d = activationAt(p.f, r.z).derivative;
    const delta = r.yhat - p.y;
    const common = [
      { id: "sign", description: "Uses y − ŷ.", input: { g: fmt(-g) }, feedback: "Sign error: ∂E/∂ŷ = ŷ − y for E = ½(ŷ − y)²." },
    ];
    if (p.target === "w2") {
      return [
        ...common,
        {
          id: "used-pre-activation",
          description: "Uses z instead of h.",
          input: { g: fmt(delta * r.z) },
          feedback: "ŷ = w₂·h, so ∂ŷ/∂w₂ is the hidden neuron's *output* h, not its pre-activation z.",
        },
      ];
    }
    const x = p.target === "w1" ? p.x : 1;
    return [
      ...common,
      {
        id: "forgot-activation-derivative",
        description: "Skips f′(z).",
        input: { g: fmt(delta * p.w2 * x) },
        feedback: `Going back through the activation multiplies by its slope ${F[p.f]}′(z) = ${fmt(d, 4)}.`,
      },
      {
        id: "activation-not-derivative",
        description: "Multiplies by f(z) instead of f′(z).",
        input: { g: fmt(delta * p.w2 * r.h * x) },
        feedback: "Multiply by the activation's *derivative* at z, not by its value h.",
      },
      ...(p.target === "w1"
        ? [
            {
              id: "forgot-input",
              description: "Forgets ∂z/∂w₁ = x.",
              input: { g: fmt(delta * p.w2 * d) },
              feedback: "The last link of the chain is ∂z/∂w₁ = x: multiply by the input.",
            },
          ]
        : [
            {
              id: "bias-times-input",
              description: "Multiplies by x for the bias.",
              input: { g: fmt(delta * p.w2 * d * p.x) },
              feedback: "∂z/∂b₁ = 1: a bias is not multiplied by the input.",
            },
          ]),
    ];
  },
});
