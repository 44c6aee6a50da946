// Public surface of the 2-D loss functions for optimizer playgrounds.
export type { Surface, Interval } from "./surface.ts";
export { quadraticBowl } from "./quadraticBowl.ts";
export type { QuadraticBowlOptions } from "./quadraticBowl.ts";
export { rosenbrock } from "./rosenbrock.ts";
export type { RosenbrockOptions } from "./rosenbrock.ts";
export { himmelblau } from "./himmelblau.ts";
export { saddle } from "./saddle.ts";
export { beale } from "./beale.ts";
export { surfaces, surfaceById } from "./surfaces.ts";
