import { describe, expect, it } from "vitest";
import { parseExpression } from "../../../src/lib/grading/index.ts";
import { engineDerivative } from "./derivativeFormula.ts";

describe("activation-derivative-formula", () => {
  it("its canonical formulas agree with the engine's backward pass at many points", () => {
    const cases = [
      ["sigmoid", "s", "s*(1 - s)"],
      ["tanh", "t", "1 - t^2"],
      ["softplus", "z", "1/(1 + exp(-z))"],
    ] as const;
    for (const [kind, variable, canonical] of cases) {
      const f = parseExpression(canonical, { variables: [variable] });
      if (!f.ok) throw new Error(f.message);
      for (let z = -3; z <= 3; z += 0.25) {
        const { variable: v, derivative } = engineDerivative(kind, z);
        expect(f.value.evaluate({ [variable]: v })).toBeCloseTo(derivative, 12);
      }
    }
  });
});
