import type { DType } from "../autodiff/dtype.ts";
import type { ModelConfig } from "../nn/config.ts";
import type { EarlyStoppingOptions, EpochLogs, BatchLogs, History } from "../nn/fit.ts";
import type { LossName } from "../nn/losses.ts";

/**
 * Messages between a page and a training Worker. Tensors travel as ArrayBuffers listed in the
 * postMessage transfer list (moved, not copied); the sender's buffer becomes unusable afterwards.
 *
 *   page → worker: start (architecture, data, options) · stop
 *   worker → page: progress (per epoch, and per batch if asked) · done (history + weights) · error
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
  /** Chosen by the page; echoed in every reply so several runs can share a worker. */
  id: string;
  model: ModelConfig;
  /** Weight-initialisation seed. Default 0. */
  seed?: number | string;
  /** Initial weights (e.g. to continue training); default: fresh from the seed. */
  weights?: WeightPayload[];
  x: TensorPayload[];
  y: TensorPayload[];
  options: {
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
    /** Also report every batch (default: epochs only). */
    reportBatches?: boolean;
  };
}

export interface FitStopMessage {
  type: "stop";
  id: string;
}

export type ToWorkerMessage = FitStartMessage | FitStopMessage;

export type FitProgressMessage =
  | { type: "progress"; id: string; kind: "epoch"; epoch: number; logs: EpochLogs }
  | { type: "progress"; id: string; kind: "batch"; epoch: number; batch: number; logs: BatchLogs };

export interface FitDoneMessage {
  type: "done";
  id: string;
  history: History;
  /** Trained weights, named "<layer>/<weight>" (transferred). */
  weights: WeightPayload[];
  /** True when a stop message ended training early. */
  stopped: boolean;
}

export interface FitErrorMessage {
  type: "error";
  id: string;
  message: string;
}

export type FromWorkerMessage = FitProgressMessage | FitDoneMessage | FitErrorMessage;
