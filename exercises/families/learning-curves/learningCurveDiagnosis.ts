import type { AnswerSpec, PlotSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { fmt, shown } from "../../support/answers.ts";
import { RUNS_PER_REGIME, trainingRuns } from "./trainingRuns.ts";
import type { Regime, TrainingRun } from "./trainingRuns.ts";

interface Params {
  /** The regime asked about (levels 1 and 3: the one in the figure; level 2: the one to find). */
  regime: Regime;
  /** Which cached run of each regime is used. */
  runs: Record<Regime, number>;
  /** Level 2: the regimes in option order. */
  order: Regime[];
  level: number;
}

const REGIMES: Regime[] = ["overfit", "underfit", "good"];
const NAME: Record<Regime, string> = { overfit: "overfitting", underfit: "underfitting", good: "a good fit" };
const SIGN: Record<Regime, string> = {
  overfit: "the training loss keeps falling while the validation loss turns up",
  underfit: "both losses stay well above the noise floor and close together",
  good: "both losses fall to about the noise floor and stay close together",
};
const FLOOR = "noise floor (best possible)";

/**
 * The diagnosis by definition, from a run's final numbers: overfitting when the validation loss has
 * turned up (≥ 1.3× its minimum) while training loss is far below it; a good fit when the validation
 * loss ends within 60 % of the best achievable loss (the noise floor) and near its own minimum;
 * underfitting when both losses stay at least 2× above the floor, close together and flat. Anything
 * else is unclear (null).
 */
export function diagnose(r: { train: readonly number[]; val: readonly number[]; floor: number }): Regime | null {
  const t = r.train[r.train.length - 1];
  const v = r.val[r.val.length - 1];
  const minVal = Math.min(...r.val);
  if (v >= 1.3 * minVal && t < 0.5 * v) return "overfit";
  if (v > 1.1 * minVal) return null;
  if (v <= 1.6 * r.floor) return "good";
  if (t >= 2 * r.floor && v >= 2 * r.floor && v < 2 * t) return "underfit";
  return null;
}

/** The same diagnosis, reading only what a chart shows (its series, found by name). */
function diagnosePlot(plot: PlotSpec): Regime | null | string {
  const values = (name: string) => plot.series.find((s) => s.name === name)?.points.map(([, y]) => y);
  const train = values("training loss");
  const val = values("validation loss");
  const floor = values(FLOOR);
  if (train === undefined || val === undefined) return "the chart lacks a training or validation curve";
  // Without a reference line only the shape can be read (overfitting); how low is "low" is unknown.
  return diagnose({ train, val, floor: floor?.[0] ?? Number.NaN });
}
const REMEDY: Record<Regime, string> = {
  overfit: "More training data, regularisation or early stopping",
  underfit: "A more flexible model (more capacity) or longer training",
  good: "Nothing: keep this model",
};

function run(p: Params, regime: Regime): TrainingRun {
  return trainingRuns(regime)[p.runs[regime]];
}
function plot(r: TrainingRun, name: string): PlotSpec {
  const series = (values: number[]) => values.map((v, k): [number, number] => [k + 1, v]);
  return {
    kind: "curves",
    series: [
      { name: "training loss", points: series(r.train) },
      { name: "validation loss", points: series(r.val) },
      {
        name: FLOOR,
        points: [
          [1, r.floor],
          [r.train.length, r.floor],
        ],
      },
    ],
    xLabel: "epoch",
    yLabel: "MSE",
    logY: true,
    alt: `${name}: training and validation loss over ${r.train.length} epochs (log scale), with the noise floor at ${fmt(r.floor, 2)}.`,
  };
}
function answer(p: Params): Record<string, AnswerSpec> {
  if (p.level === 2) {
    const options = p.order.map((r, i) => ({
      id: String.fromCharCode(97 + i),
      label: `Run ${String.fromCharCode(65 + i)}`,
      plot: plot(run(p, r), `Run ${String.fromCharCode(65 + i)}`),
    }));
    return { choice: { kind: "choice", options, correct: options[p.order.indexOf(p.regime)].id } };
  }
  const label =
    p.level === 1 ? (r: Regime) => NAME[r].replace(/^a /, "A ").replace(/^(\w)/, (c) => c.toUpperCase()) : (r: Regime) => REMEDY[r];
  const options = REGIMES.map((r, i) => ({ id: String.fromCharCode(97 + i), label: label(r) }));
  return { choice: { kind: "choice", options, correct: options[REGIMES.indexOf(p.regime)].id } };
}

/**
 * Diagnose over-, underfitting or a good fit from learning curves of real training runs
 * (src/lib/nn fit on polynomial features; see trainingRuns.ts).
 */
export const learningCurveDiagnosis = defineFamily<Params>({
  id: "learning-curve-diagnosis",
  version: 1,
  title: "Overfitting, underfitting or a good fit?",
  lesson: "learning-curves",
  skills: ["reading training and validation curves", "overfitting", "underfitting"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const runs = { overfit: rng.int(0, RUNS_PER_REGIME), underfit: rng.int(0, RUNS_PER_REGIME), good: rng.int(0, RUNS_PER_REGIME) };
    return {
      regime: rng.choice(level === 2 ? (["overfit", "underfit"] as const) : REGIMES),
      runs,
      order: rng.shuffle(REGIMES.slice()),
      level,
    };
  },
  render(p) {
    if (p.level === 2) {
      return {
        prompt: `Three models were trained on the same regression task. Each option shows a run's training and validation loss per epoch (log scale), and the noise floor: the loss of the true curve itself, the best any model can do. Which run is **${NAME[p.regime]}**?`,
        parts: [{ id: "choice", label: "run" }],
      };
    }
    return {
      prompt: `The figure shows the training and validation loss of a model, epoch by epoch (log scale), and the noise floor: the loss of the true curve itself, the best any model can do on this data. ${p.level === 1 ? "What does it show?" : "What should you do next?"}`,
      parts: [{ id: "choice", label: p.level === 1 ? "diagnosis" : "next step" }],
      figure: plot(run(p, p.regime), "Learning curves"),
    };
  },
  answer,
  rule(p, _part, id) {
    const spec = answer(p).choice;
    if (spec.kind !== "choice") return false;
    const index = spec.options.findIndex((o) => o.id === id);
    // Level 2 asks which run shows the regime; levels 1 and 3 ask for the diagnosis or its remedy.
    if (p.level === 2) return diagnose(run(p, p.order[index])) === p.regime;
    return REGIMES[index] === diagnose(run(p, p.regime));
  },
  decidableFromFigure(p) {
    const spec = answer(p).choice;
    if (spec.kind !== "choice") return "not a choice";
    if (p.level === 2) {
      const reads = spec.options.map((o) => (o.plot ? diagnosePlot(o.plot) : "no chart"));
      const matching = reads.flatMap((r, i) => (r === p.regime ? [spec.options[i].id] : []));
      return matching.length === 1 && matching[0] === spec.correct
        ? true
        : `the charts read as ${reads.join(", ")}; the key is ${spec.correct}`;
    }
    const read = diagnosePlot(plot(run(p, p.regime), "Learning curves"));
    return read === p.regime ? true : `the chart reads as ${read ?? "unclear"}, the key is ${p.regime}`;
  },
  hints() {
    return [
      "Compare the two curves at the end of training: how far above the noise floor are they, and how far apart?",
      "Then look at the validation curve's shape: does it keep falling, flatten, or turn back up?",
    ];
  },
  solution(p) {
    const r = run(p, p.regime);
    const last = (a: number[]) => a[a.length - 1];
    return [
      `${p.level === 2 ? "In the right run" : "Here"} the training loss ends at ${fmt(last(r.train), 3)} and the validation loss at ${fmt(last(r.val), 3)} (lowest ${fmt(Math.min(...r.val), 3)}); the noise floor is ${fmt(r.floor, 3)}.`,
      `That is the sign of ${NAME[p.regime]}: ${SIGN[p.regime]}.`,
      `Answer: ${shown(answer(p).choice)}.`,
    ];
  },
  misconceptions(p) {
    const spec = answer(p).choice;
    if (spec.kind !== "choice") return [];
    const order = p.level === 2 ? p.order : REGIMES;
    return order
      .filter((r) => r !== p.regime)
      .map((r) => ({
        id: `chose-${r}`,
        description: `Reads the curves as ${NAME[r]}.`,
        input: { choice: spec.options[order.indexOf(r)].id },
        feedback:
          p.level === 2
            ? `That run shows ${NAME[r]}: ${SIGN[r]}.`
            : `${NAME[r].replace(/^(\w)/, (c) => c.toUpperCase())} would look different: ${SIGN[r]}. ${p.level === 3 ? `(“${REMEDY[r]}” is the remedy for that.)` : ""}`.trim(),
      }));
  },
});
