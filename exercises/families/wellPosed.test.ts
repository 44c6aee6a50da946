import { describe, expect, it } from "vitest";
import { createExercise, gradeExercise, getFamily } from "../registry.ts";
import { exerciseRng } from "../family.ts";
import { followsTrainingRule } from "./backpropagation/trainingStepOrder.ts";
import { regimeFromWeightCurve } from "./learning-curves/learningRateDiagnosis.ts";
import { quadraticBowl } from "../../src/lib/surfaces/index.ts";
import { SGD, descend } from "../../src/lib/optim/index.ts";

/** The parameters and rendering of one exercise, straight from its family (what the self-test sees). */
function draw(id: string, seed: number, level: number) {
  const family = getFamily(id);
  const p = family.generate(exerciseRng(family.id, family.version, seed, level), level);
  return { family, p, rendered: family.render(p) };
}

describe("training-step-order accepts every correct order (issue 15, item 9)", () => {
  const orders = [
    ["zero", "forward", "loss", "backward", "update"],
    ["forward", "zero", "loss", "backward", "update"],
    ["forward", "loss", "zero", "backward", "update"],
    ["forward", "loss", "backward", "update", "zero"],
  ];
  it("grades each place the reset may go as correct at level 2, and the reset between backward and update as that misconception", () => {
    for (let seed = 0; seed < 20; seed++) {
      const e = createExercise("training-step-order", seed, 2);
      for (const order of orders) {
        const score = gradeExercise(e, { order: order.join(", ") });
        expect(score.kind === "points" && score.earned === 1, `${order.join(",")} seed ${seed}`).toBe(true);
      }
      const wrong = gradeExercise(e, { order: "forward, loss, backward, zero, update" });
      expect(wrong.kind === "points" && wrong.feedback[0].misconception).toBe("zero-after-backward");
    }
  });

  it("at level 3 keeps shuffle first and validation last around the same four places", () => {
    const e = createExercise("training-step-order", "l3", 3);
    for (const order of orders)
      expect(gradeExercise(e, { order: ["shuffle", ...order, "validate"].join(", ") })).toMatchObject({ kind: "points", earned: 1 });
    expect(gradeExercise(e, { order: ["forward", "shuffle", "zero", "loss", "backward", "update", "validate"].join(", ") })).toMatchObject({
      earned: 0,
    });
  });

  it("states the rule as precedence constraints, independent of the accepted list", () => {
    const steps = ["zero", "forward", "loss", "backward", "update"] as const;
    for (const order of orders) expect(followsTrainingRule([...steps], order)).toBe(true);
    expect(followsTrainingRule([...steps], ["forward", "loss", "backward", "zero", "update"])).toBe(false);
    expect(followsTrainingRule([...steps], ["forward", "backward", "loss", "zero", "update"])).toBe(false);
  });
});

describe("learning-rate-diagnosis level 3 shows what decides the answer", () => {
  it("on a quadratic bowl an overshooting run's loss falls monotonically (why the loss curve cannot show it)", () => {
    const bowl = quadraticBowl({ conditionNumber: 4 });
    const path = descend(new SGD({ learningRate: 1.8 / 4 }), [1, 1.5], (x, y) => bowl.grad(x, y), 30);
    const loss = path.map(([x, y]) => bowl.f(x, y));
    expect(loss.every((l, k) => k === 0 || l < loss[k - 1])).toBe(true);
    expect(regimeFromWeightCurve(path.map(([, v]) => v))).toBe("oscillating");
  });

  it("every oscillating draw plots a curve that visibly crosses the minimum and reads as its key (40 seeds)", () => {
    let oscillating = 0;
    for (let seed = 0; seed < 200 && oscillating < 40; seed++) {
      const { p, rendered } = draw("learning-rate-diagnosis", seed, 3);
      if ((p as { ask: string }).ask !== "oscillating") continue;
      oscillating++;
      const values = rendered.figure!.series[0].points.map(([, v]) => v);
      const crossings = values.slice(1).filter((v, k) => Math.sign(v) !== Math.sign(values[k])).length;
      expect(crossings).toBeGreaterThanOrEqual(3);
      expect(regimeFromWeightCurve(values)).toBe("oscillating");
    }
    expect(oscillating).toBe(40);
  });
});

describe("learning-curve-diagnosis single-figure levels give a reference", () => {
  it("plots the noise floor, and underfitting ends well above it while a good fit ends near it (80 seeds)", () => {
    let seen = 0;
    for (const level of [1, 3]) {
      for (let seed = 0; seed < 40; seed++) {
        const { p, rendered } = draw("learning-curve-diagnosis", seed, level);
        const series = rendered.figure!.series;
        const floor = series.find((s) => s.name.startsWith("noise floor"));
        expect(floor).toBeDefined();
        const regime = (p as { regime: string }).regime;
        if (regime === "overfit") continue;
        seen++;
        const val = series.find((s) => s.name === "validation loss")!.points;
        const ratio = val[val.length - 1][1] / floor!.points[0][1];
        if (regime === "good") expect(ratio).toBeLessThan(1.6);
        else expect(ratio).toBeGreaterThan(2);
      }
    }
    expect(seen).toBeGreaterThan(40);
  });
});

describe("small fixes", () => {
  it("a single optimizer step reads “The gradient at the first step is”", () => {
    const e = createExercise("adam-steps", 3, 1);
    expect(e.prompt).toContain("The gradient at the first step is");
    expect(createExercise("adam-steps", 3, 2).prompt).toContain("The gradients at the first 2 steps are");
  });

  it("mse-value never shows a negative (or zero) redshift", () => {
    for (const level of [1, 2, 3]) {
      for (let seed = 0; seed < 200; seed++) {
        const { p } = draw("mse-value", seed, level);
        const { y, yhat } = p as { y: number[]; yhat: number[] };
        for (const z of [...y, ...yhat]) expect(z, `level ${level} seed ${seed}`).toBeGreaterThan(0);
      }
    }
  });
});
