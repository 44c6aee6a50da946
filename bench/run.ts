// Engine benchmarks: `npm run bench` prints a table, `npm run bench -- --json` prints JSON.
// Every case runs on both kernel backends in the same process, alternating (JS, WASM, JS, WASM…) so
// that both see the same machine load, and the best round of each is kept. A rate is reported per
// second of wall-clock time and per second of this process's CPU time: on a shared, loaded machine
// the wall-clock rate says how busy the machine was as much as how fast the code is, the CPU rate
// much less so. The load average at the start and end is printed with the table.
//   BENCH_SECONDS=2.5   seconds per case and backend (split over the rounds)
//   BENCH_ROUNDS=2      alternating rounds per backend
//   --json              machine-readable output
//   --no-models         skip the shipped models' inference cases (engine vs onnxruntime-web)
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { Rng } from "../src/lib/random/index.ts";
import { Tensor, gemm, noGrad, randomNormal, tensor } from "../src/lib/autodiff/index.ts";
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, predict, setWeights, trainStep, weightsFromJSON } from "../src/lib/nn/index.ts";
import type { Model, WeightsJSON } from "../src/lib/nn/index.ts";
import { Adam } from "../src/lib/optim/index.ts";
import { kernelsUnavailableReason, loadKernels, setKernelBackend } from "../src/lib/kernels/index.ts";
import type { KernelChoice } from "../src/lib/kernels/index.ts";
import {
  AUTOENCODER_SPEC,
  CLASSIFIERS,
  DENOISER_SPEC,
  SHIPPED_NETWORKS,
  SHIPPED_NETWORK_IDS,
  buildClassifier,
  buildDecoder,
  buildDenoiser,
  buildEncoder,
} from "../src/lib/zoo/index.ts";
import type { ShippedNetworkId } from "../src/lib/zoo/index.ts";
import { loadNodeRuntime } from "../src/lib/inference/nodeRuntime.ts";
import { GradientPool } from "../models/training/shared/gradientPool.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const JSON_OUT = process.argv.includes("--json");
const WITH_MODELS = !process.argv.includes("--no-models");

/** Calls per second of wall-clock time and per second of process CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Calls fn for about `seconds` after `warmup` calls; the rate per wall-clock and CPU second. */
function measure(fn: () => void, warmup: number, seconds: number): Rate {
  for (let i = 0; i < warmup; i++) fn();
  let calls = 0;
  const c0 = cpuMs();
  const start = performance.now();
  let now = start;
  while (now - start < seconds * 1000 || calls === 0) {
    fn();
    calls++;
    now = performance.now();
  }
  return { wall: (calls * 1000) / (now - start), cpu: (calls * 1000) / (cpuMs() - c0) };
}

async function measureAsync(fn: () => Promise<void>, warmup: number, seconds: number): Promise<Rate> {
  for (let i = 0; i < warmup; i++) await fn();
  let calls = 0;
  const c0 = cpuMs();
  const start = performance.now();
  let now = start;
  while (now - start < seconds * 1000 || calls === 0) {
    await fn();
    calls++;
    now = performance.now();
  }
  return { wall: (calls * 1000) / (now - start), cpu: (calls * 1000) / (cpuMs() - c0) };
}

const best = (a: Rate | undefined, b: Rate): Rate =>
  a === undefined ? b : { wall: Math.max(a.wall, b.wall), cpu: Math.max(a.cpu, b.cpu) };

/**
 * Runs `make()`'s workload on each backend, alternating for ROUNDS rounds; `make` is called once per
 * backend (building the model there), the returned function once per call measured.
 */
function onBackends(backends: KernelChoice[], make: () => () => void, warmup: number): Record<string, Rate> {
  const work = new Map<KernelChoice, () => void>();
  const rates: Record<string, Rate> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const backend of backends) {
      setKernelBackend(backend);
      if (!work.has(backend)) work.set(backend, make());
      rates[backend] = best(rates[backend], measure(work.get(backend)!, round === 0 ? warmup : 0, SECONDS / ROUNDS));
    }
  }
  setKernelBackend("auto");
  return rates;
}

/** One row of the report: a workload, its unit, its rates per backend and outside references. */
interface Case {
  name: string;
  /** What one call is (a training step, an image, a product). */
  unit: string;
  /** Floating-point operations of one call (multiply-adds × 2 of the matrix products and convolutions). */
  flops: number | null;
  rates: Record<string, Rate>;
  note?: string;
}

// Multiply-adds ×2 of the products in one training step: forward, ∂/∂weights, and ∂/∂input except
// for the first layer (whose input takes no gradient). Pooling, activations and Adam are not counted.
const denseFlops = (batch: number, inp: number, out: number, first: boolean) => 2 * batch * inp * out * (first ? 2 : 3);
const convFlops = (batch: number, f: number, c: number, k: number, pixels: number, first: boolean) =>
  2 * batch * f * c * k * k * pixels * (first ? 2 : 3);

function mlpCase(): Case {
  const make = () => {
    const rng = new Rng("bench-mlp");
    const model = new Sequential([new Dense(8, { activation: "tanh" }), new Dense(8, { activation: "tanh" }), new Dense(1)], {
      inputShape: [2],
      seed: 1,
    });
    const x = randomNormal([10, 2], rng);
    const y = randomNormal([10, 1], rng);
    const optimizer = new Adam({ learningRate: 0.01 });
    return () => void trainStep(model, x, y, { loss: "mse", optimizer });
  };
  return {
    name: "MLP 2-8-8-1 tanh, batch 10, Adam: train",
    unit: "step",
    flops: denseFlops(10, 2, 8, true) + denseFlops(10, 8, 8, false) + denseFlops(10, 8, 1, false),
    // Thousands of warm-up steps: a 0.05 ms step is still being optimised by the JIT after hundreds.
    rates: onBackends(["js", "auto", "wasm"], make, 3000),
    note: "WASM = auto (tiny products stay in JS); wasm! = every float32 op forced to WASM",
  };
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

function cnnCase(): Case {
  const make = () => {
    const rng = new Rng("bench-cnn");
    const model = cnnModel();
    const x = randomNormal([32, 1, 64, 64], rng);
    const y = tensor(Array.from({ length: 32 }, (_, i) => i % 4));
    const optimizer = new Adam({ learningRate: 0.001 });
    return () => void trainStep(model, x, y, { loss: "softmaxCrossEntropy", optimizer });
  };
  return {
    name: "CNN 1×64×64 c8-p-c16-p-fc4, batch 32, Adam: train",
    unit: "step",
    flops: convFlops(32, 8, 1, 3, 64 * 64, true) + convFlops(32, 16, 8, 3, 32 * 32, false) + denseFlops(32, 16 * 16 * 16, 4, false),
    rates: onBackends(["js", "auto"], make, 2),
  };
}

/** A training step of the shipped morphology classifier (what `npm run models:train` repeats), batch 32. */
function classifierCase(): Case {
  const spec = CLASSIFIERS["galaxy-morphology"];
  const [w1, w2, w3] = spec.widths ?? [8, 16, 32];
  const hidden = spec.hidden ?? 64;
  const k = spec.classes.length;
  const make = () => {
    const rng = new Rng("bench-classifier");
    const model = buildClassifier(spec, "bench");
    const x = randomNormal([32, 3, 64, 64], rng);
    const y = tensor(Array.from({ length: 32 }, (_, i) => i % k));
    const optimizer = new Adam({ learningRate: 0.001 });
    const stepRng = rng.fork("dropout");
    return () => void trainStep(model, x, y, { loss: "softmaxCrossEntropy", optimizer, rng: stepRng });
  };
  return {
    name: `galaxy-morphology classifier 3×64×64, batch 32, Adam: train${spec.batchNorm ? " (batch norm)" : ""}`,
    unit: "step",
    // conv (stride 2) → 32², pool → 16², conv → 16², pool → 8², conv → 8², pool → 4², dense, dense.
    flops:
      convFlops(32, w1, 3, 3, 32 * 32, true) +
      convFlops(32, w2, w1, 3, 16 * 16, false) +
      convFlops(32, w3, w2, 3, 8 * 8, false) +
      denseFlops(32, w3 * 16, hidden, false) +
      denseFlops(32, hidden, k, false),
    rates: onBackends(["js", "auto"], make, 2),
  };
}

/**
 * The same training step data-parallel on 2 threads (`models:train --threads 2`, gradientPool.ts),
 * alternating with one thread in the same rounds. Compared by wall-clock rate: CPU time counts every
 * thread of the process, so per CPU second two threads can only look slower.
 */
function threadsCase(): Case {
  const spec = CLASSIFIERS["galaxy-morphology"];
  const k = spec.classes.length;
  const rng = new Rng("bench-threads");
  const rows = randomNormal([32, 3, 64, 64], rng).data as Float32Array;
  const labels = Array.from({ length: 32 }, (_, i) => i % k);
  const model = buildClassifier(spec, "bench");
  const optimizer = new Adam({ learningRate: 0.001 });
  const pool = new GradientPool(
    2,
    {
      kind: "classifier",
      architecture: spec,
      initSeed: "bench",
      inputShape: [3, 64, 64],
      loss: "softmaxCrossEntropy",
      dropoutSeed: "bench",
    },
    model,
    32,
  );
  const x = new Tensor(rows.slice(), [32, 3, 64, 64]);
  const y = tensor(labels);
  const stepRng = rng.fork("dropout");
  let step = 0;
  const one = () => void trainStep(model, x, y, { loss: "softmaxCrossEntropy", optimizer, rng: stepRng });
  const two = () => {
    pool.gradients(model, rows, labels, 32, step++);
    optimizer.step(model.trainableWeights());
  };
  const rates: Record<string, Rate> = {};
  for (let round = 0; round < ROUNDS; round++) {
    rates.auto = best(rates.auto, measure(one, round === 0 ? 2 : 0, SECONDS / ROUNDS));
    rates.threads2 = best(rates.threads2, measure(two, round === 0 ? 2 : 0, SECONDS / ROUNDS));
  }
  pool.close();
  return {
    name: "galaxy-morphology classifier, batch 32: train on 1 and 2 threads (WASM kernels)",
    unit: "step",
    flops: null,
    rates,
    note: `2 threads vs 1 by wall clock: ×${(rates.threads2.wall / rates.auto.wall).toFixed(2)}; needs 2 idle cores to show`,
  };
}

function cnnInferenceCase(): Case {
  const make = () => {
    const model = cnnModel();
    const x = randomNormal([1, 1, 64, 64], new Rng("bench-infer"));
    return () => void noGrad(() => predict(model, x));
  };
  return {
    name: "CNN above: inference, batch 1",
    unit: "image",
    flops: 2 * (8 * 9 * 64 * 64 + 16 * 72 * 32 * 32 + 4096 * 4),
    rates: onBackends(["js", "auto"], make, 5),
  };
}

function matmulCase(): Case {
  const n = 256;
  const make = () => {
    const rng = new Rng("bench-matmul");
    const A = Float32Array.from({ length: n * n }, () => rng.normal());
    const B = Float32Array.from({ length: n * n }, () => rng.normal());
    const C = new Float32Array(n * n);
    return () => {
      C.fill(0);
      gemm(n, n, n, A, 0, false, B, 0, false, C, 0);
    };
  };
  return { name: "matmul 256³ (float32 gemm)", unit: "product", flops: 2 * n ** 3, rates: onBackends(["js", "auto"], make, 3) };
}

// ── Shipped models: the engine (weights.json) against onnxruntime-web's WASM backend (model file),
// one image at a time, single-threaded — what the site and `npm run classify` do.

const modelFile = (path: string) => new URL(`../models/${path}`, import.meta.url);
const readWeights = (name: string) => JSON.parse(readFileSync(modelFile(`${name}/weights.json`), "utf8")) as WeightsJSON;

/** The engine network of a shipped file, with its committed weights; null where the engine has none of its own. */
function engineNetwork(id: ShippedNetworkId): Model | null {
  switch (id) {
    case "galaxy-morphology":
    case "lens-finder": {
      const model = buildClassifier(CLASSIFIERS[id], "bench");
      weightsFromJSON(model, readWeights(id));
      return model;
    }
    case "galaxy-autoencoder-encoder":
    case "galaxy-autoencoder-decoder": {
      const encoder = id === "galaxy-autoencoder-encoder";
      const model = encoder ? buildEncoder(AUTOENCODER_SPEC.latent, "bench") : buildDecoder(AUTOENCODER_SPEC.latent, "bench");
      const prefix = encoder ? "enc_" : "dec_";
      const json = readWeights(AUTOENCODER_SPEC.name);
      setWeights(
        model,
        json.weights.filter((w) => w.name.startsWith(prefix)).map((w) => ({ name: w.name, shape: w.shape, data: w.values })),
      );
      return model;
    }
    case "galaxy-denoiser": {
      const model = buildDenoiser(DENOISER_SPEC, "bench");
      weightsFromJSON(model, readWeights(DENOISER_SPEC.name));
      return model;
    }
    // The morphology network without its last layer: timed as galaxy-morphology.
    case "galaxy-morphology-backbone":
      return null;
  }
}

async function modelCases(): Promise<Case[]> {
  const ort = await loadNodeRuntime("wasm");
  const cases: Case[] = [];
  for (const id of SHIPPED_NETWORK_IDS) {
    const network = SHIPPED_NETWORKS[id];
    const size = network.inputShape.reduce((a, b) => a * b, 1);
    const input = Float32Array.from({ length: size }, (_, i) => 0.5 + 0.25 * Math.sin(i));
    let rates: Record<string, Rate> = {};
    const model = engineNetwork(id);
    if (model !== null) {
      const x = new Tensor(input.slice(), [1, ...network.inputShape]);
      rates = onBackends(["js", "auto"], () => () => void noGrad(() => predict(model, x)), 3);
    }
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(modelFile(network.file))), {
      executionProviders: ["wasm"],
    });
    const feeds = { [network.inputName]: new ort.Tensor("float32", input, [1, ...network.inputShape]) };
    rates.onnxruntime = await measureAsync(async () => void (await session.run(feeds)), 3, SECONDS / ROUNDS);
    await session.release();
    cases.push({
      name: `${id}: inference, batch 1`,
      unit: "image",
      flops: null,
      rates,
      note: model === null ? "the engine's galaxy-morphology network minus its last layer (engine timed above)" : undefined,
    });
  }
  return cases;
}

// ── PyTorch, when a Python with torch is on this machine: the same workloads, same run.

interface TorchResult {
  version: string;
  threads: number;
  rates: Record<string, Rate>;
}

function pytorch(): TorchResult | { skipped: string } {
  const probe = spawnSync("python3", ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0) return { skipped: "no Python with PyTorch (`python3 -c 'import torch'` failed)" };
  const run = spawnSync("python3", [new URL("pytorch.py", import.meta.url).pathname, "--seconds", String(SECONDS)], { encoding: "utf8" });
  if (run.status !== 0) return { skipped: `bench/pytorch.py failed: ${run.stderr.trim().split("\n").at(-1)}` };
  return JSON.parse(run.stdout) as TorchResult;
}

// ── Report.

const kernels = loadKernels();
const load0 = loadavg();
const cases: Case[] = [mlpCase(), cnnCase(), matmulCase(), cnnInferenceCase(), classifierCase(), threadsCase()];
if (WITH_MODELS) cases.push(...(await modelCases()));
const torch = pytorch();
if (!("skipped" in torch)) {
  const names: Record<string, string> = { mlp: cases[0].name, cnn: cases[1].name, matmul: cases[2].name, cnn_inference: cases[3].name };
  for (const [key, rate] of Object.entries(torch.rates)) {
    const c = cases.find((c) => c.name === names[key]);
    if (c !== undefined) c.rates.pytorch = rate;
  }
}
const load1 = loadavg();

const machine = {
  cpus: availableParallelism(),
  node: process.version,
  loadAverage1mStart: load0[0],
  loadAverage1mEnd: load1[0],
  kernels: kernels ? "wasm loaded" : `wasm unavailable: ${kernelsUnavailableReason()}`,
  pytorch: "skipped" in torch ? `skipped: ${torch.skipped}` : `PyTorch ${torch.version}, ${torch.threads} thread(s)`,
  seconds: SECONDS,
  rounds: ROUNDS,
};

if (JSON_OUT) {
  console.log(JSON.stringify({ machine, cases }, null, 2));
} else {
  const fmt = (v: number | undefined) => (v === undefined ? "" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const gf = (c: Case, r: Rate | undefined) => (c.flops === null || r === undefined ? "" : ((r.cpu * c.flops) / 1e9).toFixed(2));
  const cols = ["js", "auto", "threads2", "wasm", "onnxruntime", "pytorch"] as const;
  const label: Record<string, string> = {
    js: "JS",
    auto: "WASM",
    threads2: "WASM, 2 threads",
    wasm: "wasm!",
    onnxruntime: "onnxruntime-web",
    pytorch: "PyTorch",
  };
  console.log(
    `Engine benchmarks — ${machine.cpus} CPUs, Node ${machine.node}, load average (1 min) ${load0[0].toFixed(2)} at start, ${load1[0].toFixed(2)} at end`,
  );
  console.log(`Kernels: ${machine.kernels}. PyTorch: ${machine.pytorch}.`);
  console.log(
    `Rates per second of wall-clock time [per second of CPU time]; GFLOP/s and ratios from CPU time; best of ${ROUNDS} alternating rounds.\n`,
  );
  for (const c of cases) {
    console.log(`${c.name} — per ${c.unit}${c.flops === null ? "" : `, ${(c.flops / 1e6).toFixed(c.flops < 1e6 ? 4 : 1)} MFLOP`}`);
    for (const k of cols) {
      const r = c.rates[k];
      if (r === undefined) continue;
      const perUnit =
        c.unit === "step" || c.unit === "product"
          ? `${fmt(r.wall)} ${c.unit}s/s [${fmt(r.cpu)}]`
          : `${(1000 / r.wall).toFixed(3)} ms [${(1000 / r.cpu).toFixed(3)}]`;
      let ratio = k !== "js" && c.rates.js !== undefined ? `  ×${(r.cpu / c.rates.js.cpu).toFixed(2)} vs JS` : "";
      if ((k === "pytorch" || k === "onnxruntime") && c.rates.auto !== undefined)
        ratio += `; engine WASM runs ×${(c.rates.auto.cpu / r.cpu).toFixed(2)} its rate`;
      const flops = gf(c, r);
      console.log(`  ${label[k].padEnd(16)}${perUnit.padEnd(34)}${flops === "" ? "" : `${flops.padStart(7)} GFLOP/s`}${ratio}`);
    }
    if (c.note !== undefined) console.log(`  (${c.note})`);
  }
  if ("skipped" in torch)
    console.log(`\nPyTorch: skipped: ${torch.skipped}. With one installed, bench/pytorch.py runs the same workloads here.`);
}
