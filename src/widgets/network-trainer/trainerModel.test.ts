import { describe, expect, it } from "vitest";
import { defaultState, parseState, serializeState } from "../shared/urlState.ts";
import { fit } from "../../lib/nn/index.ts";
import { createOptimizer } from "../../lib/optim/index.ts";
import { Tensor } from "../../lib/autodiff/tensor.ts";
import { Rng } from "../../lib/random/index.ts";
import { TRAINER_PREFIX, architectureOf, buildModel, optimizerOptions, trainerSchema } from "../shared/networkSpec.ts";
import type { TrainerState } from "../shared/networkSpec.ts";
import {
  CHALLENGE_TARGET,
  PRESETS,
  challengeMet,
  diagnose,
  divergedAt,
  makeDataset,
  makeProbe,
  outputToValue,
  prepare,
  trainRowCount,
} from "./trainerModel.ts";

const base = defaultState(trainerSchema);

/** Trains the state's network on its dataset with the engine's synchronous fit, as the worker does. */
function train(state: TrainerState) {
  const arch = architectureOf(state);
  const data = makeDataset(state)!;
  const p = prepare(data, arch.validationSplit);
  const model = buildModel(arch, state.seed);
  return fit(model, new Tensor(p.x, [p.rows, p.features]), new Tensor(p.y, [p.rows, 1]), {
    loss: arch.loss,
    optimizer: createOptimizer(arch.optimizer, optimizerOptions(arch)),
    epochs: arch.epochs,
    batchSize: Math.min(arch.batchSize, p.trainRows),
    validationSplit: arch.validationSplit,
    rng: new Rng(state.seed),
    metrics: arch.task === "classification" ? ["accuracy"] : undefined,
    earlyStopping: arch.earlyStopping ? { patience: arch.earlyStopping.patience, restoreBestWeights: true } : undefined,
  });
}

describe("the trainer's URL state", () => {
  it("round-trips a changed state through the URL and omits defaults", () => {
    const state: TrainerState = { ...base, data: "spirals", layers: [16, 4, 2], act: "relu", lr: 0.003, es: true, dropout: 0.2 };
    const params = serializeState(trainerSchema, state, TRAINER_PREFIX);
    expect(params.get("net.layers")).toBe("16,4,2");
    expect(params.has("net.opt")).toBe(false);
    expect(parseState(trainerSchema, params, TRAINER_PREFIX)).toEqual({ state, problems: [] });
  });

  it("accepts no hidden layers and reports bad parameters instead of throwing", () => {
    const parsed = parseState(trainerSchema, new URLSearchParams("net.layers=&net.act=softmax&net.lr=-1&net.layers2=3"), TRAINER_PREFIX);
    expect(parsed.state.layers).toEqual([]);
    expect(parsed.state.act).toBe(base.act);
    expect(parsed.problems).toHaveLength(2);
    expect(parseState(trainerSchema, new URLSearchParams("net.layers=8,99"), TRAINER_PREFIX).problems[0]).toMatch(/item 2/);
  });
});

describe("architecture and model", () => {
  it("builds Dense hidden layers, dropout after each, and one linear output unit", () => {
    const arch = architectureOf({ ...base, layers: [5, 3], dropout: 0.3, data: "photoz" });
    const model = buildModel(arch);
    expect(model.layers.map((l) => l.kind)).toEqual(["Dense", "Dropout", "Dense", "Dropout", "Dense"]);
    expect(model.countParams()).toBe(4 * 5 + 5 + 5 * 3 + 3 + 3 + 1);
    expect(arch.loss).toBe("mse");
    expect(architectureOf({ ...base, data: "xor" }).loss).toBe("binaryCrossEntropyWithLogits");
  });

  it("sizes a CSV network from csvIn and csvTask", () => {
    const arch = architectureOf({ ...base, data: "csv", csvIn: 7, csvTask: "classification" });
    expect(arch.inputDim).toBe(7);
    expect(arch.task).toBe("classification");
  });
});

describe("data preparation", () => {
  it("z-scores inputs and regression targets with training-row statistics, keeping row order", () => {
    const state = { ...base, data: "reg1d" as const, n: 100 };
    const data = makeDataset(state)!;
    const p = prepare(data, 0.3);
    expect(p.trainRows).toBe(trainRowCount(100, 0.3));
    expect(p.trainRows).toBe(70);
    let mean = 0;
    for (let i = 0; i < p.trainRows; i++) mean += p.y[i];
    expect(mean / p.trainRows).toBeCloseTo(0, 5);
    expect(outputToValue(p.y[80], "regression", p.targetStats)).toBeCloseTo(data.y[80], 4);
    expect(outputToValue(0, "classification", p.targetStats)).toBe(0.5);
  });

  it("probes a grid for 2-D inputs, a line for 1-D and the rows themselves for more", () => {
    const surface = makeProbe(makeDataset({ ...base, data: "circles" })!, 10);
    expect(surface.kind).toBe("surface");
    expect(surface.points).toHaveLength(100);
    expect(surface.points[0][1]).toBeGreaterThan(surface.points[99][1]);
    expect(makeProbe(makeDataset({ ...base, data: "reg1d" })!).kind).toBe("curve");
    const scatter = makeProbe(makeDataset({ ...base, data: "photoz", n: 50 })!);
    expect(scatter.kind).toBe("scatter");
    expect(scatter.points).toHaveLength(50);
  });
});

describe("diagnose", () => {
  const n = 100;
  const falling = Array.from({ length: n }, (_, i) => 1 / (1 + 0.05 * i));
  it("calls still-falling curves underfitting", () => {
    expect(
      diagnose(
        falling,
        falling.map((v) => v * 1.05),
      ),
    ).toBe("underfit");
  });
  it("calls flat curves that never came down underfitting", () => {
    const stuck = Array.from({ length: n }, (_, i) => 0.69 + 0.001 * Math.sin(i));
    expect(
      diagnose(
        stuck,
        stuck.map((v) => v + 0.01),
      ),
    ).toBe("underfit");
  });
  it("calls flat, close curves a good fit", () => {
    const flat = Array.from({ length: n }, (_, i) => 0.2 + Math.exp(-i / 5));
    expect(
      diagnose(
        flat,
        flat.map((v) => v + 0.02),
      ),
    ).toBe("good");
  });
  it("calls a validation curve that turns upward overfitting", () => {
    const val = Array.from({ length: n }, (_, i) => 0.3 + 0.0001 * (i - 20) ** 2);
    expect(
      diagnose(
        falling.map((v) => v / 4),
        val,
      ),
    ).toBe("overfit");
  });
  it("calls a history whose loss becomes NaN or ∞ diverged, however short, and finds the epoch", () => {
    const blowUp = [0.7, 3, Infinity, NaN];
    expect(divergedAt(blowUp, [0.7, 2, 40, NaN])).toBe(2);
    expect(diagnose(blowUp, [0.7, 2, 40, NaN])).toBe("diverged");
    expect(diagnose([NaN], [NaN])).toBe("diverged");
    // A finite training loss with an overflowed validation loss has diverged too.
    expect(divergedAt([0.7, 0.6], [0.8, Infinity])).toBe(1);
    expect(diagnose([...falling, NaN], [...falling, NaN])).toBe("diverged");
  });
  it("leaves finite histories to the other rules", () => {
    expect(divergedAt(falling, falling)).toBeNull();
    expect(divergedAt([], [])).toBeNull();
    expect(diagnose(falling.slice(0, 5), falling.slice(0, 5))).toBe("unclear");
    expect(
      diagnose(
        falling,
        falling.map((v) => v * 1.05),
      ),
    ).toBe("underfit");
  });
});

describe("the presets reproduce the lecture's three cases when trained with the engine", () => {
  for (const preset of PRESETS) {
    it(`“${preset.label}” trains to a history diagnosed as ${preset.id}`, () => {
      const history = train({ ...base, ...preset.state });
      expect(diagnose(history.loss, history.valLoss)).toBe(preset.id);
    });
  }

  it("overfitting is cured by early stopping: it stops near the best validation loss and keeps those weights", () => {
    const overfit = PRESETS.find((p) => p.id === "overfit")!;
    const history = train({ ...base, ...overfit.state, es: true, patience: 20 });
    expect(history.stoppedEarly).toBe(true);
    expect(history.epochs).toBeLessThan(overfit.state.epochs! / 2);
  });
});

describe("the spirals challenge", () => {
  it("is reachable at the default noise: three ReLU layers of 16 get validation loss below the target", () => {
    const history = train({ ...base, data: "spirals", layers: [16, 16, 16], act: "relu", opt: "adam", lr: 0.01, epochs: 200, batch: 16 });
    expect(Math.min(...history.valLoss)).toBeLessThan(CHALLENGE_TARGET);
  });

  it("only counts on the spirals", () => {
    expect(challengeMet({ ...base, data: "spirals" }, CHALLENGE_TARGET / 2)).toBe(true);
    expect(challengeMet({ ...base, data: "circles" }, 0.001)).toBe(false);
    expect(challengeMet({ ...base, data: "spirals", noise: 0 }, 0.001)).toBe(false);
    expect(challengeMet({ ...base, data: "spirals" }, undefined)).toBe(false);
  });
});
