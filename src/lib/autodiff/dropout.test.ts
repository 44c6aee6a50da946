import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { dropout, gradInput, gradcheck, ones } from "./index.ts";

describe("dropout", () => {
  it("is the identity when not training", () => {
    const x = ones([10]);
    expect(dropout(x, 0.5, new Rng(1), false)).toBe(x);
  });

  it("zeroes about `rate` of the elements and scales survivors by 1/(1 − rate), keeping the mean", () => {
    const y = dropout(ones([10000]), 0.25, new Rng(2), true);
    const zeros = y.data.filter((v) => v === 0).length;
    expect(zeros / 10000).toBeCloseTo(0.25, 1);
    expect(y.data.find((v) => v !== 0)).toBeCloseTo(1 / 0.75, 6);
    expect(Array.from(y.data).reduce((a, b) => a + b, 0) / 10000).toBeCloseTo(1, 1);
  });

  it("is reproducible from the seed", () => {
    const a = dropout(ones([50]), 0.5, new Rng(3), true);
    const b = dropout(ones([50]), 0.5, new Rng(3), true);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it("has finite-difference gradients for a fixed mask", () => {
    const x = gradInput([4, 5], new Rng(4));
    expect(gradcheck((v) => dropout(v, 0.4, new Rng(5), true), [x])).toMatchObject({ ok: true });
  });

  it("rejects a rate outside [0, 1)", () => {
    expect(() => dropout(ones([1]), 1, new Rng(1), true)).toThrow(/rate must be in \[0, 1\)/);
  });
});
