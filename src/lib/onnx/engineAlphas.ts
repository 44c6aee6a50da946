import { ELU_ALPHA, LEAKY_RELU_ALPHA } from "../autodiff/activations.ts";

/** The α of the engine's parametrised activations, taken from the engine so the two cannot drift. */
export const ENGINE_ALPHA = {
  leakyRelu: LEAKY_RELU_ALPHA,
  elu: ELU_ALPHA,
} as const;
