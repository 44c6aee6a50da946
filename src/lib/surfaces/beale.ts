import type { Surface } from "./surface.ts";

/**
 * Beale's function: E = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at
 * (3, 0.5), with flat plateaus and steep walls near the corners.
 * With tₖ = cₖ − x + xyᵏ (c = 1.5, 2.25, 2.625):
 *   ∂E/∂x = Σ 2tₖ(yᵏ − 1),   ∂E/∂y = Σ 2tₖ · k x yᵏ⁻¹.
 */
export const beale: Surface = {
  id: "beale",
  name: "Beale",
  tex: String.raw`E = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2`,
  f(x, y) {
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2;
  },
  grad(x, y) {
    const t1 = 1.5 - x + x * y;
    const t2 = 2.25 - x + x * y * y;
    const t3 = 2.625 - x + x * y ** 3;
    return [2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y ** 3 - 1), 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y];
  },
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  minima: [[3, 0.5]],
};
