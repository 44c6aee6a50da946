/**
 * The activation functions the lessons plot, each computed by the autodiff engine: the forward
 * value by the engine's op, the derivative by its backward pass. Nothing here writes a derivative
 * formula twice.
 */
import { activation, tensor, type Tensor } from "../../lib/autodiff/index.ts";

export const ACTIVATIONS = ["linear", "step", "sigmoid", "tanh", "relu", "leakyRelu", "elu", "softplus", "gelu", "swish"] as const;
export type ActivationId = (typeof ACTIVATIONS)[number];

/** y = f(x) for the named activation, elementwise, as a node of the engine's graph. */
export function applyActivation(name: ActivationId, x: Tensor): Tensor {
  return activation(name)(x);
}

/** Display names and the formula of f in TeX (matching the engine: leaky α = 0.2, ELU α = 1, GELU tanh form). */
export const ACTIVATION_INFO: Record<ActivationId, { label: string; short: string; tex: string }> = {
  linear: { label: "Linear", short: "linear", tex: "f(z) = z" },
  step: { label: "Step", short: "step", tex: "f(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}" },
  sigmoid: { label: "Sigmoid", short: "σ", tex: "f(z) = \\sigma(z) = \\dfrac{1}{1 + e^{-z}}" },
  tanh: { label: "tanh", short: "tanh", tex: "f(z) = \\tanh z = \\dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}" },
  relu: { label: "ReLU", short: "ReLU", tex: "f(z) = \\max(0, z)" },
  leakyRelu: { label: "Leaky ReLU", short: "leaky", tex: "f(z) = \\begin{cases} z & z > 0 \\\\ 0.2\\,z & z \\le 0 \\end{cases}" },
  elu: { label: "ELU", short: "ELU", tex: "f(z) = \\begin{cases} z & z > 0 \\\\ e^{z} - 1 & z \\le 0 \\end{cases}" },
  softplus: { label: "Softplus", short: "softplus", tex: "f(z) = \\ln\\left(1 + e^{z}\\right)" },
  gelu: {
    label: "GELU",
    short: "GELU",
    tex: "f(z) = \\tfrac12 z\\left(1 + \\tanh\\left[\\sqrt{2/\\pi}\\,\\left(z + 0.044715\\,z^{3}\\right)\\right]\\right)",
  },
  swish: { label: "Swish", short: "swish", tex: "f(z) = z\\,\\sigma(z) = \\dfrac{z}{1 + e^{-z}}" },
};

/** TeX for f applied to a named argument, e.g. `\sigma(z)`, for live formulas. */
export function texApply(name: ActivationId, arg: string): string {
  switch (name) {
    case "linear":
      return arg;
    case "step":
      return `\\operatorname{step}(${arg})`;
    case "sigmoid":
      return `\\sigma(${arg})`;
    case "tanh":
      return `\\tanh(${arg})`;
    case "relu":
      return `\\operatorname{ReLU}(${arg})`;
    case "leakyRelu":
      return `\\operatorname{leaky}(${arg})`;
    case "elu":
      return `\\operatorname{ELU}(${arg})`;
    case "softplus":
      return `\\operatorname{softplus}(${arg})`;
    case "gelu":
      return `\\operatorname{GELU}(${arg})`;
    case "swish":
      return `\\operatorname{swish}(${arg})`;
  }
}

/**
 * f and f′ at every x, both from the engine: one forward pass over a float64 tensor of the xs, then
 * one backward pass seeded with ones. Because f acts elementwise, the gradient of Σ f(xᵢ) with
 * respect to xᵢ is f′(xᵢ).
 */
export function activationCurve(name: ActivationId, xs: readonly number[]): { x: number[]; f: number[]; df: number[] } {
  const x = tensor(xs, [xs.length], { dtype: "float64", requiresGrad: true });
  const y = applyActivation(name, x);
  y.backward(new Float64Array(xs.length).fill(1));
  return { x: [...xs], f: Array.from(y.data), df: Array.from(x.grad ?? new Float64Array(xs.length)) };
}
