import { describe, expect, it } from "vitest";
import { Dense, Sequential, modelToConfig } from "../nn/index.ts";
import { createFitHandler, payloadFromData, tensorFromPayload } from "./index.ts";
import type { FitStartMessage, FromWorkerMessage } from "./index.ts";

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

describe("the fit worker's message handler", () => {
  it("answers a start message with one progress per epoch, then done with history and transferable weights", async () => {
    const sent: { message: FromWorkerMessage; transfer: ArrayBuffer[] }[] = [];
    const handle = createFitHandler((message, transfer) => sent.push({ message, transfer }));
    await handle(start("run-1", 5));
    const progress = sent.filter((s) => s.message.type === "progress");
    expect(progress).toHaveLength(5);
    const done = sent[sent.length - 1].message;
    expect(done.type).toBe("done");
    if (done.type !== "done") return;
    expect(done.id).toBe("run-1");
    expect(done.history.loss).toHaveLength(5);
    expect(done.weights.map((w) => w.name)).toEqual(["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]);
    expect(sent[sent.length - 1].transfer).toEqual(done.weights.map((w) => w.buffer));
    expect(tensorFromPayload(done.weights[0]).shape).toEqual([2, 4]);
  });

  it("stops a run when a stop message arrives during training", async () => {
    const sent: FromWorkerMessage[] = [];
    let handle: ReturnType<typeof createFitHandler> | null = null;
    handle = createFitHandler((message) => {
      sent.push(message);
      if (message.type === "progress" && message.kind === "epoch" && message.epoch === 2) void handle!({ type: "stop", id: "r" });
    });
    await handle(start("r", 1000));
    const done = sent[sent.length - 1];
    expect(done.type).toBe("done");
    if (done.type === "done") {
      expect(done.stopped).toBe(true);
      expect(done.history.epochs).toBeLessThan(10);
    }
  });

  it("reports errors (unknown optimizer, bad data) as error messages with the run id", async () => {
    const sent: FromWorkerMessage[] = [];
    const handle = createFitHandler((m) => sent.push(m));
    const bad = start("e", 1);
    bad.options.optimizer.name = "adamw";
    await handle(bad);
    expect(sent[0]).toMatchObject({ type: "error", id: "e" });
    expect((sent[0] as { message: string }).message).toMatch(/Unknown optimizer "adamw"/);
  });
});
