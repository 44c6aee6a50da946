// The training pipeline shared by the CLI (train.ts) and its test: simulate data, train with the
// engine, evaluate on held-out cutouts, export ONNX + engine weights + a model card.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../src/lib/random/index.ts";
import { Tensor, noGrad, softmax, tensor } from "../src/lib/autodiff/index.ts";
import { Activation, Input, Model, summary, trainStep, weightsFromJSON, weightsToJSON } from "../src/lib/nn/index.ts";
import type { Sequential, SymbolicTensor } from "../src/lib/nn/index.ts";
import { Adam } from "../src/lib/optim/index.ts";
import { exportModel } from "../src/lib/onnx/export-model.ts";
import { DIHEDRAL_VIEWS, IMAGE_SIZE, LEGACY_SURVEY_STRETCH, PIXEL_SCALE_ARCSEC, dihedralView } from "../src/lib/astro/index.ts";
import { buildNetwork } from "../src/lib/astro/model-specs.ts";
import type { ModelSpec } from "../src/lib/astro/model-specs.ts";
import { IMAGE_VALUES, generateDataset, imageAt } from "./dataset.ts";
import type { Dataset } from "./dataset.ts";
import { augmentInto } from "./augment.ts";
import { accuracyOf, confusionMatrix, ratesAt, rocAuc } from "./metrics.ts";
import { progressBar } from "./progress.ts";
import { writeCard } from "./card.ts";

/** What the exported models expect, stored in the .onnx metadata ("preprocessing") and the card. */
export const PREPROCESSING = {
  input: `float32 NCHW [N, 3, ${IMAGE_SIZE}, ${IMAGE_SIZE}]`,
  channels: ["R = z band", "G = r band", "B = g band"],
  range: [0, 1],
  stretch: `Lupton et al. (2004) colour-preserving asinh as legacypipe's dr2_rgb: scales g ${LEGACY_SURVEY_STRETCH.scales[0]}, r ${LEGACY_SURVEY_STRETCH.scales[1]}, z ${LEGACY_SURVEY_STRETCH.scales[2]}, m ${LEGACY_SURVEY_STRETCH.m}, Q ${LEGACY_SURVEY_STRETCH.Q}`,
  pixelScaleArcsec: PIXEL_SCALE_ARCSEC,
  function: "src/lib/astro/preprocess.ts preprocess(): centre crop, resample to 64 × 64, stretch (or /255 for RGBA pictures)",
} as const;

export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  /** Accuracy on the first `monitorImages` held-out images (un-augmented). */
  testAccuracy: number;
  learningRate: number;
  seconds: number;
}

export interface TrainResult extends HeldOutEvaluation {
  spec: ModelSpec;
  model: Sequential;
  history: EpochRecord[];
  epochsRun: number;
  stoppedByTime: boolean;
  dataSeconds: number;
  trainSeconds: number;
  cpuSeconds: number;
  parameters: number;
  summary: string;
  files: Record<string, number>;
  command: string;
}

export interface TrainOptions {
  /** Folder to write model.onnx, weights.json, CARD.md, metrics.json into. */
  outDir: string;
  /** The command that reproduces this run (written into the card). */
  command: string;
  /** Progress bars on stderr (default true). */
  progress?: boolean;
  /** Held-out images scored after every epoch (default 600). */
  monitorImages?: number;
}

/** η(step) on a cosine from η₀ down to η₁ over `total` steps. */
function cosineSchedule(start: number, end: number, total: number): (step: number) => number {
  return (step) => end + 0.5 * (start - end) * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}

/** Softmax probabilities of the network for images [from, to) of `data` (inference mode). */
export function predictProbabilities(model: Model, data: Dataset, from = 0, to = data.count, batch = 100): Float32Array {
  const k = model.outputShapes[0][0];
  const out = new Float32Array((to - from) * k);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  noGrad(() => {
    for (let s = from; s < to; s += batch) {
      const e = Math.min(to, s + batch);
      for (let i = s; i < e; i++) imageAt(data, i, buf.subarray((i - s) * IMAGE_VALUES, (i - s + 1) * IMAGE_VALUES));
      const x = new Tensor(buf.slice(0, (e - s) * IMAGE_VALUES), [e - s, 3, IMAGE_SIZE, IMAGE_SIZE]);
      const p = softmax(model.forward(x, { training: false })[0]);
      out.set(p.data, (s - from) * k);
    }
  });
  return out;
}

function argmax(p: Float32Array, row: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[row * k + j] > p[row * k + best]) best = j;
  return best;
}

/** The trained layers with a softmax on top (what model.onnx computes), or up to the embedding. */
export function exportGraph(model: Sequential, name: string, upTo?: string): Model {
  const input = Input([3, IMAGE_SIZE, IMAGE_SIZE], { name: "input" });
  let x: SymbolicTensor = input;
  for (const layer of model.layers) {
    x = layer.apply(x);
    if (layer.name === upTo) break;
  }
  const output = upTo === undefined ? new Activation("softmax", { name: "probabilities" }).apply(x) : x;
  return new Model({ inputs: input, outputs: output, name });
}

/** Runs the whole pipeline for `spec` and writes its files; returns the numbers. */
export function trainModel(spec: ModelSpec, options: TrainOptions): TrainResult {
  const show = options.progress ?? true;
  const k = spec.classes.length;
  const root = new Rng(spec.seed);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();

  const genBar = show ? progressBar(`${spec.name}: simulate`, spec.trainImages + spec.testImages) : null;
  const train = generateDataset(spec.classes, spec.seed, "train", spec.trainImages, { onProgress: (d) => genBar?.update(d) });
  const test = generateDataset(spec.classes, spec.seed, "test", spec.testImages, { keepParams: true, onProgress: (d) => genBar?.update(spec.trainImages + d) });
  genBar?.finish();
  const dataSeconds = (performance.now() - t0) / 1000;

  const model = buildNetwork(k, `${spec.seed}/init`, spec.widths, spec.hidden, spec.batchNorm);
  const stepsPerEpoch = Math.ceil(train.count / spec.batchSize);
  const optimizer = new Adam({ learningRate: cosineSchedule(spec.learningRate, spec.finalLearningRate, stepsPerEpoch * spec.epochs) });
  const shuffleRng = root.fork("shuffle");
  const augmentRng = root.fork("augment");
  const dropoutRng = root.fork("dropout");
  const monitor = Math.min(options.monitorImages ?? 600, test.count);
  const order = Array.from({ length: train.count }, (_, i) => i);
  const batchData = new Float32Array(spec.batchSize * IMAGE_VALUES);
  const history: EpochRecord[] = [];
  const trainStart = performance.now();
  let stoppedByTime = false;
  let step = 0;
  for (let epoch = 0; epoch < spec.epochs; epoch++) {
    shuffleRng.shuffle(order);
    const bar = show ? progressBar(`${spec.name}: epoch ${epoch + 1}/${spec.epochs}`, stepsPerEpoch) : null;
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let b = 0; b < stepsPerEpoch; b++) {
      const idx = order.slice(b * spec.batchSize, Math.min(train.count, (b + 1) * spec.batchSize));
      idx.forEach((i, r) => augmentInto(train.images, i, batchData, r * IMAGE_VALUES, augmentRng, spec.augment));
      const x = new Tensor(batchData.slice(0, idx.length * IMAGE_VALUES), [idx.length, 3, IMAGE_SIZE, IMAGE_SIZE]);
      const y = tensor(idx.map((i) => train.labels[i]));
      const lr = optimizer.learningRate as (s: number) => number;
      const result = trainStep(model, x, y, { loss: "softmaxCrossEntropy", optimizer, rng: dropoutRng });
      const logits = result.outputs[0].data;
      idx.forEach((i, r) => {
        let best = 0;
        for (let j = 1; j < k; j++) if (logits[r * k + j] > logits[r * k + best]) best = j;
        if (best === train.labels[i]) correct++;
      });
      lossSum += result.loss * idx.length;
      seen += idx.length;
      step++;
      bar?.update(b + 1, `loss ${(lossSum / seen).toFixed(3)} acc ${(correct / seen).toFixed(3)} lr ${lr(step).toExponential(1)}`);
    }
    const probs = predictProbabilities(model, test, 0, monitor);
    let right = 0;
    for (let i = 0; i < monitor; i++) if (argmax(probs, i, k) === test.labels[i]) right++;
    const record: EpochRecord = {
      epoch: epoch + 1,
      loss: lossSum / seen,
      trainAccuracy: correct / seen,
      testAccuracy: right / monitor,
      learningRate: (optimizer.learningRate as (s: number) => number)(step),
      seconds: (performance.now() - trainStart) / 1000,
    };
    history.push(record);
    bar?.finish(`loss ${record.loss.toFixed(3)} train acc ${record.trainAccuracy.toFixed(3)} held-out acc ${record.testAccuracy.toFixed(3)} (${monitor} images)`);
    if (spec.stopAfterEpochs !== undefined && epoch + 1 >= spec.stopAfterEpochs) break;
    if (record.seconds / 60 > spec.maxMinutes && epoch + 1 < spec.epochs) {
      stoppedByTime = true;
      break;
    }
  }
  const trainSeconds = (performance.now() - trainStart) / 1000;

  const evaluation = evaluateHeldOut(spec, model, test);

  // Files.
  mkdirSync(options.outDir, { recursive: true });
  const files: Record<string, number> = {};
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(options.outDir, name), data);
    files[name] = typeof data === "string" ? Buffer.byteLength(data) : data.length;
  };
  const description = `${spec.title}. Trained on simulated Legacy-Survey-like g, r, z cutouts by the Deep Sky engine; see CARD.md.`;
  const preprocessing = JSON.stringify(PREPROCESSING);
  write("model.onnx", exportModel(exportGraph(model, spec.name), { name: spec.name, classLabels: spec.classes, preprocessing, description, outputNames: ["probabilities"] }));
  if (spec.exportBackbone) {
    write("backbone.onnx", exportModel(exportGraph(model, `${spec.name}-backbone`, "embedding"), { name: `${spec.name}-backbone`, preprocessing, description: `${description} Backbone: the convolutional layers and the 64-unit ReLU embedding.`, outputNames: ["embedding"] }));
  }
  write("weights.json", JSON.stringify(weightsToJSON(model)));
  const cpu = process.cpuUsage(cpu0);
  const result: TrainResult = {
    spec,
    model,
    history,
    epochsRun: history.length,
    stoppedByTime,
    ...evaluation,
    dataSeconds,
    trainSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    parameters: model.countParams(),
    summary: summary(model),
    files,
    command: options.command,
  };
  writeResults(result, (name, data) => write(name, data));
  return result;
}

/** metrics.json and CARD.md of a run. */
function writeResults(result: TrainResult, write: (name: string, data: string) => void): void {
  const { spec } = result;
  const metrics = {
    name: spec.name,
    classes: spec.classes,
    seed: spec.seed,
    trainImages: spec.trainImages,
    testImages: spec.testImages,
    epochsRun: result.epochsRun,
    stoppedByTime: result.stoppedByTime,
    accuracy: result.accuracy,
    views: result.views,
    singleViewAccuracy: result.singleViewAccuracy,
    auc: result.auc,
    rocPoints: result.rocPoints,
    confusion: result.confusion,
    history: result.history,
    parameters: result.parameters,
    dataSeconds: result.dataSeconds,
    trainSeconds: result.trainSeconds,
    cpuSeconds: result.cpuSeconds,
    command: result.command,
    mistakes: result.mistakes,
    preprocessing: PREPROCESSING,
  };
  write("metrics.json", JSON.stringify(metrics, null, 2));
  write("CARD.md", writeCard(result));
}

/** The numbers of the held-out evaluation. */
export interface HeldOutEvaluation {
  confusion: number[][];
  accuracy: number;
  /** Views averaged per prediction (8 with test-time augmentation, else 1), and the accuracy of one view alone. */
  views: number;
  singleViewAccuracy: number;
  auc: number | null;
  rocPoints: { fpr: number; tpr: number; threshold: number }[];
  mistakes: { index: number; truth: string; predicted: string; probability: number }[];
}

/** The held-out set seen through view k of the 8 symmetries (dihedral.ts). */
function viewOfDataset(data: Dataset, k: number): Dataset {
  const images = new Uint8Array(data.images.length);
  const one = new Float32Array(IMAGE_VALUES);
  for (let i = 0; i < data.count; i++) {
    dihedralView(data.images.subarray(i * IMAGE_VALUES, (i + 1) * IMAGE_VALUES), k, 3, IMAGE_SIZE, one);
    images.set(one, i * IMAGE_VALUES);
  }
  return { ...data, images };
}

/**
 * Scores every held-out image the way the shipped model is used: the probabilities of the image,
 * or (spec.testTimeAugmentation) their mean over its 8 flips and quarter turns.
 */
export function evaluateHeldOut(spec: ModelSpec, model: Model, test: Dataset): HeldOutEvaluation {
  const k = spec.classes.length;
  const single = predictProbabilities(model, test);
  const views = spec.testTimeAugmentation ? DIHEDRAL_VIEWS : 1;
  const probs = Float32Array.from(single);
  for (let v = 1; v < views; v++) {
    const p = predictProbabilities(model, viewOfDataset(test, v));
    for (let i = 0; i < probs.length; i++) probs[i] += p[i];
  }
  for (let i = 0; i < probs.length; i++) probs[i] /= views;
  const predicted = Array.from({ length: test.count }, (_, i) => argmax(probs, i, k));
  const confusion = confusionMatrix(test.labels, predicted, k);
  let singleRight = 0;
  for (let i = 0; i < test.count; i++) if (argmax(single, i, k) === test.labels[i]) singleRight++;
  let auc: number | null = null;
  const rocPoints: HeldOutEvaluation["rocPoints"] = [];
  if (k === 2) {
    const scores = Array.from({ length: test.count }, (_, i) => probs[i * 2 + 1]);
    const positive = Array.from(test.labels, (l) => l === 1);
    auc = rocAuc(scores, positive);
    for (const threshold of [0.5, 0.9, 0.99]) rocPoints.push({ threshold, ...ratesAt(scores, positive, threshold) });
  }
  const mistakes: HeldOutEvaluation["mistakes"] = [];
  for (let i = 0; i < test.count && mistakes.length < 12; i++) {
    if (predicted[i] !== test.labels[i]) mistakes.push({ index: i, truth: spec.classes[test.labels[i]], predicted: spec.classes[predicted[i]], probability: probs[i * k + predicted[i]] });
  }
  return { confusion, accuracy: accuracyOf(confusion), views, singleViewAccuracy: singleRight / test.count, auc, rocPoints, mistakes };
}

/**
 * Re-scores a committed model (its weights.json) on its held-out set with the current spec and
 * evaluation, and rewrites its metrics.json and CARD.md; the training record (history, timings,
 * command) is kept from the run's metrics.json. For a change in how a model is *used* (e.g. test-time
 * augmentation), without spending half an hour retraining the same weights.
 */
export function reevaluateModel(spec: ModelSpec, dir: string): TrainResult {
  const run = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as { epochsRun: number; stoppedByTime: boolean; history: EpochRecord[]; dataSeconds: number; trainSeconds: number; cpuSeconds: number; command: string };
  const model = buildNetwork(spec.classes.length, `${spec.seed}/init`, spec.widths, spec.hidden, spec.batchNorm);
  weightsFromJSON(model, readFileSync(join(dir, "weights.json"), "utf8"));
  const test = generateDataset(spec.classes, spec.seed, "test", spec.testImages, { keepParams: true });
  const files: Record<string, number> = {};
  for (const name of ["model.onnx", ...(spec.exportBackbone ? ["backbone.onnx"] : []), "weights.json"]) files[name] = statSync(join(dir, name)).size;
  const result: TrainResult = {
    spec,
    model,
    history: run.history,
    epochsRun: run.epochsRun,
    stoppedByTime: run.stoppedByTime,
    ...evaluateHeldOut(spec, model, test),
    dataSeconds: run.dataSeconds,
    trainSeconds: run.trainSeconds,
    cpuSeconds: run.cpuSeconds,
    parameters: model.countParams(),
    summary: summary(model),
    files,
    command: run.command,
  };
  writeResults(result, (name, data) => {
    writeFileSync(join(dir, name), data);
    files[name] = Buffer.byteLength(data);
  });
  return result;
}
