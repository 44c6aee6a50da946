// One training run in its own Web Worker (the project's fit worker, src/lib/worker): post the start
// message, acknowledge progress, resolve with the done message. A fresh worker per run keeps the two
// models of the comparison independent (they train side by side) and makes cancelling simple:
// terminate the worker.
import type { FitDoneMessage, FitProgressMessage, FitStartMessage, FromWorkerMessage } from "../../lib/worker/index.ts";

export interface WorkerRun {
  done: Promise<FitDoneMessage>;
  /** Ends the run at once (the worker is terminated; `done` rejects with an AbortError). */
  cancel(): void;
}

export interface WorkerRunOptions {
  onProgress: (message: FitProgressMessage) => void;
  /**
   * Wait this long before acknowledging a progress message. The worker evaluates the probe (here the
   * held-out set) for every progress message it sends, so for an expensive probe a delay keeps most
   * of the time for training; epochs go on meanwhile and their logs arrive together.
   */
  ackDelayMs?: number;
}

/** Starts `message` in a new fit worker. */
export function trainInWorker(message: FitStartMessage, options: WorkerRunOptions): WorkerRun {
  const worker = new Worker(new URL("../../lib/worker/fit.worker.ts", import.meta.url), { type: "module" });
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rejectRun: (error: Error) => void = () => {};
  const done = new Promise<FitDoneMessage>((resolve, reject) => {
    rejectRun = reject;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<FromWorkerMessage>) => {
      const m = event.data;
      if (settled || m.id !== message.id) return;
      if (m.type === "progress") {
        options.onProgress(m);
        const ack = () => worker.postMessage({ type: "ack", id: m.id });
        if (options.ackDelayMs) timer = setTimeout(ack, options.ackDelayMs);
        else queueMicrotask(ack);
      } else if (m.type === "done") {
        finish();
        resolve(m);
      } else {
        finish();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (event) => {
      if (settled) return;
      finish();
      reject(new Error(event.message || "The training worker could not start."));
    };
  });
  const transfer = [...message.x, ...message.y, ...(message.probe ?? [])].map((t) => t.buffer);
  worker.postMessage(message, transfer);
  return {
    done,
    cancel: () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      rejectRun(new DOMException("The run was cancelled.", "AbortError"));
    },
  };
}
