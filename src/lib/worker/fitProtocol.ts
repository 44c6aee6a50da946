import type { DType } from "../autodiff/dtype.ts";
import type { ModelConfig } from "../nn/config.ts";
import type { EarlyStoppingOptions, EpochLogs, History } from "../nn/fit.ts";
import type { LossName } from "../nn/losses.ts";
import type { KernelBackend } from "../kernels/kernelBackend.ts";

/**
 * Messages between a page and a training Worker (the one mechanism for training off the main
 * thread). Tensors travel as ArrayBuffers listed in the postMessage transfer list (moved, not
 * copied); the sender's buffer becomes unusable afterwards.
 *
 *   page → worker: start (model config, data, optimizer, fit options, optional probe inputs)
 *                  · ack (progress handled) · pause · resume · stop
 *   worker → page: progress (new epochs' logs, predictions at the probe) · done (why the run ended,
 *                  history, weights, predictions) · error
 *
 * A worker holds one *session* at a time: the model and optimizer built by the last start. Each
 * *run* (a start, or a resume after a pause) ends with exactly one done or error message. Pause
 * keeps the session — the same model object and the optimizer's state (Adam's moments) — so resume
 * continues as if training had never stopped; stop, finishing all epochs, early stopping and a new
 * start end it.
 *
 * Back-pressure: progress messages are throttled to one per `minIntervalMs` of the handler (≤ 20 per
 * second by default), and after each one the worker waits for an `ack` before sending the next. Epochs
 * keep training meanwhile; their logs accumulate and arrive together in the next message, so a busy
 * page never builds a backlog and never misses an epoch. The last progress of a run is sent before its
 * done message without waiting for the ack.
 */
export interface TensorPayload {
  shape: number[];
  dtype: DType;
  /** The row-major values; length = product of shape × bytes per element. */
  buffer: ArrayBuffer;
}

export interface WeightPayload extends TensorPayload {
  name: string;
}

export interface FitStartMessage {
  type: "start";
  /** Chosen by the page; echoed in every reply, so replies of a superseded session can be ignored. */
  id: string;
  model: ModelConfig;
  /** Weight-initialisation seed. Default 0. */
  seed?: number | string;
  /** Initial weights (e.g. to continue training); default: fresh from the seed. */
  weights?: WeightPayload[];
  /** Inputs, one tensor per model input, [rows, …]. */
  x: TensorPayload[];
  /** Targets, one tensor per model output, [rows, …]. */
  y: TensorPayload[];
  /**
   * Points at which to report the model's predictions with every progress and done message (a
   * heatmap grid, a curve's xs…), one tensor per model input. Default: no predictions.
   */
  probe?: TensorPayload[];
  options: {
    /** Total epochs of the session (resumed runs continue towards it). */
    epochs: number;
    batchSize?: number;
    loss: LossName | LossName[];
    /** An optimizer name of src/lib/optim's createOptimizer ("sgd", "adam", …) and its options. */
    optimizer: { name: string; options?: Record<string, unknown> };
    validationSplit?: number;
    metrics?: "accuracy"[];
    /** Seed of shuffling and dropout. Default 0. */
    rngSeed?: number | string;
    earlyStopping?: EarlyStoppingOptions;
    /** Send the current weights with every progress message too (for a live network diagram). Default false. */
    progressWeights?: boolean;
  };
}

/** The page has drawn the last progress message; the worker may send the next. */
export interface FitAckMessage {
  type: "ack";
  id: string;
}

/** End the current run after its current batch, keeping the session for a resume. */
export interface FitPauseMessage {
  type: "pause";
  id: string;
}

/** Continue a paused session towards its planned epochs (ignored unless paused). */
export interface FitResumeMessage {
  type: "resume";
  id: string;
}

/** End the current run after its current batch, and the session with it. */
export interface FitStopMessage {
  type: "stop";
  id: string;
}

export type ToWorkerMessage = FitStartMessage | FitAckMessage | FitPauseMessage | FitResumeMessage | FitStopMessage;

export interface FitProgressMessage {
  type: "progress";
  id: string;
  /** Logs of the epochs finished since the previous progress message, in order. */
  logs: EpochLogs[];
  /** Epochs finished so far in this session (all runs). */
  epochsDone: number;
  /** The model's first output at the probe points, flattened (raw: logits, standardised values…); absent without a probe. */
  predictions?: Float32Array;
  /** Current weights, as in done messages; only when the start asked for `progressWeights` (transferred). */
  weights?: WeightPayload[];
}

/** Why a run ended: all epochs ran, a pause or stop message arrived, or early stopping fired. */
export type FitDoneReason = "finished" | "paused" | "stopped" | "early";

export interface FitDoneMessage {
  type: "done";
  id: string;
  reason: FitDoneReason;
  /** Every epoch of the session so far (all runs). */
  history: History;
  /** Epochs finished so far in this session (all runs). */
  epochsDone: number;
  /** Epochs run in this run. */
  runEpochs: number;
  /** Milliseconds this run trained (pauses not counted), for an epochs-per-second readout. */
  runMs: number;
  /** Current weights, named "<layer>/<weight>" (transferred). */
  weights: WeightPayload[];
  /** As in progress messages (transferred). */
  predictions?: Float32Array;
  /** Which kernels computed the run's big float32 ops: "wasm" (WebAssembly SIMD) or "js" where it cannot run. */
  kernels: KernelBackend;
}

export interface FitErrorMessage {
  type: "error";
  id: string;
  message: string;
}

export type FromWorkerMessage = FitProgressMessage | FitDoneMessage | FitErrorMessage;
