// Public surface of the seeded randomness: the only source of random numbers in the project.
export { Rng } from "./rng.ts";
export { seedFromString, splitmix32 } from "./hash.ts";
