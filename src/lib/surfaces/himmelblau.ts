import type { Surface } from "./surface.ts";

const f = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;

/** ∇E = [4x·p + 2q, 2p + 4y·q] with p = x² + y − 11, q = x + y² − 7. */
function grad(x: number, y: number): [number, number] {
  const p = x * x + y - 11;
  const q = x + y * y - 7;
  return [4 * x * p + 2 * q, 2 * p + 4 * y * q];
}

/**
 * A stationary point of E by Newton's method on ∇E = 0 from a nearby guess: the Hessian is
 * [[4p + 8x² + 2, 4(x + y)], [4(x + y), 4q + 8y² + 2]], and a few steps reach machine precision.
 * The three minima other than (3, 2) are roots of a quartic with no short closed form; a 6-decimal
 * table is off by up to 1e-6 (truncated, not rounded, in its usual quotation), so they are solved for.
 */
function refine(x0: number, y0: number): [number, number] {
  let x = x0;
  let y = y0;
  for (let k = 0; k < 8; k++) {
    const p = x * x + y - 11;
    const q = x + y * y - 7;
    const [gx, gy] = grad(x, y);
    const hxx = 4 * p + 8 * x * x + 2;
    const hxy = 4 * (x + y);
    const hyy = 4 * q + 8 * y * y + 2;
    const det = hxx * hyy - hxy * hxy;
    x -= (hyy * gx - hxy * gy) / det;
    y -= (hxx * gy - hxy * gx) / det;
  }
  return [x, y];
}

/**
 * Himmelblau's function: E = (x² + y − 11)² + (x + y² − 7)². Four global minima (E = 0), so where
 * an optimizer ends depends on where it starts.
 */
export const himmelblau: Surface = {
  id: "himmelblau",
  name: "Himmelblau",
  tex: String.raw`E = (x^2 + y - 11)^2 + (x + y^2 - 7)^2`,
  f,
  grad,
  domain: { x: [-5, 5], y: [-5, 5] },
  // (3, 2) is exact; the others are solved from their approximate positions.
  minima: [[3, 2], refine(-2.805, 3.131), refine(-3.779, -3.283), refine(3.584, -1.848)],
};
