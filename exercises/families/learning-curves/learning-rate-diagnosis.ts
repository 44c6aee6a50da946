import { SGD, descend } from "../../../src/lib/optim/index.ts";
import { quadraticBowl } from "../../../src/lib/surfaces/index.ts";
import type { PlotSpec } from "../../../src/lib/grading/index.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { fmt, shown } from "../../support/answers.ts";

/** Regimes of gradient descent on a bowl whose steepest curvature is κ: stable iff η·κ < 2. */
type Regime = "diverging" | "oscillating" | "good" | "slow";
interface Params {
  kappa: number;
  start: [number, number];
  /** The learning rate of each regime (η·κ = 2.2–3, 1.5–1.9, 0.6–1, 0.01–0.05). */
  eta: Record<Regime, number>;
  /** Level 1–2: the regimes offered as curves, in display order. Level 3: the regime shown. */
  offered: Regime[];
  ask: Regime;
  level: number;
}

const STEPS = 30;
const DESCRIPTION: Record<Regime, string> = {
  diverging: "too large: the loss grows (diverges)",
  oscillating: "on the large side: the loss zig-zags but still falls",
  good: "about right: the loss falls fast and smoothly",
  slow: "too small: the loss falls very slowly",
};

/** The loss after each step of real gradient descent (src/lib/optim SGD on src/lib/surfaces' bowl). */
function lossCurve(p: Params, regime: Regime): [number, number][] {
  const bowl = quadraticBowl({ conditionNumber: p.kappa });
  const path = descend(new SGD({ learningRate: p.eta[regime] }), p.start, (x, y) => bowl.grad(x, y), STEPS);
  return path.map(([x, y], k) => [k, bowl.f(x, y)]);
}
function plot(p: Params, regime: Regime, name: string): PlotSpec {
  return { kind: "curves", series: [{ name, points: lossCurve(p, regime) }], xLabel: "step", yLabel: "training loss", logY: true, alt: `Training loss over ${STEPS} steps of gradient descent, on a log scale.` };
}
function answer(p: Params): Record<string, AnswerSpec> {
  if (p.level < 3) {
    const options = p.offered.map((r, i) => ({ id: String.fromCharCode(97 + i), label: `Run ${String.fromCharCode(65 + i)}`, plot: plot(p, r, `Run ${String.fromCharCode(65 + i)}`) }));
    return { choice: { kind: "choice", options, correct: options[p.offered.indexOf(p.ask)].id } };
  }
  const regimes: Regime[] = ["diverging", "oscillating", "good", "slow"];
  const options = regimes.map((r, i) => ({ id: String.fromCharCode(97 + i), label: DESCRIPTION[r] }));
  return { choice: { kind: "choice", options, correct: options[regimes.indexOf(p.ask)].id } };
}

/** Diagnose the learning rate from loss curves of real gradient-descent runs (choices can be plots). */
export const learningRateDiagnosis = defineFamily<Params>({
  id: "learning-rate-diagnosis",
  version: 1,
  title: "Is the learning rate too big or too small?",
  lesson: "learning-curves",
  skills: ["reading loss curves", "learning-rate stability (η·κ < 2)"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const kappa = rng.choice([2, 4, 5, 10]);
    const eta = {
      diverging: rng.uniform(2.2, 3) / kappa,
      oscillating: rng.uniform(1.5, 1.9) / kappa,
      good: rng.uniform(0.6, 1) / kappa,
      slow: rng.uniform(0.01, 0.05) / kappa,
    };
    const start: [number, number] = [rng.choice([-1.5, -1, 1, 1.5]), rng.choice([-1.5, -1, 1, 1.5])];
    if (level === 3) return { kappa, start, eta, offered: [], ask: rng.choice(["diverging", "oscillating", "good", "slow"] as const), level };
    const offered = rng.shuffle<Regime>(level === 1 ? ["diverging", "good", "slow"] : ["diverging", "oscillating", "good", "slow"]);
    return { kappa, start, eta, offered, ask: level === 1 ? "diverging" : "slow", level };
  },
  render(p) {
    if (p.level < 3) {
      return {
        prompt: `The same model was trained by gradient descent with ${p.offered.length} different learning rates. Each option shows the training loss (log scale) over ${STEPS} steps. Which run used a learning rate that is **${p.ask === "diverging" ? "too large" : "too small"}**?`,
        parts: [{ id: "choice", label: "run" }],
      };
    }
    return {
      prompt: `The figure shows the training loss (log scale) over ${STEPS} steps of gradient descent. How would you describe the learning rate?`,
      parts: [{ id: "choice", label: "diagnosis" }],
      figure: plot(p, p.ask, "training loss"),
    };
  },
  answer,
  hints() {
    return ["Look at the trend first: does the loss go down at all?", "A loss that goes down but barely moves after many steps means tiny steps; a loss that grows means each step overshoots the minimum by more than it started from."];
  },
  solution(p) {
    const curve = lossCurve(p, p.ask);
    const first = curve[0][1];
    const last = curve[curve.length - 1][1];
    return [
      `In the ${p.level < 3 ? "chosen run" : "figure"} the loss goes from ${fmt(first, 3)} to ${fmt(last, 3)} in ${STEPS} steps.`,
      `For this loss, gradient descent is stable only when $\\eta\\kappa < 2$ (here $\\kappa = ${p.kappa}$ and $\\eta = ${fmt(p.eta[p.ask], 3)}$, so $\\eta\\kappa = ${fmt(p.eta[p.ask] * p.kappa, 3)}$).`,
      `Answer: ${shown(answer(p).choice)}.`,
    ];
  },
  misconceptions(p) {
    const spec = answer(p).choice;
    if (spec.kind !== "choice") return [];
    const regimes: Regime[] = p.level < 3 ? p.offered : ["diverging", "oscillating", "good", "slow"];
    return regimes
      .filter((r) => r !== p.ask)
      .map((r) => ({
        id: `chose-${r}`,
        description: `Picks the ${r} run.`,
        input: { choice: spec.options[regimes.indexOf(r)].id },
        feedback: p.level < 3 ? `That run's learning rate is ${DESCRIPTION[r]}.` : `The curve does not look like that: a learning rate that is ${DESCRIPTION[r]}.`,
      }));
  },
});
