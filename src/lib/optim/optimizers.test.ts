import { describe, expect, it } from "vitest";
import { SGD } from "./sgd.ts";
import { Momentum } from "./momentum.ts";
import { Nesterov } from "./nesterov.ts";
import { AdaGrad } from "./adagrad.ts";
import { RMSProp } from "./rmsprop.ts";
import { Adam } from "./adam.ts";
import { stepDecay } from "./schedules.ts";
import { createOptimizer, optimizerNames } from "./createOptimizer.ts";
import { descend } from "./point.ts";
import type { Optimizer, BaseState, Parameter } from "./optimizer.ts";

// Every hand-worked example below starts at θ0 = 1 and is fed the same gradients g1, g2, g3 = 1, 2, −1
// (float64), so each closed form can be followed on paper.
const GRADS = [1, 2, -1];

function run<S extends BaseState>(optimizer: Optimizer<S>, grads = GRADS, theta0 = 1): { param: Parameter; path: number[] } {
  const param: Parameter = { data: Float64Array.of(theta0), grad: null };
  const path: number[] = [];
  for (const g of grads) {
    param.grad = Float64Array.of(g);
    optimizer.step([param]);
    path.push(param.data[0]);
  }
  return { param, path };
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe("SGD", () => {
  it("moves θ by −η g each step", () => {
    // θ1 = 1 − 0.1·1 = 0.9;  θ2 = 0.9 − 0.1·2 = 0.7;  θ3 = 0.7 + 0.1 = 0.8
    expectClose(run(new SGD({ learningRate: 0.1 })).path, [0.9, 0.7, 0.8]);
  });

  it("adds weight decay λθ to the gradient before the step", () => {
    // g' = 1 + 0.5·2 = 2;  θ1 = 2 − 0.1·2 = 1.8
    expectClose(run(new SGD({ learningRate: 0.1, weightDecay: 0.5 }), [1], 2).path, [1.8]);
  });

  it("defaults to η = 0.01 and no weight decay", () => {
    const sgd = new SGD();
    expect(sgd.learningRate).toBe(0.01);
    expect(sgd.weightDecay).toBe(0);
  });
});

describe("Momentum", () => {
  it("follows v ← αv − ηg, θ ← θ + v", () => {
    // α = 0.5, η = 0.1
    // v1 = −0.1            θ1 = 0.9
    // v2 = −0.05 − 0.2 = −0.25   θ2 = 0.65
    // v3 = −0.125 + 0.1 = −0.025 θ3 = 0.625
    const opt = new Momentum({ learningRate: 0.1, momentum: 0.5 });
    const { param, path } = run(opt);
    expectClose(path, [0.9, 0.65, 0.625]);
    expectClose(opt.state(param)!.velocity, [-0.025]);
    expect(opt.state(param)!.t).toBe(3);
  });

  it("defaults to η = 0.01 and α = 0.9", () => {
    const opt = new Momentum();
    expect([opt.learningRate, opt.momentum]).toEqual([0.01, 0.9]);
  });
});

describe("Nesterov", () => {
  it("follows v ← αv − ηg, φ ← φ + αv − ηg on the stored look-ahead point", () => {
    // α = 0.5, η = 0.1
    // v1 = −0.1     φ1 = 1 − 0.05 − 0.1 = 0.85
    // v2 = −0.25    φ2 = 0.85 − 0.125 − 0.2 = 0.525
    // v3 = −0.025   φ3 = 0.525 − 0.0125 + 0.1 = 0.6125
    const opt = new Nesterov({ learningRate: 0.1, momentum: 0.5 });
    const { param, path } = run(opt);
    expectClose(path, [0.85, 0.525, 0.6125]);
    expectClose(opt.state(param)!.velocity, [-0.025]);
  });

  it("is Sutskever's look-ahead form v ← αv − η∇E(θ + αv), θ ← θ + v with φ = θ + αv", () => {
    // On E(θ) = 2θ² (∇E = 4θ) run both forms and compare φ with θ + αv every step.
    const alpha = 0.8;
    const eta = 0.05;
    const grad = (x: number) => 4 * x;
    let theta = 1.5;
    let v = 0;
    const opt = new Nesterov({ learningRate: eta, momentum: alpha });
    const phi: Parameter = { data: Float64Array.of(theta), grad: null };
    for (let k = 0; k < 20; k++) {
      v = alpha * v - eta * grad(theta + alpha * v);
      theta = theta + v;
      phi.grad = Float64Array.of(grad(phi.data[0]));
      opt.step([phi]);
      expect(phi.data[0]).toBeCloseTo(theta + alpha * v, 12);
    }
  });
});

describe("AdaGrad", () => {
  it("follows G ← G + g², θ ← θ − ηg/(√G + ε)", () => {
    // η = 0.1, ε = 0
    // G1 = 1  θ1 = 1 − 0.1               = 0.9
    // G2 = 5  θ2 = 0.9 − 0.2/√5          ≈ 0.8105572809
    // G3 = 6  θ3 = θ2 + 0.1/√6           ≈ 0.8513821099
    const opt = new AdaGrad({ learningRate: 0.1, epsilon: 0 });
    const { param, path } = run(opt);
    expectClose(path, [0.9, 0.8105572809000084, 0.8513821099463947], 12);
    expectClose(opt.state(param)!.sumSquares, [6]);
  });

  it("puts ε outside the square root and starts G at initialAccumulator", () => {
    // G0 = 3, g = 1 → G1 = 4;  θ1 = 1 − 1·1/(√4 + 2) = 0.75
    const opt = new AdaGrad({ learningRate: 1, epsilon: 2, initialAccumulator: 3 });
    expectClose(run(opt, [1]).path, [0.75]);
  });
});

describe("RMSProp", () => {
  it("follows S ← ρS + (1 − ρ)g², θ ← θ − ηg/(√S + ε)", () => {
    // ρ = 0.5, η = 0.1, ε = 0
    // S1 = 0.5    θ1 = 1 − 0.1/√0.5         ≈ 0.8585786438
    // S2 = 2.25   θ2 = θ1 − 0.2/1.5         ≈ 0.7252453104
    // S3 = 1.625  θ3 = θ2 + 0.1/√1.625      ≈ 0.8036917645
    const opt = new RMSProp({ learningRate: 0.1, rho: 0.5, epsilon: 0 });
    const { param, path } = run(opt);
    expectClose(path, [0.8585786437626906, 0.7252453104293572, 0.8036917644846309], 12);
    expectClose(opt.state(param)!.meanSquares, [1.625]);
  });

  it("defaults to η = 0.001, ρ = 0.9, ε = 1e-8", () => {
    const opt = new RMSProp();
    expect([opt.learningRate, opt.rho, opt.epsilon]).toEqual([0.001, 0.9, 1e-8]);
  });
});

describe("Adam", () => {
  it("follows Kingma & Ba's Algorithm 1 with bias-corrected moments", () => {
    // β1 = 0.5, β2 = 0.75, η = 0.1, ε = 0
    // t=1: m = 0.5,   v = 0.25;    m̂ = 0.5/0.5 = 1,        v̂ = 0.25/0.25 = 1       θ1 = 0.9
    // t=2: m = 1.25,  v = 1.1875;  m̂ = 1.25/0.75 = 5/3,    v̂ = 1.1875/0.4375 = 19/7 θ2 = 0.9 − 0.1·(5/3)/√(19/7)
    // t=3: m = 0.125, v = 1.140625; m̂ = 0.125/0.875 = 1/7, v̂ = 1.140625/0.578125 = 73/37
    //      θ3 = θ2 − 0.1·(1/7)/√(73/37)
    const opt = new Adam({ learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 0 });
    const { param, path } = run(opt);
    const theta2 = 0.9 - (0.1 * (5 / 3)) / Math.sqrt(19 / 7);
    const theta3 = theta2 - (0.1 * (1 / 7)) / Math.sqrt(73 / 37);
    expectClose(path, [0.9, theta2, theta3]);
    expect(theta2).toBeCloseTo(0.7988371702, 9); // the same numbers as decimals
    expect(theta3).toBeCloseTo(0.7886666916, 9);
    const state = opt.state(param)!;
    expect(state.t).toBe(3);
    expectClose(state.m, [0.125]);
    expectClose(state.v, [1.140625]);
  });

  it("adds ε to √v̂ (after bias correction), not inside the root", () => {
    // One step, β1 = 0.5, β2 = 0.75, g = 1: m̂ = v̂ = 1.  θ1 = 1 − 0.1·1/(√1 + 1) = 0.95
    // (ε inside the root would give 1 − 0.1/√2 ≈ 0.929; ε on the uncorrected v something else again.)
    const opt = new Adam({ learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 1 });
    expectClose(run(opt, [1]).path, [0.95]);
  });

  it("defaults to the paper's η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8", () => {
    const opt = new Adam();
    expect([opt.learningRate, opt.beta1, opt.beta2, opt.epsilon]).toEqual([0.001, 0.9, 0.999, 1e-8]);
  });
});

describe("every optimizer", () => {
  // E(x, y) = ½(x² + 10y²): condition number 10, minimum at the origin.
  const gradient = (x: number, y: number) => [x, 10 * y] as const;
  const settings: [string, object, number][] = [
    ["sgd", { learningRate: 0.15 }, 200],
    ["momentum", { learningRate: 0.05, momentum: 0.5 }, 200],
    ["nesterov", { learningRate: 0.05, momentum: 0.5 }, 200],
    ["adagrad", { learningRate: 0.5 }, 500],
    ["rmsprop", { learningRate: 0.01 }, 500],
    ["adam", { learningRate: 0.05 }, 500],
  ];

  it.each(settings)("%s converges to the minimum of a quadratic bowl", (name, options, steps) => {
    const path = descend(createOptimizer(name, options), [1, 1], gradient, steps);
    const [x, y] = path[path.length - 1];
    expect(Math.hypot(x, y)).toBeLessThan(0.01);
  });

  it.each(optimizerNames)("%s skips parameters whose grad is null and leaves their state empty", (name) => {
    const opt = createOptimizer(name, { learningRate: 0.1 });
    const frozen: Parameter = { data: Float64Array.of(1, 2), grad: null };
    const live: Parameter = { data: Float64Array.of(1, 2), grad: Float64Array.of(1, 1) };
    opt.step([frozen, live]);
    expect(Array.from(frozen.data)).toEqual([1, 2]);
    expect(opt.state(frozen)).toBeUndefined();
    expect(live.data[0]).toBeLessThan(1);
    expect(opt.state(live)!.t).toBe(1);
  });

  it.each(optimizerNames)("%s updates float32 parameters in place", (name) => {
    const opt = createOptimizer(name, { learningRate: 0.1 });
    const param = { data: Float32Array.of(1, -1), grad: Float32Array.of(0.5, -0.5) };
    opt.step([param]);
    expect(param.data).toBeInstanceOf(Float32Array);
    expect(param.data[0]).toBeLessThan(1);
    expect(param.data[1]).toBeGreaterThan(-1);
  });

  it.each(optimizerNames)("%s forgets its state on reset", (name) => {
    const opt = createOptimizer(name);
    const param = { data: Float64Array.of(1), grad: Float64Array.of(1) };
    opt.step([param]);
    opt.reset();
    expect(opt.state(param)).toBeUndefined();
    expect(opt.iterations).toBe(0);
  });

  it("rejects a gradient whose length differs from the parameter's", () => {
    const param = { data: Float64Array.of(1, 2), grad: Float64Array.of(1) };
    expect(() => new SGD().step([param])).toThrow(/gradient has 1 elements but the parameter has 2/);
  });

  it("follows a learning-rate schedule evaluated at the iteration counter", () => {
    // η = 1, 1, 0.5 for steps 0, 1, 2; g = 1 each step: θ3 = 0 − (1 + 1 + 0.5) = −2.5
    const opt = new SGD({ learningRate: stepDecay({ initial: 1, factor: 0.5, every: 2 }) });
    const { path } = run(opt, [1, 1, 1], 0);
    expectClose(path, [-1, -2, -2.5]);
    expect(opt.currentLearningRate()).toBe(0.5);
  });
});

describe("createOptimizer", () => {
  it("builds each optimizer by name with its options", () => {
    const adam = createOptimizer("adam", { beta1: 0.8 });
    expect(adam).toBeInstanceOf(Adam);
    expect(adam.beta1).toBe(0.8);
    expect(optimizerNames).toEqual(["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]);
  });

  it("names an unknown optimizer and lists the valid ones", () => {
    expect(() => createOptimizer("adamw")).toThrow(
      'Unknown optimizer "adamw". Valid optimizers: sgd, momentum, nesterov, adagrad, rmsprop, adam.',
    );
  });

  it("rejects hyperparameters outside their range", () => {
    expect(() => new Momentum({ momentum: 1 })).toThrow(/momentum must be in \[0, 1\)/);
    expect(() => new SGD({ learningRate: -1 })).toThrow(/learningRate/);
  });
});
