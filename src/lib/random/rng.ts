import { seedFromString, splitmix32 } from "./hash.ts";

/**
 * A seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
 * 128-bit state, period ≥ 2^32) whose four state words come from splitmix32 of the seed. It is the
 * only source of randomness in the project; the same seed gives the same sequence on every platform,
 * locked by golden tests.
 *
 * Floats: `next()` is k / 2^32 for the next 32-bit output k, so it lies in [0, 1).
 */
export class Rng {
  /** The 32-bit seed this generator was created from (after hashing a string seed). */
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box–Muller makes normals in pairs; the second one waits here. */
  private spare: number | null = null;

  constructor(seed: number | string = 0) {
    if (typeof seed === "number" && !Number.isFinite(seed)) {
      throw new RangeError(`Rng seed must be a finite number or a string, got ${seed}`);
    }
    this.seed = typeof seed === "string" ? seedFromString(seed) : seed >>> 0;
    let s = this.seed;
    s = splitmix32(s);
    this.a = s;
    s = splitmix32(s);
    this.b = s;
    s = splitmix32(s);
    this.c = s;
    s = splitmix32(s);
    this.d = s;
    // sfc32's author recommends discarding the first outputs so the counter mixes into the state.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next raw 32-bit unsigned integer of the sfc32 sequence. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float uniformly distributed in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A float uniformly distributed in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * A normal sample by the Box–Muller transform: for u1 ∈ (0, 1], u2 ∈ [0, 1),
   * r = √(−2 ln u1), z0 = r cos 2πu2, z1 = r sin 2πu2 are independent N(0, 1); z1 is kept for the next call.
   */
  normal(mean = 0, std = 1): number {
    let z: number;
    if (this.spare !== null) {
      z = this.spare;
      this.spare = null;
    } else {
      const u1 = 1 - this.next();
      const u2 = this.next();
      const r = Math.sqrt(-2 * Math.log(u1));
      z = r * Math.cos(2 * Math.PI * u2);
      this.spare = r * Math.sin(2 * Math.PI * u2);
    }
    return mean + std * z;
  }

  /** An integer uniformly drawn from lo, lo+1, …, hiExclusive−1 (floor of a scaled uniform). */
  int(lo: number, hiExclusive: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hiExclusive) || hiExclusive <= lo) {
      throw new RangeError(`Rng.int needs integers lo < hiExclusive, got ${lo}, ${hiExclusive}`);
    }
    return lo + Math.floor(this.next() * (hiExclusive - lo));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Shuffles `array` in place (Fisher–Yates, from the end) and returns it. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** One element of a non-empty array, uniformly. */
  choice<T>(array: readonly T[]): T {
    if (array.length === 0) throw new RangeError("Rng.choice of an empty array");
    return array[this.int(0, array.length)];
  }

  /**
   * An independent generator named by `label`, derived from this generator's seed only — not from how
   * many numbers it has drawn — so `rng.fork("init")` is the same stream wherever it is called.
   */
  fork(label: string): Rng {
    return new Rng(splitmix32((this.seed ^ seedFromString(label)) >>> 0));
  }

  /** A new generator seeded by the next output of this one (advances this generator by one draw). */
  split(): Rng {
    return new Rng(this.nextUint32());
  }
}
