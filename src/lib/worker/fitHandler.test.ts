import { describe, expect, it } from "vitest";
import { Dense, Sequential, modelToConfig } from "../nn/index.ts";
import { createFitHandler, payloadFromData, tensorFromPayload } from "./index.ts";
import type { FitStartMessage, FromWorkerMessage } from "./index.ts";

/** XOR's four corners, regression with mse; no probe. */
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

/** Ten XOR-like points as logistic classification with a validation split, and three probe points. */
function probedStart(id: string, epochs: number, extra: Partial<FitStartMessage["options"]> = {}): FitStartMessage {
  const model = new Sequential([new Dense(4, { activation: "tanh" }), new Dense(1)], { inputShape: [2], seed: 1 });
  const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1, 0.5, 0.5, -1, -1, 1, -1, -1, 1, 0.2, 0.9, 0.9, 0.2]);
  const y = new Float32Array([0, 1, 1, 0, 1, 1, 0, 0, 1, 1]);
  return {
    type: "start",
    id,
    model: modelToConfig(model),
    seed: 1,
    x: [payloadFromData([10, 2], x)],
    y: [payloadFromData([10, 1], y)],
    probe: [payloadFromData([3, 2], new Float32Array([0, 0, 1, 1, -1, 1]))],
    options: {
      epochs,
      batchSize: 4,
      loss: "binaryCrossEntropyWithLogits",
      optimizer: { name: "adam", options: { learningRate: 0.05 } },
      validationSplit: 0.3,
      metrics: ["accuracy"],
      ...extra,
    },
  };
}

const logsOf = (sent: FromWorkerMessage[]) => sent.flatMap((m) => (m.type === "progress" ? m.logs : []));

describe("the fit worker's message handler", () => {
  it("answers a start message with progress for every epoch, then done with history and transferable weights", async () => {
    const sent: { message: FromWorkerMessage; transfer: ArrayBuffer[] }[] = [];
    let handle: ReturnType<typeof createFitHandler> | null = null;
    handle = createFitHandler(
      (message, transfer) => {
        sent.push({ message, transfer });
        if (message.type === "progress") void handle!({ type: "ack", id: message.id });
      },
      { minIntervalMs: 0 },
    );
    await handle(start("run-1", 5));
    // Unthrottled and acknowledged at once: one progress message per epoch, without predictions.
    const progress = sent.filter((s) => s.message.type === "progress");
    expect(progress).toHaveLength(5);
    expect(progress.every((s) => s.message.type === "progress" && s.message.logs.length === 1 && s.message.predictions === undefined)).toBe(
      true,
    );
    const done = sent[sent.length - 1].message;
    expect(done.type).toBe("done");
    if (done.type !== "done") return;
    expect(done.id).toBe("run-1");
    expect(done.reason).toBe("finished");
    expect(done.history.loss).toHaveLength(5);
    expect(done.weights.map((w) => w.name)).toEqual(["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]);
    expect(sent[sent.length - 1].transfer).toEqual(done.weights.map((w) => w.buffer));
    expect(tensorFromPayload(done.weights[0]).shape).toEqual([2, 4]);
    // Training loaded the WebAssembly kernels (Node runs WASM SIMD) unless a run chose the JS path.
    expect(done.kernels).toBe(process.env.ENGINE_KERNELS === "js" ? "js" : "wasm");
  });

  it("sends the current weights with progress only when the start asks for progressWeights", async () => {
    const run = async (progressWeights: boolean) => {
      const sent: { message: FromWorkerMessage; transfer: ArrayBuffer[] }[] = [];
      const handle: ReturnType<typeof createFitHandler> = createFitHandler(
        (message, transfer) => {
          sent.push({ message, transfer });
          if (message.type === "progress") void handle({ type: "ack", id: message.id });
        },
        { minIntervalMs: 0 },
      );
      await handle(probedStart("w", 3, { progressWeights }));
      return sent;
    };
    const plain = (await run(false)).filter((s) => s.message.type === "progress");
    expect(plain.every((s) => s.message.type === "progress" && s.message.weights === undefined)).toBe(true);
    const sent = await run(true);
    const progress = sent.filter((s) => s.message.type === "progress");
    expect(progress).toHaveLength(3);
    const last = progress[2];
    const done = sent[sent.length - 1].message;
    if (last.message.type !== "progress" || done.type !== "done") throw new Error("unexpected messages");
    // The last epoch's progress carries the same weights as the done message that follows it, transferred.
    expect(last.message.weights!.map((w) => w.name)).toEqual(done.weights.map((w) => w.name));
    expect(Array.from(tensorFromPayload(last.message.weights![0]).data)).toEqual(Array.from(tensorFromPayload(done.weights[0]).data));
    expect(last.transfer).toEqual([last.message.predictions!.buffer, ...last.message.weights!.map((w) => w.buffer)]);
  });

  it("stops a run when a stop message arrives during training, and ignores a later resume", async () => {
    const sent: FromWorkerMessage[] = [];
    let handle: ReturnType<typeof createFitHandler> | null = null;
    handle = createFitHandler(
      (message) => {
        sent.push(message);
        if (message.type === "progress") void handle!({ type: "ack", id: "r" });
        if (message.type === "progress" && message.epochsDone === 2) void handle!({ type: "stop", id: "r" });
      },
      { minIntervalMs: 0 },
    );
    await handle(start("r", 1000));
    const done = sent[sent.length - 1];
    expect(done.type).toBe("done");
    if (done.type === "done") {
      expect(done.reason).toBe("stopped");
      expect(done.history.epochs).toBeLessThan(10);
    }
    const count = sent.length;
    await handle({ type: "resume", id: "r" });
    expect(sent).toHaveLength(count);
  });

  it("reports errors (unknown optimizer, bad data) as error messages with the run id", async () => {
    const sent: FromWorkerMessage[] = [];
    const handle = createFitHandler((m) => sent.push(m));
    const bad = start("e", 1);
    bad.options.optimizer.name = "adamw";
    await handle(bad);
    expect(sent[0]).toMatchObject({ type: "error", id: "e" });
    expect((sent[0] as { message: string }).message).toMatch(/Unknown optimizer "adamw"/);

    const sentData: FromWorkerMessage[] = [];
    const handleData = createFitHandler((m) => sentData.push(m));
    const badData = start("d", 1);
    badData.y = [payloadFromData([3, 1], new Float32Array([0, 1, 1]))];
    await handleData(badData);
    expect(sentData).toHaveLength(1);
    expect(sentData[0]).toMatchObject({ type: "error", id: "d" });
  });

  it("reports every epoch's logs once, with predictions at the probe points, then done", async () => {
    const sent: FromWorkerMessage[] = [];
    let clock = 0;
    const handle: ReturnType<typeof createFitHandler> = createFitHandler(
      (m) => {
        sent.push(m);
        if (m.type === "progress") void handle({ type: "ack", id: "a" });
      },
      { now: () => (clock += 10), minIntervalMs: 50 },
    );
    await handle(probedStart("a", 40));
    const progress = sent.filter((m) => m.type === "progress");
    const logs = logsOf(sent);
    expect(logs).toHaveLength(40);
    expect(logs[0].valLoss).toBeDefined();
    expect(logs[0].accuracy).toBeDefined();
    // Throttled: fewer messages than epochs.
    expect(progress.length).toBeLessThan(40);
    expect(progress.every((m) => m.type === "progress" && m.predictions?.length === 3)).toBe(true);
    const done = sent[sent.length - 1];
    expect(done).toMatchObject({ type: "done", id: "a", reason: "finished", epochsDone: 40, runEpochs: 40 });
    expect(done.type === "done" && done.predictions?.length).toBe(3);
  });

  it("pauses on request and resumes the same model to the planned number of epochs", async () => {
    const sent: FromWorkerMessage[] = [];
    let paused = false;
    const handle: ReturnType<typeof createFitHandler> = createFitHandler(
      (m) => {
        sent.push(m);
        if (m.type === "progress") void handle({ type: "ack", id: "p" });
        if (!paused && m.type === "progress" && m.epochsDone >= 5) {
          paused = true;
          void handle({ type: "pause", id: "p" });
        }
      },
      { minIntervalMs: 0 },
    );
    await handle(probedStart("p", 30));
    const first = sent.find((m) => m.type === "done");
    expect(first).toMatchObject({ reason: "paused" });
    const pausedAt = first?.type === "done" ? first.epochsDone : 0;
    expect(pausedAt).toBeLessThan(30);
    await handle({ type: "resume", id: "p" });
    const last = sent[sent.length - 1];
    expect(last).toMatchObject({ type: "done", reason: "finished", epochsDone: 30, runEpochs: 30 - pausedAt });
    expect(logsOf(sent)).toHaveLength(30);
    // The final history covers the whole session, both runs.
    expect(last.type === "done" && last.history.loss).toEqual(logsOf(sent).map((g) => g.loss));
  });

  it("resumes with the optimizer's state kept: a paused-and-resumed run matches an uninterrupted one", async () => {
    // With one full batch per epoch, shuffling changes nothing, so a paused-and-resumed run must
    // match an uninterrupted one number for number — which fails if Adam's moments were reset.
    const losses = async (pauseAt: number | null) => {
      const sent: FromWorkerMessage[] = [];
      const handle: ReturnType<typeof createFitHandler> = createFitHandler(
        (m) => {
          sent.push(m);
          if (m.type === "progress") void handle({ type: "ack", id: "c" });
          if (m.type === "progress" && m.epochsDone === pauseAt) void handle({ type: "pause", id: "c" });
        },
        { minIntervalMs: 0 },
      );
      await handle(start("c", 12));
      if (pauseAt !== null) await handle({ type: "resume", id: "c" });
      return logsOf(sent).map((g) => g.loss);
    };
    const straight = await losses(null);
    const resumed = await losses(4);
    expect(straight).toHaveLength(12);
    expect(resumed).toHaveLength(12);
    // Equal up to float32 rounding (the batch's rows are summed in another order after the reshuffle).
    resumed.forEach((loss, i) => expect(loss).toBeCloseTo(straight[i], 5));
  });

  it("sends no new progress until the page acknowledges the last one, but loses no epochs", async () => {
    const sent: FromWorkerMessage[] = [];
    const handle = createFitHandler((m) => sent.push(m), { minIntervalMs: 0 });
    await handle(probedStart("b", 25));
    const progress = sent.filter((m) => m.type === "progress");
    // One message before any ack, then the final flush with everything else.
    expect(progress).toHaveLength(2);
    expect(logsOf(sent)).toHaveLength(25);
  });

  it("reports errors of a probed start with the run id", async () => {
    const sent: FromWorkerMessage[] = [];
    const handle = createFitHandler((m) => sent.push(m));
    const bad = probedStart("e", 3);
    bad.options.optimizer.name = "adamw";
    await handle(bad);
    expect(sent[0]).toMatchObject({ type: "error", id: "e", message: expect.stringMatching(/Unknown optimizer/) });
  });

  it("ends with reason 'early' when early stopping fires", async () => {
    const sent: FromWorkerMessage[] = [];
    const handle = createFitHandler((m) => sent.push(m));
    await handle(
      probedStart("es", 500, {
        earlyStopping: { patience: 3, restoreBestWeights: true },
        optimizer: { name: "adam", options: { learningRate: 0.5 } },
      }),
    );
    expect(sent[sent.length - 1]).toMatchObject({ type: "done", reason: "early" });
  });

  it("ends the current session's run with reason 'stopped' when a new start arrives", async () => {
    const sent: FromWorkerMessage[] = [];
    let second: Promise<void> | null = null;
    const handle: ReturnType<typeof createFitHandler> = createFitHandler(
      (m) => {
        sent.push(m);
        if (m.type === "progress") void handle({ type: "ack", id: m.id });
        if (second === null && m.type === "progress" && m.id === "old" && m.epochsDone >= 2) second = handle(start("new", 3));
      },
      { minIntervalMs: 0 },
    );
    await handle(start("old", 1000));
    await second;
    const dones = sent.filter((m) => m.type === "done");
    expect(dones).toHaveLength(2);
    expect(dones.find((m) => m.id === "new")).toMatchObject({ reason: "finished", epochsDone: 3 });
    expect(dones.find((m) => m.id === "old")).toMatchObject({ reason: "stopped" });
  });
});
