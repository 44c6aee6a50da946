import { AdaGrad } from "../../../src/lib/optim/index.ts";
import type { AdaGradState } from "../../../src/lib/optim/index.ts";
import { optimizerFamily, trajectory } from "./optimizerFamily.ts";

const EPS = 1e-8;

/** k steps of AdaGrad, G ← G + g², θ ← θ − η g / (√G + ε) (src/lib/optim AdaGrad). */
export const adagradSteps = optimizerFamily<AdaGradState>({
  id: "adagrad-steps",
  title: "Steps of AdaGrad",
  skills: ["accumulated squared gradients", "per-parameter step sizes"],
  rule: "G \\leftarrow G + g^2,\\qquad \\theta \\leftarrow \\theta - \\frac{\\eta\\, g}{\\sqrt{G} + \\varepsilon}",
  drawHyper: (rng) => ({ eta: rng.choice([0.1, 0.5, 1]) }),
  hyperText: (h) => `$\\eta = ${h.eta}$ and $\\varepsilon = 10^{-8}$ (negligible here)`,
  make: (h) => new AdaGrad({ learningRate: h.eta, epsilon: EPS }),
  state: [{ id: "G", symbol: "G", read: (s) => s.sumSquares[0] }],
  hints: ["G is a running *sum* of squared gradients: it only grows.", "Divide the gradient by the square root of the new G."],
  mistakes: [
    {
      id: "no-sqrt",
      description: "Divides by G instead of √G.",
      feedback: "The step divides by √G (the root of the accumulated squares), not G itself.",
      values: (p) => {
        let G = 0;
        return { theta: trajectory(p, (t, g) => ((G += g * g), t - (p.h.eta * g) / (G + EPS))) };
      },
    },
    {
      id: "latest-gradient-only",
      description: "Uses only the latest g² (no accumulation).",
      minLevel: 2,
      feedback: "AdaGrad *adds* every squared gradient into G; it never forgets (that is why its steps shrink).",
      values: (p) => ({ G: p.grads[p.grads.length - 1] ** 2, theta: trajectory(p, (t, g) => t - (p.h.eta * g) / (Math.abs(g) + EPS)) }),
    },
  ],
});
