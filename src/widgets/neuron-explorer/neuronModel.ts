/**
 * The neuron explorer's compute: one neuron with two inputs, z = w₁x₁ + w₂x₂ + b and a = f(z),
 * evaluated by the autodiff engine (a matmul, an add and the activation op) — for the chosen input
 * point and for a grid over the x₁–x₂ plane (the heatmap). Also the decision line w·x + b = 0
 * clipped to the plotted square, the two seeded clusters of the challenge, and the URL schema.
 */
import { add, matmul, tensor } from "../../lib/autodiff/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";
import { applyActivation, type ActivationId } from "../shared/activationCatalog.ts";

/** Activations offered in the explorer (the activation lesson has the full list). */
export const NEURON_ACTIVATIONS = ["sigmoid", "step", "linear", "tanh", "relu"] as const satisfies readonly ActivationId[];
export type NeuronActivation = (typeof NEURON_ACTIVATIONS)[number];

/** Inputs live in this square (both axes). */
export const DOMAIN = 3;
export const WEIGHT_LIMIT = 5;

/** URL schema (prefix "neuron"): input point, weights, bias, activation. */
export const neuronSchema = {
  x1: numberField(1, { min: -DOMAIN, max: DOMAIN }),
  x2: numberField(-0.5, { min: -DOMAIN, max: DOMAIN }),
  w1: numberField(0.8, { min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT }),
  w2: numberField(1, { min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT }),
  b: numberField(0.2, { min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT }),
  act: choiceField<NeuronActivation>("sigmoid", NEURON_ACTIVATIONS),
};
export const NEURON_PREFIX = "neuron";

export interface NeuronParams {
  w1: number;
  w2: number;
  b: number;
  act: NeuronActivation;
}

/** The weighted sum and the output for one input point. */
export function neuronOutput(params: NeuronParams, x1: number, x2: number): { z: number; a: number } {
  const grid = neuronGrid(params, [[x1, x2]]);
  return { z: grid.z[0], a: grid.a[0] };
}

/**
 * z and a for many points at once: X [N, 2] · w [2, 1] + b, then f, all through engine ops (float64).
 */
export function neuronGrid(params: NeuronParams, points: readonly (readonly [number, number])[]): { z: number[]; a: number[] } {
  const X = tensor(points.flat(), [points.length, 2], { dtype: "float64" });
  const w = tensor([params.w1, params.w2], [2, 1], { dtype: "float64" });
  const b = tensor([params.b], [1], { dtype: "float64" });
  const z = add(matmul(X, w), b);
  const a = applyActivation(params.act, z);
  return { z: Array.from(z.data), a: Array.from(a.data) };
}

/** Cell centres of an n × n grid over [−DOMAIN, DOMAIN]², row by row from the top (x₂ high) down. */
export function gridPoints(n: number): [number, number][] {
  const cell = (2 * DOMAIN) / n;
  const points: [number, number][] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) points.push([-DOMAIN + (c + 0.5) * cell, DOMAIN - (r + 0.5) * cell]);
  }
  return points;
}

/**
 * Heatmap cells: for each grid point, which side of the boundary it is on (z > 0 or not) and how
 * far the output is from the neuron's output at the boundary, f(0), scaled to [0, 1] over the grid.
 */
export function heatmap(params: NeuronParams, n: number): { side: ("high" | "low")[]; strength: number[] } {
  const points = gridPoints(n);
  const { z, a } = neuronGrid(params, points);
  // f(0): the output exactly on the boundary line (z = 0), computed by the same op.
  const f0 = neuronGrid({ w1: 0, w2: 0, b: 0, act: params.act }, [[0, 0]]).a[0];
  let spread = 0;
  for (const v of a) spread = Math.max(spread, Math.abs(v - f0));
  return {
    side: z.map((v) => (v > 0 ? "high" : "low")),
    strength: a.map((v) => (spread > 0 ? Math.abs(v - f0) / spread : 0)),
  };
}

/**
 * The part of the line w₁x₁ + w₂x₂ + b = 0 inside the square [−d, d]², or null when the weights are
 * both zero (no line) or the line misses the square.
 */
export function boundarySegment(w1: number, w2: number, b: number, d = DOMAIN): { x1: number; y1: number; x2: number; y2: number } | null {
  const eps = 1e-12;
  const hits: [number, number][] = [];
  if (Math.abs(w2) > eps) {
    for (const x of [-d, d]) {
      const y = -(w1 * x + b) / w2;
      if (y >= -d - eps && y <= d + eps) hits.push([x, y]);
    }
  }
  if (Math.abs(w1) > eps) {
    for (const y of [-d, d]) {
      const x = -(w2 * y + b) / w1;
      if (x >= -d - eps && x <= d + eps) hits.push([x, y]);
    }
  }
  // Remove duplicates (the line through a corner hits two edges there).
  const unique = hits.filter((p, i) => hits.findIndex((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 1e-9) === i);
  if (unique.length < 2) return null;
  const [p, q] = unique;
  return { x1: p[0], y1: p[1], x2: q[0], y2: q[1] };
}

/** A labelled point of the challenge data: class 1 ("orange") should get z > 0. */
export interface ClusterPoint {
  x1: number;
  x2: number;
  label: 0 | 1;
}

/** Seed of the challenge clusters: the same points on every machine. */
export const CLUSTER_SEED = "neurons-and-layers/clusters";

/** Two Gaussian clusters of 12 points each, drawn from the seeded Rng. */
export function clusters(seed: string = CLUSTER_SEED): ClusterPoint[] {
  const rng = new Rng(seed);
  const points: ClusterPoint[] = [];
  const centres: [number, number, 0 | 1][] = [
    [-1.3, 0.9, 0],
    [1.1, -1.2, 1],
  ];
  for (const [cx, cy, label] of centres) {
    for (let i = 0; i < 12; i++) {
      const x1 = Math.max(-2.8, Math.min(2.8, rng.normal(cx, 0.45)));
      const x2 = Math.max(-2.8, Math.min(2.8, rng.normal(cy, 0.45)));
      points.push({ x1: round2(x1), x2: round2(x2), label });
    }
  }
  return points;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** How many points the neuron puts on the wrong side (class 1 needs z > 0, class 0 needs z ≤ 0). */
export function misclassified(params: NeuronParams, points: readonly ClusterPoint[]): number {
  const { z } = neuronGrid(
    params,
    points.map((p) => [p.x1, p.x2] as [number, number]),
  );
  let wrong = 0;
  points.forEach((p, i) => {
    if ((z[i] > 0 ? 1 : 0) !== p.label) wrong++;
  });
  return wrong;
}
