import type { Rng } from "../random/rng.ts";
import { timeEmbedding } from "./timeEmbedding.ts";
import type { Schedule } from "./schedule.ts";

/** Rows of a DDPM training set: network input [x_t, embedding of t], target ε. */
export interface TrainingPairs {
  rows: number;
  /** Values per data point (2 for points in the plane). */
  dim: number;
  /** Time-embedding features appended to each input row. */
  embedDims: number;
  /** [rows, dim + embedDims]: x_t followed by timeEmbedding(t). */
  inputs: Float32Array;
  /** [rows, dim]: the noise ε that made x_t (what ε_θ must predict). */
  targets: Float32Array;
  /** The step of each row, uniform in 1 … T. */
  steps: Int32Array;
}

/**
 * The DDPM training pairs (Ho et al. 2020, Algorithm 1): for each row pick a data point x₀ at
 * random, a step t uniform in 1 … T and ε ~ N(0, I); the input is x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε
 * with the features of t, the target is ε. Minimising ‖ε − ε_θ(x_t, t)‖² over these rows is the
 * simplified diffusion loss.
 *
 * `data` holds `data.length / dim` points, row-major.
 */
export function trainingPairs(
  schedule: Schedule,
  data: ArrayLike<number>,
  dim: number,
  rows: number,
  rng: Rng,
  embedDims = 8,
): TrainingPairs {
  const points = Math.floor(data.length / dim);
  if (points < 1) throw new RangeError("training pairs need at least one data point");
  const width = dim + embedDims;
  const inputs = new Float32Array(rows * width);
  const targets = new Float32Array(rows * dim);
  const steps = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const p = rng.int(0, points);
    const t = rng.int(1, schedule.T + 1);
    const a = Math.sqrt(schedule.alphaBars[t]);
    const b = Math.sqrt(1 - schedule.alphaBars[t]);
    for (let d = 0; d < dim; d++) {
      const eps = rng.normal();
      inputs[r * width + d] = a * data[p * dim + d] + b * eps;
      targets[r * dim + d] = eps;
    }
    timeEmbedding(t, schedule.T, embedDims, inputs, r * width + dim);
    steps[r] = t;
  }
  return { rows, dim, embedDims, inputs, targets, steps };
}
