import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { FORMULA, nice, shown } from "../../support/answers.ts";

type Kind = "squared" | "half-squared" | "linear-model";
interface Params {
  kind: Kind;
  points: Record<string, number>[];
}

const TABLE: Record<
  Kind,
  { variables: string[]; question: string; canonical: string; steps: string[]; wrong: { id: string; formula: string; feedback: string }[] }
> = {
  squared: {
    variables: ["yhat", "y"],
    question: "For one example, the squared error is $E = (\\hat{y} - y)^2$. Write $\\partial E / \\partial \\hat{y}$ (type ŷ as yhat).",
    canonical: "2*(yhat - y)",
    steps: ["Chain rule on $u^2$ with $u = \\hat{y} - y$ and $\\partial u/\\partial\\hat{y} = 1$."],
    wrong: [
      {
        id: "sign",
        formula: "2*(y - yhat)",
        feedback: "Sign error: ∂(ŷ − y)/∂ŷ = +1, so the derivative is 2(ŷ − y). It is positive when the prediction is too high.",
      },
      {
        id: "forgot-two",
        formula: "yhat - y",
        feedback: "The derivative of u² is 2u: you dropped the factor 2 (it is only absent for E = ½(ŷ − y)²).",
      },
      { id: "not-differentiated", formula: "(yhat - y)^2", feedback: "That is E itself. Differentiate it with respect to ŷ." },
    ],
  },
  "half-squared": {
    variables: ["yhat", "y"],
    question:
      "With the conventional factor one half, $E = \\tfrac12(\\hat{y} - y)^2$. Write $\\partial E / \\partial \\hat{y}$ (type ŷ as yhat).",
    canonical: "yhat - y",
    steps: ["The ½ cancels the 2 from differentiating the square."],
    wrong: [
      { id: "kept-two", formula: "2*(yhat - y)", feedback: "The ½ in front cancels the 2 from the power rule." },
      { id: "sign", formula: "y - yhat", feedback: "Sign error: the derivative is ŷ − y (positive when the prediction is too high)." },
      { id: "half-left", formula: "(yhat - y)/2", feedback: "The power rule brings down a 2, which cancels the ½ entirely." },
    ],
  },
  "linear-model": {
    variables: ["w", "x", "y"],
    question: "A one-weight model predicts $\\hat{y} = w x$ and is trained on $E = (w x - y)^2$. Write $\\partial E / \\partial w$.",
    canonical: "2*x*(w*x - y)",
    steps: ["Chain rule: $\\partial E/\\partial w = 2(wx - y)\\cdot\\partial(wx)/\\partial w$, and $\\partial(wx)/\\partial w = x$."],
    wrong: [
      { id: "forgot-inner-derivative", formula: "2*(w*x - y)", feedback: "Chain rule: multiply by the inner derivative ∂(wx)/∂w = x." },
      { id: "derivative-wrt-x", formula: "2*w*(w*x - y)", feedback: "That is ∂E/∂x. With respect to w the inner derivative is x, not w." },
      { id: "sign", formula: "-2*x*(w*x - y)", feedback: "Sign error: ∂(wx − y)/∂w = +x." },
    ],
  },
};

function spec(p: Params): AnswerSpec {
  const t = TABLE[p.kind];
  return { kind: "expression", variables: t.variables, canonical: t.canonical, points: p.points, tolerance: FORMULA };
}

/** The derivative of a squared-error loss, written as a formula and graded at random points. */
export const lossDerivativeFormula = defineFamily<Params>({
  id: "loss-derivative-formula",
  version: 1,
  title: "Derivative of the squared error as a formula",
  lesson: "loss-and-gradient-descent",
  skills: ["power rule", "chain rule", "sign of the gradient"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const kind: Kind = level === 1 ? "squared" : level === 2 ? "half-squared" : "linear-model";
    const points = Array.from({ length: 4 }, () => Object.fromEntries(TABLE[kind].variables.map((v) => [v, nice(rng, -2, 2, 2)])));
    return { kind, points };
  },
  // The formulas must be told apart at the sample points: no point where ŷ = y, x = 0 or w = x.
  wellPosed(p) {
    for (const pt of p.points) {
      const r = p.kind === "linear-model" ? pt.w * pt.x - pt.y : pt.yhat - pt.y;
      if (Math.abs(r) < 0.05 || (p.kind === "linear-model" && (Math.abs(pt.x) < 0.1 || Math.abs(pt.w - pt.x) < 0.1)))
        return "degenerate sample point";
    }
    return true;
  },
  render(p) {
    return {
      prompt: TABLE[p.kind].question,
      parts: [{ id: "formula", label: "formula", placeholder: `in ${TABLE[p.kind].variables.join(", ")}` }],
    };
  },
  answer: (p) => ({ formula: spec(p) }),
  hints(p) {
    return [
      "Power rule: $\\frac{d}{du}u^2 = 2u$.",
      p.kind === "linear-model"
        ? "Then multiply by the derivative of the inside, $wx - y$, with respect to $w$."
        : "The inside, $\\hat{y} - y$, has derivative 1 with respect to $\\hat{y}$.",
    ];
  },
  solution(p) {
    return [...TABLE[p.kind].steps, `Answer: ${shown(spec(p))}`];
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
