// The galaxy autoencoder's pipeline: simulate galaxies from a fixed seed, train an encoder and a
// decoder with the engine (reconstruction MSE + a supervised loss that ties the first latent units to
// the simulator's structural parameters), evaluate on held-out galaxies, study the bottleneck size,
// and write encoder.onnx, decoder.onnx, weights.json, metrics.json, latent-map.json,
// bottleneck.json and CARD.md. `npm run models:train -- galaxy-autoencoder` runs it (trainers.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../src/lib/random/index.ts";
import { Tensor, add, concat, mean, mse, mul, noGrad, scalar, slice, square, sub } from "../src/lib/autodiff/index.ts";
import { summary, weightsToJSON } from "../src/lib/nn/index.ts";
import type { Model, WeightsJSON } from "../src/lib/nn/index.ts";
import { Adam } from "../src/lib/optim/index.ts";
import { exportModel } from "../src/lib/onnx/export-model.ts";
import { IMAGE_SIZE } from "../src/lib/astro/index.ts";
import type { Structure } from "../src/lib/astro/index.ts";
import { AUTOENCODER_SPEC, DECODER_IO, ENCODER_IO, SEMANTIC_SIZE, angleWeight, buildDecoder, buildEncoder, semanticParams, semanticTargets } from "../src/lib/astro/autoencoder-spec.ts";
import type { AutoencoderSpec } from "../src/lib/astro/autoencoder-spec.ts";
import { IMAGE_VALUES, generateDataset, imageAt } from "./dataset.ts";
import type { Dataset } from "./dataset.ts";
import { PREPROCESSING } from "./pipeline.ts";
import { progressBar } from "./progress.ts";
import { pca } from "./autoencoder-pca.ts";
import { writeAutoencoderCard } from "./autoencoder-card.ts";

export interface AutoencoderEpoch {
  epoch: number;
  /** Mean reconstruction MSE per pixel over the epoch's training batches. */
  reconstruction: number;
  /** Mean weighted squared error of the semantic units (0 for a plain autoencoder). */
  semantic: number;
  /** Reconstruction MSE per pixel on the first `monitor` held-out images. */
  heldOutMse: number;
  learningRate: number;
  seconds: number;
}

/** Held-out error of one structural parameter: RMS and median absolute error, and the truth's spread. */
export interface ParamError {
  name: string;
  unit: string;
  count: number;
  rms: number;
  medianAbs: number;
  /** RMS of (truth − its mean): what always guessing the mean would score. */
  truthStd: number;
}

export interface BottleneckPoint {
  latent: number;
  compressionRatio: number;
  mse: number;
  psnr: number;
  epochs: number;
  trainImages: number;
  seconds: number;
}

/** The main model with its code cut to the top k principal directions (the rest set to the mean). */
export interface TruncationPoint {
  latent: number;
  mse: number;
  psnr: number;
}

export interface AutoencoderResult {
  spec: AutoencoderSpec;
  encoder: Model;
  decoder: Model;
  history: AutoencoderEpoch[];
  /** Held-out reconstruction error per pixel (all test images, encoder → decoder). */
  mse: number;
  psnr: number;
  /** The same per class. */
  perClass: { name: string; mse: number; psnr: number }[];
  /** MSE of always answering the mean held-out image (what "no information" would score). */
  meanImageMse: number;
  /** Pixel noise variance of the held-out images, from neighbouring sky pixels: the floor no reconstruction of a noisy input can beat. */
  noiseVariance: number;
  /** 99th percentile of the held-out galaxies' errors: images above it are flagged as anomalies. */
  anomalyThreshold: number;
  /** Strong-lens cutouts (a kind never seen in training) through the same autoencoder. */
  outOfDistribution: { kind: string; count: number; medianMse: number; flagged: number };
  params: ParamError[];
  /**
   * Generation checked by the encoder: the decoder draws from the true parameters of held-out
   * galaxies with the free units at zero (what the sliders do), the encoder reads the drawing back.
   */
  cycle: ParamError[];
  sweep: BottleneckPoint[];
  truncation: TruncationPoint[];
  dataSeconds: number;
  trainSeconds: number;
  sweepSeconds: number;
  cpuSeconds: number;
  encoderParameters: number;
  decoderParameters: number;
  encoderSummary: string;
  decoderSummary: string;
  files: Record<string, number>;
  command: string;
}

export interface AutoencoderOptions {
  /** Folder the files go to. */
  outDir: string;
  /** The command that reproduces this run (written into the card). */
  command: string;
  /** Progress bars on stderr (default true). */
  progress?: boolean;
  /** Held-out images scored after every epoch (default 200). */
  monitorImages?: number;
}

/** η(step) on a cosine from η₀ down to η₁ over `total` steps. */
function cosineSchedule(start: number, end: number, total: number): (step: number) => number {
  return (step) => end + 0.5 * (start - end) * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}

/** Peak signal-to-noise ratio in dB of a per-pixel MSE for images in [0, 1]. */
export function psnr(mse: number): number {
  return 10 * Math.log10(1 / mse);
}

/** Images `indices` of a data set as one NCHW batch tensor. */
function batchOf(data: Dataset, indices: readonly number[], buf: Float32Array<ArrayBuffer>): Tensor {
  indices.forEach((i, r) => imageAt(data, i, buf.subarray(r * IMAGE_VALUES, (r + 1) * IMAGE_VALUES)));
  return new Tensor(buf.slice(0, indices.length * IMAGE_VALUES), [indices.length, 3, IMAGE_SIZE, IMAGE_SIZE]);
}

/** Latent codes of images [0, count) in inference mode: count × latent values. */
export function encodeAll(encoder: Model, data: Dataset, count = data.count, batch = 50): Float32Array {
  const k = encoder.outputShapes[0][0];
  const out = new Float32Array(count * k);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  noGrad(() => {
    for (let s = 0; s < count; s += batch) {
      const idx = Array.from({ length: Math.min(batch, count - s) }, (_, r) => s + r);
      out.set(encoder.forward(batchOf(data, idx, buf), { training: false })[0].data, s * k);
    }
  });
  return out;
}

/** Per-image reconstruction MSE (encoder → decoder, inference mode) of images [0, count). */
export function reconstructionErrors(encoder: Model, decoder: Model, data: Dataset, count = data.count, batch = 50): Float64Array {
  const errors = new Float64Array(count);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  noGrad(() => {
    for (let s = 0; s < count; s += batch) {
      const idx = Array.from({ length: Math.min(batch, count - s) }, (_, r) => s + r);
      const x = batchOf(data, idx, buf);
      const y = decoder.forward(encoder.forward(x, { training: false })[0], { training: false })[0];
      for (let r = 0; r < idx.length; r++) {
        let sum = 0;
        for (let p = r * IMAGE_VALUES; p < (r + 1) * IMAGE_VALUES; p++) sum += (y.data[p] - x.data[p]) ** 2;
        errors[s + r] = sum / IMAGE_VALUES;
      }
    }
  });
  return errors;
}

/**
 * Variance of the pixel noise, estimated from the 10 × 10 corners of every image (mostly sky): for
 * independent noise of variance σ², neighbouring pixels differ by a variance of 2σ², and the smooth
 * sky cancels in the difference.
 */
export function skyNoiseVariance(data: Dataset): number {
  let sum = 0;
  let n = 0;
  const size = IMAGE_SIZE;
  for (let i = 0; i < data.count; i++) {
    for (let c = 0; c < 3; c++) {
      for (const [x0, y0] of [[0, 0], [size - 10, 0], [0, size - 10], [size - 10, size - 10]]) {
        for (let y = y0; y < y0 + 10; y++) {
          for (let x = x0; x < x0 + 9; x++) {
            const b = i * IMAGE_VALUES + c * size * size + y * size + x;
            sum += ((data.images[b] - data.images[b + 1]) / 255) ** 2;
            n++;
          }
        }
      }
    }
  }
  return sum / n / 2;
}

/** The q-quantile (0…1) of some values (linear interpolation between order statistics). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 < s.length ? s[lo] + (pos - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/**
 * Held-out MSE of the main model when its codes keep only their first k principal components:
 * z_k = μ + Σ_{j<k} ((z − μ)·v_j) v_j, decoded. It measures how much of the reconstruction each
 * further dimension of the code carries, on one well-trained model.
 */
export function truncationErrors(encoder: Model, decoder: Model, data: Dataset, ks: readonly number[], batch = 50): TruncationPoint[] {
  const latent = encoder.outputShapes[0][0];
  const codes = encodeAll(encoder, data);
  const p = pca(codes, latent, latent);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  return ks.map((k) => {
    let sum = 0;
    noGrad(() => {
      for (let s = 0; s < data.count; s += batch) {
        const idx = Array.from({ length: Math.min(batch, data.count - s) }, (_, r) => s + r);
        const z = new Float32Array(idx.length * latent);
        idx.forEach((i, r) => {
          const code = codes.subarray(i * latent, (i + 1) * latent);
          const coords = p.project(code);
          for (let j = 0; j < latent; j++) {
            let v = p.mean[j];
            for (let c = 0; c < k; c++) v += coords[c] * p.components[c][j];
            z[r * latent + j] = v;
          }
        });
        const x = batchOf(data, idx, buf);
        const y = decoder.forward(new Tensor(z, [idx.length, latent]), { training: false })[0];
        for (let q = 0; q < x.size; q++) sum += (y.data[q] - x.data[q]) ** 2;
      }
    });
    const mse = sum / (data.count * IMAGE_VALUES);
    return { latent: k, mse, psnr: psnr(mse) };
  });
}

const meanOf = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / Math.max(1, v.length);

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

function paramError(name: string, unit: string, truth: number[], estimate: number[], diff: (t: number, e: number) => number = (t, e) => e - t): ParamError {
  const d = truth.map((t, i) => diff(t, estimate[i]));
  const mu = meanOf(truth);
  return {
    name,
    unit,
    count: truth.length,
    rms: Math.sqrt(meanOf(d.map((x) => x * x))),
    medianAbs: median(d.map(Math.abs)),
    truthStd: Math.sqrt(meanOf(truth.map((t) => (t - mu) ** 2))),
  };
}

/** How well the semantic units estimate the structural parameters of held-out galaxies. */
export function parameterErrors(codes: Float32Array, latent: number, structures: readonly Structure[]): ParamError[] {
  const est = structures.map((_, i) => semanticParams(codes.subarray(i * latent, i * latent + SEMANTIC_SIZE)));
  const n = structures.map((s) => s.sersicN);
  const q = structures.map((s) => s.axisRatio);
  const logRe = structures.map((s) => Math.log10(s.effectiveRadius));
  // Angles only where they are defined well enough to measure (b/a ≤ 0.8), wrapped to ±90°.
  const elongated = structures.map((s, i) => ({ s, i })).filter(({ s }) => s.axisRatio <= 0.8);
  const deg = (r: number) => (r * 180) / Math.PI;
  const wrap = (t: number, e: number) => {
    let d = deg(e - t) % 180;
    if (d > 90) d -= 180;
    if (d < -90) d += 180;
    return d;
  };
  return [
    paramError("Sérsic index n", "", n, est.map((e) => e.sersicN)),
    paramError("axis ratio b/a", "", q, est.map((e) => e.axisRatio)),
    paramError("log₁₀ half-light radius", "dex", logRe, est.map((e) => Math.log10(e.effectiveRadius))),
    {
      ...paramError("position angle (b/a ≤ 0.8)", "degrees", elongated.map(({ s }) => s.positionAngle), elongated.map(({ i }) => est[i].positionAngle), wrap),
      // A uniformly random guess is off by 90/√3 ≈ 52° RMS.
      truthStd: 90 / Math.sqrt(3),
    },
  ];
}

/**
 * Decoder from parameters alone, then encoder: for each structure, decode [semantic targets, zeros],
 * encode the drawing and compare the semantic units with the parameters that were asked for.
 */
export function cycleErrors(encoder: Model, decoder: Model, structures: readonly Structure[], batch = 50): ParamError[] {
  const latent = encoder.outputShapes[0][0];
  const codes = new Float32Array(structures.length * latent);
  noGrad(() => {
    for (let s = 0; s < structures.length; s += batch) {
      const part = structures.slice(s, s + batch);
      const z = new Float32Array(part.length * latent);
      part.forEach((st, r) => z.set(semanticTargets(st), r * latent));
      const image = decoder.forward(new Tensor(z, [part.length, latent]), { training: false })[0];
      codes.set(encoder.forward(image, { training: false })[0].data, s * latent);
    }
  });
  return parameterErrors(codes, latent, structures);
}

interface RunResult {
  encoder: Model;
  decoder: Model;
  history: AutoencoderEpoch[];
  seconds: number;
}

/**
 * Trains one encoder/decoder pair. Each step: encode a batch, feed the decoder either the codes or
 * (with probability `teacherForcing`) the true structural parameters in place of the semantic units,
 * and (with probability `freeDropout`, independently) zeros in place of the free units, and minimise  MSE(g(z), x) + λ · mean(w ⊙ (z_sem − t)²)  with Adam, where t are the normalised
 * structural parameters and w down-weights the angle of round galaxies.
 */
function trainRun(
  spec: AutoencoderSpec,
  train: Dataset,
  test: Dataset,
  run: { latent: number; semanticWeight: number; teacherForcing: number; freeDropout: number; epochs: number; trainImages: number; label: string; seedLabel: string; monitor: number; show: boolean },
): RunResult {
  const root = new Rng(spec.seed).fork(run.seedLabel);
  const encoder = buildEncoder(run.latent, `${spec.seed}/init/${run.seedLabel}`);
  const decoder = buildDecoder(run.latent, `${spec.seed}/init/${run.seedLabel}`);
  const params = [...encoder.trainableWeights(), ...decoder.trainableWeights()];
  const count = Math.min(run.trainImages, train.count);
  const stepsPerEpoch = Math.ceil(count / spec.batchSize);
  const schedule = cosineSchedule(spec.learningRate, spec.finalLearningRate, stepsPerEpoch * run.epochs);
  const optimizer = new Adam({ learningRate: schedule });
  const shuffleRng = root.fork("shuffle");
  const forcingRng = root.fork("teacher-forcing");
  const semantic = run.semanticWeight > 0;
  const targets = semantic ? train.params!.map((p) => semanticTargets(p.structure)) : [];
  const weights = semantic ? train.params!.map((p) => [1, 1, 1, angleWeight(p.structure.axisRatio), angleWeight(p.structure.axisRatio)]) : [];
  const order = Array.from({ length: count }, (_, i) => i);
  const buf = new Float32Array(spec.batchSize * IMAGE_VALUES);
  const history: AutoencoderEpoch[] = [];
  const start = performance.now();
  let step = 0;
  for (let epoch = 0; epoch < run.epochs; epoch++) {
    shuffleRng.shuffle(order);
    const bar = run.show ? progressBar(`${run.label}: epoch ${epoch + 1}/${run.epochs}`, stepsPerEpoch) : null;
    let recSum = 0;
    let semSum = 0;
    let seen = 0;
    for (let b = 0; b < stepsPerEpoch; b++) {
      const idx = order.slice(b * spec.batchSize, Math.min(count, (b + 1) * spec.batchSize));
      const n = idx.length;
      const x = batchOf(train, idx, buf);
      for (const p of params) p.grad = null;
      const z = encoder.forward(x, { training: true })[0];
      let loss: Tensor;
      let semLoss = 0;
      let decoderInput = z;
      let semTerm: Tensor | null = null;
      if (semantic) {
        const t = new Tensor(Float32Array.from(idx.flatMap((i) => targets[i])), [n, SEMANTIC_SIZE]);
        const w = new Tensor(Float32Array.from(idx.flatMap((i) => weights[i])), [n, SEMANTIC_SIZE]);
        const zSem = slice(z, [0, 0], [n, SEMANTIC_SIZE]);
        semTerm = mean(mul(w, square(sub(zSem, t))));
        semLoss = semTerm.item();
        const sem = forcingRng.next() < run.teacherForcing ? t : zSem;
        const free = forcingRng.next() < run.freeDropout ? new Tensor(new Float32Array(n * (run.latent - SEMANTIC_SIZE)), [n, run.latent - SEMANTIC_SIZE]) : slice(z, [0, SEMANTIC_SIZE], [n, run.latent]);
        decoderInput = concat([sem, free], 1);
      }
      const y = decoder.forward(decoderInput, { training: true })[0];
      const rec = mse(y, x);
      loss = semTerm === null ? rec : add(rec, mul(semTerm, scalar(run.semanticWeight)));
      loss.backward();
      optimizer.step(params);
      step++;
      recSum += rec.item() * n;
      semSum += semLoss * n;
      seen += n;
      bar?.update(b + 1, `mse ${(recSum / seen).toExponential(2)}${semantic ? ` semantic ${(semSum / seen).toFixed(3)}` : ""}`);
    }
    const heldOut = meanOf(reconstructionErrors(encoder, decoder, test, run.monitor));
    const record: AutoencoderEpoch = {
      epoch: epoch + 1,
      reconstruction: recSum / seen,
      semantic: semSum / seen,
      heldOutMse: heldOut,
      learningRate: schedule(step),
      seconds: (performance.now() - start) / 1000,
    };
    history.push(record);
    bar?.finish(`mse ${record.reconstruction.toExponential(2)}${semantic ? ` semantic ${record.semantic.toFixed(3)}` : ""} held-out mse ${heldOut.toExponential(2)} (${run.monitor} images)`);
  }
  return { encoder, decoder, history, seconds: (performance.now() - start) / 1000 };
}

/** Both networks' weights in one weights.json (encoder's first; names start enc_ / dec_). */
export function autoencoderWeightsJSON(encoder: Model, decoder: Model): WeightsJSON {
  const e = weightsToJSON(encoder);
  return { ...e, weights: [...e.weights, ...weightsToJSON(decoder).weights] };
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/** Runs the whole pipeline for `spec` and writes its files; returns the numbers. */
export function trainAutoencoder(spec: AutoencoderSpec, options: AutoencoderOptions): AutoencoderResult {
  const show = options.progress ?? true;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const genBar = show ? progressBar(`${spec.name}: simulate`, spec.trainImages + spec.testImages) : null;
  const train = generateDataset(spec.classes, spec.seed, "train", spec.trainImages, { keepParams: true, onProgress: (d) => genBar?.update(d) });
  const test = generateDataset(spec.classes, spec.seed, "test", spec.testImages, { keepParams: true, onProgress: (d) => genBar?.update(spec.trainImages + d) });
  genBar?.finish();
  const dataSeconds = (performance.now() - t0) / 1000;
  const monitor = Math.min(options.monitorImages ?? 200, test.count);

  const main = trainRun(spec, train, test, {
    latent: spec.latent,
    semanticWeight: spec.semanticWeight,
    teacherForcing: spec.teacherForcing,
    freeDropout: spec.freeDropout,
    epochs: spec.epochs,
    trainImages: spec.trainImages,
    label: spec.name,
    seedLabel: "main",
    monitor,
    show,
  });
  const { encoder, decoder } = main;

  // Held-out evaluation.
  const errors = reconstructionErrors(encoder, decoder, test);
  const mseAll = meanOf(errors);
  const perClass = spec.classes.map((name, c) => {
    const e = Array.from(errors).filter((_, i) => test.labels[i] === c);
    const m = meanOf(e);
    return { name, mse: m, psnr: psnr(m) };
  });
  const meanImage = new Float64Array(IMAGE_VALUES);
  for (let i = 0; i < test.count; i++) for (let p = 0; p < IMAGE_VALUES; p++) meanImage[p] += test.images[i * IMAGE_VALUES + p] / 255 / test.count;
  let meanImageMse = 0;
  for (let i = 0; i < test.count; i++) for (let p = 0; p < IMAGE_VALUES; p++) meanImageMse += (test.images[i * IMAGE_VALUES + p] / 255 - meanImage[p]) ** 2;
  meanImageMse /= test.count * IMAGE_VALUES;
  const noiseVariance = skyNoiseVariance(test);
  const anomalyThreshold = quantile(errors, 0.99);
  // Anomaly detection: strong lenses (red galaxy + blue arcs), which the autoencoder never saw.
  const lenses = generateDataset(["lens"], spec.seed, "out-of-distribution", spec.oodImages);
  const lensErrors = reconstructionErrors(encoder, decoder, lenses);
  const outOfDistribution = { kind: "lens", count: lenses.count, medianMse: quantile(lensErrors, 0.5), flagged: Array.from(lensErrors).filter((e) => e > anomalyThreshold).length };
  const codes = encodeAll(encoder, test);
  const structures = test.params!.map((p) => p.structure);
  const params = parameterErrors(codes, spec.latent, structures);
  const cycle = cycleErrors(encoder, decoder, structures);

  // The bottleneck study: plain autoencoders (no semantic loss) of each size, same schedule, shorter.
  const sweepStart = performance.now();
  const sweep: BottleneckPoint[] = spec.sweepSizes.map((k) => {
    const r = trainRun(spec, train, test, {
      latent: k,
      semanticWeight: 0,
      teacherForcing: 0,
      freeDropout: 0,
      epochs: spec.sweepEpochs,
      trainImages: spec.sweepTrainImages,
      label: `${spec.name} bottleneck ${k}`,
      seedLabel: `sweep-${k}`,
      monitor: Math.min(50, test.count),
      show,
    });
    const m = meanOf(reconstructionErrors(r.encoder, r.decoder, test));
    return { latent: k, compressionRatio: IMAGE_VALUES / k, mse: m, psnr: psnr(m), epochs: spec.sweepEpochs, trainImages: Math.min(spec.sweepTrainImages, train.count), seconds: r.seconds };
  });
  const sweepSeconds = (performance.now() - sweepStart) / 1000;
  const truncation = truncationErrors(encoder, decoder, test, [1, 2, 4, 8, spec.latent].filter((k, i, a) => k <= spec.latent && a.indexOf(k) === i));

  // The latent map: codes of the first held-out galaxies, their classes and parameters, and a PCA.
  const mapCount = Math.min(spec.mapImages, test.count);
  const mapCodes = codes.subarray(0, mapCount * spec.latent);
  const projection = pca(mapCodes, spec.latent, 2);
  const latentMap = {
    name: spec.name,
    latent: spec.latent,
    semanticUnits: SEMANTIC_SIZE,
    classes: spec.classes,
    medianMse: round(quantile(errors, 0.5), 6),
    anomalyThreshold: round(anomalyThreshold, 6),
    noiseVariance: round(noiseVariance, 6),
    pca: { mean: projection.mean.map((v) => round(v, 5)), components: projection.components.map((c) => c.map((v) => round(v, 5))), explained: projection.explained.map((v) => round(v, 4)) },
    galaxies: Array.from({ length: mapCount }, (_, i) => {
      const s = structures[i];
      const z = Array.from(mapCodes.subarray(i * spec.latent, (i + 1) * spec.latent));
      const xy = projection.project(z);
      return {
        index: i,
        seed: `${spec.seed}/test/${i}`,
        class: test.labels[i],
        code: z.map((v) => round(v)),
        xy: xy.map((v) => round(v)),
        sersicN: round(s.sersicN, 3),
        axisRatio: round(s.axisRatio, 3),
        effectiveRadius: round(s.effectiveRadius, 3),
        positionAngle: round(s.positionAngle, 4),
        mse: round(errors[i], 6),
      };
    }),
  };

  // Files.
  mkdirSync(options.outDir, { recursive: true });
  const files: Record<string, number> = {};
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(options.outDir, name), data);
    files[name] = typeof data === "string" ? Buffer.byteLength(data) : data.length;
  };
  const description = "Galaxy autoencoder trained by the Deep Sky engine on simulated Legacy-Survey-like g, r, z cutouts; see CARD.md.";
  const layout = `latent units 0-${SEMANTIC_SIZE - 1}: Sérsic n, b/a, ln r_e, cos 2θ, sin 2θ (normalised; src/lib/astro/autoencoder-spec.ts semanticParams); units ${SEMANTIC_SIZE}-${spec.latent - 1}: free`;
  write("encoder.onnx", exportModel(encoder, { name: `${spec.name}-encoder`, preprocessing: JSON.stringify(PREPROCESSING), description: `${description} Encoder f: image → ${spec.latent} latent units (${layout}).`, outputNames: [ENCODER_IO.output] }));
  write("decoder.onnx", exportModel(decoder, { name: `${spec.name}-decoder`, preprocessing: JSON.stringify({ input: `float32 [N, ${spec.latent}] latent code (${layout})`, output: PREPROCESSING.input }), description: `${description} Decoder g: ${spec.latent} latent units → image in [0, 1].`, outputNames: [DECODER_IO.output] }));
  write("weights.json", JSON.stringify(autoencoderWeightsJSON(encoder, decoder)));
  write("latent-map.json", JSON.stringify(latentMap));
  const bottleneck = {
    name: spec.name,
    note: `separate plain autoencoders (no semantic units) with the same networks, ${spec.sweepEpochs} epochs on ${Math.min(spec.sweepTrainImages, train.count)} images each; held-out MSE on ${test.count} images`,
    truncationNote: `the main ${spec.latent}-unit model (${spec.epochs} epochs on ${spec.trainImages} images) with its codes cut to their first k principal components; held-out MSE on ${test.count} images`,
    noiseVariance: round(noiseVariance, 7),
    points: sweep.map((p) => ({ ...p, mse: round(p.mse, 7), psnr: round(p.psnr, 2), compressionRatio: round(p.compressionRatio, 1), seconds: round(p.seconds, 1) })),
    truncation: truncation.map((p) => ({ latent: p.latent, mse: round(p.mse, 7), psnr: round(p.psnr, 2) })),
  };
  write("bottleneck.json", JSON.stringify(bottleneck, null, 2));
  const cpu = process.cpuUsage(cpu0);
  const result: AutoencoderResult = {
    spec,
    encoder,
    decoder,
    history: main.history,
    mse: mseAll,
    psnr: psnr(mseAll),
    perClass,
    meanImageMse,
    noiseVariance,
    anomalyThreshold,
    outOfDistribution,
    params,
    cycle,
    sweep,
    truncation,
    dataSeconds,
    trainSeconds: main.seconds,
    sweepSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    encoderParameters: encoder.countParams(),
    decoderParameters: decoder.countParams(),
    encoderSummary: summary(encoder),
    decoderSummary: summary(decoder),
    files,
    command: options.command,
  };
  const metrics = {
    name: spec.name,
    seed: spec.seed,
    classes: spec.classes,
    trainImages: spec.trainImages,
    testImages: spec.testImages,
    epochs: spec.epochs,
    latent: spec.latent,
    semanticUnits: SEMANTIC_SIZE,
    heldOut: { mse: mseAll, psnr: psnr(mseAll), medianMse: quantile(errors, 0.5), meanImageMse, noiseVariance, anomalyThreshold, perClass },
    outOfDistribution,
    parameters: params,
    generationCycle: cycle,
    bottleneck: bottleneck.points,
    truncation: bottleneck.truncation,
    history: main.history,
    encoderParameters: result.encoderParameters,
    decoderParameters: result.decoderParameters,
    dataSeconds,
    trainSeconds: main.seconds,
    sweepSeconds,
    cpuSeconds: result.cpuSeconds,
    command: options.command,
    preprocessing: PREPROCESSING,
  };
  write("metrics.json", JSON.stringify(metrics, null, 2));
  write("CARD.md", writeAutoencoderCard(result));
  return result;
}

/** `npm run models:train -- galaxy-autoencoder [--out DIR] [--epochs N] [--train N] [--no-sweep]`. */
export function autoencoderCli(args: string[]): void {
  const spec: AutoencoderSpec = { ...AUTOENCODER_SPEC };
  let outDir = join(import.meta.dirname, spec.name);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive integer`);
      return n;
    };
    if (a === "--out") outDir = join(value(), spec.name);
    else if (a === "--epochs") spec.epochs = int();
    else if (a === "--train") spec.trainImages = int();
    else if (a === "--test") spec.testImages = int();
    else if (a === "--sweep-epochs") spec.sweepEpochs = int();
    else if (a === "--no-sweep") spec.sweepSizes = [];
    else throw new Error(`unknown option ${a} (galaxy-autoencoder takes --out DIR, --epochs N, --train N, --test N, --sweep-epochs N, --no-sweep)`);
  }
  const command = ["npm run models:train --", spec.name, ...args.filter((a, i) => a !== "--out" && args[i - 1] !== "--out")].join(" ");
  const r = trainAutoencoder(spec, { outDir, command });
  console.error(`${spec.name}: held-out MSE ${r.mse.toExponential(3)} per pixel (PSNR ${r.psnr.toFixed(2)} dB), ${r.history.length} epochs in ${(r.trainSeconds / 60).toFixed(1)} min + bottleneck study ${(r.sweepSeconds / 60).toFixed(1)} min → ${outDir}`);
}
