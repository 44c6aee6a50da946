import { Tensor } from "./tensor.ts";
import { noGrad } from "./gradMode.ts";
import { Rng } from "../random/rng.ts";

/**
 * Tolerances of the finite-difference check. With float64 and central differences
 * (f(x + ε) − f(x − ε)) / 2ε the truncation error is O(ε²·f‴) ≈ 1e-12 and the rounding error
 * O(1e-16·|f| / ε) ≈ 1e-10, so analytic and numeric slopes agree far inside these bounds unless the
 * derivative is wrong (or a kink lies within ε of the point — tests keep inputs away from kinks).
 */
export const GRADCHECK_DEFAULTS = { eps: 1e-6, atol: 1e-6, rtol: 1e-5 } as const;

export interface GradCheckOptions {
  eps?: number;
  /** Pass when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|). */
  atol?: number;
  rtol?: number;
  /** Seed of the random projection r (see `gradcheck`). */
  seed?: number;
}

export interface GradCheckResult {
  ok: boolean;
  /** Largest |analytic − numeric| over all checked elements. */
  maxAbsError: number;
  /** Up to 5 human-readable mismatches: "input 1 [3]: analytic 0.5, numeric 0.25". */
  failures: string[];
}

/**
 * Compares the engine's gradients with central finite differences. The scalar checked is
 * L = Σᵢ rᵢ·f(inputs)ᵢ with fixed random weights r ∈ [0.5, 1.5), so every output element (not only
 * their sum) is tested. Every input with requiresGrad is checked element by element; inputs must be
 * float64 and `f` deterministic (create any Rng inside f).
 */
export function gradcheck(f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], options: GradCheckOptions = {}): GradCheckResult {
  const eps = options.eps ?? GRADCHECK_DEFAULTS.eps;
  const atol = options.atol ?? GRADCHECK_DEFAULTS.atol;
  const rtol = options.rtol ?? GRADCHECK_DEFAULTS.rtol;
  for (const t of inputs) {
    if (t.dtype !== "float64") throw new TypeError("gradcheck: inputs must be float64 for meaningful finite differences");
    t.zeroGrad();
  }
  const y = f(...inputs);
  const rng = new Rng(options.seed ?? 1234);
  const r = new Float64Array(y.size);
  for (let i = 0; i < r.length; i++) r[i] = rng.uniform(0.5, 1.5);
  y.backward(r);
  const weighted = (): number =>
    noGrad(() => {
      const out = f(...inputs);
      let s = 0;
      for (let i = 0; i < r.length; i++) s += r[i] * out.data[i];
      return s;
    });
  let maxAbsError = 0;
  const failures: string[] = [];
  inputs.forEach((t, k) => {
    if (!t.requiresGrad) return;
    for (let i = 0; i < t.size; i++) {
      const saved = t.data[i];
      t.data[i] = saved + eps;
      const plus = weighted();
      t.data[i] = saved - eps;
      const minus = weighted();
      t.data[i] = saved;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = t.grad === null ? 0 : t.grad[i];
      const err = Math.abs(analytic - numeric);
      maxAbsError = Math.max(maxAbsError, err);
      if (!(err <= atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric)))) {
        if (failures.length < 5) failures.push(`input ${k} [${i}]: analytic ${analytic}, numeric ${numeric}`);
      }
    }
  });
  return { ok: failures.length === 0, maxAbsError, failures };
}

/**
 * A float64 leaf with requiresGrad for gradient checks, uniform in [lo, hi). With `minAbs`, values
 * are kept at least that far from 0 (random sign), so kinked ops (relu, abs, max) are checked away
 * from their kink.
 */
export function gradInput(shape: readonly number[], rng: Rng, lo = -1, hi = 1, minAbs = 0): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = rng.uniform(lo, hi);
    if (minAbs > 0 && Math.abs(v) < minAbs) v = (rng.next() < 0.5 ? -1 : 1) * (minAbs + rng.uniform(0, minAbs));
    data[i] = v;
  }
  return new Tensor(data, shape, { requiresGrad: true });
}
