/**
 * The pure half of the network trainer: its URL schema (shared with the Keras-code widget, so a link
 * from one opens the other with the same network), the architecture it describes, the datasets it
 * trains on, data preparation (split, z-scoring, tensors), the points the worker predicts at for the
 * charts, the presets and the challenge check. No DOM, no Solid: tested in Node.
 */
import { booleanField, choiceField, numberField, numberListField, type StateOf } from "../shared/urlState.ts";
import { Rng } from "../../lib/random/index.ts";
import { Dense, Dropout, Sequential } from "../../lib/nn/index.ts";
import type { LossName } from "../../lib/nn/index.ts";
import type { OptimizerName } from "../../lib/optim/index.ts";
import { circles, columnStats, gaussians, regression1d, regression2d, spirals, standardize, xor } from "../../lib/data/index.ts";
import type { ColumnStats, Dataset } from "../../lib/data/index.ts";
import { photozCatalog } from "../../lib/astro/photoz.ts";

export const DATASETS = ["circles", "xor", "gaussians", "spirals", "reg1d", "reg2d", "photoz", "csv"] as const;
export type DatasetId = (typeof DATASETS)[number];

export const DATASET_INFO: Record<DatasetId, { label: string; task: "classification" | "regression"; description: string }> = {
  circles: { label: "Circles", task: "classification", description: "two classes in concentric rings" },
  xor: { label: "XOR", task: "classification", description: "class 1 in the first and third quadrants" },
  gaussians: { label: "Gaussians", task: "classification", description: "two Gaussian blobs" },
  spirals: { label: "Spirals", task: "classification", description: "two interleaved spiral arms" },
  reg1d: { label: "1-D curve", task: "regression", description: "y = sin 3x + 0.3x plus noise" },
  reg2d: { label: "2-D surface", task: "regression", description: "a Gaussian bump on a tilted plane plus noise" },
  photoz: { label: "Photo-z", task: "regression", description: "galaxy redshift from four colours (toy model)" },
  csv: { label: "Your CSV", task: "regression", description: "your own table" },
};

export const HIDDEN_ACTIVATIONS = ["relu", "tanh", "sigmoid", "leakyRelu", "elu", "linear"] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

export const OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] as const satisfies readonly OptimizerName[];
export type TrainerOptimizer = (typeof OPTIMIZERS)[number];

/** Most hidden layers and units per layer the trainer offers. */
export const MAX_LAYERS = 6;
export const MAX_UNITS = 64;

/**
 * The trainer's URL state (prefix "net"). The architecture fields (data, layers, act, opt, lr, l2,
 * dropout, batch, epochs, val, es, patience) are what the Keras-code page reads. `csvIn`/`csvTask`
 * describe a learner's CSV (its data never goes into a URL) so the Keras page can size the input.
 */
export const trainerSchema = {
  data: choiceField<DatasetId>("circles", DATASETS),
  layers: numberListField([8, 8], numberField(8, { min: 1, max: MAX_UNITS, integer: true }), { min: 0, max: MAX_LAYERS }),
  act: choiceField<HiddenActivation>("tanh", HIDDEN_ACTIVATIONS),
  opt: choiceField<TrainerOptimizer>("adam", OPTIMIZERS),
  lr: numberField(0.03, { min: 0.0001, max: 3 }),
  batch: numberField(16, { min: 1, max: 512, integer: true }),
  epochs: numberField(200, { min: 1, max: 3000, integer: true }),
  val: numberField(0.3, { min: 0.1, max: 0.6 }),
  l2: numberField(0, { min: 0, max: 1 }),
  dropout: numberField(0, { min: 0, max: 0.8 }),
  es: booleanField(false),
  patience: numberField(20, { min: 1, max: 500, integer: true }),
  n: numberField(300, { min: 20, max: 2000, integer: true }),
  noise: numberField(0.2, { min: 0, max: 1 }),
  seed: numberField(1, { min: 0, max: 1_000_000, integer: true }),
  csvIn: numberField(2, { min: 1, max: 19, integer: true }),
  csvTask: choiceField<"classification" | "regression">("regression", ["classification", "regression"]),
};
export type TrainerSchema = typeof trainerSchema;
export type TrainerState = StateOf<TrainerSchema>;
export const TRAINER_PREFIX = "net";

/** The network as plain data: what the trainer trains and the code generator writes. */
export interface Architecture {
  inputDim: number;
  task: "classification" | "regression";
  hidden: { units: number; activation: HiddenActivation }[];
  /** Dropout rate after each hidden layer (0 = none). */
  dropout: number;
  loss: LossName;
  optimizer: TrainerOptimizer;
  learningRate: number;
  /** λ of the optimizer's coupled L2 weight decay: gradient g ← g + λθ. */
  weightDecay: number;
  batchSize: number;
  epochs: number;
  validationSplit: number;
  earlyStopping: { patience: number } | null;
}

/** Number of input features of the state's dataset. */
export function inputDimOf(state: TrainerState): number {
  if (state.data === "csv") return state.csvIn;
  if (state.data === "reg1d") return 1;
  if (state.data === "photoz") return 4;
  return 2;
}

export function taskOf(state: TrainerState): "classification" | "regression" {
  return state.data === "csv" ? state.csvTask : DATASET_INFO[state.data].task;
}

export function architectureOf(state: TrainerState): Architecture {
  const task = taskOf(state);
  return {
    inputDim: inputDimOf(state),
    task,
    hidden: state.layers.map((units) => ({ units, activation: state.act })),
    dropout: state.dropout,
    loss: task === "classification" ? "binaryCrossEntropyWithLogits" : "mse",
    optimizer: state.opt,
    learningRate: state.lr,
    weightDecay: state.l2,
    batchSize: state.batch,
    epochs: state.epochs,
    validationSplit: state.val,
    earlyStopping: state.es ? { patience: state.patience } : null,
  };
}

/**
 * The engine model for an architecture: Dense hidden layers (each followed by Dropout when the
 * rate is > 0) and one linear output unit — a logit for classification (the loss applies the
 * sigmoid), the prediction itself for regression.
 */
export function buildModel(arch: Architecture, seed: number | string = 0): Sequential {
  const layers = [];
  for (const h of arch.hidden) {
    layers.push(new Dense(h.units, { activation: h.activation }));
    if (arch.dropout > 0) layers.push(new Dropout(arch.dropout));
  }
  layers.push(new Dense(1));
  return new Sequential(layers, { inputShape: [arch.inputDim], seed });
}

/** Options of the optimizer factory for an architecture. */
export function optimizerOptions(arch: Architecture): Record<string, unknown> {
  return { learningRate: arch.learningRate, weightDecay: arch.weightDecay };
}

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
    state: { data: "reg1d", n: 300, noise: 0.3, layers: [16, 16], act: "tanh", opt: "adam", lr: 0.02, batch: 32, epochs: 200, val: 0.3, l2: 0, dropout: 0, es: false, seed: 1 },
  },
  {
    id: "underfit",
    label: "Underfitting",
    expect: "Both losses are still falling when training stops: the model has not finished learning (more epochs or a bigger learning rate would help).",
    state: { data: "reg1d", n: 300, noise: 0.3, layers: [16, 16], act: "tanh", opt: "sgd", lr: 0.03, batch: 32, epochs: 40, val: 0.3, l2: 0, dropout: 0, es: false, seed: 1 },
  },
  {
    id: "overfit",
    label: "Overfitting",
    expect: "Training loss keeps falling while validation loss bottoms out early and then climbs: the network memorises the noise of only 20 training points.",
    state: { data: "reg1d", n: 40, noise: 0.6, layers: [64, 64], act: "relu", opt: "adam", lr: 0.01, batch: 4, epochs: 400, val: 0.5, l2: 0, dropout: 0, es: false, seed: 2 },
  },
];

/** Diagnosis of a finished (or running) history, in the lecture's three words. */
export type Diagnosis = "good" | "underfit" | "overfit" | "unclear";

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
 */
export function diagnose(loss: readonly number[], valLoss: readonly number[]): Diagnosis {
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
