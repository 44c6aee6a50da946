// The transfer-learning experiment, as pure functions: the new tasks and their simulated examples,
// the two networks that learn them (a new head on the frozen morphology backbone, and the same
// network trained from scratch), the training messages for the fit worker, the parameter table that
// makes freezing concrete, and the held-out accuracy. No DOM: the widget wires these to ONNX Runtime
// and to the Worker.
import { simulateCutout } from "../../lib/astro/index.ts";
import type { CutoutKind, CutoutParams } from "../../lib/astro/index.ts";
import { CLASSIFIERS, buildClassifier } from "../../lib/zoo/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { Dense, Dropout, Sequential, modelToConfig, summaryData } from "../../lib/nn/index.ts";
import { payloadFromData } from "../../lib/worker/index.ts";
import type { FitStartMessage } from "../../lib/worker/index.ts";
import type { TaskId } from "./transferState.ts";

/** Pixels of one network input (3 bands × 64 × 64). */
export const IMAGE_VALUES = 3 * 64 * 64;
/** Width of the backbone's embedding (the 64-unit ReLU layer). */
export const EMBEDDING_SIZE = 64;
/** Held-out cutouts per task (the same for every seed and every number of examples). */
export const HELD_OUT = 200;
/** Epochs both models train for (the same, so their curves share an axis). */
export const EPOCHS = 40;
/** Names of the layers the pre-trained backbone contains (everything up to the embedding). */
export const BACKBONE_LAYERS = ["conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "flatten", "embedding"] as const;

export interface TaskInfo {
  /** Short label for the task picker. */
  label: string;
  /** Class names, index = label (1 is the positive class). */
  classes: readonly [string, string];
  /** One sentence: what the task is and why the backbone never saw it. */
  about: string;
}

export const TASKS: Record<TaskId, TaskInfo> = {
  lens: {
    label: "Strong lens or look-alike",
    classes: ["non-lens", "lens"],
    about:
      "Red galaxies with a lensed blue arc against red galaxies with blue companions or a blue galaxy behind them. The morphology network never saw a lens.",
  },
  bar: {
    label: "Barred or unbarred spiral",
    classes: ["unbarred", "barred"],
    about:
      "Spiral galaxies with and without a central bar long enough to see. The morphology network saw both, but was never asked to tell them apart.",
  },
};

/** One labelled example: the network input (CHW in [0, 1]), its class index and what the simulator drew. */
export interface Example {
  image: Float32Array;
  label: 0 | 1;
  params: CutoutParams;
}

/** A barred example's bar is at least this many PSF FWHMs long, so that it can be seen at all. */
export const MIN_BAR_FWHM = 1.5;

/** Whether a simulated cutout belongs to a task's class `label` (see taskExample). */
function fitsTask(task: TaskId, label: 0 | 1, p: CutoutParams): boolean {
  if (task === "lens") return label === 1 ? p.lens!.groupMembers === 0 : p.lookalike!.scene === "companions";
  const d = p.details;
  if (d.kind !== "spiral" || d.bar !== (label === 1)) return false;
  return label === 0 || d.barLength >= MIN_BAR_FWHM * p.observing.psfFwhmPixels[1];
}

/**
 * Example `index` of a task's training set (seeded by `seed`) or held-out set (one fixed set per
 * task). Classes alternate (even index → 0, odd → 1), so any prefix of n examples is balanced to
 * within one. Deterministic: the same arguments give the same pixels on every machine.
 *
 * Both tasks are drawn in one survey look (simulateCutout's "nominal"), as a small labelled set from
 * one survey would be, and each keeps only the cases its labels can be read from: galaxy-scale lenses
 * against red galaxies with blue companions or a superposed blue galaxy (the lens finder's ring
 * galaxies, groups and the rest are beyond twenty labels), and bars at least MIN_BAR_FWHM seeing
 * widths long (a shorter bar is a blur that no label can be learned from). The simulator cannot be
 * told to draw either, so cutouts are simulated from forks of the example's seed until one fits; the
 * first match is kept, which is still deterministic.
 */
export function taskExample(task: TaskId, split: "train" | "held-out", seed: number, index: number): Example {
  const label: 0 | 1 = index % 2 === 0 ? 0 : 1;
  const base = split === "train" ? `transfer/${task}/train/${seed}/${index}` : `transfer/${task}/held-out/${index}`;
  const kind: CutoutKind = task === "bar" ? "spiral" : label === 1 ? "lens" : "non-lens";
  for (let attempt = 0; ; attempt++) {
    const cutout = simulateCutout(kind, new Rng(`${base}/${attempt}`), { look: "nominal" });
    if (fitsTask(task, label, cutout.params)) return { image: cutout.image, label, params: cutout.params };
  }
}

/** Concatenates CHW images into one NCHW batch. */
export function stackImages(images: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(images.length * IMAGE_VALUES);
  images.forEach((im, i) => out.set(im, i * IMAGE_VALUES));
  return out;
}

/**
 * The new head trained on the backbone's embeddings: dropout and a dense layer of two logits — the
 * same two layers that end the morphology network, so "head on frozen backbone" and "scratch" are one
 * architecture that differs only in where the first layers' weights come from and whether they train.
 */
export function headNetwork(seed: number | string): Sequential {
  return new Sequential([new Dropout(0.3, { name: "dropout" }), new Dense(2, { name: "logits" })], {
    inputShape: [EMBEDDING_SIZE],
    name: "head",
    seed,
  });
}

/** The morphology classifier's architecture with two outputs (the tasks' classes). */
const TWO_CLASS_MORPHOLOGY_NETWORK = { ...CLASSIFIERS["galaxy-morphology"], classes: ["class 0", "class 1"] };

/** The whole network, every layer trainable, from random weights: the morphology architecture with 2 outputs. */
export function scratchNetwork(seed: string): Sequential {
  return buildClassifier(TWO_CLASS_MORPHOLOGY_NETWORK, seed);
}

/**
 * The transferred model as one network: the backbone's layers frozen (`trainable = false`: the
 * engine gives their weights no gradient and counts them as non-trainable) and the new head on top.
 * Used for the parameter table; in the page the frozen part runs in ONNX Runtime instead, which
 * computes exactly the same embedding once per image.
 */
export function transferNetwork(): Sequential {
  const net = buildClassifier(TWO_CLASS_MORPHOLOGY_NETWORK, "transfer-view");
  for (const layer of net.layers) if ((BACKBONE_LAYERS as readonly string[]).includes(layer.name)) layer.trainable = false;
  return net;
}

/** One layer of the parameter table. */
export interface ParamRow {
  name: string;
  kind: string;
  /** Output shape without the batch axis, e.g. "8 × 32 × 32" (thin spaces around ×, for narrow tables). */
  shape: string;
  params: number;
  /** frozen: pre-trained, no gradient; trainable: updated by the optimizer; none: the layer has no weights. */
  role: "frozen" | "trainable" | "none";
}

export interface ParamTable {
  rows: ParamRow[];
  frozen: number;
  trainable: number;
  /** Trainable parameters of the same network trained from scratch (all of them). */
  scratchTrainable: number;
}

/** The layers of the transferred model with their parameter counts and roles, from the engine's summary. */
export function paramTable(): ParamTable {
  const net = transferNetwork();
  const data = summaryData(net);
  const rows: ParamRow[] = data.rows.map((r) => {
    const layer = net.layers.find((l) => l.name === r.name)!;
    return {
      name: r.name,
      kind: r.kind,
      shape: r.outputShape.slice(1).join("\u2009×\u2009"),
      params: r.params,
      role: r.params === 0 ? "none" : layer.trainable ? "trainable" : "frozen",
    };
  });
  return {
    rows,
    frozen: data.nonTrainableParams,
    trainable: data.trainableParams,
    scratchTrainable: summaryData(scratchNetwork("count")).trainableParams,
  };
}

/** Training settings of both models: Adam, minibatches of 16 (or all examples when fewer). */
export const HEAD_LEARNING_RATE = 0.01;
export const SCRATCH_LEARNING_RATE = 0.002;
export const BATCH_SIZE = 16;

/**
 * Start message for the fit worker: the new head on `n` embeddings. The held-out embeddings ride along
 * as the last rows with a validation split that takes exactly them, so the worker reports the head's
 * held-out loss and accuracy after every epoch (valLoss, valAccuracy): for 64 numbers per image that
 * costs next to nothing. (The split fraction is padded by half a row: the worker rounds the number of
 * validation rows down.)
 */
export function headStart(
  id: string,
  seed: number,
  embeddings: Float32Array,
  labels: ArrayLike<number>,
  heldOutEmbeddings: Float32Array,
  heldOutLabels: ArrayLike<number>,
): FitStartMessage {
  const n = labels.length;
  const m = heldOutLabels.length;
  const x = new Float32Array((n + m) * EMBEDDING_SIZE);
  x.set(embeddings.subarray(0, n * EMBEDDING_SIZE));
  x.set(heldOutEmbeddings.subarray(0, m * EMBEDDING_SIZE), n * EMBEDDING_SIZE);
  const y = new Float32Array(n + m);
  y.set(Float32Array.from(labels));
  y.set(Float32Array.from(heldOutLabels), n);
  return {
    type: "start",
    id,
    model: modelToConfig(headNetwork(`head/${seed}`)),
    seed: `head/${seed}`,
    x: [payloadFromData([n + m, EMBEDDING_SIZE], x)],
    y: [payloadFromData([n + m], y)],
    options: {
      epochs: EPOCHS,
      batchSize: Math.min(BATCH_SIZE, n),
      loss: "softmaxCrossEntropy",
      optimizer: { name: "adam", options: { learningRate: HEAD_LEARNING_RATE } },
      validationSplit: (m + 0.5) / (n + m),
      metrics: ["accuracy"],
      rngSeed: `head/${seed}`,
    },
  };
}

/**
 * Start message for the fit worker: the whole network from scratch on `n` images, probed at the
 * held-out images. A held-out pass of the CNN costs about as much as two training epochs on 20
 * examples, so it is not run every epoch (validation would): the page measures it from the probe
 * predictions of the progress messages, which it acknowledges only every few hundred milliseconds.
 */
export function scratchStart(
  id: string,
  seed: number,
  images: Float32Array,
  labels: ArrayLike<number>,
  heldOutImages: Float32Array,
): FitStartMessage {
  const n = labels.length;
  return {
    type: "start",
    id,
    model: modelToConfig(scratchNetwork(`scratch/${seed}`)),
    seed: `scratch/${seed}`,
    x: [payloadFromData([n, 3, 64, 64], images)],
    y: [payloadFromData([n], Float32Array.from(labels))],
    probe: [payloadFromData([heldOutImages.length / IMAGE_VALUES, 3, 64, 64], heldOutImages)],
    options: {
      epochs: EPOCHS,
      batchSize: Math.min(BATCH_SIZE, n),
      loss: "softmaxCrossEntropy",
      optimizer: { name: "adam", options: { learningRate: SCRATCH_LEARNING_RATE } },
      metrics: ["accuracy"],
      rngSeed: `scratch/${seed}`,
    },
  };
}

/** Fraction of rows whose larger logit is the true class (logits [N, 2] row-major). */
export function accuracy(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (labels.length === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
    if (predicted === labels[i]) correct++;
  }
  return correct / labels.length;
}

/** Held-out accuracy measured at an epoch (the page measures it whenever the worker reports). */
export interface CurvePoint {
  epoch: number;
  value: number;
}

/** Challenge: at most this many labelled examples … */
export const CHALLENGE_MAX_EXAMPLES = 10;
/** … and the head at least this far ahead of the scratch network on the held-out set (fraction). */
export const CHALLENGE_MARGIN = 0.1;

/** Whether a finished comparison meets the lesson's challenge. */
export function challengeMet(n: number, headAccuracy: number, scratchAccuracy: number): boolean {
  return n <= CHALLENGE_MAX_EXAMPLES && headAccuracy - scratchAccuracy >= CHALLENGE_MARGIN - 1e-9;
}
