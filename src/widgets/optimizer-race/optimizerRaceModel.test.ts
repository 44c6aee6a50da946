import { describe, expect, it } from "vitest";
import { Adam, Momentum, Nesterov, SGD, createOptimizer, descend, optimizerNames } from "../../lib/optim/index.ts";
import { surfaceById, surfaces } from "../../lib/surfaces/index.ts";
import { defaultState, parseState, serializeState } from "../shared/urlState.ts";
import {
  ARRIVAL_DISTANCE,
  MAX_STEPS,
  PRESETS,
  Race,
  adamRosenbrockDone,
  clampStart,
  configOf,
  nudgeStart,
  raceSchema,
  surfaceGrid,
} from "./optimizerRaceModel.ts";
import type { RaceState } from "./optimizerRaceModel.ts";

const base = (patch: Partial<RaceState> = {}): RaceState => ({ ...defaultState(raceSchema), ...patch });

describe("optimizer race model", () => {
  it("has a preset for every surface in src/lib/surfaces", () => {
    for (const s of surfaces) expect(PRESETS[s.id], s.id).toBeDefined();
  });

  it("moves each racer exactly as the engine optimizer's own descend() does", () => {
    for (const s of ["quadratic", "rosenbrock", "beale"]) {
      const config = configOf(base({ s }));
      const race = new Race(config);
      race.advanceTo(120);
      const snap = race.snapshot();
      for (const r of snap.racers) {
        const c = config.racers[r.name];
        const opts: Record<string, number> = { learningRate: c.learningRate };
        if (r.name === "momentum" || r.name === "nesterov") opts.momentum = c.momentum;
        if (r.name === "rmsprop") opts.rho = c.rho;
        if (r.name === "adam") Object.assign(opts, { beta1: c.beta1, beta2: c.beta2 });
        const reference = descend(createOptimizer(r.name, opts), config.start, (x, y) => config.surface.grad(x, y), r.path.length - 1);
        expect(r.path).toEqual(reference);
      }
    }
  });

  it("matches hand-written update rules: SGD θ − ηg, momentum v ← αv − ηg, θ ← θ + v, Nesterov on the look-ahead point, Adam with bias correction", () => {
    const surface = surfaceById("quadratic");
    const start: [number, number] = [-1.5, 1];
    const g = (x: number, y: number) => surface.grad(x, y);
    // SGD
    let [x, y] = start;
    const sgd = descend(new SGD({ learningRate: 0.1 }), start, g, 5);
    for (let k = 1; k <= 5; k++) {
      const [gx, gy] = g(x, y);
      [x, y] = [x - 0.1 * gx, y - 0.1 * gy];
      expect(sgd[k][0]).toBeCloseTo(x, 14);
      expect(sgd[k][1]).toBeCloseTo(y, 14);
    }
    // Momentum, the course's form
    [x, y] = start;
    let v = [0, 0];
    const mom = descend(new Momentum({ learningRate: 0.05, momentum: 0.9 }), start, g, 5);
    for (let k = 1; k <= 5; k++) {
      const [gx, gy] = g(x, y);
      v = [0.9 * v[0] - 0.05 * gx, 0.9 * v[1] - 0.05 * gy];
      [x, y] = [x + v[0], y + v[1]];
      expect(mom[k][0]).toBeCloseTo(x, 14);
    }
    // Nesterov: v ← αv − η∇E(φ), φ ← φ + αv − η∇E(φ)
    [x, y] = start;
    v = [0, 0];
    const nes = descend(new Nesterov({ learningRate: 0.05, momentum: 0.9 }), start, g, 5);
    for (let k = 1; k <= 5; k++) {
      const [gx, gy] = g(x, y);
      v = [0.9 * v[0] - 0.05 * gx, 0.9 * v[1] - 0.05 * gy];
      [x, y] = [x + 0.9 * v[0] - 0.05 * gx, y + 0.9 * v[1] - 0.05 * gy];
      expect(nes[k][1]).toBeCloseTo(y, 14);
    }
    // Adam
    [x, y] = start;
    let m = [0, 0];
    let s2 = [0, 0];
    const adam = descend(new Adam({ learningRate: 0.1 }), start, g, 5);
    for (let t = 1; t <= 5; t++) {
      const gr = g(x, y);
      m = m.map((mi, i) => 0.9 * mi + 0.1 * gr[i]);
      s2 = s2.map((vi, i) => 0.999 * vi + 0.001 * gr[i] ** 2);
      const step = m.map((mi, i) => (0.1 * (mi / (1 - 0.9 ** t))) / (Math.sqrt(s2[i] / (1 - 0.999 ** t)) + 1e-8));
      [x, y] = [x - step[0], y - step[1]];
      expect(adam[t][0]).toBeCloseTo(x, 13);
    }
  });

  it("exposes each optimizer's live state as plain numbers", () => {
    const race = new Race(configOf(base()));
    race.advanceTo(3);
    const snap = race.snapshot();
    const byName = Object.fromEntries(snap.racers.map((r) => [r.name, r]));
    expect(byName.sgd.t).toBe(3);
    expect(byName.sgd.state).toEqual([]);
    expect(byName.momentum.state[0].label).toBe("v");
    expect(byName.adam.state.map((e) => e.label)).toEqual(["m", "v"]);
    expect(byName.adagrad.state[0].values[0]).toBeGreaterThan(0);
    // the snapshot is a copy: stepping again does not change it
    const before = JSON.stringify(snap);
    race.step();
    expect(JSON.stringify(snap)).toBe(before);
  });

  it("skips racers that are off, stops diverged ones and caps the race at MAX_STEPS", () => {
    const race = new Race(configOf(base({ "on.sgd": false, "lr.momentum": 1.5 })));
    race.advanceTo(MAX_STEPS + 50);
    const snap = race.snapshot();
    expect(snap.steps).toBe(MAX_STEPS);
    const sgd = snap.racers.find((r) => r.name === "sgd")!;
    expect(sgd.path).toHaveLength(1);
    expect(sgd.t).toBe(0);
    const mom = snap.racers.find((r) => r.name === "momentum")!;
    expect(mom.diverged).toBe(true);
    expect(mom.path.length).toBeLessThan(MAX_STEPS);
  });

  it("records the step at which a racer first gets within ARRIVAL_DISTANCE of a minimum", () => {
    const race = new Race(configOf(base()));
    race.advanceTo(500);
    for (const r of race.snapshot().racers) {
      expect(r.arrivedAt, r.name).not.toBeNull();
      const [x, y] = r.path[r.arrivedAt!];
      expect(Math.hypot(x, y)).toBeLessThan(ARRIVAL_DISTANCE);
      const [px, py] = r.path[r.arrivedAt! - 1];
      expect(Math.hypot(px, py)).toBeGreaterThanOrEqual(ARRIVAL_DISTANCE);
    }
  });

  it("fills null learning rates and start from the surface preset, and round-trips through the URL", () => {
    const c = configOf(base({ s: "rosenbrock" }));
    expect(c.start).toEqual(PRESETS.rosenbrock.start);
    expect(c.racers.adam.learningRate).toBe(PRESETS.rosenbrock.lr.adam);
    const state = base({ s: "beale", x0: 1.25, "lr.adam": 0.2, "on.sgd": false, beta2: 0.9 });
    const params = serializeState(raceSchema, state, "race");
    expect(params.get("race.lr.adam")).toBe("0.2");
    expect(params.has("race.lr.sgd")).toBe(false);
    expect(params.has("race.y0")).toBe(false);
    expect(parseState(raceSchema, params, "race").state).toEqual(state);
    const bad = parseState(raceSchema, new URLSearchParams("race.s=moon&race.lr.adam=-1&race.beta1=1"), "race");
    expect(bad.problems).toHaveLength(3);
    expect(bad.state.s).toBe("quadratic");
  });

  it("keeps the start inside the domain and moves it with arrow keys", () => {
    const s = surfaceById("quadratic");
    expect(clampStart(s, 9, -9)).toEqual([2, -2]);
    expect(nudgeStart(s, [0, 0], "ArrowRight", false)).toEqual([0.08, 0]);
    expect(nudgeStart(s, [0, 0], "ArrowUp", true)).toEqual([0, 0.4]);
    expect(nudgeStart(s, [0, 0], "Enter", false)).toBeNull();
  });

  it("samples every surface on a grid with ascending contour levels", () => {
    for (const s of surfaces) {
      const grid = surfaceGrid(s, 40);
      expect(grid.values).toHaveLength(1600);
      for (let k = 1; k < grid.levels.length; k++) expect(grid.levels[k]).toBeGreaterThan(grid.levels[k - 1]);
    }
  });

  it("on every surface's preset at least one racer reaches a minimum within the race's steps", () => {
    for (const s of surfaces) {
      if (s.minima.length === 0) continue; // the saddle has no minimum to reach
      const race = new Race(configOf(base({ s: s.id })));
      race.advanceTo(MAX_STEPS);
      const arrived = race.snapshot().racers.filter((r) => r.arrivedAt !== null);
      expect(
        arrived.map((r) => r.name),
        s.id,
      ).not.toEqual([]);
    }
  });

  it("checks the challenge: Adam reaches the Rosenbrock minimum within 300 steps from ≥ 1 away", () => {
    const tuned = configOf(base({ s: "rosenbrock", "lr.adam": 0.1, beta2: 0.9 }));
    const race = new Race(tuned);
    race.advanceTo(300);
    expect(adamRosenbrockDone(tuned, race.snapshot())).toBe(true);
    const presetRace = new Race(configOf(base({ s: "rosenbrock" })));
    presetRace.advanceTo(300);
    expect(adamRosenbrockDone(presetRace.config, presetRace.snapshot())).toBe(false);
    const near = configOf(base({ s: "rosenbrock", x0: 0.9, y0: 0.9, "lr.adam": 0.1, beta2: 0.9 }));
    const nearRace = new Race(near);
    nearRace.advanceTo(300);
    expect(adamRosenbrockDone(near, nearRace.snapshot())).toBe(false);
    expect(optimizerNames).toContain("adam");
  });
});
