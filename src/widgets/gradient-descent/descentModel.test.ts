import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseState, serializeState } from "../shared/urlState.ts";
import { LOSSES, LOSS_IDS, classData, descend, descentSchema, lineData, lossAndSlope, reachedTarget, regime } from "./descentModel.ts";

describe("the losses (engine forward + backward)", () => {
  it("give E and E′ of the double well as by hand", () => {
    // E(2) = (4 − 1)² + 0.6 + 0.31 = 9.91; E′(θ) = 4θ(θ² − 1) + 0.3 → E′(2) = 24.3
    const { E, dE } = lossAndSlope("well", 2);
    expect(E).toBeCloseTo(9.91, 12);
    expect(dE).toBeCloseTo(24.3, 12);
  });

  it("give the line-fit MSE and its slope as by hand from the data", () => {
    const { x, y } = lineData();
    const theta = 0.7;
    const n = x.length;
    const E = x.reduce((s, xi, i) => s + (theta * xi - y[i]) ** 2, 0) / n;
    const dE = x.reduce((s, xi, i) => s + 2 * (theta * xi - y[i]) * xi, 0) / n;
    expect(lossAndSlope("mse", theta).E).toBeCloseTo(E, 12);
    expect(lossAndSlope("mse", theta).dE).toBeCloseTo(dE, 12);
    // The data are scaled so that mean(x²) = 1, i.e. E″ = 2.
    expect(x.reduce((s, v) => s + v * v, 0) / n).toBeCloseTo(1, 12);
  });

  it("give the cross-entropy and its slope as by hand", () => {
    const { x, y } = classData();
    const theta = 1.3;
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const E = -x.reduce((acc, xi, i) => acc + y[i] * Math.log(s(theta * xi)) + (1 - y[i]) * Math.log(1 - s(theta * xi)), 0) / x.length;
    const dE = x.reduce((acc, xi, i) => acc + (s(theta * xi) - y[i]) * xi, 0) / x.length;
    expect(lossAndSlope("xent", theta).E).toBeCloseTo(E, 12);
    expect(lossAndSlope("xent", theta).dE).toBeCloseTo(dE, 12);
  });

  it("agree with central finite differences", () => {
    for (const loss of LOSS_IDS) {
      for (const theta of [-1.3, 0.2, 1.7]) {
        const h = 1e-6;
        const fd = (lossAndSlope(loss, theta + h).E - lossAndSlope(loss, theta - h).E) / (2 * h);
        expect(lossAndSlope(loss, theta).dE, `${loss} at ${theta}`).toBeCloseTo(fd, 5);
      }
    }
  });
});

describe("descend", () => {
  it("takes the step θ′ = θ − η E′(θ)", () => {
    const path = descend("well", 0.01, 2, 1);
    expect(path).toHaveLength(2);
    expect(path[1].theta).toBeCloseTo(2 - 0.01 * 24.3, 12);
  });

  it("converges slowly for a small rate, oscillates for 0.5 < η < 1 and diverges for η > 1 on the line fit", () => {
    expect(regime(descend("mse", 0.05, -1, 10))).toBe("converging");
    expect(regime(descend("mse", 0.8, -1, 10))).toBe("oscillating");
    expect(regime(descend("mse", 1.2, -1, 10))).toBe("diverging");
    expect(regime(descend("mse", 0.5, -1, 3))).toBe("converged");
  });

  it("reaches E < 0.01 within 10 steps for η = 0.4 but not for η = 0.1", () => {
    expect(reachedTarget("mse", descend("mse", 0.4, -1, 10))).toBe(true);
    expect(reachedTarget("mse", descend("mse", 0.1, -1, 10))).toBe(false);
  });

  it("stops early once θ leaves every sensible range", () => {
    const path = descend("well", 1.5, 1.8, 200);
    expect(path.length).toBeLessThan(201);
    expect(regime(path)).toBe("diverging");
  });
});

describe("URL state", () => {
  it("round-trips a run", () => {
    const state = { loss: "xent" as const, lr: 0.7, start: 2, steps: 12 };
    expect(parseState(descentSchema, serializeState(descentSchema, state, "gd"), "gd")).toEqual({ state, problems: [] });
  });
});

describe("the loss buttons", () => {
  it("carry the names the lesson text uses for them (a code rename once turned 'Classifier' into 'ModelRunner')", () => {
    const lesson = readFileSync(new URL("../../content/lessons/loss-and-gradient-descent.mdx", import.meta.url), "utf8");
    for (const id of LOSS_IDS) expect(lesson).toContain(`**${LOSSES[id].label}**`);
  });
});
