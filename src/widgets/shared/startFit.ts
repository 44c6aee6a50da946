// The one training-worker client of the widgets: start a fit in the project's worker
// (src/lib/worker), acknowledge its progress, pause, resume, stop, and learn how it ended.
// Each call gets its own Worker, so runs never share a session: a superseded run is stopped by
// terminating its worker, and two runs (a comparison) can train side by side.
import type { FitDoneMessage, FitProgressMessage, FitStartMessage, FromWorkerMessage, ToWorkerMessage } from "../../lib/worker/index.ts";

/** The part of a Web Worker that startFit uses (a fake one in unit tests). */
export interface FitWorker {
  postMessage(message: ToWorkerMessage, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface StartFitOptions {
  /** New epochs' logs (and predictions at the probe), at most one message per acknowledgement. */
  onProgress?: (message: FitProgressMessage) => void;
  /** The worker confirmed a pause: the session waits for `resume` (weights and predictions included). */
  onPause?: (message: FitDoneMessage) => void;
  /**
   * Wait this long before acknowledging a progress message. The worker evaluates the probe for every
   * progress message it sends, so for an expensive probe a delay keeps most of the time for training;
   * epochs go on meanwhile and their logs arrive together. Default: acknowledge once the progress
   * callback has returned and the page has rendered it (a microtask).
   */
  ackDelayMs?: number;
  /** Makes the worker. Default: a module Worker running src/lib/worker/fit.worker.ts. */
  createWorker?: () => FitWorker;
}

export interface FitRun {
  /** Pause after the current batch, keeping the model and optimizer state for `resume`. */
  pause(): void;
  /** Continue a paused run towards its planned epochs (ignored unless paused). */
  resume(): void;
  /** End the run now: the worker is terminated and `done` rejects with an AbortError. Idempotent. */
  stop(): void;
  /**
   * The done message of the session's end: all epochs ran ("finished") or early stopping fired
   * ("early"); with the final weights and predictions. Rejects with the worker's error, or with an
   * AbortError after `stop`.
   */
  done: Promise<FitDoneMessage>;
}

/** True for the rejection of a run ended by `stop` (nothing to report to the learner). */
export const isStopped = (error: unknown): boolean => error instanceof DOMException && error.name === "AbortError";

const moduleWorker = (): FitWorker =>
  new Worker(new URL("../../lib/worker/fit.worker.ts", import.meta.url), { type: "module" }) as unknown as FitWorker;

/** Starts `message` in a fresh fit worker; its buffers (x, y, probe, weights) are transferred, not copied. */
export function startFit(message: FitStartMessage, options: StartFitOptions = {}): FitRun {
  const worker = (options.createWorker ?? moduleWorker)();
  const id = message.id;
  let settled = false;
  let paused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveRun: (m: FitDoneMessage) => void = () => {};
  let rejectRun: (error: Error) => void = () => {};
  const done = new Promise<FitDoneMessage>((resolve, reject) => {
    resolveRun = resolve;
    rejectRun = reject;
  });
  // A caller that only stops a run (and never awaits it) must not see an unhandled rejection.
  done.catch(() => {});

  const end = () => {
    settled = true;
    clearTimeout(timer);
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
  };

  worker.onmessage = (event) => {
    const m = event.data;
    if (settled || m.id !== id) return;
    if (m.type === "progress") {
      options.onProgress?.(m);
      const ack = () => {
        if (!settled) worker.postMessage({ type: "ack", id });
      };
      if (options.ackDelayMs) timer = setTimeout(ack, options.ackDelayMs);
      else queueMicrotask(ack);
    } else if (m.type === "error") {
      end();
      rejectRun(new Error(m.message));
    } else if (m.reason === "paused") {
      paused = true;
      options.onPause?.(m);
    } else {
      // "finished" or "early" ("stopped" cannot arrive: stop terminates the worker first).
      end();
      resolveRun(m);
    }
  };
  worker.onerror = (event) => {
    if (settled) return;
    end();
    rejectRun(new Error(event.message || "The training worker could not start (is JavaScript in workers blocked?)."));
  };

  const transfer: ArrayBuffer[] = [...message.x, ...message.y, ...(message.probe ?? []), ...(message.weights ?? [])].map((t) => t.buffer);
  try {
    worker.postMessage(message, transfer);
  } catch (error) {
    end();
    rejectRun(error instanceof Error ? error : new Error(String(error)));
  }

  return {
    done,
    pause: () => {
      if (!settled && !paused) worker.postMessage({ type: "pause", id });
    },
    resume: () => {
      if (settled || !paused) return;
      paused = false;
      worker.postMessage({ type: "resume", id });
    },
    stop: () => {
      if (settled) return;
      end();
      rejectRun(new DOMException("The run was stopped.", "AbortError"));
    },
  };
}
