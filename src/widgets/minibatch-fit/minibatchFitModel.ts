/**
 * Pure model of the minibatch widget: fit a line ŷ = w·x + b to seeded noisy data with the engine,
 * minibatch by minibatch, for several batch sizes at once. Each update is the engine's mean squared
 * error on the batch, its backward pass and one step of an engine optimizer — the same code that
 * trains networks. The loss landscape E(w, b) over the whole data set is also computed by the engine
 * (one batched matmul over the grid), so the contours and the runs agree by construction.
 */
import { add, matmul, mean, mse, mul, noGrad, square, sub, tensor } from "../../lib/autodiff/index.ts";
import { createOptimizer, optimizerNames } from "../../lib/optim/index.ts";
import type { OptimizerName } from "../../lib/optim/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { booleanField, choiceField, numberField } from "../shared/urlState.ts";
import type { Schema, StateOf } from "../shared/urlState.ts";

/** Number of data points. 100 makes ⌈N/B⌉ visibly a ceiling for B = 32 (three full batches and one of 4). */
export const N_POINTS = 100;
/** The line the data scatter around, and the noise σ. */
export const TRUE_W = 1.5;
export const TRUE_B = -0.5;
export const NOISE = 0.5;

export interface Dataset {
  x: Float64Array;
  y: Float64Array;
}

/** x uniform in [−1, 3] (off-centre, so w and b are correlated and the valley is tilted), y = 1.5x − 0.5 + N(0, 0.5²). */
export function makeDataset(seed: number, n = N_POINTS): Dataset {
  const rng = new Rng(seed).fork("line-data");
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform(-1, 3);
    y[i] = TRUE_W * x[i] + TRUE_B + rng.normal(0, NOISE);
  }
  return { x, y };
}

/** Full-data loss E(w, b) = mean((w·xᵢ + b − yᵢ)²), by the engine. */
export function fullLoss(data: Dataset, w: number, b: number): number {
  return noGrad(() => {
    const pred = add(
      mul(tensor([w], [], { dtype: "float64" }), tensor(data.x, [data.x.length], { dtype: "float64" })),
      tensor([b], [], { dtype: "float64" }),
    );
    return mse(pred, tensor(data.y, [data.y.length], { dtype: "float64" })).item();
  });
}

export interface Grid {
  /** Columns along w, rows along b. */
  nw: number;
  nb: number;
  w: readonly [number, number];
  b: readonly [number, number];
  /** Row-major (row = b index from b[0], column = w index from w[0]) full-data loss. */
  values: Float64Array;
}

/**
 * E(w, b) on an nw × nb grid in one engine computation: predictions W·xᵀ + B for every grid point
 * and every sample (a [G,1]·[1,N] matmul), minus y, squared, averaged over the samples.
 */
export function lossGrid(data: Dataset, w: readonly [number, number], b: readonly [number, number], nw: number, nb: number): Grid {
  const G = nw * nb;
  const W = new Float64Array(G);
  const B = new Float64Array(G);
  for (let j = 0; j < nb; j++) {
    for (let i = 0; i < nw; i++) {
      W[j * nw + i] = w[0] + ((w[1] - w[0]) * i) / (nw - 1);
      B[j * nw + i] = b[0] + ((b[1] - b[0]) * j) / (nb - 1);
    }
  }
  const n = data.x.length;
  const values = noGrad(() => {
    const pred = add(
      matmul(tensor(W, [G, 1], { dtype: "float64" }), tensor(data.x, [1, n], { dtype: "float64" })),
      tensor(B, [G, 1], { dtype: "float64" }),
    );
    return mean(square(sub(pred, tensor(data.y, [1, n], { dtype: "float64" }))), 1).data as Float64Array;
  });
  return { nw, nb, w, b, values };
}

/** The order in which the samples are visited: a fresh seeded shuffle every epoch (shared by all batch sizes). */
export function epochOrders(seed: number, n: number, epochs: number): number[][] {
  const rng = new Rng(seed).fork("minibatch-order");
  const orders: number[][] = [];
  for (let e = 0; e < epochs; e++) orders.push(rng.shuffle(Array.from({ length: n }, (_, i) => i)));
  return orders;
}

/** The minibatches of one run, in order: each epoch's shuffled indices cut into chunks of B (the last may be smaller). */
export function batchesOf(orders: number[][], batchSize: number): number[][] {
  const batches: number[][] = [];
  for (const order of orders) for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}

/** Updates in one epoch: ⌈N / B⌉. */
export function updatesPerEpoch(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

export interface RunConfig {
  batchSize: number;
  optimizer: OptimizerName;
  learningRate: number;
  epochs: number;
  start: readonly [number, number];
  seed: number;
}

/** One training run as plain numbers, one entry per position (the start, then after each update). */
export interface Run {
  batchSize: number;
  updatesPerEpoch: number;
  /** (w, b) at the start and after each update. */
  path: [number, number][];
  /** Samples seen when each position was reached (0 at the start). */
  seen: number[];
  /** Full-data loss at each position. */
  loss: number[];
  /** True when the run blew up (a non-finite or huge parameter); it stops there. */
  diverged: boolean;
}

const BLOW_UP = 1e6;

/** Trains (w, b) with the engine, one optimizer step per minibatch. */
export function runMinibatch(data: Dataset, config: RunConfig): Run {
  const n = data.x.length;
  const w = tensor([config.start[0]], [], { dtype: "float64", requiresGrad: true, name: "w" });
  const b = tensor([config.start[1]], [], { dtype: "float64", requiresGrad: true, name: "b" });
  const optimizer = createOptimizer(config.optimizer, { learningRate: config.learningRate });
  const batches = batchesOf(epochOrders(config.seed, n, config.epochs), config.batchSize);
  const path: [number, number][] = [[w.data[0], b.data[0]]];
  const seen = [0];
  const loss = [fullLoss(data, w.data[0], b.data[0])];
  let diverged = false;
  let count = 0;
  for (const batch of batches) {
    const xb = tensor(
      batch.map((i) => data.x[i]),
      [batch.length],
      { dtype: "float64" },
    );
    const yb = tensor(
      batch.map((i) => data.y[i]),
      [batch.length],
      { dtype: "float64" },
    );
    w.zeroGrad();
    b.zeroGrad();
    mse(add(mul(w, xb), b), yb).backward();
    optimizer.step([w, b]);
    count += batch.length;
    const wv = w.data[0];
    const bv = b.data[0];
    path.push([wv, bv]);
    seen.push(count);
    loss.push(fullLoss(data, wv, bv));
    if (!(Math.abs(wv) < BLOW_UP && Math.abs(bv) < BLOW_UP)) {
      diverged = true;
      break;
    }
  }
  return { batchSize: config.batchSize, updatesPerEpoch: updatesPerEpoch(n, config.batchSize), path, seen, loss, diverged };
}

/** Index of the last position reached with at most `samples` samples seen. */
export function indexAtSamples(run: Run, samples: number): number {
  let lo = 0;
  let hi = run.seen.length - 1;
  if (run.seen[hi] <= samples) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (run.seen[mid] <= samples) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Geometrically spaced contour levels from just above the minimum of the grid to its maximum. */
export function contourLevels(grid: Grid, count = 14): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid.values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const start = lo * 1.05 + 1e-3;
  const levels: number[] = [];
  for (let k = 0; k < count; k++) levels.push(start * (hi / start) ** (k / (count - 1)));
  return levels;
}

/** Batch sizes of the three runs: one sample (SGD), a minibatch of 32, all N (batch GD). */
export const RUN_SIZES = [1, 32, N_POINTS] as const;
export const RUN_LABELS = ["B = 1 (stochastic)", "B = 32 (minibatch)", `B = ${N_POINTS} (batch GD)`] as const;

/** Challenge "sgd-one-epoch": full-data loss below this after one epoch of samples. */
export const ONE_EPOCH_TARGET = 0.3;

/** Loss after exactly one epoch (N samples seen) of each run. */
export function lossAfterOneEpoch(run: Run, n = N_POINTS): number {
  return run.loss[indexAtSamples(run, n)];
}

/** The challenge holds when a shown run is below target after one epoch and the playhead has got there. */
export function oneEpochDone(runs: readonly Run[], shown: readonly boolean[], playhead: number, n = N_POINTS): boolean {
  return playhead >= n && runs.some((r, i) => shown[i] && lossAfterOneEpoch(r, n) < ONE_EPOCH_TARGET);
}

// ——— URL state (prefix "mb") ———

export const minibatchSchema = {
  lr: numberField(0.01, { min: 0.0001, max: 1 }),
  opt: choiceField<OptimizerName>("sgd", optimizerNames),
  epochs: numberField(5, { min: 1, max: 20, integer: true }),
  seed: numberField(7, { min: 0, max: 99999, integer: true }),
  w0: numberField(-1, { min: -2, max: 4 }),
  b0: numberField(3, { min: -3, max: 4 }),
  seen: numberField(0, { min: 0, max: 2000, integer: true }),
  b1: booleanField(true),
  b32: booleanField(true),
  ball: booleanField(true),
} satisfies Schema;
export type MinibatchState = StateOf<typeof minibatchSchema>;

/** The plotting window in parameter space. */
export const W_DOMAIN = [-2, 4] as const;
export const B_DOMAIN = [-3, 4] as const;

/**
 * The keyboard path to moving the start (w₀, b₀): ←/→ change the slope w, ↑/↓ the intercept b, by
 * 0.05 (0.25 with Shift), rounded to 2 decimals like a drag and kept inside the plotted domain.
 * Other keys: null (the page keeps its default behaviour).
 */
export function nudgeMinibatchStart(start: readonly [number, number], key: string, big: boolean): [number, number] | null {
  const d = big ? 0.25 : 0.05;
  const moves: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
  const m = moves[key];
  if (!m) return null;
  const clamp = (v: number, [lo, hi]: readonly [number, number]) => Number(Math.min(hi, Math.max(lo, v)).toFixed(2));
  return [clamp(start[0] + m[0], W_DOMAIN), clamp(start[1] + m[1], B_DOMAIN)];
}
