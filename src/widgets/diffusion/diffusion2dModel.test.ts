import { describe, expect, it } from "vitest";
import { Rng } from "../../lib/random/index.ts";
import { Tensor } from "../../lib/autodiff/index.ts";
import { fit } from "../../lib/nn/index.ts";
import { Adam } from "../../lib/optim/index.ts";
import { parseState } from "../shared/urlState.ts";
import { SETUP_2D, diffusion2dSchema, frameStep, schedule2d, shareNearData, targetPoints, trainingRows } from "./diffusion2dModel.ts";
import { buildNoiseMlp, reverseFrames } from "./diffusion2dNetwork.ts";

describe("2-D diffusion playground", () => {
  it("each named distribution gives points of roughly unit spread, the same for the same seed", () => {
    for (const dist of ["moons", "ring", "spiral"] as const) {
      const p = targetPoints(dist, 500, new Rng(1));
      expect(Array.from(p)).toEqual(Array.from(targetPoints(dist, 500, new Rng(1))));
      let sum2 = 0;
      for (const v of p) sum2 += v * v;
      const rms = Math.sqrt(sum2 / p.length);
      expect(rms).toBeGreaterThan(0.5);
      expect(rms).toBeLessThan(1.3);
      for (const v of p) expect(Math.abs(v)).toBeLessThan(2.2);
    }
  });
  it("drawn points become small clusters around what the learner drew, and need at least one point", () => {
    const p = targetPoints("drawn", 100, new Rng(2), [
      [1, 1],
      [-1, 0],
    ]);
    for (let i = 0; i < 100; i++) {
      const [cx, cy] = i % 2 === 0 ? [1, 1] : [-1, 0];
      expect(Math.hypot(p[2 * i] - cx, p[2 * i + 1] - cy)).toBeLessThan(0.3);
    }
    expect(() => targetPoints("drawn", 10, new Rng(2))).toThrow(RangeError);
  });
  it("the schedule runs from almost no noise to almost pure noise in T steps", () => {
    const s = schedule2d();
    expect(s.T).toBe(SETUP_2D.T);
    expect(s.alphaBars[1]).toBeGreaterThan(0.99);
    expect(s.alphaBars[s.T]).toBeLessThan(0.01);
  });
  it("training rows are [x_t, embedding] → ε with the network's input width", () => {
    const rows = trainingRows(targetPoints("ring", 50, new Rng(3)), 1);
    expect(rows.inputs.length).toBe(SETUP_2D.rows * (2 + SETUP_2D.embedDims));
    expect(buildNoiseMlp(1).inputShapes[0]).toEqual([2 + SETUP_2D.embedDims]);
  });
  it("a briefly trained MLP moves Gaussian noise onto the ring: more generated points near the data than at t = T", () => {
    const data = targetPoints("ring", 300, new Rng(4));
    const rows = trainingRows(data, 4);
    const model = buildNoiseMlp(4);
    const w = 2 + SETUP_2D.embedDims;
    fit(model, new Tensor(rows.inputs, [rows.rows, w]), new Tensor(rows.targets, [rows.rows, 2]), {
      loss: "mse",
      optimizer: new Adam({ learningRate: SETUP_2D.learningRate }),
      epochs: 25,
      batchSize: SETUP_2D.batchSize,
      rng: new Rng(4),
    });
    for (const sampler of ["ddpm", "ddim"] as const) {
      const frames = reverseFrames(model, sampler, 200, 4);
      expect(frames).toHaveLength(SETUP_2D.T + 1);
      expect(frameStep(0)).toBe(SETUP_2D.T);
      expect(frameStep(SETUP_2D.T)).toBe(0);
      expect(shareNearData(frames[SETUP_2D.T], data)).toBeGreaterThan(shareNearData(frames[0], data) + 0.2);
    }
  }, 60_000);
  it("shareNearData counts the points within the radius of some data point", () => {
    expect(shareNearData(Float32Array.from([0, 0, 5, 5]), Float32Array.from([0.1, 0]), 0.15)).toBe(0.5);
  });
  it("the URL schema reads and rejects values", () => {
    const parsed = parseState(diffusion2dSchema, new URLSearchParams("d2.dist=spiral&d2.epochs=0"), "d2");
    expect(parsed.state.dist).toBe("spiral");
    expect(parsed.state.epochs).toBe(SETUP_2D.epochs);
    expect(parsed.problems).toHaveLength(1);
  });
});
