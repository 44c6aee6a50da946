/**
 * The gradient-descent stepper's compute. Three one-parameter losses E(θ), each built from engine
 * ops so that E′(θ) comes from the backward pass:
 *   - "mse":   fit the slope of a line through 8 seeded points, E(θ) = (1/N) Σ (θ xᵢ − yᵢ)²;
 *   - "xent":  fit a one-weight logistic classifier, E(θ) = (1/N) Σ BCE(σ(θ xᵢ), yᵢ);
 *   - "well":  a double well with a shallow and a deep valley, E(θ) = (θ² − 1)² + 0.3 θ + 0.31.
 * Gradient descent runs θ_{k+1} = θ_k − η E′(θ_k) from a start value; the run is a pure function of
 * (loss, η, start, number of steps), so a URL reproduces the exact same position.
 */
import { add, binaryCrossEntropyWithLogits, mse, mul, scalar, square, sub, tensor, type Tensor } from "../../lib/autodiff/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";

export const LOSS_IDS = ["mse", "xent", "well"] as const;
export type LossId = (typeof LOSS_IDS)[number];

export interface LossSpec {
  id: LossId;
  label: string;
  /** The formula in TeX, as computed by `value`. */
  tex: string;
  /** Plotting window for θ. */
  domain: readonly [number, number];
  /** Default start. */
  start: number;
}

const N_POINTS = 8;
const DATA_SEED = "loss-and-gradient-descent/data";

/**
 * The line-fit data: xᵢ uniform in [−1.5, 1.5], rescaled so that (1/N) Σ xᵢ² = 1 exactly, and
 * yᵢ = 2 xᵢ + noise (σ = 0.05). Then E(θ) = (θ − θ̂)² + E_min with curvature E″ = 2, so the
 * step factor is 1 − 2η: η = 0.5 lands in one step, 0.5 < η < 1 oscillates, η > 1 diverges.
 */
export function lineData(): { x: number[]; y: number[] } {
  const rng = new Rng(DATA_SEED);
  const raw = Array.from({ length: N_POINTS }, () => rng.uniform(-1.5, 1.5));
  const rms = Math.sqrt(raw.reduce((s, v) => s + v * v, 0) / N_POINTS);
  const x = raw.map((v) => v / rms);
  const y = x.map((v) => 2 * v + rng.normal(0, 0.05));
  return { x, y };
}

/** Labels for the logistic fit: class 1 when x > 0, except two flipped points so that E has a finite minimum. */
export function classData(): { x: number[]; y: number[] } {
  const { x } = lineData();
  const y = x.map((v, i) => (i === 2 || i === 5 ? (v > 0 ? 0 : 1) : v > 0 ? 1 : 0));
  return { x, y };
}

export const LOSSES: Record<LossId, LossSpec> = {
  mse: {
    id: "mse",
    label: "Line fit (MSE)",
    tex: "E(\\theta) = \\frac{1}{N}\\sum_{i=1}^{N} \\left(\\theta x_i - y_i\\right)^2",
    domain: [-2, 6],
    start: -1,
  },
  xent: {
    id: "xent",
    label: "Classifier (cross-entropy)",
    tex:
      "\\begin{aligned} E(\\theta) &= \\frac{1}{N}\\sum_{i=1}^{N} \\ell_i, \\\\ \\ell_i &= -y_i \\ln \\sigma(\\theta x_i) \\\\ " +
      "&\\quad - (1 - y_i) \\ln\\left(1 - \\sigma(\\theta x_i)\\right) \\end{aligned}",
    domain: [-4, 6],
    start: -3,
  },
  well: {
    id: "well",
    label: "Double well",
    tex: "E(\\theta) = \\left(\\theta^2 - 1\\right)^2 + 0.3\\,\\theta + 0.31",
    domain: [-2, 2],
    start: 1.8,
  },
};

/** E(θ) as an engine graph whose leaf is the returned `theta`. */
function graph(loss: LossId, thetaValue: number): { theta: Tensor; E: Tensor } {
  const theta = scalar(thetaValue, { dtype: "float64", requiresGrad: true });
  if (loss === "well") {
    const E = add(add(square(sub(square(theta), 1)), mul(theta, 0.3)), 0.31);
    return { theta, E };
  }
  const data = loss === "mse" ? lineData() : classData();
  const x = tensor(data.x, [data.x.length], { dtype: "float64" });
  const y = tensor(data.y, [data.y.length], { dtype: "float64" });
  const prediction = mul(x, theta);
  const E = loss === "mse" ? mse(prediction, y) : binaryCrossEntropyWithLogits(prediction, y);
  return { theta, E };
}

/** E(θ) and E′(θ): one forward pass and one backward pass of the engine. */
export function lossAndSlope(loss: LossId, theta: number): { E: number; dE: number } {
  const g = graph(loss, theta);
  g.E.backward();
  return { E: g.E.item(), dE: g.theta.grad?.[0] ?? 0 };
}

/** E over the plotting window, for the curve. */
export function lossCurve(loss: LossId, count = 161): { theta: number; E: number }[] {
  const [lo, hi] = LOSSES[loss].domain;
  return Array.from({ length: count }, (_, i) => {
    const theta = lo + ((hi - lo) * i) / (count - 1);
    return { theta, E: lossAndSlope(loss, theta).E };
  });
}

export interface Step {
  /** θ_k, E(θ_k) and E′(θ_k). */
  theta: number;
  E: number;
  dE: number;
}

/** |θ| beyond this, or a non-finite value, counts as diverged and stops the run. */
export const DIVERGENCE_LIMIT = 1e6;

/**
 * θ₀ = start, θ_{k+1} = θ_k − η E′(θ_k), for `steps` steps (fewer if it blows up). Returns every
 * visited point, θ₀ first, so the trajectory has steps + 1 entries unless it diverged early.
 */
export function descend(loss: LossId, lr: number, start: number, steps: number): Step[] {
  const path: Step[] = [];
  let theta = start;
  for (let k = 0; k <= steps; k++) {
    const { E, dE } = lossAndSlope(loss, theta);
    path.push({ theta, E, dE });
    if (!Number.isFinite(E) || !Number.isFinite(theta) || Math.abs(theta) > DIVERGENCE_LIMIT) break;
    theta = theta - lr * dE;
  }
  return path;
}

export type Regime = "start" | "converged" | "converging" | "oscillating" | "diverging";

/**
 * What the run is doing, from its last few steps: diverging when the loss has grown above ten times
 * its start (or overflowed); converged when the last step moved θ by less than 10⁻⁴; oscillating
 * when the last two steps went in opposite directions; converging otherwise.
 */
export function regime(path: readonly Step[]): Regime {
  if (path.length < 2) return "start";
  const last = path[path.length - 1];
  const first = path[0];
  if (
    !Number.isFinite(last.E) ||
    !Number.isFinite(last.theta) ||
    Math.abs(last.theta) > DIVERGENCE_LIMIT ||
    last.E > 10 * Math.max(first.E, 0.1)
  ) {
    return "diverging";
  }
  const d1 = last.theta - path[path.length - 2].theta;
  if (Math.abs(d1) < 1e-4) return "converged";
  if (path.length >= 3) {
    const d0 = path[path.length - 2].theta - path[path.length - 3].theta;
    if (d0 * d1 < 0) return "oscillating";
  }
  return "converging";
}

export const MAX_STEPS = 200;
export const TARGET_LOSS = 0.01;
export const TARGET_STEPS = 10;

export const descentSchema = {
  loss: choiceField<LossId>("mse", LOSS_IDS),
  lr: numberField(0.1, { min: 0.01, max: 2 }),
  start: numberField(-1, { min: -5, max: 10 }),
  steps: numberField(0, { min: 0, max: MAX_STEPS, integer: true }),
};
export const DESCENT_PREFIX = "gd";

/** True when this run reaches E < 0.01 within 10 steps on the line-fit loss (the first challenge part). */
export function reachedTarget(loss: LossId, path: readonly Step[]): boolean {
  return loss === "mse" && path.slice(0, TARGET_STEPS + 1).some((p) => p.E < TARGET_LOSS);
}
