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
const REGIMES: Regime[] = ["diverging", "oscillating", "good", "slow"];
/** What a run with this learning rate does to the loss (levels 1–2 show loss curves). */
const DESCRIPTION: Record<Regime, string> = {
  diverging: "too large: the loss grows (diverges)",
  oscillating: "on the large side: every step overshoots the minimum, yet the loss still falls",
  good: "about right: the loss falls fast and smoothly",
  slow: "too small: the loss falls very slowly",
};
/**
 * What it does to the parameter along the steep direction (level 3 shows that curve). On a quadratic
 * bowl the loss of gradient descent is a sum of decaying exponentials, so it falls monotonically
 * whenever η·κ < 2 — an overshooting run cannot be told from its loss curve, only from the parameter,
 * which changes sign every step when η·κ > 1.
 */
const WEIGHT_DESCRIPTION: Record<Regime, string> = {
  diverging: "too large: it overshoots further every step, the swings grow (diverges)",
  oscillating: "on the large side: it overshoots the minimum every step, but the swings shrink",
  good: "about right: it reaches the minimum within a few steps without overshooting",
  slow: "too small: it creeps toward the minimum",
};

/**
 * The regime by the theory of the bowl, from η·κ alone (the rule the key must agree with): the steep
 * coordinate is multiplied by 1 − η·κ each step, so it diverges for η·κ > 2, overshoots for η·κ > 1,
 * and crawls when η·κ is tiny.
 */
export function regimeOf(etaKappa: number): Regime {
  if (etaKappa > 2) return "diverging";
  if (etaKappa > 1) return "oscillating";
  if (etaKappa >= 0.2) return "good";
  return "slow";
}

/**
 * The regime read off a plotted curve of the steep coordinate (what level 3 shows), or null if the
 * curve does not show one clearly. A sign change counts only where it is visible: both values above
 * 1 % of the curve's largest swing.
 */
export function regimeFromWeightCurve(values: readonly number[]): Regime | null {
  const scale = Math.max(...values.map(Math.abs));
  const visible = (v: number) => Math.abs(v) > 0.01 * scale;
  let flips = 0;
  for (let k = 1; k < values.length; k++)
    if (visible(values[k]) && visible(values[k - 1]) && Math.sign(values[k]) !== Math.sign(values[k - 1])) flips++;
  const first = Math.abs(values[0]);
  const last = Math.abs(values[values.length - 1]);
  if (flips >= 3) return last > first ? "diverging" : "oscillating";
  if (flips > 0) return null;
  if (Math.abs(values[Math.min(5, values.length - 1)]) < 0.1 * first) return "good";
  if (last > 0.1 * first && last < first) return "slow";
  return null;
}

/** The loss after each step of real gradient descent (src/lib/optim SGD on src/lib/surfaces' bowl). */
function lossCurve(p: Params, regime: Regime): [number, number][] {
  const bowl = quadraticBowl({ conditionNumber: p.kappa });
  const path = descend(new SGD({ learningRate: p.eta[regime] }), p.start, (x, y) => bowl.grad(x, y), STEPS);
  return path.map(([x, y], k) => [k, bowl.f(x, y)]);
}
function plot(p: Params, regime: Regime, name: string): PlotSpec {
  return {
    kind: "curves",
    series: [{ name, points: lossCurve(p, regime) }],
    xLabel: "step",
    yLabel: "training loss",
    logY: true,
    alt: `Training loss over ${STEPS} steps of gradient descent, on a log scale.`,
  };
}
/** The parameter along the steep direction (v, curvature κ; the minimum is at v = 0) after each step. */
function weightCurve(p: Params, regime: Regime): [number, number][] {
  const bowl = quadraticBowl({ conditionNumber: p.kappa });
  const path = descend(new SGD({ learningRate: p.eta[regime] }), p.start, (x, y) => bowl.grad(x, y), STEPS);
  return path.map(([, v], k) => [k, v]);
}
function weightPlot(p: Params, regime: Regime): PlotSpec {
  return {
    kind: "curves",
    series: [
      { name: "v (steep direction)", points: weightCurve(p, regime) },
      {
        name: "minimum (v = 0)",
        points: [
          [0, 0],
          [STEPS, 0],
        ],
      },
    ],
    xLabel: "step",
    yLabel: "parameter v",
    alt: `The parameter v along the steepest direction of the loss over ${STEPS} steps of gradient descent; the minimum is at v = 0.`,
  };
}
/** Index of the curve the learner must pick at levels 1–2, read from the plotted loss curves, or null. */
function pickFromLossCurves(plots: readonly PlotSpec[], ask: Regime): number | null {
  const ratio = plots.map((pl) => {
    const pts = pl.series[0].points;
    return pts[pts.length - 1][1] / pts[0][1];
  });
  if (ask === "diverging") {
    const growing = ratio.flatMap((r, i) => (r > 1 ? [i] : []));
    return growing.length === 1 ? growing[0] : null;
  }
  // "Too small": the falling curve that falls least, clearly (10× less than any other falling curve).
  const falling = ratio.flatMap((r, i) => (r < 1 ? [i] : [])).sort((a, b) => ratio[b] - ratio[a]);
  if (falling.length === 0) return null;
  const [slowest, next] = falling;
  return next === undefined || ratio[slowest] > 10 * ratio[next] ? slowest : null;
}
function answer(p: Params): Record<string, AnswerSpec> {
  if (p.level < 3) {
    const options = p.offered.map((r, i) => ({
      id: String.fromCharCode(97 + i),
      label: `Run ${String.fromCharCode(65 + i)}`,
      plot: plot(p, r, `Run ${String.fromCharCode(65 + i)}`),
    }));
    return { choice: { kind: "choice", options, correct: options[p.offered.indexOf(p.ask)].id } };
  }
  const options = REGIMES.map((r, i) => ({ id: String.fromCharCode(97 + i), label: WEIGHT_DESCRIPTION[r] }));
  return { choice: { kind: "choice", options, correct: options[REGIMES.indexOf(p.ask)].id } };
}

/** Diagnose the learning rate from loss curves of real gradient-descent runs (choices can be plots). */
export const learningRateDiagnosis = defineFamily<Params>({
  id: "learning-rate-diagnosis",
  version: 2,
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
    if (level === 3)
      return { kappa, start, eta, offered: [], ask: rng.choice(["diverging", "oscillating", "good", "slow"] as const), level };
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
      prompt: `Gradient descent runs for ${STEPS} steps on a loss shaped like a long valley. The figure shows the parameter $v$ across the valley (its steepest direction) after each step; the minimum is at $v = 0$. How would you describe the learning rate?`,
      parts: [{ id: "choice", label: "diagnosis" }],
      figure: weightPlot(p, p.ask),
    };
  },
  answer,
  rule(p, _part, id) {
    const options = answer(p).choice;
    if (options.kind !== "choice") return false;
    const index = options.options.findIndex((o) => o.id === id);
    if (p.level < 3) {
      // Levels 1–2 ask for the run whose learning rate is too large (diverges) or too small (crawls).
      const regime = regimeOf(p.eta[p.offered[index]] * p.kappa);
      return p.ask === "diverging" ? regime === "diverging" : regime === "slow";
    }
    return REGIMES[index] === regimeOf(p.eta[p.ask] * p.kappa);
  },
  decidableFromFigure(p) {
    const spec = answer(p).choice;
    if (spec.kind !== "choice") return "not a choice";
    const keyed = spec.options.findIndex((o) => o.id === spec.correct);
    if (p.level < 3) {
      const picked = pickFromLossCurves(
        spec.options.map((o) => o.plot as PlotSpec),
        p.ask,
      );
      return picked === keyed
        ? true
        : `the plotted loss curves point to option ${picked === null ? "none clearly" : spec.options[picked].id}, the key is ${spec.correct}`;
    }
    const figure = weightPlot(p, p.ask);
    const read = regimeFromWeightCurve(figure.series[0].points.map(([, v]) => v));
    return read === REGIMES[keyed] ? true : `the plotted curve reads as ${read ?? "no clear regime"}, the key is ${REGIMES[keyed]}`;
  },
  hints(p) {
    if (p.level === 3) {
      return [
        "Does $v$ cross the minimum ($v = 0$) from one step to the next, or approach it from one side?",
        "Each step multiplies $v$ by $1 - \\eta\\kappa$: a sign change every step means $\\eta\\kappa > 1$ (overshooting); growing swings mean $\\eta\\kappa > 2$; a slow creep means $\\eta\\kappa$ is tiny.",
      ];
    }
    return [
      "Look at the trend first: does the loss go down at all?",
      "A loss that goes down but barely moves after many steps means tiny steps; a loss that grows means each step overshoots the minimum by more than it started from.",
    ];
  },
  solution(p) {
    const curve = p.level < 3 ? lossCurve(p, p.ask) : weightCurve(p, p.ask);
    const first = curve[0][1];
    const last = curve[curve.length - 1][1];
    return [
      p.level < 3
        ? `In the chosen run the loss goes from ${fmt(first, 3)} to ${fmt(last, 3)} in ${STEPS} steps.`
        : `In the figure $v$ goes from ${fmt(first, 3)} to ${fmt(last, 3)} in ${STEPS} steps; each step multiplies it by $1 - \\eta\\kappa = ${fmt(1 - p.eta[p.ask] * p.kappa, 3)}$.`,
      `For this loss, gradient descent is stable only when $\\eta\\kappa < 2$ (here $\\kappa = ${p.kappa}$ and $\\eta = ${fmt(p.eta[p.ask], 3)}$, so $\\eta\\kappa = ${fmt(p.eta[p.ask] * p.kappa, 3)}$).`,
      `Answer: ${shown(answer(p).choice)}.`,
    ];
  },
  misconceptions(p) {
    const spec = answer(p).choice;
    if (spec.kind !== "choice") return [];
    const regimes: Regime[] = p.level < 3 ? p.offered : REGIMES;
    return regimes
      .filter((r) => r !== p.ask)
      .map((r) => ({
        id: `chose-${r}`,
        description: `Picks the ${r} run.`,
        input: { choice: spec.options[regimes.indexOf(r)].id },
        feedback:
          p.level < 3
            ? `That run's learning rate is ${DESCRIPTION[r]}.`
            : `The curve does not look like that: with a learning rate that is ${WEIGHT_DESCRIPTION[r]}.`,
      }));
  },
});
