import { describe, expect, it } from "vitest";
import { createOptimizer, createPoint, stepPoint } from "../../lib/optim/index.ts";
import { parseState, serializeState, defaultState } from "../shared/urlState.ts";
import { contourPaths } from "../shared/contourPaths.ts";
import {
  B_DOMAIN,
  N_POINTS,
  ONE_EPOCH_TARGET,
  W_DOMAIN,
  batchesOf,
  contourLevels,
  epochOrders,
  fullLoss,
  indexAtSamples,
  lossAfterOneEpoch,
  lossGrid,
  makeDataset,
  minibatchSchema,
  nudgeMinibatchStart,
  oneEpochDone,
  runMinibatch,
  updatesPerEpoch,
} from "./minibatchFitModel.ts";
import type { Dataset, RunConfig } from "./minibatchFitModel.ts";

const data = makeDataset(7);
const config = (patch: Partial<RunConfig> = {}): RunConfig => ({
  batchSize: 32,
  optimizer: "sgd",
  learningRate: 0.01,
  epochs: 3,
  start: [-1, 3],
  seed: 7,
  ...patch,
});

/** Mean squared error of a line on some samples, and its gradient, written out by hand. */
function byHand(d: Dataset, idx: number[], w: number, b: number) {
  let loss = 0;
  let gw = 0;
  let gb = 0;
  for (const i of idx) {
    const r = w * d.x[i] + b - d.y[i];
    loss += r * r;
    gw += 2 * r * d.x[i];
    gb += 2 * r;
  }
  return { loss: loss / idx.length, grad: [gw / idx.length, gb / idx.length] as const };
}

describe("minibatch line-fit model", () => {
  it("makes the same seeded data every time, scattered around y = 1.5x − 0.5", () => {
    expect(makeDataset(7)).toEqual(data);
    expect(makeDataset(8).x[0]).not.toBe(data.x[0]);
    expect(data.x).toHaveLength(N_POINTS);
    const all = Array.from({ length: N_POINTS }, (_, i) => i);
    expect(byHand(data, all, 1.5, -0.5).loss).toBeGreaterThan(0.1);
    expect(byHand(data, all, 1.5, -0.5).loss).toBeLessThan(0.5);
  });

  it("computes the full-data loss and the contour grid with the engine, equal to the hand formula", () => {
    const all = Array.from({ length: N_POINTS }, (_, i) => i);
    expect(fullLoss(data, 0.7, 1.2)).toBeCloseTo(byHand(data, all, 0.7, 1.2).loss, 12);
    const grid = lossGrid(data, W_DOMAIN, B_DOMAIN, 5, 4);
    expect(grid.values).toHaveLength(20);
    // row j = b index, column i = w index
    const w = W_DOMAIN[0] + ((W_DOMAIN[1] - W_DOMAIN[0]) * 3) / 4;
    const b = B_DOMAIN[0] + ((B_DOMAIN[1] - B_DOMAIN[0]) * 2) / 3;
    expect(grid.values[2 * 5 + 3]).toBeCloseTo(byHand(data, all, w, b).loss, 10);
  });

  it("counts ⌈N/B⌉ updates per epoch and cuts each shuffled epoch into batches of B", () => {
    expect(updatesPerEpoch(100, 1)).toBe(100);
    expect(updatesPerEpoch(100, 32)).toBe(4);
    expect(updatesPerEpoch(100, 100)).toBe(1);
    const orders = epochOrders(7, 100, 2);
    expect([...orders[0]].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(orders[1]).not.toEqual(orders[0]);
    const batches = batchesOf(orders, 32);
    expect(batches.map((b) => b.length)).toEqual([32, 32, 32, 4, 32, 32, 32, 4]);
  });

  it("takes exactly the engine optimizer's steps on the hand-computed minibatch gradients", () => {
    for (const optimizer of ["sgd", "momentum", "adam"] as const) {
      for (const batchSize of [1, 32, 100]) {
        const c = config({ optimizer, batchSize, learningRate: optimizer === "adam" ? 0.1 : 0.02 });
        const run = runMinibatch(data, c);
        const reference = createOptimizer(optimizer, { learningRate: c.learningRate });
        const point = createPoint(c.start[0], c.start[1]);
        const batches = batchesOf(epochOrders(c.seed, N_POINTS, c.epochs), batchSize);
        expect(run.path).toHaveLength(batches.length + 1);
        batches.forEach((batch, k) => {
          stepPoint(reference, point, (w, b) => byHand(data, batch, w, b).grad);
          expect(run.path[k + 1][0]).toBeCloseTo(point.data[0], 10);
          expect(run.path[k + 1][1]).toBeCloseTo(point.data[1], 10);
        });
        expect(run.seen.at(-1)).toBe(c.epochs * N_POINTS);
        const k = run.path.length - 2;
        expect(run.loss[k]).toBeCloseTo(fullLoss(data, run.path[k][0], run.path[k][1]), 12);
      }
    }
  });

  it("shows the trade-off: after one epoch B = 1 is far ahead; batch GD made a single update", () => {
    const runs = [1, 32, 100].map((batchSize) => runMinibatch(data, config({ batchSize, epochs: 5 })));
    const oneEpoch = runs.map((r) => lossAfterOneEpoch(r));
    expect(oneEpoch[0]).toBeLessThan(oneEpoch[1]);
    expect(oneEpoch[1]).toBeLessThan(oneEpoch[2]);
    expect(indexAtSamples(runs[2], N_POINTS)).toBe(1);
    expect(indexAtSamples(runs[1], N_POINTS)).toBe(4);
    expect(indexAtSamples(runs[1], 63)).toBe(1);
    expect(indexAtSamples(runs[0], 0)).toBe(0);
  });

  it("stops a run that blows up", () => {
    const run = runMinibatch(data, config({ batchSize: 1, learningRate: 0.9, epochs: 5 }));
    expect(run.diverged).toBe(true);
    expect(run.path.length).toBeLessThan(501);
  });

  it("checks the challenge: below the target after one epoch, once the playhead gets there", () => {
    const slow = [1, 32, 100].map((batchSize) => runMinibatch(data, config({ batchSize })));
    expect(oneEpochDone(slow, [true, true, true], 100)).toBe(false);
    const fast = [1, 32, 100].map((batchSize) => runMinibatch(data, config({ batchSize, learningRate: 0.05 })));
    expect(lossAfterOneEpoch(fast[0])).toBeLessThan(ONE_EPOCH_TARGET);
    expect(oneEpochDone(fast, [true, true, true], 100)).toBe(true);
    expect(oneEpochDone(fast, [true, true, true], 99)).toBe(false);
    expect(oneEpochDone(fast, [false, true, true], 100)).toBe(false);
  });

  it("round-trips its URL state and reports bad parameters", () => {
    const state = { ...defaultState(minibatchSchema), lr: 0.05, opt: "adam" as const, b32: false, seen: 120 };
    const params = serializeState(minibatchSchema, state, "mb");
    expect(params.toString()).toBe("mb.lr=0.05&mb.opt=adam&mb.seen=120&mb.b32=0");
    expect(parseState(minibatchSchema, params, "mb").state).toEqual(state);
    expect(parseState(minibatchSchema, new URLSearchParams("mb.opt=x&mb.lr=5"), "mb").problems).toHaveLength(2);
  });

  it("draws contour paths for ascending levels through the given scales", () => {
    const grid = lossGrid(data, W_DOMAIN, B_DOMAIN, 30, 30);
    const levels = contourLevels(grid, 8);
    for (let k = 1; k < levels.length; k++) expect(levels[k]).toBeGreaterThan(levels[k - 1]);
    const lines = contourPaths({
      values: grid.values,
      nx: 30,
      ny: 30,
      x: W_DOMAIN,
      y: B_DOMAIN,
      levels,
      sx: (w) => w * 10,
      sy: (b) => -b * 10,
    });
    expect(lines).toHaveLength(8);
    expect(lines[0].d).toMatch(/^M/);
    expect(lines[0].rank).toBe(0);
    // Every coordinate of the lowest contour lies inside the plotted window (give or take the half
    // grid cell by which d3-contour's outermost cells reach past the samples).
    const numbers = lines[0].d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (let i = 0; i < numbers.length; i += 2) {
      expect(numbers[i]).toBeGreaterThanOrEqual(W_DOMAIN[0] * 10 - 1.5);
      expect(numbers[i]).toBeLessThanOrEqual(W_DOMAIN[1] * 10 + 1.5);
    }
  });
});

describe("moving the start with the keyboard", () => {
  it("steps w with ←/→ and b with ↑/↓, bigger with Shift, clamped to the plotted domain", () => {
    expect(nudgeMinibatchStart([-1, 3], "ArrowRight", false)).toEqual([-0.95, 3]);
    expect(nudgeMinibatchStart([-1, 3], "ArrowDown", true)).toEqual([-1, 2.75]);
    expect(nudgeMinibatchStart([W_DOMAIN[1], B_DOMAIN[1]], "ArrowUp", true)).toEqual([W_DOMAIN[1], B_DOMAIN[1]]);
    expect(nudgeMinibatchStart([W_DOMAIN[0], 0], "ArrowLeft", false)).toEqual([W_DOMAIN[0], 0]);
    expect(nudgeMinibatchStart([0, 0], "Enter", false)).toBeNull();
  });
});
