// The galaxy denoiser's training pipeline (`npm run models:train -- galaxy-denoiser`): simulate
// galaxies from a fixed seed, train the noise predictor ε_θ(x_t, t) of a diffusion model with the
// engine on fresh (x_t, t, ε) draws every step (Ho et al. 2020, Algorithm 1), evaluate the one-step
// denoising on held-out galaxies, and write model.onnx, weights.json, metrics.json and CARD.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor } from "../../../src/lib/autodiff/index.ts";
import { summary, trainStep, weightsToJSON } from "../../../src/lib/nn/index.ts";
import { Adam } from "../../../src/lib/optim/index.ts";
import { exportModel } from "../../../src/lib/onnx/exportModel.ts";
import { makeSchedule } from "../../../src/lib/diffusion/index.ts";
import { DENOISER_IO, buildDenoiser, denoiserInput, denoiserPreprocessing } from "../../../src/lib/zoo/index.ts";
import type { DenoiserSpec } from "../../../src/lib/zoo/index.ts";
import { copyWithSymmetry, generateGalaxyImages } from "./data.ts";
import { checkGeneration, evaluateDenoiser } from "./evaluate.ts";
import { writeDenoiserCard } from "./card.ts";
import { progressBar } from "../shared/progress.ts";
import type { DenoiserRecord, DenoiserResult, DenoiserTrainOptions } from "./result.ts";

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
      outputNames: [DENOISER_IO.output],
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
