import { describe, expect, it } from "vitest";
import { defaultState } from "../shared/urlState.ts";
import { fit } from "../../lib/nn/index.ts";
import { createOptimizer } from "../../lib/optim/index.ts";
import { Tensor } from "../../lib/autodiff/tensor.ts";
import { Rng } from "../../lib/random/index.ts";
import { architectureOf, buildModel, optimizerOptions, trainerSchema } from "../shared/networkSpec.ts";
import type { TrainerState } from "../shared/networkSpec.ts";
import { PRESETS, diagnose, makeDataset, prepare } from "./trainerModel.ts";
import { diagnosisMessage } from "./diagnosisMessage.ts";
import type { RunFacts } from "./diagnosisMessage.ts";

/** Trains the state's network with the engine's synchronous fit, with the worker's options. */
function train(state: TrainerState) {
  const arch = architectureOf(state);
  const p = prepare(makeDataset(state)!, arch.validationSplit);
  return fit(buildModel(arch, state.seed), new Tensor(p.x, [p.rows, p.features]), new Tensor(p.y, [p.rows, 1]), {
    loss: arch.loss,
    optimizer: createOptimizer(arch.optimizer, optimizerOptions(arch)),
    epochs: arch.epochs,
    batchSize: Math.min(arch.batchSize, p.trainRows),
    validationSplit: arch.validationSplit,
    rng: new Rng(state.seed),
    earlyStopping: arch.earlyStopping ? { patience: arch.earlyStopping.patience, restoreBestWeights: true } : undefined,
  });
}

const plain: RunFacts = {
  earlyStopping: null,
  stoppedEarly: false,
  bestEpoch: 12,
  l2: 0,
  dropout: 0,
  divergedEpoch: null,
  training: {
    optimizer: "adam",
    optimizerLabel: "Adam",
    learningRate: 0.03,
    batchSize: 16,
    trainRows: 210,
    hiddenLayers: 2,
    activation: "tanh",
  },
};

describe("the trainer's verdict in words", () => {
  it("on the Overfitting preset with early stopping on, the run stops early and the verdict says so instead of advising early stopping", () => {
    const state: TrainerState = { ...defaultState(trainerSchema), ...PRESETS.find((p) => p.id === "overfit")!.state, es: true };
    const history = train(state);
    expect(history.stoppedEarly).toBe(true);
    const verdict = diagnose(history.loss, history.valLoss);
    expect(verdict).toBe("overfit");
    const best = history.valLoss.indexOf(Math.min(...history.valLoss)) + 1;
    const text = diagnosisMessage(verdict, {
      ...plain,
      earlyStopping: { patience: state.patience },
      stoppedEarly: true,
      bestEpoch: best,
      l2: 0,
      dropout: 0,
    });
    expect(text).not.toMatch(/try[^.]*early stopping/i);
    expect(text).toContain(`restored the weights of that best epoch`);
    expect(text).toContain(`(epoch ${best})`);
  });

  it("advises early stopping, L2 and dropout for overfitting only when the run did not use them", () => {
    expect(diagnosisMessage("overfit", plain)).toMatch(/Try early stopping, L2, dropout, more data or a smaller network\.$/);
    const used = diagnosisMessage("overfit", { ...plain, earlyStopping: { patience: 50 }, l2: 0.01, dropout: 0.2 });
    expect(used).not.toMatch(/early stopping,|Try early stopping/);
    expect(used).toContain("a smaller patience than 50 epochs");
    expect(used).toContain("a stronger L2 penalty");
    expect(used).toContain("more dropout");
  });

  it("does not advise more epochs for underfitting when early stopping ended the run", () => {
    expect(diagnosisMessage("underfit", plain)).toContain("more epochs");
    expect(diagnosisMessage("underfit", { ...plain, earlyStopping: { patience: 20 }, stoppedEarly: true })).toMatch(
      /More epochs alone would not help/,
    );
  });

  it("on a learning rate far too large for SGD on single examples, the run diverges and the verdict says why and what to try", () => {
    // The embed's reproduction: lr 3, SGD, batch 1, three ReLU layers of 64 (every value offered by the editor).
    const state: TrainerState = {
      ...defaultState(trainerSchema),
      lr: 3,
      opt: "sgd",
      act: "relu",
      layers: [64, 64, 64],
      batch: 1,
      epochs: 3,
    };
    const history = train(state);
    expect(history.loss.some((v) => !Number.isFinite(v))).toBe(true);
    const verdict = diagnose(history.loss, history.valLoss);
    expect(verdict).toBe("diverged");
    const text = diagnosisMessage(verdict, {
      ...plain,
      bestEpoch: null,
      divergedEpoch: 1,
      training: {
        optimizer: "sgd",
        optimizerLabel: "SGD",
        learningRate: 3,
        batchSize: 1,
        trainRows: 210,
        hiddenLayers: 3,
        activation: "relu",
      },
    });
    expect(text).toMatch(/^The loss diverged at epoch 1: /);
    expect(text).toContain("the learning rate (3) is too large for SGD with one example per step");
    expect(text).toContain("A deep ReLU network (3 hidden layers) makes it likelier");
    expect(text).toMatch(/Try a smaller learning rate \(a tenth: 0\.3\), Adam or a larger batch\.$/);
    expect(text).not.toMatch(/NaN/);
  });

  it("advises for a diverged run only what it did not already use", () => {
    const text = diagnosisMessage("diverged", {
      ...plain,
      divergedEpoch: 7,
      training: {
        optimizer: "adam",
        optimizerLabel: "Adam",
        learningRate: 0.03,
        batchSize: 210,
        trainRows: 210,
        hiddenLayers: 2,
        activation: "tanh",
      },
    });
    expect(text).toContain("too large for Adam with batches of 210");
    expect(text).toMatch(/Try a smaller learning rate \(a tenth: 0\.003\)\.$/);
    expect(text).not.toMatch(/ReLU/);
  });
});
