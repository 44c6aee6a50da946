import type { Surface } from "./surface.ts";
import { quadraticBowl } from "./quadraticBowl.ts";
import { rosenbrock } from "./rosenbrock.ts";
import { himmelblau } from "./himmelblau.ts";
import { saddle } from "./saddle.ts";
import { beale } from "./beale.ts";

/** Every surface with its default parameters, in teaching order. */
export const surfaces: readonly Surface[] = [quadraticBowl(), rosenbrock(), himmelblau, saddle, beale];

/** The surface with this id; throws naming the valid ids otherwise. */
export function surfaceById(id: string): Surface {
  const found = surfaces.find((s) => s.id === id);
  if (found === undefined) {
    throw new Error(`Unknown surface "${id}". Valid surfaces: ${surfaces.map((s) => s.id).join(", ")}.`);
  }
  return found;
}
