import { RMSProp } from "../../../src/lib/optim/index.ts";
import type { RMSPropState } from "../../../src/lib/optim/index.ts";
import { optimizerFamily, trajectory } from "./optimizerFamily.ts";
import type { OptimizerParams } from "./optimizerFamily.ts";

const EPS = 1e-8;

/** S and θ for S ← a·S + b·g², θ ← θ − η g / (root(S) + ε): the right rule and its mistaken forms. */
function variant(p: OptimizerParams, a: number, b: number, root: (s: number) => number = Math.sqrt): { S: number; theta: number } {
  let S = 0;
  const theta = trajectory(p, (t, g) => {
    S = a * S + b * g * g;
    return t - (p.h.eta * g) / (root(S) + EPS);
  });
  return { S, theta };
}

/** k steps of RMSProp, S ← ρS + (1 − ρ)g², θ ← θ − η g / (√S + ε) (src/lib/optim RMSProp). */
export const rmspropSteps = optimizerFamily<RMSPropState>({
  id: "rmsprop-steps",
  title: "Steps of RMSProp",
  skills: ["exponential moving average", "adaptive step size"],
  rule: "S \\leftarrow \\rho S + (1-\\rho)\\, g^2,\\qquad \\theta \\leftarrow \\theta - \\frac{\\eta\\, g}{\\sqrt{S} + \\varepsilon}",
  drawHyper: (rng) => ({ eta: rng.choice([0.01, 0.05, 0.1]), rho: rng.choice([0.8, 0.9]) }),
  hyperText: (h) => `$\\eta = ${h.eta}$, $\\rho = ${h.rho}$ and $\\varepsilon = 10^{-8}$ (negligible here)`,
  make: (h) => new RMSProp({ learningRate: h.eta, rho: h.rho, epsilon: EPS }),
  state: [{ id: "S", symbol: "S", read: (s) => s.meanSquares[0] }],
  hints: [
    "S is a leaky average: keep ρ of the old S and add (1 − ρ) of the new g².",
    "Starting from S = 0, the first S is only (1 − ρ)g², so the first step is larger than η.",
  ],
  mistakes: [
    {
      id: "forgot-one-minus-rho",
      description: "Adds g² without the (1 − ρ) weight.",
      feedback: "The new squared gradient enters with weight (1 − ρ): S ← ρS + (1 − ρ)g².",
      values: (p) => variant(p, p.h.rho, 1),
    },
    {
      id: "adagrad-sum",
      description: "Sums g² like AdaGrad.",
      minLevel: 2,
      feedback: "That is AdaGrad's running sum. RMSProp forgets old gradients: S ← ρS + (1 − ρ)g².",
      values: (p) => variant(p, 1, 1),
    },
    {
      id: "no-sqrt",
      description: "Divides by S instead of √S.",
      feedback: "Divide the gradient by √S, the root mean square, not by S.",
      values: (p) => ({ theta: variant(p, p.h.rho, 1 - p.h.rho, (s) => s).theta }),
    },
  ],
});
