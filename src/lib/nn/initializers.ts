import type { Rng } from "../random/rng.ts";
import type { FloatArray } from "../autodiff/dtype.ts";

/** Fan-in and fan-out of a weight: Dense [in, out] → (in, out); Conv [F, C, kh, kw] → (C·kh·kw, F·kh·kw). */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** Fills `out` with initial values for a weight with the given fans, drawing from `rng`. */
export type Initializer = (out: FloatArray, fans: Fans, rng: Rng) => void;

function uniform(out: FloatArray, limit: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
}

function normal(out: FloatArray, std: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, std);
}

/**
 * The initialisers by name. Glorot keeps the activation variance equal forwards and backwards,
 * Var(w) = 2 / (fanIn + fanOut); He suits ReLU, Var(w) = 2 / fanIn. A uniform U(−L, L) has variance
 * L²/3, hence L = √(6 / (fanIn + fanOut)) and √(6 / fanIn). The normal variants use a plain (not
 * truncated, unlike Keras) normal with that variance.
 */
export const initializers = {
  glorotUniform: ((out, f, rng) => uniform(out, Math.sqrt(6 / (f.fanIn + f.fanOut)), rng)) as Initializer,
  glorotNormal: ((out, f, rng) => normal(out, Math.sqrt(2 / (f.fanIn + f.fanOut)), rng)) as Initializer,
  heUniform: ((out, f, rng) => uniform(out, Math.sqrt(6 / f.fanIn), rng)) as Initializer,
  heNormal: ((out, f, rng) => normal(out, Math.sqrt(2 / f.fanIn), rng)) as Initializer,
  zeros: ((out) => out.fill(0)) as Initializer,
  ones: ((out) => out.fill(1)) as Initializer,
} as const;

export type InitializerName = keyof typeof initializers;

export const initializerNames = Object.keys(initializers) as InitializerName[];

/** The initialiser called `name`; throws naming it and listing the valid ones. */
export function initializer(name: string): Initializer {
  if (!Object.hasOwn(initializers, name)) {
    throw new Error(`Unknown initializer "${name}". Valid initializers: ${initializerNames.join(", ")}.`);
  }
  return initializers[name as InitializerName];
}
