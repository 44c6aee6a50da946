import { defineFamily } from "../../family.ts";
import { FORMULA, nice, shown } from "../../support/answers.ts";
import { activationAt } from "../../support/engine.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";

type Kind = "sigmoid" | "tanh" | "softplus";
interface Params {
  kind: Kind;
  /** Sample values of the formula's variable where answers are compared. */
  samples: number[];
}

/**
 * For each activation: the variable the learner writes in, the correct formula, the mistakes, and how
 * to get the variable's value from z (so the canonical formula is checked against the engine).
 */
const TABLE: Record<
  Kind,
  { variable: string; question: string; canonical: string; wrong: { id: string; formula: string; feedback: string }[] }
> = {
  sigmoid: {
    variable: "s",
    question: "Write the derivative $\\sigma'(z)$ of the sigmoid in terms of $s = \\sigma(z)$ only.",
    canonical: "s*(1 - s)",
    wrong: [
      {
        id: "forgot-one-minus",
        formula: "s",
        feedback: "σ′ is not σ itself: differentiate 1/(1 + e^−z) and write the result using s = σ(z).",
      },
      {
        id: "tanh-rule",
        formula: "1 - s^2",
        feedback: "1 − t² is the rule for tanh. For the sigmoid the derivative is the product of s and 1 − s.",
      },
      { id: "one-minus-only", formula: "1 - s", feedback: "You have one factor: σ′(z) = σ(z)·(1 − σ(z))." },
    ],
  },
  tanh: {
    variable: "t",
    question: "Write the derivative of $\\tanh z$ in terms of $t = \\tanh(z)$ only.",
    canonical: "1 - t^2",
    wrong: [
      { id: "not-squared", formula: "1 - t", feedback: "Square the tanh: tanh′(z) = 1 − tanh²(z)." },
      { id: "sigmoid-rule", formula: "t*(1 - t)", feedback: "t(1 − t) is the sigmoid's rule. For tanh it is 1 − t²." },
      {
        id: "plus-sign",
        formula: "1 + t^2",
        feedback: "tanh flattens out for large |z|, so its slope must shrink as |t| grows: 1 − t², not 1 + t².",
      },
    ],
  },
  softplus: {
    variable: "z",
    question: "Write the derivative of $\\mathrm{softplus}(z) = \\ln(1 + e^{z})$ as a formula in $z$ (you may use exp, log and sigmoid).",
    canonical: "1/(1 + exp(-z))",
    wrong: [
      {
        id: "function-itself",
        formula: "log(1 + exp(z))",
        feedback: "That is the softplus itself. Differentiate ln(1 + eᶻ) with the chain rule.",
      },
      {
        id: "forgot-chain-rule",
        formula: "1/(1 + exp(z))",
        feedback: "d/dz ln(u) = u′/u with u = 1 + eᶻ and u′ = eᶻ: the result is eᶻ/(1 + eᶻ) = σ(z).",
      },
      { id: "numerator-only", formula: "exp(z)", feedback: "Divide by 1 + eᶻ as well: d/dz ln(u) = u′/u." },
    ],
  },
};

function spec(p: Params): AnswerSpec {
  const t = TABLE[p.kind];
  return {
    kind: "expression",
    variables: [t.variable],
    canonical: t.canonical,
    points: p.samples.map((v) => ({ [t.variable]: v })),
    tolerance: FORMULA,
  };
}

/** The engine's derivative at z, for checking that the canonical formula is right (see the test). */
export function engineDerivative(kind: Kind, z: number): { variable: number; derivative: number } {
  const d = activationAt(kind, z);
  return { variable: kind === "softplus" ? z : activationAt(kind, z).value, derivative: d.derivative };
}

/** An activation's derivative as a formula, graded by evaluating it at random points. */
export const derivativeFormula = defineFamily<Params>({
  id: "activation-derivative-formula",
  version: 1,
  title: "Derivative of an activation as a formula",
  lesson: "activation-functions",
  skills: ["derivatives of σ, tanh and softplus", "chain rule"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const kind: Kind = level === 1 ? "sigmoid" : level === 2 ? "tanh" : "softplus";
    const range = kind === "sigmoid" ? [0.05, 0.95] : kind === "tanh" ? [-0.95, 0.95] : [-3, 3];
    return { kind, samples: Array.from({ length: 4 }, () => nice(rng, range[0], range[1], 3)) };
  },
  wellPosed(p) {
    return new Set(p.samples).size === p.samples.length ? true : "repeated sample point";
  },
  render(p) {
    return {
      prompt: TABLE[p.kind].question,
      parts: [{ id: "formula", label: `formula in $${TABLE[p.kind].variable}$`, placeholder: `e.g. 2*${TABLE[p.kind].variable} + 1` }],
    };
  },
  answer: (p) => ({ formula: spec(p) }),
  hints(p) {
    const h: Record<Kind, string[]> = {
      sigmoid: [
        "Write σ(z) = (1 + e^{−z})^{−1} and differentiate with the chain rule.",
        "You get e^{−z}/(1 + e^{−z})². Split it as [1/(1 + e^{−z})]·[e^{−z}/(1 + e^{−z})]; the second factor is 1 − σ(z).",
      ],
      tanh: ["tanh z = sinh z / cosh z; use the quotient rule.", "You get (cosh² z − sinh² z)/cosh² z = 1 − tanh² z."],
      softplus: ["Use d/dz ln(u) = u′/u with u = 1 + eᶻ.", "eᶻ/(1 + eᶻ): divide top and bottom by eᶻ."],
    };
    return h[p.kind];
  },
  solution(p) {
    const steps: Record<Kind, string[]> = {
      sigmoid: [
        "$\\sigma'(z) = \\dfrac{e^{-z}}{(1+e^{-z})^2} = \\dfrac{1}{1+e^{-z}}\\cdot\\dfrac{e^{-z}}{1+e^{-z}}$",
        "The second factor is $1 - \\sigma(z)$, so $\\sigma'(z) = s(1-s)$.",
      ],
      tanh: ["$\\dfrac{d}{dz}\\dfrac{\\sinh z}{\\cosh z} = \\dfrac{\\cosh^2 z - \\sinh^2 z}{\\cosh^2 z} = 1 - \\tanh^2 z$."],
      softplus: ["$\\dfrac{d}{dz}\\ln(1+e^z) = \\dfrac{e^z}{1+e^z} = \\dfrac{1}{1+e^{-z}} = \\sigma(z)$."],
    };
    return [...steps[p.kind], `Answer: ${shown(spec(p))}`];
  },
  misconceptions(p) {
    return TABLE[p.kind].wrong.map((w) => ({
      id: w.id,
      description: `Writes ${w.formula}.`,
      input: { formula: w.formula },
      feedback: w.feedback,
    }));
  },
});
