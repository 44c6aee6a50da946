/**
 * Pure model of the optimizer race: one 2-D point per optimizer on a loss surface from
 * src/lib/surfaces, each moved by the engine's own optimizer (`stepPoint`), so every path is exactly
 * the sequence of updates the library computes. Views receive `RaceSnapshot`s: plain arrays and
 * numbers, including each optimizer's state read through `optimizer.state(point)`.
 */
import { createOptimizer, createPoint, optimizerNames, stepPoint } from "../../lib/optim/index.ts";
import type { OptimizerName, Point } from "../../lib/optim/index.ts";
import { surfaceById, surfaces } from "../../lib/surfaces/index.ts";
import type { Surface } from "../../lib/surfaces/index.ts";
import { booleanField, choiceField, numberField } from "../shared/urlState.ts";
import type { Field, Schema, StateOf } from "../shared/urlState.ts";

export const SURFACE_IDS = surfaces.map((s) => s.id) as readonly string[];
export type SurfaceId = (typeof SURFACE_IDS)[number];

export const RACER_LABELS: Record<OptimizerName, string> = {
  sgd: "SGD",
  momentum: "Momentum",
  nesterov: "Nesterov",
  adagrad: "AdaGrad",
  rmsprop: "RMSProp",
  adam: "Adam",
};

/** Per-surface starting point and learning rates that make a fair, watchable race. */
export interface Preset {
  start: readonly [number, number];
  lr: Record<OptimizerName, number>;
}

export const PRESETS: Record<string, Preset> = {
  quadratic: { start: [-1.8, 1.2], lr: { sgd: 0.075, momentum: 0.015, nesterov: 0.015, adagrad: 0.25, rmsprop: 0.015, adam: 0.025 } },
  // Rosenbrock: momentum methods and SGD reach (1, 1) within MAX_STEPS (Nesterov first, near step 264);
  // Adam's preset does not, which leaves the "race-adam-rosenbrock" challenge something to tune.
  rosenbrock: { start: [-1.5, 2.5], lr: { sgd: 0.002, momentum: 0.001, nesterov: 0.001, adagrad: 0.3, rmsprop: 0.005, adam: 0.01 } },
  himmelblau: { start: [-0.5, -0.5], lr: { sgd: 0.005, momentum: 0.001, nesterov: 0.001, adagrad: 0.25, rmsprop: 0.015, adam: 0.025 } },
  saddle: { start: [-1.8, 0.001], lr: { sgd: 0.05, momentum: 0.01, nesterov: 0.01, adagrad: 0.3, rmsprop: 0.02, adam: 0.05 } },
  beale: { start: [1, 1.4], lr: { sgd: 0.001, momentum: 0.0002, nesterov: 0.0002, adagrad: 0.3, rmsprop: 0.01, adam: 0.03 } },
};

/** The most steps a race runs. */
export const MAX_STEPS = 1000;
/** A racer "arrives" when it is this close to a minimum. */
export const ARRIVAL_DISTANCE = 0.05;
/** A racer has diverged once a coordinate leaves ±this (or becomes NaN). */
export const DIVERGENCE_BOUND = 1e3;

/** Hyperparameters of one racer (null learning rate: the surface's preset). */
export interface RacerConfig {
  on: boolean;
  learningRate: number;
  /** α for momentum and Nesterov. */
  momentum: number;
  /** ρ for RMSProp. */
  rho: number;
  beta1: number;
  beta2: number;
}

export interface RaceConfig {
  surface: Surface;
  start: readonly [number, number];
  racers: Record<OptimizerName, RacerConfig>;
}

/** One optimizer's state as plain labelled numbers for the table. */
export interface StateEntry {
  /** The symbol used in the lesson's formulas: v (velocity), G, S, m, v (Adam's moments). */
  label: string;
  values: number[];
}

export interface RacerSnapshot {
  name: OptimizerName;
  label: string;
  on: boolean;
  /** Positions: the start, then after each step. */
  path: [number, number][];
  position: [number, number];
  loss: number;
  /** Updates applied (t). */
  t: number;
  /** The optimizer's state through `optimizer.state(point)`. */
  state: StateEntry[];
  /** Step at which the racer first came within ARRIVAL_DISTANCE of a minimum, or null. */
  arrivedAt: number | null;
  diverged: boolean;
}

export interface RaceSnapshot {
  steps: number;
  racers: RacerSnapshot[];
}

function optimizerFor(name: OptimizerName, c: RacerConfig) {
  switch (name) {
    case "momentum":
    case "nesterov":
      return createOptimizer(name, { learningRate: c.learningRate, momentum: c.momentum });
    case "rmsprop":
      return createOptimizer(name, { learningRate: c.learningRate, rho: c.rho });
    case "adam":
      return createOptimizer(name, { learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2 });
    default:
      return createOptimizer(name, { learningRate: c.learningRate });
  }
}

type AnyOptimizer = ReturnType<typeof optimizerFor>;

function readState(name: OptimizerName, optimizer: AnyOptimizer, point: Point): StateEntry[] {
  const s = optimizer.state(point) as Record<string, unknown> | undefined;
  const vec = (key: string): number[] => {
    const v = s?.[key];
    return v instanceof Float64Array ? [v[0], v[1]] : [0, 0];
  };
  switch (name) {
    case "momentum":
    case "nesterov":
      return [{ label: "v", values: vec("velocity") }];
    case "adagrad":
      return [{ label: "G", values: vec("sumSquares") }];
    case "rmsprop":
      return [{ label: "S", values: vec("meanSquares") }];
    case "adam":
      return [
        { label: "m", values: vec("m") },
        { label: "v", values: vec("v") },
      ];
    default:
      return [];
  }
}

function distanceToMinimum(surface: Surface, x: number, y: number): number {
  let best = Infinity;
  for (const [mx, my] of surface.minima) best = Math.min(best, Math.hypot(x - mx, y - my));
  return best;
}

interface Runner {
  name: OptimizerName;
  on: boolean;
  optimizer: AnyOptimizer;
  point: Point;
  path: [number, number][];
  arrivedAt: number | null;
  diverged: boolean;
}

/**
 * A race in progress. `step()` moves every active racer once with its engine optimizer;
 * `snapshot()` copies out plain data for the view.
 */
export class Race {
  readonly config: RaceConfig;
  steps = 0;
  private runners: Runner[];

  constructor(config: RaceConfig) {
    this.config = config;
    this.runners = optimizerNames.map((name) => {
      const c = config.racers[name];
      const point = createPoint(config.start[0], config.start[1]);
      const arrived = distanceToMinimum(config.surface, config.start[0], config.start[1]) < ARRIVAL_DISTANCE;
      return {
        name,
        on: c.on,
        optimizer: optimizerFor(name, c),
        point,
        path: [[config.start[0], config.start[1]]],
        arrivedAt: arrived ? 0 : null,
        diverged: false,
      };
    });
  }

  /** One step for every racer that is on and has not diverged. */
  step(): void {
    if (this.steps >= MAX_STEPS) return;
    this.steps += 1;
    const surface = this.config.surface;
    for (const r of this.runners) {
      if (!r.on || r.diverged) continue;
      stepPoint(r.optimizer, r.point, (x, y) => surface.grad(x, y));
      const [x, y] = r.point.data;
      r.path.push([x, y]);
      if (!(Math.abs(x) < DIVERGENCE_BOUND && Math.abs(y) < DIVERGENCE_BOUND)) r.diverged = true;
      else if (r.arrivedAt === null && distanceToMinimum(surface, x, y) < ARRIVAL_DISTANCE) r.arrivedAt = this.steps;
    }
  }

  /** Steps until `steps` have been taken in total (or MAX_STEPS). */
  advanceTo(steps: number): void {
    const target = Math.min(steps, MAX_STEPS);
    while (this.steps < target) this.step();
  }

  get finished(): boolean {
    return this.steps >= MAX_STEPS || this.runners.every((r) => !r.on || r.diverged);
  }

  snapshot(): RaceSnapshot {
    const surface = this.config.surface;
    return {
      steps: this.steps,
      racers: this.runners.map((r) => {
        const last = r.path[r.path.length - 1];
        const state = r.optimizer.state(r.point);
        return {
          name: r.name,
          label: RACER_LABELS[r.name],
          on: r.on,
          path: r.path.slice(),
          position: [last[0], last[1]],
          loss: surface.f(last[0], last[1]),
          t: state?.t ?? 0,
          state: readState(r.name, r.optimizer, r.point),
          arrivedAt: r.arrivedAt,
          diverged: r.diverged,
        };
      }),
    };
  }
}

// ——— contours ———

export interface SurfaceGrid {
  nx: number;
  ny: number;
  x: readonly [number, number];
  y: readonly [number, number];
  values: Float64Array;
  levels: number[];
}

/**
 * E sampled on an n × n grid over the surface's domain, with contour levels: geometric above the
 * minimum for surfaces bounded below (their interesting detail sits near the bottom), evenly
 * spaced for the saddle.
 */
export function surfaceGrid(surface: Surface, n = 90, count = 16): SurfaceGrid {
  const { x, y } = surface.domain;
  const values = new Float64Array(n * n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = surface.f(x[0] + ((x[1] - x[0]) * i) / (n - 1), y[0] + ((y[1] - y[0]) * j) / (n - 1));
      values[j * n + i] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const levels: number[] = [];
  if (surface.minima.length > 0) {
    const floor = Math.max(lo, 0);
    const first = floor + Math.max((hi - floor) * 1e-4, 1e-3);
    for (let k = 0; k < count; k++) levels.push(floor + (first - floor) * ((hi - floor) / (first - floor)) ** (k / (count - 1)));
  } else {
    for (let k = 1; k < count; k++) levels.push(lo + ((hi - lo) * k) / count);
  }
  return { nx: n, ny: n, x, y, values, levels };
}

// ——— URL state (prefix "race") ———

/** A number, or null meaning "use the surface's preset" (written as nothing in the URL). */
export function presetNumberField(range: { min: number; max: number }): Field<number | null> {
  const inner = numberField(0, range);
  return {
    defaultValue: null,
    parse: (raw) => inner.parse(raw),
    format: (value) => (value === null ? "" : String(value)),
  };
}

const lrField = () => presetNumberField({ min: 0, max: 2 });
const unitField = (v: number) => numberField(v, { min: 0, max: 0.9999 });

export const raceSchema = {
  s: choiceField("quadratic", SURFACE_IDS),
  x0: presetNumberField({ min: -5, max: 5 }),
  y0: presetNumberField({ min: -5, max: 5 }),
  "on.sgd": booleanField(true),
  "on.momentum": booleanField(true),
  "on.nesterov": booleanField(true),
  "on.adagrad": booleanField(true),
  "on.rmsprop": booleanField(true),
  "on.adam": booleanField(true),
  "lr.sgd": lrField(),
  "lr.momentum": lrField(),
  "lr.nesterov": lrField(),
  "lr.adagrad": lrField(),
  "lr.rmsprop": lrField(),
  "lr.adam": lrField(),
  alpha: unitField(0.9),
  rho: unitField(0.9),
  beta1: unitField(0.9),
  beta2: unitField(0.999),
} satisfies Schema;
export type RaceState = StateOf<typeof raceSchema>;

/** The race a URL state describes: presets filled in where the state says null. */
export function configOf(state: RaceState): RaceConfig {
  const surface = surfaceById(state.s);
  const preset = PRESETS[surface.id] ?? PRESETS.quadratic;
  const racers = {} as Record<OptimizerName, RacerConfig>;
  for (const name of optimizerNames) {
    racers[name] = {
      on: state[`on.${name}`],
      learningRate: state[`lr.${name}`] ?? preset.lr[name],
      momentum: state.alpha,
      rho: state.rho,
      beta1: state.beta1,
      beta2: state.beta2,
    };
  }
  const start: [number, number] = [state.x0 ?? preset.start[0], state.y0 ?? preset.start[1]];
  return { surface, start, racers };
}

/** Keeps a start point inside the surface's domain, rounded to 0.01 for tidy URLs. */
export function clampStart(surface: Surface, x: number, y: number): [number, number] {
  const c = (v: number, [lo, hi]: readonly [number, number]) => Number(Math.min(hi, Math.max(lo, v)).toFixed(2));
  return [c(x, surface.domain.x), c(y, surface.domain.y)];
}

/** An arrow-key move of the start: 2% of the domain (10% with Shift). */
export function nudgeStart(surface: Surface, start: readonly [number, number], key: string, big: boolean): [number, number] | null {
  const fx = (surface.domain.x[1] - surface.domain.x[0]) * (big ? 0.1 : 0.02);
  const fy = (surface.domain.y[1] - surface.domain.y[0]) * (big ? 0.1 : 0.02);
  const moves: Record<string, [number, number]> = { ArrowLeft: [-fx, 0], ArrowRight: [fx, 0], ArrowUp: [0, fy], ArrowDown: [0, -fy] };
  const m = moves[key];
  return m ? clampStart(surface, start[0] + m[0], start[1] + m[1]) : null;
}

/** Challenge "race-adam-rosenbrock". */
export const CHALLENGE_STEPS = 300;

/**
 * Adam, switched on, reaches the Rosenbrock minimum (within ARRIVAL_DISTANCE) in at most 300 steps
 * from a start at least 1 away from it.
 */
export function adamRosenbrockDone(config: RaceConfig, snap: RaceSnapshot): boolean {
  if (config.surface.id !== "rosenbrock") return false;
  const [mx, my] = config.surface.minima[0];
  if (Math.hypot(config.start[0] - mx, config.start[1] - my) < 1) return false;
  const adam = snap.racers.find((r) => r.name === "adam");
  return adam !== undefined && adam.on && adam.arrivedAt !== null && adam.arrivedAt <= CHALLENGE_STEPS;
}
