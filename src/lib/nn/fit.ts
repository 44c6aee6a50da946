import { Tensor } from "../autodiff/tensor.ts";
import { allocate } from "../autodiff/dtype.ts";
import type { FloatArray } from "../autodiff/dtype.ts";
import { add } from "../autodiff/elementwise.ts";
import { noGrad } from "../autodiff/gradMode.ts";
import { Rng } from "../random/rng.ts";
import type { Model } from "./model.ts";
import { lossFunction } from "./losses.ts";
import type { LossFn, LossName } from "./losses.ts";
import { countCorrect } from "./metrics.ts";
import { rowCount, sliceRows, takeRows } from "./data.ts";
import { loadKernels } from "../kernels/loadKernels.ts";

/** What `fit` needs of an optimizer (src/lib/optim's SGD, Adam, … satisfy it). */
export interface OptimizerLike {
  step(params: readonly { data: FloatArray; grad: FloatArray | null }[]): void;
}

/** A loss by name or function, or one per model output (summed). */
export type LossSpec = LossName | LossFn | readonly (LossName | LossFn)[];

export interface EpochLogs {
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface BatchLogs {
  loss: number;
  accuracy?: number;
  /** Rows in this batch. */
  size: number;
}

/** Hooks called during `fit`; returning "stop" ends training after the current batch/epoch. */
export interface FitCallbacks {
  onBatchEnd?(batch: number, logs: BatchLogs, epoch: number): void | "stop";
  onEpochEnd?(epoch: number, logs: EpochLogs): void | "stop";
}

export interface EarlyStoppingOptions {
  /** Default "valLoss" when there is validation data, else "loss". */
  monitor?: "loss" | "valLoss" | "accuracy" | "valAccuracy";
  /** Epochs without improvement before stopping. Default 5. */
  patience?: number;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Put back the weights of the best epoch when stopping. Default false. */
  restoreBestWeights?: boolean;
}

export interface FitOptions {
  loss: LossSpec;
  optimizer: OptimizerLike;
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Shuffle the training rows every epoch: true (default, with rng.fork("shuffle")), false, or a generator. */
  shuffle?: boolean | Rng;
  /** Source of dropout masks (and the default shuffle). Default new Rng(0). */
  rng?: Rng;
  /** Fraction of rows, taken from the end before shuffling (as Keras), held out for validation. */
  validationSplit?: number;
  validationData?: [Tensor | Tensor[], Tensor | Tensor[]];
  metrics?: readonly "accuracy"[];
  callbacks?: readonly FitCallbacks[];
  earlyStopping?: EarlyStoppingOptions;
}

/** Per-epoch records; arrays without data (no validation, no accuracy metric) stay empty. */
export interface History {
  loss: number[];
  valLoss: number[];
  accuracy: number[];
  valAccuracy: number[];
  /** Epochs actually run. */
  epochs: number;
  stoppedEarly: boolean;
}

/** An event of `fitSteps`. */
export type FitEvent = { type: "batch"; epoch: number; batch: number; logs: BatchLogs } | { type: "epoch"; epoch: number; logs: EpochLogs };

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function lossList(model: Model, loss: LossSpec): LossFn[] {
  const specs = Array.isArray(loss) ? (loss as (LossName | LossFn)[]) : model.outputs.map(() => loss as LossName | LossFn);
  if (specs.length !== model.outputs.length) throw new RangeError(`fit: ${specs.length} losses for ${model.outputs.length} outputs`);
  return specs.map((s) => lossFunction(s));
}

/** Decision threshold of the accuracy metric for single-output rows: 0 for logits, 0.5 otherwise. */
function thresholdFor(loss: LossSpec): number {
  const first = Array.isArray(loss) ? loss[0] : loss;
  return first === "binaryCrossEntropyWithLogits" ? 0 : 0.5;
}

/** Σ over outputs of loss_k(output_k, target_k). */
function totalLoss(outputs: Tensor[], targets: Tensor[], fns: LossFn[]): Tensor {
  if (targets.length !== outputs.length)
    throw new RangeError(`fit: ${targets.length} target tensor(s) for ${outputs.length} model output(s)`);
  let total = fns[0](outputs[0], targets[0]);
  for (let k = 1; k < outputs.length; k++) total = add(total, fns[k](outputs[k], targets[k]));
  return total;
}

/**
 * The gradient of one batch without a step: clear gradients, forward in training mode (which also
 * moves batch normalisation's statistics), loss, backward. The gradients are left in each trainable
 * weight's `grad`. Data-parallel training calls this on each shard of a batch and combines the shards'
 * gradients before one optimizer step.
 */
export function computeGradients(
  model: Model,
  x: Tensor | Tensor[],
  y: Tensor | Tensor[],
  options: { loss: LossSpec; rng?: Rng },
): { loss: number; outputs: Tensor[]; lossTensor: Tensor } {
  // Training is where the WebAssembly kernels pay: load them (once per thread, where supported).
  loadKernels();
  for (const p of model.trainableWeights()) p.grad = null;
  const outputs = model.forward(list(x), { training: true, rng: options.rng ?? new Rng(0) });
  const loss = totalLoss(outputs, list(y), lossList(model, options.loss));
  if (loss.requiresGrad) loss.backward();
  return { loss: loss.item(), outputs, lossTensor: loss };
}

/**
 * One optimisation step on one batch: computeGradients, then optimizer.step on the trainable
 * weights. Returns the loss value and the outputs (whose graph and gradients remain inspectable).
 */
export function trainStep(
  model: Model,
  x: Tensor | Tensor[],
  y: Tensor | Tensor[],
  options: { loss: LossSpec; optimizer: OptimizerLike; rng?: Rng },
): { loss: number; outputs: Tensor[]; lossTensor: Tensor } {
  const result = computeGradients(model, x, y, options);
  options.optimizer.step(model.trainableWeights());
  return result;
}

/**
 * The training loop as a generator: yields after every batch and every epoch, returns the History.
 * `fit` runs it to the end at once; `fitAsync` lets the event loop breathe between batches (for a
 * Worker that must notice a stop message).
 */
export function* fitSteps(model: Model, x: Tensor | Tensor[], y: Tensor | Tensor[], options: FitOptions): Generator<FitEvent, History> {
  let xs = list(x);
  let ys = list(y);
  const n0 = rowCount("fit", [...xs, ...ys]);
  let valX: Tensor[] | null = null;
  let valY: Tensor[] | null = null;
  if (options.validationData !== undefined) {
    valX = list(options.validationData[0]);
    valY = list(options.validationData[1]);
  } else if (options.validationSplit !== undefined && options.validationSplit > 0) {
    const split = options.validationSplit;
    if (!(split < 1)) throw new RangeError(`fit: validationSplit must be in [0, 1), got ${split}`);
    const nTrain = n0 - Math.floor(n0 * split);
    if (nTrain <= 0 || nTrain === n0)
      throw new RangeError(`fit: validationSplit ${split} of ${n0} rows leaves an empty training or validation set`);
    valX = xs.map((t) => sliceRows(t, nTrain, n0));
    valY = ys.map((t) => sliceRows(t, nTrain, n0));
    xs = xs.map((t) => sliceRows(t, 0, nTrain));
    ys = ys.map((t) => sliceRows(t, 0, nTrain));
  }
  const n = xs[0].shape[0];
  const epochs = options.epochs ?? 1;
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`fit: batchSize must be a positive integer, got ${batchSize}`);
  const rng = options.rng ?? new Rng(0);
  const shuffle = options.shuffle ?? true;
  const shuffleRng = shuffle instanceof Object ? shuffle : shuffle ? rng.fork("shuffle") : null;
  const wantAccuracy = (options.metrics ?? []).includes("accuracy");
  const threshold = thresholdFor(options.loss);
  const callbacks = options.callbacks ?? [];
  const history: History = { loss: [], valLoss: [], accuracy: [], valAccuracy: [], epochs: 0, stoppedEarly: false };
  const es = options.earlyStopping;
  const monitor = es?.monitor ?? (valX !== null ? "valLoss" : "loss");
  const maximize = monitor === "accuracy" || monitor === "valAccuracy";
  let best = maximize ? -Infinity : Infinity;
  let wait = 0;
  let bestWeights: FloatArray[] | null = null;
  const order = Array.from({ length: n }, (_, i) => i);

  for (let epoch = 0; epoch < epochs; epoch++) {
    if (shuffleRng !== null) shuffleRng.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    let stop = false;
    for (let start = 0, batch = 0; start < n; start += batchSize, batch++) {
      const idx = order.slice(start, Math.min(n, start + batchSize));
      const bx = xs.map((t) => takeRows(t, idx));
      const by = ys.map((t) => takeRows(t, idx));
      const step = trainStep(model, bx, by, { loss: options.loss, optimizer: options.optimizer, rng });
      lossSum += step.loss * idx.length;
      seen += idx.length;
      const logs: BatchLogs = { loss: step.loss, size: idx.length };
      if (wantAccuracy) {
        const c = countCorrect(step.outputs[0], by[0], threshold);
        correct += c;
        logs.accuracy = c / idx.length;
      }
      for (const cb of callbacks) if (cb.onBatchEnd?.(batch, logs, epoch) === "stop") stop = true;
      yield { type: "batch", epoch, batch, logs };
      if (stop) break;
    }
    const logs: EpochLogs = { loss: lossSum / seen };
    history.loss.push(logs.loss);
    if (wantAccuracy) history.accuracy.push((logs.accuracy = correct / seen));
    if (valX !== null && valY !== null) {
      const v = evaluate(model, valX, valY, { loss: options.loss, batchSize, metrics: options.metrics });
      history.valLoss.push((logs.valLoss = v.loss));
      if (wantAccuracy) history.valAccuracy.push((logs.valAccuracy = v.accuracy!));
    }
    history.epochs = epoch + 1;
    for (const cb of callbacks) if (cb.onEpochEnd?.(epoch, logs) === "stop") stop = true;
    yield { type: "epoch", epoch, logs };
    if (es !== undefined) {
      const value = logs[monitor];
      if (value === undefined) throw new Error(`fit: earlyStopping monitors "${monitor}", which this run does not compute`);
      const minDelta = es.minDelta ?? 0;
      if (maximize ? value > best + minDelta : value < best - minDelta) {
        best = value;
        wait = 0;
        if (es.restoreBestWeights) bestWeights = model.weights().map((t) => t.data.slice());
      } else if (++wait >= (es.patience ?? 5)) {
        history.stoppedEarly = true;
        if (bestWeights !== null) model.weights().forEach((t, i) => t.data.set(bestWeights![i]));
        break;
      }
    }
    if (stop) break;
  }
  return history;
}

/** Trains `model` on (x, y) and returns the per-epoch history (Keras's model.fit). */
export function fit(model: Model, x: Tensor | Tensor[], y: Tensor | Tensor[], options: FitOptions): History {
  const steps = fitSteps(model, x, y, options);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/**
 * `fit` that yields to the event loop (a zero-delay timer) whenever `sliceMs` of work has passed, so a
 * Worker can receive messages (e.g. stop) during training. `shouldStop` is checked after each batch
 * (training then ends after that batch's epoch bookkeeping).
 */
export async function fitAsync(
  model: Model,
  x: Tensor | Tensor[],
  y: Tensor | Tensor[],
  options: FitOptions & { sliceMs?: number; shouldStop?: () => boolean },
): Promise<History> {
  const stopper: FitCallbacks = { onBatchEnd: () => (options.shouldStop?.() ? "stop" : undefined) };
  const steps = fitSteps(model, x, y, { ...options, callbacks: [...(options.callbacks ?? []), stopper] });
  const slice = options.sliceMs ?? 30;
  let last = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
    if (performance.now() - last > slice) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
}

/** Runs the model in inference mode over `x` in batches and returns every output, rows concatenated. */
export function predictOutputs(model: Model, x: Tensor | Tensor[], options: { batchSize?: number } = {}): Tensor[] {
  const xs = list(x);
  const n = rowCount("predict", xs);
  const batchSize = options.batchSize ?? 256;
  return noGrad(() => {
    const parts: Tensor[][] = model.outputs.map(() => []);
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const outs = model.forward(
        xs.map((t) => (start === 0 && end === n ? t : sliceRows(t, start, end))),
        { training: false },
      );
      outs.forEach((o, k) => parts[k].push(o));
    }
    return parts.map((p) => (p.length === 1 ? p[0] : concatRows(p)));
  });
}

/** The first output of `predictOutputs` (the usual single-output case). */
export function predict(model: Model, x: Tensor | Tensor[], options: { batchSize?: number } = {}): Tensor {
  return predictOutputs(model, x, options)[0];
}

/** Mean loss (and accuracy when asked) over (x, y) in inference mode. */
export function evaluate(
  model: Model,
  x: Tensor | Tensor[],
  y: Tensor | Tensor[],
  options: { loss: LossSpec; batchSize?: number; metrics?: readonly "accuracy"[] },
): { loss: number; accuracy?: number } {
  const xs = list(x);
  const ys = list(y);
  const n = rowCount("evaluate", [...xs, ...ys]);
  const fns = lossList(model, options.loss);
  const batchSize = options.batchSize ?? 256;
  const wantAccuracy = (options.metrics ?? []).includes("accuracy");
  return noGrad(() => {
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const bx = xs.map((t) => sliceRows(t, start, end));
      const by = ys.map((t) => sliceRows(t, start, end));
      const outs = model.forward(bx, { training: false });
      lossSum += totalLoss(outs, by, fns).item() * (end - start);
      if (wantAccuracy) correct += countCorrect(outs[0], by[0], thresholdFor(options.loss));
    }
    const result: { loss: number; accuracy?: number } = { loss: lossSum / n };
    if (wantAccuracy) result.accuracy = correct / n;
    return result;
  });
}

function concatRows(parts: Tensor[]): Tensor {
  const total = parts.reduce((s, p) => s + p.shape[0], 0);
  const data = allocate(
    parts[0].dtype,
    parts.reduce((s, p) => s + p.size, 0),
  );
  let offset = 0;
  for (const p of parts) {
    data.set(p.data, offset);
    offset += p.size;
  }
  return new Tensor(data, [total, ...parts[0].shape.slice(1)]);
}
