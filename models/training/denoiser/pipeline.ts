// The galaxy denoiser's training pipeline (`npm run models:train -- galaxy-denoiser`): simulate
// galaxies from a fixed seed, train the noise predictor ε_θ(x_t, t) of a diffusion model with the
// engine on fresh (x_t, t, ε) draws every step (Ho et al. 2020, Algorithm 1), evaluate the one-step
// denoising on held-out galaxies, and write model.onnx, weights.json, metrics.json and CARD.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../src/lib/random/index.ts";
import { Tensor } from "../src/lib/autodiff/index.ts";
import { summary, trainStep, weightsToJSON } from "../src/lib/nn/index.ts";
import type { Model } from "../src/lib/nn/index.ts";
import { Adam } from "../src/lib/optim/index.ts";
import { exportModel } from "../src/lib/onnx/export-model.ts";
import { DENOISER_SPEC, buildDenoiser, denoiserInput, makeSchedule } from "../src/lib/diffusion/index.ts";
import type { DenoiserSpec } from "../src/lib/diffusion/index.ts";
import { copyWithSymmetry, generateGalaxyImages } from "./denoiser-data.ts";
import { checkGeneration, evaluateDenoiser } from "./denoiser-evaluate.ts";
import type { GenerationCheck, StepEvaluation } from "./denoiser-evaluate.ts";
import { writeDenoiserCard } from "./denoiser-card.ts";
import { progressBar } from "./progress.ts";

export interface DenoiserRecord {
  /** Steps done. */
  step: number;
  /** Mean training loss ‖ε − ε̂‖² per value over the steps since the previous record. */
  loss: number;
  learningRate: number;
  seconds: number;
}

export interface DenoiserResult {
  spec: DenoiserSpec;
  model: Model;
  history: DenoiserRecord[];
  stepsRun: number;
  stoppedByTime: boolean;
  evaluation: StepEvaluation[];
  generation: GenerationCheck;
  dataSeconds: number;
  trainSeconds: number;
  cpuSeconds: number;
  parameters: number;
  summary: string;
  files: Record<string, number>;
  command: string;
}

/** What model.onnx expects, stored in its metadata ("preprocessing") and in the card. */
export function denoiserPreprocessing(spec: DenoiserSpec) {
  return {
    input: `float32 NCHW [N, ${spec.channels + 1}, ${spec.size}, ${spec.size}]: channels 0–${spec.channels - 1} the noisy image x_t, channel ${spec.channels} filled with t/T`,
    output: `epsilon: float32 [N, ${spec.channels}, ${spec.size}, ${spec.size}], the predicted noise ε̂`,
    data: `x0 = 2v − 1 with v the [0, 1] RGB cutout (R = z, G = r, B = g, Legacy Survey asinh stretch) averaged over 2 × 2 pixels (64 → ${spec.size})`,
    schedule: `${spec.schedule.kind}, T = ${spec.schedule.T}; x_t = sqrt(alphaBar_t) x0 + sqrt(1 − alphaBar_t) eps`,
    function: "src/lib/diffusion/denoiser-spec.ts: cutoutToData(), denoiserInput(); src/lib/diffusion/schedule.ts",
  };
}

export interface DenoiserTrainOptions {
  outDir: string;
  command: string;
  progress?: boolean;
}

/** η(step) on a cosine from η₀ down to η₁ over `total` steps. */
function cosineDecay(start: number, end: number, total: number): (step: number) => number {
  return (step) => end + 0.5 * (start - end) * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}

export function trainDenoiser(spec: DenoiserSpec, options: DenoiserTrainOptions): DenoiserResult {
  const show = options.progress ?? true;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const schedule = makeSchedule(spec.schedule.kind, spec.schedule.T);
  const bar0 = show ? progressBar(`${spec.name}: simulate`, spec.trainImages + spec.testImages) : null;
  const train = generateGalaxyImages(spec, "train", spec.trainImages, (d) => bar0?.update(d));
  const test = generateGalaxyImages(spec, "test", spec.testImages, (d) => bar0?.update(spec.trainImages + d));
  bar0?.finish();
  const dataSeconds = (performance.now() - t0) / 1000;

  const model = buildDenoiser(spec, `${spec.seed}/init`);
  const root = new Rng(spec.seed);
  const pick = root.fork("batches");
  const noise = root.fork("noise");
  const lr = cosineDecay(spec.learningRate, spec.finalLearningRate, spec.steps);
  const optimizer = new Adam({ learningRate: lr });
  const n = train.size;
  const B = spec.batchSize;
  const x0 = new Float32Array(B * n);
  const xt = new Float32Array(B * n);
  const eps = new Float32Array(B * n);
  const steps: number[] = new Array(B).fill(1);
  const history: DenoiserRecord[] = [];
  const every = Math.max(1, Math.round(spec.steps / 40));
  const bar = show ? progressBar(`${spec.name}: train`, spec.steps) : null;
  const trainStart = performance.now();
  let lossSum = 0;
  let lossCount = 0;
  let stepsRun = 0;
  let stoppedByTime = false;
  for (let step = 1; step <= spec.steps; step++) {
    // A fresh batch: random galaxies under random symmetries, a random t each, fresh noise.
    for (let b = 0; b < B; b++) {
      copyWithSymmetry(train, pick.int(0, train.count), pick.int(0, 8), spec.size, x0, b * n);
      const t = pick.int(1, spec.schedule.T + 1);
      steps[b] = t;
      const a = Math.sqrt(schedule.alphaBars[t]);
      const s = Math.sqrt(1 - schedule.alphaBars[t]);
      for (let i = b * n; i < (b + 1) * n; i++) {
        eps[i] = noise.normal();
        xt[i] = a * x0[i] + s * eps[i];
      }
    }
    const input = new Tensor(denoiserInput(xt, steps, spec), [B, spec.channels + 1, spec.size, spec.size]);
    const target = new Tensor(eps.slice(), [B, spec.channels, spec.size, spec.size]);
    const result = trainStep(model, input, target, { loss: "mse", optimizer });
    lossSum += result.loss;
    lossCount++;
    stepsRun = step;
    const seconds = (performance.now() - trainStart) / 1000;
    if (step % every === 0 || step === spec.steps) {
      history.push({ step, loss: lossSum / lossCount, learningRate: lr(step), seconds });
      bar?.update(step, `loss ${(lossSum / lossCount).toFixed(4)} lr ${lr(step).toExponential(1)}`);
      lossSum = 0;
      lossCount = 0;
    }
    if (spec.stopAfterSteps !== undefined && step >= spec.stopAfterSteps && step < spec.steps) {
      if (lossCount > 0) history.push({ step, loss: lossSum / lossCount, learningRate: lr(step), seconds });
      break;
    }
    if (seconds / 60 > spec.maxMinutes && step < spec.steps) {
      if (lossCount > 0) history.push({ step, loss: lossSum / lossCount, learningRate: lr(step), seconds });
      stoppedByTime = true;
      break;
    }
  }
  bar?.finish();
  const trainSeconds = (performance.now() - trainStart) / 1000;
  const evaluation = evaluateDenoiser(model, spec, schedule, test);
  const generation = checkGeneration(model, spec, schedule, test);

  mkdirSync(options.outDir, { recursive: true });
  const files: Record<string, number> = {};
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(options.outDir, name), data);
    files[name] = typeof data === "string" ? Buffer.byteLength(data) : data.length;
  };
  const preprocessing = denoiserPreprocessing(spec);
  write(
    "model.onnx",
    exportModel(model, {
      name: spec.name,
      preprocessing: JSON.stringify(preprocessing),
      description: `${spec.title}. Trained on simulated Legacy-Survey-like galaxies by the Deep Sky engine; see CARD.md.`,
      outputNames: ["epsilon"],
    }),
  );
  write("weights.json", JSON.stringify(weightsToJSON(model)));
  const cpu = process.cpuUsage(cpu0);
  const result: DenoiserResult = {
    spec,
    model,
    history,
    stepsRun,
    stoppedByTime,
    evaluation,
    generation,
    dataSeconds,
    trainSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    parameters: model.countParams(),
    summary: summary(model),
    files,
    command: options.command,
  };
  const { classes, ...rest } = spec;
  const metrics = {
    name: spec.name,
    spec: { ...rest, classes: [...classes] },
    stepsRun,
    stoppedByTime,
    evaluation,
    generation,
    history,
    parameters: result.parameters,
    dataSeconds,
    trainSeconds,
    cpuSeconds: result.cpuSeconds,
    command: options.command,
    preprocessing,
  };
  write("metrics.json", JSON.stringify(metrics, null, 2));
  write("CARD.md", writeDenoiserCard(result));
  return result;
}

/** `npm run models:train -- galaxy-denoiser [--steps N] [--stop-after N] [--train N] [--test N] [--batch N] [--max-minutes M] [--out DIR]`. */
export function trainDenoiserCli(args: string[]): void {
  const overrides: Partial<DenoiserSpec> = {};
  let out: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === "--steps") overrides.steps = int();
    else if (a === "--train") overrides.trainImages = int();
    else if (a === "--test") overrides.testImages = int();
    else if (a === "--batch") overrides.batchSize = int();
    else if (a === "--max-minutes") overrides.maxMinutes = Number(value());
    else if (a === "--stop-after") overrides.stopAfterSteps = int();
    else if (a === "--out") out = value();
    else throw new Error(`unknown option ${a} for ${DENOISER_SPEC.name}`);
  }
  const spec = { ...DENOISER_SPEC, ...overrides };
  const outDir = out !== null ? join(out, spec.name) : join(import.meta.dirname, spec.name);
  // The card records the command without --out (a machine path).
  const shown = args.filter((a, i) => a !== "--out" && args[i - 1] !== "--out");
  const command = `npm run models:train -- ${[spec.name, ...shown].join(" ")}`;
  const r = trainDenoiser(spec, { outDir, command });
  const mid = r.evaluation.find((e) => e.t === 250) ?? r.evaluation[0];
  console.error(`${spec.name}: ${r.stepsRun} steps in ${(r.trainSeconds / 60).toFixed(1)} min; at t = ${mid.t} PSNR ${mid.noisyPsnr.toFixed(1)} dB (noisy) → ${mid.denoisedPsnr.toFixed(1)} dB (denoised) → ${outDir}`);
}
