import { Tensor } from "../autodiff/tensor.ts";
import type { FloatArray } from "../autodiff/dtype.ts";
import { Rng } from "../random/rng.ts";
import { modelFromConfig } from "../nn/config.ts";
import { fitAsync } from "../nn/fit.ts";
import type { OptimizerLike } from "../nn/fit.ts";
import { getWeights, setWeights } from "../nn/weights.ts";
import { createOptimizer } from "../optim/index.ts";
import type { FromWorkerMessage, TensorPayload, ToWorkerMessage, WeightPayload } from "./fit-protocol.ts";

/** Sends a message to the page; `transfer` lists buffers to move rather than copy. */
export type Post = (message: FromWorkerMessage, transfer: ArrayBuffer[]) => void;

export interface FitHandlerOptions {
  /** Builds the optimizer named in a start message. Default: src/lib/optim's createOptimizer. */
  makeOptimizer?: (name: string, options: Record<string, unknown>) => OptimizerLike;
}

/** A typed view on a payload's buffer (no copy). */
export function tensorFromPayload(p: TensorPayload): Tensor {
  const data: FloatArray = p.dtype === "float64" ? new Float64Array(p.buffer) : new Float32Array(p.buffer);
  return new Tensor(data, p.shape);
}

/** A payload owning a copy of the tensor's values (safe to transfer). */
export function payloadFromData(shape: number[], data: FloatArray): TensorPayload {
  const copy = data.slice();
  return { shape: shape.slice(), dtype: copy instanceof Float64Array ? "float64" : "float32", buffer: copy.buffer as ArrayBuffer };
}

/**
 * The pure message logic of a training Worker, testable in Node: feed it each incoming message; it
 * replies through `post`. A start message builds the model from its config, trains with `fitAsync`
 * (yielding to the event loop so a stop message can arrive) and answers progress…, then done or error.
 */
export function createFitHandler(post: Post, options: FitHandlerOptions = {}): (message: ToWorkerMessage) => Promise<void> {
  const stopRequested = new Set<string>();
  const makeOptimizer = options.makeOptimizer ?? ((name: string, o: Record<string, unknown>) => createOptimizer(name, o));
  return async (message) => {
    if (message.type === "stop") {
      stopRequested.add(message.id);
      return;
    }
    if (message.type !== "start") return;
    const { id } = message;
    try {
      const model = modelFromConfig(message.model, message.seed ?? 0);
      if (message.weights !== undefined) {
        setWeights(model, message.weights.map((w) => ({ name: w.name, shape: w.shape, data: tensorFromPayload(w).data })));
      }
      const o = message.options;
      const history = await fitAsync(model, message.x.map(tensorFromPayload), message.y.map(tensorFromPayload), {
        epochs: o.epochs,
        batchSize: o.batchSize,
        loss: o.loss,
        optimizer: makeOptimizer(o.optimizer.name, o.optimizer.options ?? {}),
        validationSplit: o.validationSplit,
        metrics: o.metrics,
        rng: new Rng(o.rngSeed ?? 0),
        earlyStopping: o.earlyStopping,
        shouldStop: () => stopRequested.has(id),
        callbacks: [
          {
            onBatchEnd: (batch, logs, epoch) => {
              if (o.reportBatches) post({ type: "progress", id, kind: "batch", epoch, batch, logs }, []);
            },
            onEpochEnd: (epoch, logs) => post({ type: "progress", id, kind: "epoch", epoch, logs }, []),
          },
        ],
      });
      const weights: WeightPayload[] = getWeights(model).map((w) => ({ name: w.name, ...payloadFromData(w.shape, w.data) }));
      post({ type: "done", id, history, weights, stopped: stopRequested.has(id) }, weights.map((w) => w.buffer));
    } catch (error) {
      post({ type: "error", id, message: error instanceof Error ? error.message : String(error) }, []);
    } finally {
      stopRequested.delete(id);
    }
  };
}
