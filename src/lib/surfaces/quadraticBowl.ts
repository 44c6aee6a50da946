import type { Surface } from "./surface.ts";

/** Options of `quadraticBowl`. */
export interface QuadraticBowlOptions {
  /** κ = λmax / λmin of the Hessian: 1 is a round bowl, large κ a narrow valley. Default 10. */
  conditionNumber?: number;
  /** Rotation of the valley's axes in radians (0: axis-aligned). Default 0. */
  angle?: number;
}

/**
 * E = ½(u² + κv²) with (u, v) the coordinates rotated by `angle`:
 *   u = x cos θ + y sin θ,   v = −x sin θ + y cos θ.
 * Hessian eigenvalues 1 and κ; gradient descent is stable for η < 2/κ and crawls along u when κ is
 * large — the picture behind momentum and adaptive methods.
 * ∇E = [u cos θ − κv sin θ, u sin θ + κv cos θ].
 */
export function quadraticBowl(options: QuadraticBowlOptions = {}): Surface {
  const kappa = options.conditionNumber ?? 10;
  const theta = options.angle ?? 0;
  if (!(kappa > 0)) throw new RangeError(`conditionNumber must be > 0, got ${kappa}`);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return {
    id: "quadratic",
    name: `Quadratic bowl (κ = ${kappa})`,
    tex: String.raw`E = \tfrac12\left(u^2 + \kappa v^2\right)`,
    f(x, y) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      return 0.5 * (u * u + kappa * v * v);
    },
    grad(x, y) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      return [u * c - kappa * v * s, u * s + kappa * v * c];
    },
    domain: { x: [-2, 2], y: [-2, 2] },
    minima: [[0, 0]],
  };
}
