import { describe, expect, it } from "vitest";
import { Dense, Sequential, modelToConfig } from "../../lib/nn/index.ts";
import { createFitHandler, payloadFromData } from "../../lib/worker/index.ts";
import type { FitProgressMessage, FitStartMessage, FromWorkerMessage, ToWorkerMessage } from "../../lib/worker/index.ts";
import { isStopped, startFit } from "./startFit.ts";
import type { FitWorker } from "./startFit.ts";

/** XOR's four corners, regression with mse. */
function start(id: string, epochs: number): FitStartMessage {
  const model = new Sequential([new Dense(4, { activation: "tanh" }), new Dense(1)], { inputShape: [2] });
  return {
    type: "start",
    id,
    model: modelToConfig(model),
    seed: 1,
    x: [payloadFromData([4, 2], new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]))],
    y: [payloadFromData([4, 1], new Float32Array([0, 1, 1, 0]))],
    options: { epochs, batchSize: 4, loss: "mse", optimizer: { name: "adam", options: { learningRate: 0.05 } } },
  };
}

/**
 * A worker in the same thread: the project's real message handler behind asynchronous message
 * passing (each message is delivered in a later task, as between a page and a Worker).
 */
function fakeWorker(log: { toWorker: ToWorkerMessage[]; terminated: boolean }): FitWorker {
  const w: FitWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => {
      log.toWorker.push(message);
      setTimeout(() => void handle(message), 0);
    },
    terminate: () => {
      log.terminated = true;
    },
  };
  const handle = createFitHandler(
    (message: FromWorkerMessage) => {
      if (log.terminated) return;
      setTimeout(() => w.onmessage?.({ data: message } as MessageEvent<FromWorkerMessage>), 0);
    },
    { minIntervalMs: 0 },
  );
  return w;
}

describe("startFit, the widgets' one training-worker client", () => {
  it("reports every epoch through onProgress, acknowledges each message, and resolves done with the final weights", async () => {
    const log = { toWorker: [] as ToWorkerMessage[], terminated: false };
    const progress: FitProgressMessage[] = [];
    const run = startFit(start("a", 6), { onProgress: (m) => progress.push(m), createWorker: () => fakeWorker(log) });
    const done = await run.done;
    expect(done.reason).toBe("finished");
    expect(done.history.loss).toHaveLength(6);
    expect(progress.flatMap((m) => m.logs)).toHaveLength(6);
    // One ack per progress message, so the worker never outpaces the page.
    expect(log.toWorker.filter((m) => m.type === "ack")).toHaveLength(progress.length);
    expect(done.weights.map((w) => w.name)).toEqual(["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]);
    expect(log.terminated).toBe(true);
  });

  it("pauses (onPause gets the weights so far), resumes the same session, and finishes all planned epochs", async () => {
    const log = { toWorker: [] as ToWorkerMessage[], terminated: false };
    let pausedAt = -1;
    let resolvePaused: () => void = () => {};
    const pausedOnce = new Promise<void>((r) => (resolvePaused = r));
    // Enough epochs that the run is still going when the pause arrives (the loop yields every few ms).
    const run = startFit(start("b", 20_000), {
      onProgress: (m) => {
        if (m.epochsDone >= 3 && pausedAt < 0) run.pause();
      },
      onPause: (m) => {
        pausedAt = m.epochsDone;
        resolvePaused();
      },
      createWorker: () => fakeWorker(log),
    });
    await Promise.race([pausedOnce, run.done]);
    expect(pausedAt).toBeGreaterThanOrEqual(3);
    expect(pausedAt).toBeLessThan(20_000);
    expect(log.terminated).toBe(false);
    run.resume();
    const done = await run.done;
    expect(done.reason).toBe("finished");
    expect(done.epochsDone).toBe(20_000);
    expect(done.history.loss).toHaveLength(20_000);
  });

  it("stop ends the run at once: the worker is terminated, done rejects as stopped, later messages are ignored", async () => {
    const log = { toWorker: [] as ToWorkerMessage[], terminated: false };
    let calls = 0;
    const run = startFit(start("c", 200), { onProgress: () => (calls += 1), createWorker: () => fakeWorker(log) });
    run.stop();
    run.stop();
    const error = await run.done.catch((e: unknown) => e);
    expect(isStopped(error)).toBe(true);
    expect(log.terminated).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(0);
  });

  it("rejects done with the worker's message when training fails", async () => {
    const log = { toWorker: [] as ToWorkerMessage[], terminated: false };
    const bad = start("d", 3);
    bad.options.optimizer = { name: "no-such-optimizer" };
    const error = await startFit(bad, { createWorker: () => fakeWorker(log) }).done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isStopped(error)).toBe(false);
    expect(String((error as Error).message)).toMatch(/optimizer/i);
  });
});
