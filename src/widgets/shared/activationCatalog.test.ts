import { describe, expect, it } from "vitest";
import { ACTIVATIONS, activationCurve } from "./activationCatalog.ts";

describe("activationCurve (values by the engine's forward op, slopes by its backward pass)", () => {
  it("matches hand-computed values and derivatives", () => {
    const at = (name: (typeof ACTIVATIONS)[number], x: number) => {
      const c = activationCurve(name, [x]);
      return [c.f[0], c.df[0]];
    };
    expect(at("linear", -1.5)).toEqual([-1.5, 1]);
    expect(at("step", 0.5)).toEqual([1, 0]);
    expect(at("step", -0.5)).toEqual([0, 0]);
    expect(at("step", 0)).toEqual([0, 0]);
    expect(at("sigmoid", 0)).toEqual([0.5, 0.25]);
    expect(at("tanh", 0)).toEqual([0, 1]);
    expect(at("relu", -1)).toEqual([0, 0]);
    expect(at("relu", 2)).toEqual([2, 1]);
    const [lv, ld] = at("leakyRelu", -1);
    expect(lv).toBeCloseTo(-0.2, 12);
    expect(ld).toBeCloseTo(0.2, 12);
    const [ev, ed] = at("elu", -1);
    expect(ev).toBeCloseTo(Math.exp(-1) - 1, 12);
    expect(ed).toBeCloseTo(Math.exp(-1), 12);
    const [sv, sd] = at("softplus", 0);
    expect(sv).toBeCloseTo(Math.LN2, 12);
    expect(sd).toBeCloseTo(0.5, 12);
    expect(at("gelu", 0)).toEqual([0, 0.5]);
    expect(at("swish", 0)).toEqual([0, 0.5]);
  });

  it("gives slopes that agree with central finite differences of the values away from kinks", () => {
    const xs = [-2.3, -0.7, 0.4, 1.9];
    const h = 1e-6;
    for (const name of ACTIVATIONS) {
      const c = activationCurve(name, xs);
      const plus = activationCurve(
        name,
        xs.map((x) => x + h),
      ).f;
      const minus = activationCurve(
        name,
        xs.map((x) => x - h),
      ).f;
      xs.forEach((_, i) => expect(c.df[i], `${name} at ${xs[i]}`).toBeCloseTo((plus[i] - minus[i]) / (2 * h), 5));
    }
  });
});
