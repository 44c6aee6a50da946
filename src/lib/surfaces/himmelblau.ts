import type { Surface } from "./surface.ts";

/**
 * Himmelblau's function: E = (x² + y − 11)² + (x + y² − 7)². Four global minima (E = 0), so where
 * an optimizer ends depends on where it starts.
 * ∇E = [4x(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) + 4y(x + y² − 7)].
 */
export const himmelblau: Surface = {
  id: "himmelblau",
  name: "Himmelblau",
  tex: String.raw`E = (x^2 + y - 11)^2 + (x + y^2 - 7)^2`,
  f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  grad(x, y) {
    const p = x * x + y - 11;
    const q = x + y * y - 7;
    return [4 * x * p + 2 * q, 2 * p + 4 * y * q];
  },
  domain: { x: [-5, 5], y: [-5, 5] },
  // (3, 2) is exact; the other three are roots of a quartic, given to 6 decimals.
  minima: [
    [3, 2],
    [-2.805118, 3.131312],
    [-3.77931, -3.283186],
    [3.584428, -1.848126],
  ],
};
