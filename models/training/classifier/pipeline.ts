// The classifiers' training pipeline (`npm run models:train -- galaxy-morphology`): simulate data,
// train with the engine, evaluate on held-out cutouts, export ONNX + engine weights + a model card.
// What each classifier is (network, classes, schedule, test-time augmentation) is its spec in the
// model zoo (src/lib/zoo/classifier.ts; the network is built by classifierNetwork.ts).
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor, tensor } from "../../../src/lib/autodiff/index.ts";
import { summary, trainStep, weightsFromJSON, weightsToJSON } from "../../../src/lib/nn/index.ts";
import { Adam } from "../../../src/lib/optim/index.ts";
import { exportModel } from "../../../src/lib/onnx/exportModel.ts";
import { IMAGE_SIZE } from "../../../src/lib/astro/index.ts";
import { CLASSIFIER_IO, CLASSIFIER_PREPROCESSING, buildClassifier } from "../../../src/lib/zoo/index.ts";
import type { ClassifierSpec } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES, generateDataset } from "../shared/dataset.ts";
import { GradientPool } from "../shared/gradientPool.ts";
import { progressBar } from "../shared/progress.ts";
import { augmentInto } from "./augment.ts";
import { realImagesSection, savedRealImages, withRealImagesSection, writeCard } from "./card.ts";
import { argmax, evaluateHeldOut, predictProbabilities } from "./evaluate.ts";
import { exportGraph } from "./exportGraph.ts";
import type { EpochRecord, TrainOptions, TrainResult } from "./result.ts";

/** η(step) on a cosine from η₀ down to η₁ over `total` steps. */
function cosineSchedule(start: number, end: number, total: number): (step: number) => number {
  return (step) => end + 0.5 * (start - end) * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}

/** Runs the whole pipeline for `spec` and writes its files; returns the numbers. */
export function trainModel(spec: ClassifierSpec, options: TrainOptions): TrainResult {
  const show = options.progress ?? true;
  const k = spec.classes.length;
  const root = new Rng(spec.seed);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();

  const genBar = show ? progressBar(`${spec.name}: simulate`, spec.trainImages + spec.testImages) : null;
  const train = generateDataset(spec.classes, spec.seed, "train", spec.trainImages, { onProgress: (d) => genBar?.update(d) });
  const test = generateDataset(spec.classes, spec.seed, "test", spec.testImages, {
    keepParams: true,
    onProgress: (d) => genBar?.update(spec.trainImages + d),
  });
  genBar?.finish();
  const dataSeconds = (performance.now() - t0) / 1000;

  const model = buildClassifier(spec, `${spec.seed}/init`);
  const stepsPerEpoch = Math.ceil(train.count / spec.batchSize);
  const optimizer = new Adam({ learningRate: cosineSchedule(spec.learningRate, spec.finalLearningRate, stepsPerEpoch * spec.epochs) });
  const shuffleRng = root.fork("shuffle");
  const augmentRng = root.fork("augment");
  const dropoutRng = root.fork("dropout");
  // --threads N > 1: data-parallel shards with their own dropout streams (gradientPool.ts); a seed and
  // a thread count give the same weights, and one thread is exactly the single-threaded loop.
  const threads = options.threads ?? 1;
  const pool =
    threads > 1
      ? new GradientPool(
          threads,
          {
            kind: "classifier",
            architecture: spec,
            initSeed: `${spec.seed}/init`,
            inputShape: [3, IMAGE_SIZE, IMAGE_SIZE],
            loss: "softmaxCrossEntropy",
            dropoutSeed: `${spec.seed}/dropout`,
          },
          model,
          spec.batchSize,
        )
      : null;
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
      const lr = optimizer.learningRate as (s: number) => number;
      let logits: ArrayLike<number>;
      let loss: number;
      if (pool !== null) {
        const labels = idx.map((i) => train.labels[i]);
        ({ logits, loss } = pool.gradients(model, batchData, labels, idx.length, step));
        optimizer.step(model.trainableWeights());
      } else {
        const x = new Tensor(batchData.slice(0, idx.length * IMAGE_VALUES), [idx.length, 3, IMAGE_SIZE, IMAGE_SIZE]);
        const y = tensor(idx.map((i) => train.labels[i]));
        const result = trainStep(model, x, y, { loss: "softmaxCrossEntropy", optimizer, rng: dropoutRng });
        logits = result.outputs[0].data;
        loss = result.loss;
      }
      idx.forEach((i, r) => {
        let best = 0;
        for (let j = 1; j < k; j++) if (logits[r * k + j] > logits[r * k + best]) best = j;
        if (best === train.labels[i]) correct++;
      });
      lossSum += loss * idx.length;
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
    bar?.finish(
      `loss ${record.loss.toFixed(3)} train acc ${record.trainAccuracy.toFixed(3)} held-out acc ${record.testAccuracy.toFixed(3)} (${monitor} images)`,
    );
    if (spec.stopAfterEpochs !== undefined && epoch + 1 >= spec.stopAfterEpochs) break;
    if (record.seconds / 60 > spec.maxMinutes && epoch + 1 < spec.epochs) {
      stoppedByTime = true;
      break;
    }
  }
  pool?.close();
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
  const preprocessing = JSON.stringify(CLASSIFIER_PREPROCESSING);
  write(
    "model.onnx",
    exportModel(exportGraph(model, spec.name), {
      name: spec.name,
      classLabels: spec.classes,
      preprocessing,
      description,
      outputNames: [CLASSIFIER_IO.output],
    }),
  );
  if (spec.exportBackbone) {
    write(
      "backbone.onnx",
      exportModel(exportGraph(model, `${spec.name}-backbone`, CLASSIFIER_IO.embedding), {
        name: `${spec.name}-backbone`,
        preprocessing,
        description: `${description} Backbone: the convolutional layers and the 64-unit ReLU embedding.`,
        outputNames: [CLASSIFIER_IO.embedding],
      }),
    );
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
    threads,
    parameters: model.countParams(),
    summary: summary(model),
    files,
    command: options.command,
  };
  writeResults(result, options.outDir, (name, data) => write(name, data));
  return result;
}

/** metrics.json and CARD.md of a run written into `dir`. */
function writeResults(result: TrainResult, dir: string, write: (name: string, data: string) => void): void {
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
    threads: result.threads,
    command: result.command,
    mistakes: result.mistakes,
    preprocessing: CLASSIFIER_PREPROCESSING,
  };
  write("metrics.json", JSON.stringify(metrics, null, 2));
  // The real-image section comes from the folder's real-images.json, when it was measured on this very model.onnx.
  const real = savedRealImages(dir);
  write("CARD.md", withRealImagesSection(writeCard(result), real && realImagesSection(real, result.accuracy)));
}

/**
 * Re-scores a committed model (its weights.json) on its held-out set with the current spec and
 * evaluation, and rewrites its metrics.json and CARD.md; the training record (history, timings,
 * command) is kept from the run's metrics.json. For a change in how a model is *used* (e.g. test-time
 * augmentation), without spending half an hour retraining the same weights.
 */
export function reevaluateModel(spec: ClassifierSpec, dir: string): TrainResult {
  const run = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as {
    epochsRun: number;
    stoppedByTime: boolean;
    history: EpochRecord[];
    dataSeconds: number;
    trainSeconds: number;
    cpuSeconds: number;
    threads?: number;
    command: string;
  };
  const model = buildClassifier(spec, `${spec.seed}/init`);
  weightsFromJSON(model, readFileSync(join(dir, "weights.json"), "utf8"));
  const test = generateDataset(spec.classes, spec.seed, "test", spec.testImages, { keepParams: true });
  const files: Record<string, number> = {};
  for (const name of ["model.onnx", ...(spec.exportBackbone ? ["backbone.onnx"] : []), "weights.json"])
    files[name] = statSync(join(dir, name)).size;
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
    threads: run.threads ?? 1,
    parameters: model.countParams(),
    summary: summary(model),
    files,
    command: run.command,
  };
  writeResults(result, dir, (name, data) => {
    writeFileSync(join(dir, name), data);
    files[name] = Buffer.byteLength(data);
  });
  return result;
}
