/**
 * The small dense network that the network trainer trains and the Keras-code widget writes out:
 * the datasets it can learn, the hidden activations and optimizers it offers, its URL schema (one
 * schema, so a link from one widget opens the other with the same network), the plain-data
 * Architecture read from that state and the engine model built from it. No DOM, no Solid.
 */
import { booleanField, choiceField, numberField, numberListField, type StateOf } from "./urlState.ts";
import { Dense, Dropout, Sequential } from "../../lib/nn/index.ts";
import type { LossName } from "../../lib/nn/index.ts";
import type { OptimizerName } from "../../lib/optim/index.ts";

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
