import { describe, expect, it } from "vitest";
import { Rng, seedFromString, splitmix32 } from "./index.ts";

describe("Rng (sfc32 seeded by splitmix32)", () => {
  it("gives these exact first 32-bit outputs for seed 42 (golden values, locked)", () => {
    const rng = new Rng(42);
    expect([1, 2, 3, 4, 5].map(() => rng.nextUint32())).toEqual([1854947151, 1967844160, 887071210, 3104651849, 1264417530]);
  });

  it("maps each 32-bit output k to k / 2^32 in [0, 1)", () => {
    const rng = new Rng(42);
    expect(rng.next()).toBe(1854947151 / 4294967296);
    expect(rng.next()).toBe(0.4581744223833084);
  });

  it("gives these Box–Muller normals for seed 7 (golden values to 1e-12)", () => {
    const rng = new Rng(7);
    const expected = [-1.339406072879613, -0.5391720150094416, 0.46730340385884056, -0.012812348607082965];
    for (const e of expected) expect(rng.normal()).toBeCloseTo(e, 12);
  });

  it("gives these integers in [0, 10) for seed 1 (golden values)", () => {
    const rng = new Rng(1);
    expect([1, 2, 3, 4, 5, 6].map(() => rng.int(0, 10))).toEqual([3, 5, 7, 8, 0, 5]);
  });

  it("shuffles in place with Fisher–Yates and returns the same array (golden permutation)", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Rng(3).shuffle(a);
    expect(out).toBe(a);
    expect(a).toEqual([3, 8, 7, 1, 4, 2, 5, 6]);
  });

  it("hashes strings to fixed 32-bit seeds, and a string seed equals its hash", () => {
    expect(seedFromString("")).toBe(164558732);
    expect(seedFromString("hello")).toBe(177601147);
    expect(splitmix32(0)).toBe(2462723854);
    expect(new Rng("galaxy").nextUint32()).toBe(4207222789);
    expect(new Rng("galaxy").seed).toBe(seedFromString("galaxy"));
  });

  it("same seed gives the same sequence; different seeds differ", () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const c = new Rng(124);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it("fork(label) depends only on the seed and label, not on draws already made", () => {
    const a = new Rng(9);
    const b = new Rng(9);
    b.next();
    b.next();
    expect(a.fork("init").nextUint32()).toBe(2544519477);
    expect(b.fork("init").nextUint32()).toBe(2544519477);
    expect(a.fork("shuffle").nextUint32()).not.toBe(2544519477);
  });

  it("split() returns a new stream and advances the parent by one draw", () => {
    const a = new Rng(9);
    expect(a.split().nextUint32()).toBe(1952090604);
    const b = new Rng(9);
    b.nextUint32();
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it("uniform(lo, hi) stays in [lo, hi) and has the right mean", () => {
    const rng = new Rng(5);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const u = rng.uniform(-2, 3);
      expect(u >= -2 && u < 3).toBe(true);
      sum += u;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it("normal(mean, std) has the requested mean and standard deviation", () => {
    const rng = new Rng(6);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal(3, 2);
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(3, 1);
    expect(Math.sqrt(s2 / n - mean * mean)).toBeCloseTo(2, 1);
  });

  it("int(lo, hi) covers every value of the range and never hi", () => {
    const rng = new Rng(8);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(-3, 4));
    expect([...seen].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it("choice picks an element of the array and rejects an empty one", () => {
    const rng = new Rng(2);
    expect(["a", "b", "c"]).toContain(rng.choice(["a", "b", "c"]));
    expect(() => rng.choice([])).toThrow(/empty/);
  });

  it("rejects bad arguments with a clear error", () => {
    expect(() => new Rng(Number.NaN)).toThrow(/seed/);
    expect(() => new Rng(1).int(3, 3)).toThrow(/lo < hiExclusive/);
  });
});
