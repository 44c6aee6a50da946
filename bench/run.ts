// Engine benchmarks: `npm run bench` prints a table, `npm run bench -- --json` prints JSON.
// Each case warms up, then repeats for about TARGET_S seconds and reports a rate.
import { Rng } from "../src/lib/random/index.ts";
import { gemm, noGrad, randomNormal, tensor } from "../src/lib/autodiff/index.ts";
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, predict, trainStep } from "../src/lib/nn/index.ts";
import { Adam } from "../src/lib/optim/index.ts";

const TARGET_S = Number(process.env.BENCH_SECONDS ?? 2.5);

/** Calls fn repeatedly for ~TARGET_S seconds after `warmup` calls; returns calls per second. */
function rate(fn: () => void, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < TARGET_S * 1000) {
    fn();
    calls++;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

function mlpSteps(): number {
  const rng = new Rng("bench-mlp");
  const model = new Sequential([new Dense(8, { activation: "tanh" }), new Dense(8, { activation: "tanh" }), new Dense(1)], {
    inputShape: [2],
    seed: 1,
  });
  const x = randomNormal([10, 2], rng);
  const y = randomNormal([10, 1], rng);
  const optimizer = new Adam({ learningRate: 0.01 });
  return rate(() => trainStep(model, x, y, { loss: "mse", optimizer }), 200);
}

function cnnModel(): Sequential {
  return new Sequential(
    [
      new Conv2D(8, 3, { padding: "same", activation: "relu" }),
      new MaxPool2D(2),
      new Conv2D(16, 3, { padding: "same", activation: "relu" }),
      new MaxPool2D(2),
      new Flatten(),
      new Dense(4),
    ],
    { inputShape: [1, 64, 64], seed: 2 },
  );
}

function cnnSteps(): number {
  const rng = new Rng("bench-cnn");
  const model = cnnModel();
  const x = randomNormal([32, 1, 64, 64], rng);
  const y = tensor(Array.from({ length: 32 }, (_, i) => i % 4));
  const optimizer = new Adam({ learningRate: 0.001 });
  return rate(() => trainStep(model, x, y, { loss: "softmaxCrossEntropy", optimizer }), 2);
}

function matmulGflops(): number {
  const n = 256;
  const rng = new Rng("bench-matmul");
  const A = Float32Array.from({ length: n * n }, () => rng.normal());
  const B = Float32Array.from({ length: n * n }, () => rng.normal());
  const C = new Float32Array(n * n);
  const perSecond = rate(() => {
    C.fill(0);
    gemm(n, n, n, A, 0, false, B, 0, false, C, 0);
  }, 3);
  return (perSecond * 2 * n * n * n) / 1e9;
}

function cnnInferenceMs(): number {
  const model = cnnModel();
  const x = randomNormal([1, 1, 64, 64], new Rng("bench-infer"));
  return 1000 / rate(() => noGrad(() => predict(model, x)), 5);
}

const results = {
  "mlp_2-8-8-1_train_steps_per_s": mlpSteps(),
  cnn_64x64_b32_train_steps_per_s: cnnSteps(),
  matmul_256_gflops: matmulGflops(),
  cnn_64x64_inference_ms_per_image: cnnInferenceMs(),
};

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const targets: Record<string, string> = {
    "mlp_2-8-8-1_train_steps_per_s": ">= 4000",
    cnn_64x64_b32_train_steps_per_s: ">= 5",
    matmul_256_gflops: "",
    cnn_64x64_inference_ms_per_image: "",
  };
  console.log("benchmark                               value       target");
  for (const [name, value] of Object.entries(results)) {
    console.log(`${name.padEnd(40)}${value.toFixed(2).padStart(10)}   ${targets[name]}`);
  }
}
