import type { Surface } from "./surface.ts";

/**
 * The saddle E = x² − y²: the gradient vanishes at the origin, which is a minimum along x and a
 * maximum along y. Started exactly on y = 0, gradient descent converges to the saddle; any
 * perturbation in y escapes (slowly at first). Unbounded below, so no minima.
 * ∇E = [2x, −2y].
 */
export const saddle: Surface = {
  id: "saddle",
  name: "Saddle",
  tex: String.raw`E = x^2 - y^2`,
  f: (x, y) => x * x - y * y,
  grad: (x, y) => [2 * x, -2 * y],
  domain: { x: [-2, 2], y: [-2, 2] },
  minima: [],
  saddles: [[0, 0]],
};
