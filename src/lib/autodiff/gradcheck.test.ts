import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { Tensor, gradInput, gradcheck, mul } from "./index.ts";
import { gradOf, makeResult } from "./tensor.ts";

// y = x³ with a deliberately wrong derivative (2x² instead of 3x²).
function wrongCube(x: Tensor): Tensor {
  const out = new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) out[i] = x.data[i] ** 3;
  return makeResult("wrongCube", out, x.shape, [x], (res) => {
    const gx = gradOf(x)!;
    for (let i = 0; i < x.size; i++) gx[i] += res.grad![i] * 2 * x.data[i] ** 2;
  });
}

describe("gradcheck", () => {
  it("passes a correct derivative", () => {
    expect(gradcheck((x) => mul(mul(x, x), x), [gradInput([5], new Rng(1))])).toMatchObject({ ok: true });
  });

  it("catches a wrong derivative and reports where", () => {
    const r = gradcheck(wrongCube, [gradInput([5], new Rng(1), 0.5, 1)]);
    expect(r.ok).toBe(false);
    expect(r.failures[0]).toMatch(/^input 0 \[0\]: analytic/);
  });

  it("refuses float32 inputs", () => {
    const x = new Tensor(new Float32Array(1), [1], { requiresGrad: true });
    expect(() => gradcheck((v) => v, [x])).toThrow(/float64/);
  });
});
