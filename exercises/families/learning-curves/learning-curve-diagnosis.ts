import type { AnswerSpec, PlotSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { fmt, shown } from "../../support/answers.ts";
import { RUNS_PER_REGIME, trainingRuns } from "./training-runs.ts";
import type { Regime, TrainingRun } from "./training-runs.ts";

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
  underfit: "both losses stay high and close together",
  good: "both losses fall low and stay close together",
};
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
    ],
    xLabel: "epoch",
    yLabel: "MSE",
    logY: true,
    alt: `${name}: training and validation loss over ${r.train.length} epochs (log scale).`,
  };
}
function answer(p: Params): Record<string, AnswerSpec> {
  if (p.level === 2) {
    const options = p.order.map((r, i) => ({ id: String.fromCharCode(97 + i), label: `Run ${String.fromCharCode(65 + i)}`, plot: plot(run(p, r), `Run ${String.fromCharCode(65 + i)}`) }));
    return { choice: { kind: "choice", options, correct: options[p.order.indexOf(p.regime)].id } };
  }
  const label = p.level === 1 ? (r: Regime) => NAME[r].replace(/^a /, "A ").replace(/^(\w)/, (c) => c.toUpperCase()) : (r: Regime) => REMEDY[r];
  const options = REGIMES.map((r, i) => ({ id: String.fromCharCode(97 + i), label: label(r) }));
  return { choice: { kind: "choice", options, correct: options[REGIMES.indexOf(p.regime)].id } };
}

/**
 * Diagnose over-, underfitting or a good fit from learning curves of real training runs
 * (src/lib/nn fit on polynomial features; see training-runs.ts).
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
    return { regime: rng.choice(level === 2 ? (["overfit", "underfit"] as const) : REGIMES), runs, order: rng.shuffle(REGIMES.slice()), level };
  },
  render(p) {
    if (p.level === 2) {
      return { prompt: `Three models were trained on the same regression task. Each option shows a run's training and validation loss per epoch (log scale). Which run is **${NAME[p.regime]}**?`, parts: [{ id: "choice", label: "run" }] };
    }
    return {
      prompt: p.level === 1 ? "The figure shows the training and validation loss of a model, epoch by epoch (log scale). What does it show?" : "The figure shows the training and validation loss of a model, epoch by epoch (log scale). What should you do next?",
      parts: [{ id: "choice", label: p.level === 1 ? "diagnosis" : "next step" }],
      figure: plot(run(p, p.regime), "Learning curves"),
    };
  },
  answer,
  hints() {
    return ["Compare the two curves at the end of training: how low are they, and how far apart?", "Then look at the validation curve's shape: does it keep falling, flatten, or turn back up?"];
  },
  solution(p) {
    const r = run(p, p.regime);
    const last = (a: number[]) => a[a.length - 1];
    return [
      `${p.level === 2 ? "In the right run" : "Here"} the training loss ends at ${fmt(last(r.train), 3)} and the validation loss at ${fmt(last(r.val), 3)} (lowest ${fmt(Math.min(...r.val), 3)}).`,
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
        feedback: p.level === 2 ? `That run shows ${NAME[r]}: ${SIGN[r]}.` : `${NAME[r].replace(/^(\w)/, (c) => c.toUpperCase())} would look different: ${SIGN[r]}. ${p.level === 3 ? `(“${REMEDY[r]}” is the remedy for that.)` : ""}`.trim(),
      }));
  },
});
