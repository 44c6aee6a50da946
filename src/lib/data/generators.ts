import type { Rng } from "../random/rng.ts";
import type { Dataset } from "./dataset.ts";

/**
 * Seeded toy datasets in the spirit of TensorFlow Playground: four 2-D two-class problems of rising
 * difficulty and two regressions. Every generator draws only from the `rng` it is given, so the same
 * seed gives the same points everywhere; rows come out in random order, so taking the last rows as a
 * validation set (as Keras's validationSplit does) takes a fair sample.
 */

export interface GeneratorOptions {
  /** Number of rows. */
  n: number;
  /** Noise level in [0, 1]: a Gaussian jitter whose meaning depends on the dataset (see each). */
  noise: number;
}

function classification(x: number[][], y: number[]): Dataset {
  return { x, y, inputNames: ["x₁", "x₂"], targetName: "class", task: "classification" };
}

function shuffled(rng: Rng, x: number[][], y: number[]): [number[][], number[]] {
  const order = rng.shuffle(Array.from({ length: x.length }, (_, i) => i));
  return [order.map((i) => x[i]), order.map((i) => y[i])];
}

/**
 * Two concentric rings: class 1 inside (radius < 0.5·R), class 0 in the outer ring (0.7R–R), with
 * R = 5. Noise adds Gaussian jitter of σ = noise·R/5 to each coordinate. Not linearly separable, but
 * a single hidden layer with a few units solves it.
 */
export function circles(rng: Rng, options: GeneratorOptions): Dataset {
  const R = 5;
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const inner = i % 2 === 0;
    const r = inner ? rng.uniform(0, 0.5 * R) : rng.uniform(0.7 * R, R);
    const angle = rng.uniform(0, 2 * Math.PI);
    const s = (options.noise * R) / 5;
    x.push([r * Math.cos(angle) + rng.normal(0, s), r * Math.sin(angle) + rng.normal(0, s)]);
    y.push(inner ? 1 : 0);
  }
  return classification(...shuffled(rng, x, y));
}

/**
 * Exclusive or: points uniform in [−5, 5]², class 1 where x₁·x₂ > 0 (first and third quadrants).
 * A small margin of 0.3 keeps points off the axes; noise jitters coordinates by σ = noise.
 */
export function xor(rng: Rng, options: GeneratorOptions): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < options.n; i++) {
    let a = rng.uniform(-5, 5);
    let b = rng.uniform(-5, 5);
    a += a > 0 ? 0.3 : -0.3;
    b += b > 0 ? 0.3 : -0.3;
    y.push(a * b > 0 ? 1 : 0);
    x.push([a + rng.normal(0, options.noise), b + rng.normal(0, options.noise)]);
  }
  return classification(x, y);
}

/**
 * Two interleaved spiral arms, r = 5t, θ = 1.75·2πt + kπ for t ∈ [0, 1], arm k ∈ {0, 1} = class.
 * Noise jitters coordinates by σ = noise. The hardest of the four: it needs depth or many units.
 */
export function spirals(rng: Rng, options: GeneratorOptions): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const k = i % 2;
    const t = rng.uniform(0, 1);
    const r = 5 * t;
    const theta = 1.75 * 2 * Math.PI * t + k * Math.PI;
    x.push([r * Math.sin(theta) + rng.normal(0, options.noise), r * Math.cos(theta) + rng.normal(0, options.noise)]);
    y.push(k);
  }
  return classification(...shuffled(rng, x, y));
}

/**
 * Two Gaussian blobs centred at (2, 2) (class 1) and (−2, −2) (class 0), σ = 0.5 + 2·noise: linearly
 * separable at low noise, overlapping at high noise (then no model can reach 100 %).
 */
export function gaussians(rng: Rng, options: GeneratorOptions): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  const s = 0.5 + 2 * options.noise;
  for (let i = 0; i < options.n; i++) {
    const k = i % 2;
    const c = k === 1 ? 2 : -2;
    x.push([rng.normal(c, s), rng.normal(c, s)]);
    y.push(k);
  }
  return classification(...shuffled(rng, x, y));
}

/** The true curve of `regression1d`: f(x) = sin(3x) + 0.3x. */
export function regression1dTruth(x: number): number {
  return Math.sin(3 * x) + 0.3 * x;
}

/**
 * 1-D regression: x uniform in [−2, 2], y = sin(3x) + 0.3x + ε, ε ~ N(0, σ²), σ = noise. The wiggle
 * needs a hidden layer; with few points and big noise, a large network chases the noise.
 */
export function regression1d(rng: Rng, options: GeneratorOptions): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const v = rng.uniform(-2, 2);
    x.push([v]);
    y.push(regression1dTruth(v) + rng.normal(0, options.noise));
  }
  return { x, y, inputNames: ["x"], targetName: "y", task: "regression" };
}

/** The true surface of `regression2d`: a Gaussian bump minus a tilted plane. */
export function regression2dTruth(a: number, b: number): number {
  return 2 * Math.exp(-((a - 1) ** 2 + (b - 1) ** 2) / 4) - 0.2 * (a + b);
}

/** 2-D regression: (x₁, x₂) uniform in [−5, 5]², y = regression2dTruth + ε, ε ~ N(0, σ²), σ = noise. */
export function regression2d(rng: Rng, options: GeneratorOptions): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const a = rng.uniform(-5, 5);
    const b = rng.uniform(-5, 5);
    x.push([a, b]);
    y.push(regression2dTruth(a, b) + rng.normal(0, options.noise));
  }
  return { x, y, inputNames: ["x₁", "x₂"], targetName: "y", task: "regression" };
}
