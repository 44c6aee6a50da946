import { activation, tensor } from "../../src/lib/autodiff/index.ts";
import type { Tensor } from "../../src/lib/autodiff/index.ts";

/**
 * Engine shortcuts for exercises: float64 leaves (answers must not carry float32 rounding) and the
 * value and derivative of an activation taken from the engine's own backward pass.
 */
export function f64(values: number[] | number[][] | number[][][][], requiresGrad = false): Tensor {
  return tensor(values, undefined, { dtype: "float64", requiresGrad });
}

/** f(z) and f′(z) for the engine's activation `name`, by one forward and one backward pass. */
export function activationAt(name: string, z: number): { value: number; derivative: number } {
  const x = tensor([z], [1], { dtype: "float64", requiresGrad: true });
  const y = activation(name)(x);
  // "linear" returns its input, which is a leaf: its derivative is 1 by definition.
  if (y === x) return { value: z, derivative: 1 };
  y.backward(Float64Array.of(1));
  return { value: y.data[0], derivative: x.grad![0] };
}
