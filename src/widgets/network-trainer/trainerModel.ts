/**
 * The pure half of the network trainer: the datasets it trains on, data preparation (split,
 * z-scoring, tensors), the points the worker predicts at for the charts, the presets, the diagnosis
 * of learning curves and the challenge check. The network itself (URL schema, architecture, engine
 * model), shared with the Keras-code widget, is in ../shared/networkSpec.ts. No DOM, no Solid:
 * tested in Node.
 */
import type { TrainerState } from "../shared/networkSpec.ts";
import { Rng } from "../../lib/random/index.ts";
import { circles, columnStats, gaussians, regression1d, regression2d, spirals, standardize, xor } from "../../lib/data/index.ts";
import type { ColumnStats, Dataset } from "../../lib/data/index.ts";
import { photozCatalog } from "../../lib/astro/photoz.ts";

/** The dataset a state describes (the CSV's comes from the page, as it is not in the URL). */
export function makeDataset(state: TrainerState, csv: Dataset | null = null): Dataset | null {
  const rng = new Rng(`${state.data}:${state.seed}`);
  const o = { n: state.n, noise: state.noise };
  switch (state.data) {
    case "circles":
      return circles(rng, o);
    case "xor":
      return xor(rng, o);
    case "gaussians":
      return gaussians(rng, o);
    case "spirals":
      return spirals(rng, o);
    case "reg1d":
      return regression1d(rng, o);
    case "reg2d":
      return regression2d(rng, o);
    case "photoz":
      // noise 0–1 maps to magnitude errors 0–0.25 mag.
      return photozCatalog(rng, { n: state.n, magError: 0.25 * state.noise });
    case "csv":
      return csv;
  }
}

/** Training data ready for the engine: z-scored with statistics of the training rows only. */
export interface Prepared {
  /** Rows × features, float32, row-major. Training rows first, validation rows last. */
  x: Float32Array;
  /** Targets (z-scored for regression, 0/1 for classification). */
  y: Float32Array;
  rows: number;
  features: number;
  /** Rows used for training (the rest validate, as Keras's validationSplit takes them from the end). */
  trainRows: number;
  inputStats: ColumnStats;
  /** Mean and std of the target (regression); {0, 1} for classification. */
  targetStats: { mean: number; std: number };
}

/** Rows that training keeps for a validation fraction (Keras's rule: floor(n·split) held out). */
export function trainRowCount(rows: number, split: number): number {
  return rows - Math.floor(rows * split);
}

/**
 * Z-scores inputs (and, for regression, the target) with the mean and std of the training rows, so
 * the loss is in units of the target's variance: a regression loss of 1 is no better than always
 * predicting the mean.
 */
export function prepare(dataset: Dataset, validationSplit: number): Prepared {
  const rows = dataset.x.length;
  const features = dataset.inputNames.length;
  const trainRows = trainRowCount(rows, validationSplit);
  const inputStats = columnStats(dataset.x.slice(0, trainRows));
  const x = Float32Array.from(standardize(dataset.x, inputStats).flat());
  let targetStats = { mean: 0, std: 1 };
  if (dataset.task === "regression") {
    const s = columnStats(dataset.y.slice(0, trainRows).map((v) => [v]));
    targetStats = { mean: s.mean[0], std: s.std[0] };
  }
  const y = Float32Array.from(dataset.y, (v) => (v - targetStats.mean) / targetStats.std);
  return { x, y, rows, features, trainRows, inputStats, targetStats };
}

/** What the charts show beside the learning curves, and where the worker must predict for them. */
export type ProbeKind = "surface" | "curve" | "scatter";

export interface Probe {
  kind: ProbeKind;
  /** Points (in the dataset's original units) at which predictions are wanted, row-major. */
  points: number[][];
  /** For a surface: grid size and extents, cells listed row by row from the top (max x₂). */
  grid?: { nx: number; ny: number; x: [number, number]; y: [number, number] };
}

function paddedExtent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = 0.08 * (hi - lo || 1);
  return [lo - pad, hi + pad];
}

/**
 * 2-D inputs: a grid (cell centres) for the decision surface or the regression surface; 1-D input:
 * an evenly spaced line for the fit curve; more inputs: the data rows themselves (predicted vs true).
 */
export function makeProbe(dataset: Dataset, gridSize = 40): Probe {
  const d = dataset.inputNames.length;
  if (d === 2) {
    const xr = paddedExtent(dataset.x.map((r) => r[0]));
    const yr = paddedExtent(dataset.x.map((r) => r[1]));
    const points: number[][] = [];
    for (let j = 0; j < gridSize; j++) {
      const b = yr[1] - ((j + 0.5) / gridSize) * (yr[1] - yr[0]);
      for (let i = 0; i < gridSize; i++) points.push([xr[0] + ((i + 0.5) / gridSize) * (xr[1] - xr[0]), b]);
    }
    return { kind: "surface", points, grid: { nx: gridSize, ny: gridSize, x: xr, y: yr } };
  }
  if (d === 1) {
    const xr = paddedExtent(dataset.x.map((r) => r[0]));
    const points = Array.from({ length: 121 }, (_, i) => [xr[0] + (i / 120) * (xr[1] - xr[0])]);
    return { kind: "curve", points };
  }
  return { kind: "scatter", points: dataset.x };
}

/** Probe points z-scored like the training inputs, as one float32 block. */
export function probeTensorData(probe: Probe, stats: ColumnStats): Float32Array {
  return Float32Array.from(standardize(probe.points, stats).flat());
}

/**
 * A network output back in the dataset's units: for classification the probability of class 1
 * (sigmoid of the logit), for regression the de-standardised prediction.
 */
export function outputToValue(output: number, task: Dataset["task"], targetStats: { mean: number; std: number }): number {
  return task === "classification" ? 1 / (1 + Math.exp(-output)) : output * targetStats.std + targetStats.mean;
}

/** A named setting of the trainer that reproduces one of the lecture's three learning-curve cases. */
export interface Preset {
  id: "good" | "underfit" | "overfit";
  label: string;
  /** One sentence: what the learner should see. */
  expect: string;
  state: Partial<TrainerState>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: "good",
    label: "Good fit",
    expect: "Training and validation loss fall together and flatten out close to each other.",
    state: {
      data: "reg1d",
      n: 300,
      noise: 0.3,
      layers: [16, 16],
      act: "tanh",
      opt: "adam",
      lr: 0.02,
      batch: 32,
      epochs: 200,
      val: 0.3,
      l2: 0,
      dropout: 0,
      es: false,
      seed: 1,
    },
  },
  {
    id: "underfit",
    label: "Underfitting",
    expect:
      "Both losses are still falling when training stops: the model has not finished learning (more epochs or a bigger learning rate would help).",
    state: {
      data: "reg1d",
      n: 300,
      noise: 0.3,
      layers: [16, 16],
      act: "tanh",
      opt: "sgd",
      lr: 0.03,
      batch: 32,
      epochs: 40,
      val: 0.3,
      l2: 0,
      dropout: 0,
      es: false,
      seed: 1,
    },
  },
  {
    id: "overfit",
    label: "Overfitting",
    expect:
      "Training loss keeps falling while validation loss bottoms out early and then climbs: the network memorises the noise of only 20 training points.",
    state: {
      data: "reg1d",
      n: 40,
      noise: 0.6,
      layers: [64, 64],
      act: "relu",
      opt: "adam",
      lr: 0.01,
      batch: 4,
      epochs: 400,
      val: 0.5,
      l2: 0,
      dropout: 0,
      es: false,
      seed: 2,
    },
  },
];

/**
 * Diagnosis of a finished (or running) history, in the lecture's three words — or "diverged" when the
 * loss stopped being a finite number, which no amount of further training repairs.
 */
export type Diagnosis = "good" | "underfit" | "overfit" | "unclear" | "diverged";

/**
 * Index of the first epoch whose training or validation loss is not finite (∞ or NaN), or null. Once
 * a step overshoots far enough to overflow float32, ∞ − ∞ and 0 · ∞ turn the gradients and then the
 * weights into NaN, and every later loss is NaN too. (The trainer always holds out validation rows, so
 * a NaN validation loss is a diverged one, not a missing one.)
 */
export function divergedAt(loss: readonly number[], valLoss: readonly number[]): number | null {
  for (let i = 0; i < Math.max(loss.length, valLoss.length); i++) {
    if ((i < loss.length && !Number.isFinite(loss[i])) || (i < valLoss.length && !Number.isFinite(valLoss[i]))) return i;
  }
  return null;
}

/** Mean of `values[from, to)`. */
function meanOf(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / Math.max(1, to - from);
}

/**
 * Reads a pair of learning curves the way the lecture does. Mini-batch curves are noisy, so it
 * compares averages: "late" is the mean over the last 10 % of epochs, "before" the mean over the
 * 10 % that end at 80 % of the run.
 *  - overfitting: late validation loss is ≥ 25 % above the best validation loss, the best came
 *    before 80 % of the run, and late validation loss is ≥ 30 % above late training loss;
 *  - underfitting: training loss is still falling — late is more than 5 % below before — or it
 *    has barely moved at all (late above 70 % of the first epoch's loss: flat but high);
 *  - good fit: otherwise, when the curves have flattened close together (late validation within
 *    50 % of late training, or within 0.05 of it).
 * A history whose loss is no longer finite is "diverged", however short: the means above would be NaN.
 */
export function diagnose(loss: readonly number[], valLoss: readonly number[]): Diagnosis {
  if (divergedAt(loss, valLoss) !== null) return "diverged";
  const n = loss.length;
  if (n < 10 || valLoss.length !== n) return "unclear";
  const tail = Math.max(1, Math.floor(0.1 * n));
  const lateTrain = meanOf(loss, n - tail, n);
  const beforeTrain = meanOf(loss, Math.floor(0.8 * n) - tail, Math.floor(0.8 * n));
  const lateVal = meanOf(valLoss, n - tail, n);
  const minVal = Math.min(...valLoss);
  if (lateVal > 1.25 * minVal && valLoss.indexOf(minVal) < 0.8 * n && lateVal > 1.3 * lateTrain) return "overfit";
  if (lateTrain < 0.95 * beforeTrain || lateTrain > 0.7 * loss[0]) return "underfit";
  if (lateVal <= 1.5 * lateTrain || lateVal - lateTrain < 0.05) return "good";
  return "unclear";
}

/** The lesson's challenge: reach this validation loss on the spirals (binary cross-entropy). */
export const CHALLENGE_TARGET = 0.1;
export const CHALLENGE_ID = "learning-curves-spirals";

/** Least noise allowed for the challenge (so it cannot be won by switching the noise off). */
export const CHALLENGE_MIN_NOISE = 0.2;

/** True when an epoch's logs meet the challenge: spirals with noise ≥ 0.2, validation loss below the target. */
export function challengeMet(state: TrainerState, valLoss: number | undefined): boolean {
  return state.data === "spirals" && state.noise >= CHALLENGE_MIN_NOISE - 1e-9 && valLoss !== undefined && valLoss < CHALLENGE_TARGET;
}
