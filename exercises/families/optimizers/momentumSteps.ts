import { Momentum } from "../../../src/lib/optim/index.ts";
import type { MomentumState } from "../../../src/lib/optim/index.ts";
import { optimizerFamily, trajectory } from "./optimizerFamily.ts";
import type { OptimizerParams } from "./optimizerFamily.ts";

/** v and θ of a mistaken momentum rule v ← a·v − s·η·g (s = −1 for the sign error). */
function variant(p: OptimizerParams, alpha: number, sign: number): { v: number; theta: number } {
  let v = 0;
  const theta = trajectory(p, (t, g) => {
    v = alpha * v - sign * p.h.eta * g;
    return t + v;
  });
  return { v, theta };
}

/** k steps of heavy-ball momentum, v ← αv − η g, θ ← θ + v (src/lib/optim Momentum). */
export const momentumSteps = optimizerFamily<MomentumState>({
  id: "momentum-steps",
  title: "Steps of gradient descent with momentum",
  skills: ["velocity", "momentum update rule"],
  rule: "v \\leftarrow \\alpha v - \\eta g,\\qquad \\theta \\leftarrow \\theta + v",
  drawHyper: (rng) => ({ eta: rng.choice([0.05, 0.1, 0.2]), alpha: rng.choice([0.5, 0.8, 0.9]) }),
  hyperText: (h) => `$\\eta = ${h.eta}$ and $\\alpha = ${h.alpha}$`,
  make: (h) => new Momentum({ learningRate: h.eta, momentum: h.alpha }),
  state: [{ id: "v", symbol: "v", read: (s) => s.velocity[0] }],
  hints: [
    "Update the velocity first, then move θ by the *new* velocity.",
    "The velocity keeps a fraction α of its previous value, so earlier gradients still push θ.",
  ],
  mistakes: [
    {
      id: "sign",
      description: "Adds η g (ascends).",
      feedback: "The velocity subtracts the gradient: v ← αv − ηg. Adding it climbs the loss.",
      values: (p) => variant(p, p.h.alpha, -1),
    },
    {
      id: "no-decay",
      description: "Keeps the whole velocity (α = 1).",
      minLevel: 2,
      feedback: "Multiply the old velocity by α before adding the new term: v ← αv − ηg.",
      values: (p) => variant(p, 1, 1),
    },
    {
      id: "plain-sgd",
      description: "Ignores the velocity (plain SGD).",
      minLevel: 2,
      feedback: "That is plain gradient descent. With momentum the velocity carries a fraction α of earlier steps forward.",
      values: (p) => variant(p, 0, 1),
    },
  ],
});
