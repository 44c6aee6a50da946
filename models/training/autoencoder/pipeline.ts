// The galaxy autoencoder's pipeline: simulate galaxies from a fixed seed, train an encoder and a
// decoder with the engine (reconstruction MSE + a supervised loss that ties the first latent units to
// the simulator's structural parameters), evaluate on held-out galaxies, study the bottleneck size,
// and write encoder.onnx, decoder.onnx, weights.json, metrics.json, latent-map.json,
// bottleneck.json and CARD.md. `npm run models:train -- galaxy-autoencoder` runs it (options.ts).
// The stages live in train.ts, evaluate.ts and metrics.ts beside this file; this file runs them in
// order and writes the files. The networks and the latent layout are the model zoo's
// (src/lib/zoo/autoencoder.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summary, weightsToJSON } from "../../../src/lib/nn/index.ts";
import type { Model, WeightsJSON } from "../../../src/lib/nn/index.ts";
import { exportModel } from "../../../src/lib/onnx/exportModel.ts";
import { CLASSIFIER_PREPROCESSING as PREPROCESSING, DECODER_IO, ENCODER_IO, SEMANTIC_SIZE } from "../../../src/lib/zoo/index.ts";
import type { AutoencoderSpec } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES, generateDataset } from "../shared/dataset.ts";
import { progressBar } from "../shared/progress.ts";
import { pca } from "./pca.ts";
import { writeAutoencoderCard } from "./card.ts";
import { cycleErrors, encodeAll, reconstructionErrors, truncationErrors } from "./evaluate.ts";
import { meanOf, parameterErrors, quantile, skyNoiseVariance } from "./metrics.ts";
import { psnr } from "../../../src/lib/nn/index.ts";
import type { AutoencoderOptions, AutoencoderResult, BottleneckPoint } from "./result.ts";
import { trainRun } from "./train.ts";

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
  const train = generateDataset(spec.classes, spec.seed, "train", spec.trainImages, {
    keepParams: true,
    onProgress: (d) => genBar?.update(d),
    look: "nominal",
  });
  const test = generateDataset(spec.classes, spec.seed, "test", spec.testImages, {
    keepParams: true,
    onProgress: (d) => genBar?.update(spec.trainImages + d),
    look: "nominal",
  });
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
  for (let i = 0; i < test.count; i++)
    for (let p = 0; p < IMAGE_VALUES; p++) meanImage[p] += test.images[i * IMAGE_VALUES + p] / 255 / test.count;
  let meanImageMse = 0;
  for (let i = 0; i < test.count; i++)
    for (let p = 0; p < IMAGE_VALUES; p++) meanImageMse += (test.images[i * IMAGE_VALUES + p] / 255 - meanImage[p]) ** 2;
  meanImageMse /= test.count * IMAGE_VALUES;
  const noiseVariance = skyNoiseVariance(test);
  const anomalyThreshold = quantile(errors, 0.99);
  // Anomaly detection: strong lenses (red galaxy + blue arcs), which the autoencoder never saw.
  const lenses = generateDataset(["lens"], spec.seed, "out-of-distribution", spec.oodImages, { look: "nominal" });
  const lensErrors = reconstructionErrors(encoder, decoder, lenses);
  const outOfDistribution = {
    kind: "lens",
    count: lenses.count,
    medianMse: quantile(lensErrors, 0.5),
    flagged: Array.from(lensErrors).filter((e) => e > anomalyThreshold).length,
  };
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
    return {
      latent: k,
      compressionRatio: IMAGE_VALUES / k,
      mse: m,
      psnr: psnr(m),
      epochs: spec.sweepEpochs,
      trainImages: Math.min(spec.sweepTrainImages, train.count),
      seconds: r.seconds,
    };
  });
  const sweepSeconds = (performance.now() - sweepStart) / 1000;
  const truncation = truncationErrors(
    encoder,
    decoder,
    test,
    [1, 2, 4, 8, spec.latent].filter((k, i, a) => k <= spec.latent && a.indexOf(k) === i),
  );

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
    pca: {
      mean: projection.mean.map((v) => round(v, 5)),
      components: projection.components.map((c) => c.map((v) => round(v, 5))),
      explained: projection.explained.map((v) => round(v, 4)),
    },
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
  const layout = `latent units 0-${SEMANTIC_SIZE - 1}: Sérsic n, b/a, ln r_e, cos 2θ, sin 2θ (normalised; src/lib/zoo/autoencoder.ts semanticParams); units ${SEMANTIC_SIZE}-${spec.latent - 1}: free`;
  write(
    "encoder.onnx",
    exportModel(encoder, {
      name: `${spec.name}-encoder`,
      preprocessing: JSON.stringify(PREPROCESSING),
      description: `${description} Encoder f: image → ${spec.latent} latent units (${layout}).`,
      outputNames: [ENCODER_IO.output],
    }),
  );
  write(
    "decoder.onnx",
    exportModel(decoder, {
      name: `${spec.name}-decoder`,
      preprocessing: JSON.stringify({ input: `float32 [N, ${spec.latent}] latent code (${layout})`, output: PREPROCESSING.input }),
      description: `${description} Decoder g: ${spec.latent} latent units → image in [0, 1].`,
      outputNames: [DECODER_IO.output],
    }),
  );
  write("weights.json", JSON.stringify(autoencoderWeightsJSON(encoder, decoder)));
  write("latent-map.json", JSON.stringify(latentMap));
  const bottleneck = {
    name: spec.name,
    note: `separate plain autoencoders (no semantic units) with the same networks, ${spec.sweepEpochs} epochs on ${Math.min(spec.sweepTrainImages, train.count)} images each; held-out MSE on ${test.count} images`,
    truncationNote: `the main ${spec.latent}-unit model (${spec.epochs} epochs on ${spec.trainImages} images) with its codes cut to their first k principal components; held-out MSE on ${test.count} images`,
    noiseVariance: round(noiseVariance, 7),
    points: sweep.map((p) => ({
      ...p,
      mse: round(p.mse, 7),
      psnr: round(p.psnr, 2),
      compressionRatio: round(p.compressionRatio, 1),
      seconds: round(p.seconds, 1),
    })),
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
