import { Adam } from "../../../src/lib/optim/index.ts";
import type { AdamState } from "../../../src/lib/optim/index.ts";
import { optimizerFamily, trajectory } from "./optimizerFamily.ts";
import type { OptimizerParams } from "./optimizerFamily.ts";

const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

/** θ after Adam with the bias corrections switched on or off, and √ replaced for the no-root mistake. */
function variant(p: OptimizerParams, correct: boolean, root: (x: number) => number = Math.sqrt): number {
  let m = 0;
  let v = 0;
  return trajectory(p, (t, g, k) => {
    m = B1 * m + (1 - B1) * g;
    v = B2 * v + (1 - B2) * g * g;
    const mHat = correct ? m / (1 - B1 ** (k + 1)) : m;
    const vHat = correct ? v / (1 - B2 ** (k + 1)) : v;
    return t - (p.h.eta * mHat) / (root(vHat) + EPS);
  });
}

/** k steps of Adam (Kingma & Ba, Algorithm 1) with the moments reported (src/lib/optim Adam). */
export const adamSteps = optimizerFamily<AdamState>({
  id: "adam-steps",
  title: "Steps of Adam",
  skills: ["first and second moments", "bias correction"],
  rule: "m \\leftarrow \\beta_1 m + (1-\\beta_1) g,\\quad v \\leftarrow \\beta_2 v + (1-\\beta_2) g^2,\\quad \\hat m = \\frac{m}{1-\\beta_1^t},\\quad \\hat v = \\frac{v}{1-\\beta_2^t},\\quad \\theta \\leftarrow \\theta - \\frac{\\eta\\,\\hat m}{\\sqrt{\\hat v} + \\varepsilon}",
  drawHyper: (rng) => ({ eta: rng.choice([0.01, 0.05, 0.1]) }),
  hyperText: (h) =>
    `$\\eta = ${h.eta}$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\varepsilon = 10^{-8}$ (negligible here) and $t$ the step number`,
  make: (h) => new Adam({ learningRate: h.eta, beta1: B1, beta2: B2, epsilon: EPS }),
  state: [
    { id: "m", symbol: "m", read: (s) => s.m[0] },
    { id: "v", symbol: "v", read: (s) => s.v[0] },
  ],
  hints: [
    "m and v are stored *without* the bias correction; the corrected m̂ and v̂ are only used for the step.",
    "At step 1 the corrections undo the small start exactly: m̂ = g and v̂ = g², so the first step is ≈ η·sign(g).",
  ],
  mistakes: [
    {
      id: "no-bias-correction",
      description: "Steps with uncorrected m and v.",
      feedback: "Divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ before the step: without the correction the early steps are badly scaled.",
      values: (p) => ({ theta: variant(p, false) }),
    },
    {
      id: "no-sqrt",
      description: "Divides by v̂ instead of √v̂.",
      feedback: "The step divides by √v̂ (an RMS gradient), not v̂.",
      values: (p) => ({ theta: variant(p, true, (x) => x) }),
    },
    {
      id: "stored-corrected-moments",
      description: "Reports m̂, v̂ as the stored moments.",
      feedback: "Adam stores the *uncorrected* m and v; the bias-corrected m̂, v̂ are recomputed at every step.",
      values: (p) => {
        let m = 0;
        let v = 0;
        p.grads.forEach((g) => {
          m = B1 * m + (1 - B1) * g;
          v = B2 * v + (1 - B2) * g * g;
        });
        const t = p.grads.length;
        return { m: m / (1 - B1 ** t), v: v / (1 - B2 ** t) };
      },
    },
  ],
});
