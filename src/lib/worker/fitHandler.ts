import { Tensor } from "../autodiff/tensor.ts";
import type { FloatArray } from "../autodiff/dtype.ts";
import { Rng } from "../random/rng.ts";
import { modelFromConfig } from "../nn/config.ts";
import { fitAsync, predict } from "../nn/fit.ts";
import type { EpochLogs, History, OptimizerLike } from "../nn/fit.ts";
import type { Model } from "../nn/model.ts";
import { getWeights, setWeights } from "../nn/weights.ts";
import { createOptimizer } from "../optim/index.ts";
import { kernelBackend } from "../kernels/kernelBackend.ts";
import type { FitDoneReason, FitStartMessage, FromWorkerMessage, TensorPayload, ToWorkerMessage, WeightPayload } from "./fitProtocol.ts";

/** Sends a message to the page; `transfer` lists buffers to move rather than copy. */
export type Post = (message: FromWorkerMessage, transfer: ArrayBuffer[]) => void;

export interface FitHandlerOptions {
  /** Builds the optimizer named in a start message. Default: src/lib/optim's createOptimizer. */
  makeOptimizer?: (name: string, options: Record<string, unknown>) => OptimizerLike;
  /** Smallest gap between two progress messages, in ms. Default 50 (≤ 20 messages per second). */
  minIntervalMs?: number;
  /** Clock in ms, for the throttle and run times. Default performance.now. */
  now?: () => number;
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

/** The model and optimizer of the last start message, kept across pauses. */
interface Session {
  id: string;
  model: Model;
  /** The same object for every run of the session, so its per-weight state (Adam's moments) carries over. */
  optimizer: OptimizerLike;
  options: FitStartMessage["options"];
  x: Tensor[];
  y: Tensor[];
  probe: Tensor[] | null;
  /** Every epoch of the session so far. */
  history: History;
  /** A run (start or resume) is training now. */
  running: boolean;
  /** What the page asked the running run to do after its current batch. */
  request: "pause" | "stop" | null;
  /** A progress message is on its way and the page has not acknowledged it yet. */
  awaitingAck: boolean;
  /** Finished, stopped, stopped early or failed: a resume is ignored. */
  ended: boolean;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The pure message logic of the training Worker, testable in Node: feed it each incoming message
 * (see fitProtocol.ts); it replies through `post`. A start message builds the model from its config
 * and the optimizer, then trains with `fitAsync`, which yields to the event loop so that ack, pause and
 * stop messages arrive during training. The returned promise of a start or resume settles when that
 * run has ended (after its done or error message).
 */
export function createFitHandler(post: Post, options: FitHandlerOptions = {}): (message: ToWorkerMessage) => Promise<void> {
  const makeOptimizer = options.makeOptimizer ?? ((name: string, o: Record<string, unknown>) => createOptimizer(name, o));
  const minInterval = options.minIntervalMs ?? 50;
  const now = options.now ?? (() => performance.now());
  let session: Session | null = null;

  /** Copies of the model's weights as transferable payloads. */
  const currentWeights = (s: Session): WeightPayload[] =>
    getWeights(s.model).map((w) => ({ name: w.name, ...payloadFromData(w.shape, w.data) }));
  /** The model's first output at the probe points, as a fresh (transferable) float32 array. */
  const predictions = (s: Session): Float32Array | undefined =>
    s.probe === null ? undefined : Float32Array.from(predict(s.model, s.probe).data);

  async function run(s: Session): Promise<void> {
    const o = s.options;
    s.running = true;
    s.request = null;
    s.awaitingAck = false;
    let pending: EpochLogs[] = [];
    let lastPost = -Infinity;
    let runEpochs = 0;
    const started = now();
    const epochsBefore = s.history.epochs;
    const flush = () => {
      s.awaitingAck = true;
      const p = predictions(s);
      // Weights only when asked for (a network diagram): a copy of every weight per message.
      const w = o.progressWeights ? currentWeights(s) : undefined;
      const transfer = [...(p ? [p.buffer as ArrayBuffer] : []), ...(w ?? []).map((t) => t.buffer)];
      post(
        { type: "progress", id: s.id, logs: pending, epochsDone: epochsBefore + runEpochs, predictions: p, ...(w ? { weights: w } : {}) },
        transfer,
      );
      pending = [];
      lastPost = now();
    };
    try {
      const seed = o.rngSeed ?? 0;
      const runHistory = await fitAsync(s.model, s.x, s.y, {
        epochs: o.epochs - epochsBefore,
        batchSize: o.batchSize,
        loss: o.loss,
        optimizer: s.optimizer,
        validationSplit: o.validationSplit,
        metrics: o.metrics,
        // An uninterrupted session shuffles exactly as fit with new Rng(seed); a resumed run takes a
        // stream of its own, so that its shuffles do not repeat those before the pause.
        rng: new Rng(epochsBefore === 0 ? seed : `${seed}:${epochsBefore}`),
        earlyStopping: o.earlyStopping,
        shouldStop: () => s.request !== null,
        callbacks: [
          {
            onEpochEnd: (_epoch, logs) => {
              runEpochs += 1;
              pending.push(logs);
              if (!s.awaitingAck && now() - lastPost >= minInterval) flush();
            },
          },
        ],
      });
      if (pending.length > 0) flush();
      const h = s.history;
      s.history = {
        loss: [...h.loss, ...runHistory.loss],
        valLoss: [...h.valLoss, ...runHistory.valLoss],
        accuracy: [...h.accuracy, ...runHistory.accuracy],
        valAccuracy: [...h.valAccuracy, ...runHistory.valAccuracy],
        epochs: h.epochs + runHistory.epochs,
        stoppedEarly: runHistory.stoppedEarly,
      };
      let reason: FitDoneReason;
      if (runHistory.stoppedEarly) reason = "early";
      else if (s.history.epochs >= o.epochs) reason = "finished";
      else if (s.request === "stop") reason = "stopped";
      else reason = "paused";
      s.ended = reason !== "paused";
      const weights = currentWeights(s);
      const p = predictions(s);
      const transfer = weights.map((w) => w.buffer);
      if (p) transfer.push(p.buffer as ArrayBuffer);
      post(
        {
          type: "done",
          id: s.id,
          reason,
          history: s.history,
          epochsDone: s.history.epochs,
          runEpochs,
          runMs: now() - started,
          weights,
          predictions: p,
          kernels: kernelBackend(),
        },
        transfer,
      );
    } catch (error) {
      s.ended = true;
      post({ type: "error", id: s.id, message: errorText(error) }, []);
    } finally {
      s.running = false;
    }
  }

  function startSession(message: FitStartMessage): Session {
    const model = modelFromConfig(message.model, message.seed ?? 0);
    if (message.weights !== undefined) {
      setWeights(
        model,
        message.weights.map((w) => ({ name: w.name, shape: w.shape, data: tensorFromPayload(w).data })),
      );
    }
    const o = message.options;
    return {
      id: message.id,
      model,
      optimizer: makeOptimizer(o.optimizer.name, o.optimizer.options ?? {}),
      options: o,
      x: message.x.map(tensorFromPayload),
      y: message.y.map(tensorFromPayload),
      probe: message.probe ? message.probe.map(tensorFromPayload) : null,
      history: { loss: [], valLoss: [], accuracy: [], valAccuracy: [], epochs: 0, stoppedEarly: false },
      running: false,
      request: null,
      awaitingAck: false,
      ended: false,
    };
  }

  return async (message) => {
    if (message.type === "start") {
      // A new start supersedes the current session: its run stops (and says so with its id).
      if (session?.running) session.request = "stop";
      session = null;
      let s: Session;
      try {
        s = startSession(message);
      } catch (error) {
        post({ type: "error", id: message.id, message: errorText(error) }, []);
        return;
      }
      session = s;
      await run(s);
      return;
    }
    const s = session;
    if (s === null || s.id !== message.id) return;
    switch (message.type) {
      case "ack":
        s.awaitingAck = false;
        return;
      case "pause":
        if (s.running && s.request === null) s.request = "pause"; // never downgrades a stop
        return;
      case "stop":
        if (s.running) s.request = "stop";
        else session = null; // a paused session is discarded without a reply
        return;
      case "resume":
        if (!s.running && !s.ended) await run(s);
        return;
    }
  };
}
