import type { Surface } from "./surface.ts";

/** Options of `rosenbrock`: a (default 1) and b (default 100). */
export interface RosenbrockOptions {
  a?: number;
  b?: number;
}

/**
 * Rosenbrock's banana: E = (a − x)² + b(y − x²)². A curved, flat-bottomed valley; the minimum
 * (a, a²) is easy to reach and slow to converge to.
 * ∇E = [−2(a − x) − 4bx(y − x²), 2b(y − x²)].
 */
export function rosenbrock(options: RosenbrockOptions = {}): Surface {
  const a = options.a ?? 1;
  const b = options.b ?? 100;
  return {
    id: "rosenbrock",
    name: "Rosenbrock",
    tex: String.raw`E = (a - x)^2 + b\,(y - x^2)^2`,
    f: (x, y) => (a - x) ** 2 + b * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)],
    domain: { x: [-2, 2], y: [-1, 3] },
    minima: [[a, a * a]],
  };
}
