/**
 * The activation explorer's compute: curves of f and f′ (engine forward + backward, see
 * activationCatalog), and the gradient through a chain of n one-input neurons
 *   h₀ = x,  h_k = f(w_k h_{k−1} + b_k)  for k = 1…n,
 * with seeded random weights and biases; d h_n / d x comes from the engine's backward pass.
 */
import { add, mul, tensor, type Tensor } from "../../lib/autodiff/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";
import { ACTIVATIONS, activationCurve, applyActivation, type ActivationId } from "../shared/activationCatalog.ts";

export const MAX_DEPTH = 50;
/** The chain's input value x (= h₀). */
export const CHAIN_INPUT = 0.5;
/** Weights are drawn uniformly from this interval, biases from BIAS_RANGE. */
export const WEIGHT_RANGE = [0.55, 1.5] as const;
export const BIAS_RANGE = [0, 0.2] as const;
/** Plotting window of the curves. */
export const X_RANGE = [-4, 4] as const;

export const activationSchema = {
  f: choiceField<ActivationId>("sigmoid", ACTIVATIONS),
  /** The probe point where f(x) and f′(x) are read out. */
  x: numberField(0.5, { min: X_RANGE[0], max: X_RANGE[1] }),
  depth: numberField(5, { min: 1, max: MAX_DEPTH, integer: true }),
  seed: numberField(1, { min: 1, max: 9999, integer: true }),
};
export const ACTIVATION_PREFIX = "act";

/** Evenly spaced xs across X_RANGE (inclusive), plus the kink at 0 so ReLU/step corners are exact. */
export function sampleXs(count = 161): number[] {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) xs.push(X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / (count - 1));
  return xs;
}

export interface CurvePoint {
  x: number;
  f: number;
  df: number;
}

/** f and f′ over the plotting window, both from the engine. */
export function curves(name: ActivationId, xs: readonly number[] = sampleXs()): CurvePoint[] {
  const c = activationCurve(name, xs);
  return c.x.map((x, i) => ({ x, f: c.f[i], df: c.df[i] }));
}

/** f(x) and f′(x) at one point. */
export function probe(name: ActivationId, x: number): CurvePoint {
  return curves(name, [x])[0];
}

/** The chain's weights and biases for a seed: the same for every activation, so they compare fairly. */
export function chainParameters(seed: number, depth = MAX_DEPTH): { w: number[]; b: number[] } {
  const rng = new Rng(`activation-functions/chain/${seed}`);
  const w: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < depth; k++) {
    w.push(rng.uniform(WEIGHT_RANGE[0], WEIGHT_RANGE[1]));
    b.push(rng.uniform(BIAS_RANGE[0], BIAS_RANGE[1]));
  }
  return { w, b };
}

/**
 * |d h_n / d x| for n = 1…maxDepth. One float64 chain is built; for each n the engine back-propagates
 * from h_n to x (clearing x's gradient first), so entry n−1 is exactly the engine's gradient through n
 * layers. maxDepth² / 2 ≈ 1 250 node visits at 50 layers: instant.
 */
export function chainGradients(name: ActivationId, seed: number, maxDepth = MAX_DEPTH): number[] {
  const { w, b } = chainParameters(seed, maxDepth);
  const x = tensor([CHAIN_INPUT], [1], { dtype: "float64", requiresGrad: true });
  const hs: Tensor[] = [];
  let h: Tensor = x;
  for (let k = 0; k < maxDepth; k++) {
    h = applyActivation(name, add(mul(h, w[k]), b[k]));
    hs.push(h);
  }
  return hs.map((hn) => {
    x.zeroGrad();
    // A step chain (or an all-constant one) has no graph back to x: its gradient is exactly zero.
    if (!hn.requiresGrad) return 0;
    hn.backward(new Float64Array([1]));
    return Math.abs(x.grad?.[0] ?? 0);
  });
}

/** Gradients for every activation at once (for the faint comparison curves). */
export function allChainGradients(seed: number, maxDepth = MAX_DEPTH): Record<ActivationId, number[]> {
  const out = {} as Record<ActivationId, number[]>;
  for (const name of ACTIVATIONS) out[name] = chainGradients(name, seed, maxDepth);
  return out;
}

/** The threshold of the lesson's challenge. */
export const VANISHING_THRESHOLD = 1e-6;

/** Smallest depth at which the gradient drops below `threshold`, or null if it never does (≤ maxDepth). */
export function depthBelow(gradients: readonly number[], threshold = VANISHING_THRESHOLD): number | null {
  const i = gradients.findIndex((g) => g < threshold);
  return i < 0 ? null : i + 1;
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** "10⁻⁶" for a power of ten. */
export function powerOfTenLabel(value: number): string {
  const e = Math.round(Math.log10(value));
  if (e === 0) return "1";
  if (e === 1) return "10";
  return `10${String(e).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/**
 * Log-axis window for gradients: whole decades covering the non-zero values (at least 10⁻⁸ … 10¹,
 * at most 10⁻⁴⁰ at the bottom), and ticks at every k-th decade (k chosen for at most ~7 ticks).
 */
export function logWindow(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.max(-40, Math.min(-8, Math.floor(Math.log10(Math.min(...positive, 1e-8)))));
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(...positive, 10))));
  // Tick at exponents that are multiples of the stride, so 10⁰ (and 10⁻⁶ for most windows) is labelled.
  const stride = [1, 2, 3, 4, 5, 6, 8, 10].find((k) => (hi - lo) / k <= 7) ?? 10;
  const ticks: number[] = [];
  for (let e = hi; e >= lo; e--) if (e % stride === 0) ticks.push(10 ** e);
  return { domain: [10 ** lo, 10 ** hi], ticks };
}
