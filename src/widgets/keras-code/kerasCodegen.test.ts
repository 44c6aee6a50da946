import { describe, expect, it } from "vitest";
import { summaryData } from "../../lib/nn/index.ts";
import { defaultState } from "../shared/urlState.ts";
import { architectureOf, buildModel, trainerSchema } from "../shared/networkSpec.ts";
import type { TrainerState } from "../shared/networkSpec.ts";
import { engineCode, functionalCode, kerasChallengeMet, kerasParamCount, numberSource, sequentialCode } from "./kerasCodegen.ts";

const base = defaultState(trainerSchema);
const cases: Partial<TrainerState>[] = [
  {},
  { layers: [] },
  { layers: [64, 64, 32], act: "relu", data: "photoz" },
  { layers: [1, 31], data: "xor", dropout: 0.2 },
  { layers: [5], data: "reg1d", l2: 0.01, es: true, patience: 7, opt: "nesterov" },
  { layers: [3, 3, 3, 3, 3, 3], data: "csv", csvIn: 11, csvTask: "classification", act: "leakyRelu" },
];

describe("Keras code generation", () => {
  for (const patch of cases) {
    const arch = architectureOf({ ...base, ...patch });
    it(`counts the same parameters as the engine's summary for ${JSON.stringify(patch)}`, () => {
      const engine = summaryData(buildModel(arch)).totalParams;
      expect(kerasParamCount(sequentialCode(arch)).total).toBe(engine);
      expect(kerasParamCount(functionalCode(arch)).total).toBe(engine);
      const denseRows = summaryData(buildModel(arch))
        .rows.filter((r) => r.kind === "Dense")
        .map((r) => r.params);
      expect(kerasParamCount(functionalCode(arch)).perLayer).toEqual(denseRows);
    });
  }

  it("writes the lecture's Sequential style: Sequential(), add(Input), add(Dense …)", () => {
    const code = sequentialCode(architectureOf({ ...base, layers: [20], act: "relu" }));
    expect(code).toContain("model = keras.Sequential()");
    expect(code).toContain("model.add(keras.Input(shape=(2,)))");
    expect(code).toContain('model.add(layers.Dense(20, activation="relu"))');
    expect(code).toContain("loss=keras.losses.BinaryCrossentropy(from_logits=True)");
    expect(code).toContain("validation_split=0.3");
  });

  it("writes the functional style: tensors through layers, then keras.Model(inputs, outputs)", () => {
    const code = functionalCode(architectureOf({ ...base, layers: [8, 8], dropout: 0.5 }));
    expect(code).toContain("inputs = keras.Input(shape=(2,))");
    expect(code).toContain('x = layers.Dense(8, activation="tanh")(inputs)');
    expect(code).toContain("x = layers.Dropout(0.5)(x)");
    expect(code).toContain("outputs = layers.Dense(1)(x)");
    expect(code).toContain("model = keras.Model(inputs, outputs)");
    expect(functionalCode(architectureOf({ ...base, layers: [] }))).toContain("outputs = layers.Dense(1)(inputs)");
  });

  it("translates weight decay λ into Keras l2(λ/2) and early stopping into a callback", () => {
    const code = sequentialCode(architectureOf({ ...base, l2: 0.01, es: true, patience: 9 }));
    expect(code).toContain("keras.regularizers.l2(0.005)");
    expect(code).toContain("kernel_regularizer=l2, bias_regularizer=l2");
    expect(code).toContain("patience=9, restore_best_weights=True");
    expect(code).toContain("callbacks=[stop_early]");
  });

  it("maps optimizers and regression losses", () => {
    expect(sequentialCode(architectureOf({ ...base, opt: "momentum", lr: 0.1 }))).toContain(
      "keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)",
    );
    expect(sequentialCode(architectureOf({ ...base, opt: "rmsprop", data: "reg2d" }))).toContain('loss="mse"');
  });

  it("writes engine code that names the same layers and options", () => {
    const code = engineCode(architectureOf({ ...base, layers: [6], dropout: 0.1, l2: 0.001 }));
    expect(code).toContain('new Dense(6, { activation: "tanh" })');
    expect(code).toContain("new Dropout(0.1)");
    expect(code).toContain("inputShape: [2]");
    expect(code).toContain('createOptimizer("adam", { learningRate: 0.03, weightDecay: 0.001 })');
    expect(code).toContain('loss: "binaryCrossEntropyWithLogits"');
  });

  it("prints numbers without float noise", () => {
    expect(numberSource(0.1 + 0.2)).toBe("0.3");
    expect(numberSource(0.0001)).toBe("0.0001");
  });
});

describe("the Keras challenge", () => {
  it("is met by 2 inputs → 4 → 14 → 1 (97 parameters) and not by one hidden layer of 24", () => {
    const two = architectureOf({ ...base, layers: [4, 14] });
    expect(summaryData(buildModel(two)).totalParams).toBe(97);
    expect(kerasChallengeMet(two, 97)).toBe(true);
    const one = architectureOf({ ...base, layers: [24] });
    expect(summaryData(buildModel(one)).totalParams).toBe(97);
    expect(kerasChallengeMet(one, 97)).toBe(false);
  });
});
