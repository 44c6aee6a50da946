import { describe, expect, it } from "vitest";
import { modelToConfig } from "../../lib/nn/index.ts";
import { buildNoiseMlp } from "./diffusion2dNetwork.ts";
import { d2InputsKey, d2Transition, initialD2State, lossesOf, netOf } from "./diffusion2dMachine.ts";
import type { D2Event, D2State, TrainedNet } from "./diffusion2dMachine.ts";

const KEY = d2InputsKey({ dist: "moons", seed: 1, epochs: 20, drawn: [] });
const net: TrainedNet = { config: modelToConfig(buildNoiseMlp(1)), weights: [], losses: [0.9, 0.6, 0.5], trainMs: 1200 };
const framesOf = (tag: number) => [new Float32Array([tag, tag])];
const run = (events: D2Event[], from: D2State = initialD2State(KEY)) => events.reduce(d2Transition, from);
const trainedDdpm: D2Event[] = [
  { type: "train", run: 1 },
  { type: "progress", run: 1, losses: [0.9, 0.6] },
  { type: "progress", run: 1, losses: [0.5] },
  { type: "trained", run: 1, net, sampler: "ddpm" },
  { type: "sampled", sampler: "ddpm", frames: framesOf(1) },
];

describe("the 2-D diffusion playground's state machine (train → sample → switch sampler)", () => {
  it("trains, collects the loss of every epoch, then samples the trained network with the chosen sampler", () => {
    const training = run(trainedDdpm.slice(0, 3));
    expect(training.phase).toBe("training");
    expect(lossesOf(training)).toEqual([0.9, 0.6, 0.5]);
    const sampling = run(trainedDdpm.slice(0, 4));
    expect(sampling).toMatchObject({ phase: "sampling", sampler: "ddpm" });
    const done = run(trainedDdpm);
    expect(done).toMatchObject({ phase: "done", sampler: "ddpm", frames: framesOf(1) });
    expect(lossesOf(done)).toEqual(net.losses);
  });

  it("switching the sampler after training re-samples the same network and keeps its losses; switching back keeps it too", () => {
    const toDdim = run([{ type: "sampler", sampler: "ddim" }], run(trainedDdpm));
    expect(toDdim.phase).toBe("sampling");
    expect(netOf(toDdim)).toBe(net);
    expect(lossesOf(toDdim)).toEqual([0.9, 0.6, 0.5]);
    const ddimDone = run([{ type: "sampled", sampler: "ddim", frames: framesOf(2) }], toDdim);
    expect(ddimDone).toMatchObject({ phase: "done", sampler: "ddim", frames: framesOf(2) });
    const back = run(
      [
        { type: "sampler", sampler: "ddpm" },
        { type: "sampled", sampler: "ddpm", frames: framesOf(3) },
      ],
      ddimDone,
    );
    expect(back).toMatchObject({ phase: "done", sampler: "ddpm", frames: framesOf(3) });
    expect(netOf(back)).toBe(net);
  });

  it("a sampling that finishes after the learner chose the other sampler is dropped; the newest choice wins", () => {
    const state = run(
      [
        { type: "sampler", sampler: "ddim" },
        { type: "sampler", sampler: "ddpm" },
        { type: "sampled", sampler: "ddim", frames: framesOf(9) },
      ],
      run(trainedDdpm),
    );
    // ddpm was already done, but the ddim detour started a fresh sampling: the result must be ddpm's.
    expect(state).toMatchObject({ phase: "sampling", sampler: "ddpm" });
    expect(run([{ type: "sampled", sampler: "ddpm", frames: framesOf(4) }], state)).toMatchObject({ phase: "done", frames: framesOf(4) });
  });

  it("choosing a sampler before any training only waits for the coming sampling (no state change)", () => {
    const idle = initialD2State(KEY);
    expect(d2Transition(idle, { type: "sampler", sampler: "ddim" })).toBe(idle);
    const training = run(trainedDdpm.slice(0, 2));
    expect(d2Transition(training, { type: "sampler", sampler: "ddim" })).toBe(training);
  });

  it("the same inputs keep the network; new data, seed or epochs discard it (and any running training)", () => {
    const done = run(trainedDdpm);
    expect(d2Transition(done, { type: "inputs", key: KEY })).toBe(done);
    for (const changed of [
      { dist: "ring", seed: 1, epochs: 20, drawn: [] },
      { dist: "moons", seed: 2, epochs: 20, drawn: [] },
      { dist: "moons", seed: 1, epochs: 40, drawn: [] },
    ]) {
      expect(d2Transition(done, { type: "inputs", key: d2InputsKey(changed) })).toEqual({ phase: "idle", key: d2InputsKey(changed) });
    }
    const training = run(trainedDdpm.slice(0, 2));
    const other = d2InputsKey({ dist: "spiral", seed: 1, epochs: 20, drawn: [] });
    expect(d2Transition(training, { type: "inputs", key: other }).phase).toBe("idle");
  });

  it("drawn points are part of the inputs only for the drawn distribution", () => {
    const a = d2InputsKey({ dist: "drawn", seed: 1, epochs: 20, drawn: [[0, 1]] });
    const b = d2InputsKey({
      dist: "drawn",
      seed: 1,
      epochs: 20,
      drawn: [
        [0, 1],
        [1, 1],
      ],
    });
    expect(a).not.toBe(b);
    expect(d2InputsKey({ dist: "moons", seed: 1, epochs: 20, drawn: [[0, 1]] })).toBe(KEY);
  });

  it("replies of a superseded run are ignored, and a new run starts from no losses", () => {
    const retrain = run([{ type: "train", run: 2 }], run(trainedDdpm));
    expect(retrain).toEqual({ phase: "training", key: KEY, run: 2, losses: [] });
    const late = run(
      [
        { type: "progress", run: 1, losses: [7] },
        { type: "trained", run: 1, net, sampler: "ddpm" },
        { type: "failed", run: 1, message: "old" },
      ],
      retrain,
    );
    expect(late).toBe(retrain);
  });

  it("a failed training keeps no network; a failed sampling keeps the network so another sampler can be tried", () => {
    const failedTraining = run([
      { type: "train", run: 1 },
      { type: "failed", run: 1, message: "worker blocked" },
    ]);
    expect(failedTraining).toEqual({ phase: "error", key: KEY, message: "worker blocked", net: null });
    expect(d2Transition(failedTraining, { type: "sampler", sampler: "ddim" })).toBe(failedTraining);
    const failedSampling = run([{ type: "failed", message: "NaN" }], run(trainedDdpm.slice(0, 4)));
    expect(failedSampling).toMatchObject({ phase: "error", net });
    expect(d2Transition(failedSampling, { type: "sampler", sampler: "ddim" })).toMatchObject({ phase: "sampling", sampler: "ddim", net });
    expect(d2Transition(failedSampling, { type: "train", run: 5 }).phase).toBe("training");
  });

  it("Train is ignored while a run or a sampling is in progress", () => {
    const training = run(trainedDdpm.slice(0, 1));
    expect(d2Transition(training, { type: "train", run: 9 })).toBe(training);
    const sampling = run(trainedDdpm.slice(0, 4));
    expect(d2Transition(sampling, { type: "train", run: 9 })).toBe(sampling);
  });
});
