// Training one galaxy encoder/decoder pair with the engine: the main semantic model and each plain
// model of the bottleneck study go through the same loop, seeded by their own labels.
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor, add, concat, mean, mse, mul, scalar, slice, square, sub } from "../../../src/lib/autodiff/index.ts";
import type { Model } from "../../../src/lib/nn/index.ts";
import { Adam } from "../../../src/lib/optim/index.ts";
import { SEMANTIC_SIZE, angleWeight, buildDecoder, buildEncoder, semanticTargets } from "../../../src/lib/zoo/index.ts";
import type { AutoencoderSpec } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES } from "../shared/dataset.ts";
import type { Dataset } from "../shared/dataset.ts";
import { progressBar } from "../shared/progress.ts";
import { batchOf } from "./batch.ts";
import { reconstructionErrors } from "./evaluate.ts";
import { meanOf } from "./metrics.ts";
import type { AutoencoderEpoch } from "./result.ts";

/** η(step) on a cosine from η₀ down to η₁ over `total` steps. */
function cosineSchedule(start: number, end: number, total: number): (step: number) => number {
  return (step) => end + 0.5 * (start - end) * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}

/** A trained pair, its per-epoch history and its wall-clock time. */
export interface RunResult {
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
export function trainRun(
  spec: AutoencoderSpec,
  train: Dataset,
  test: Dataset,
  run: {
    latent: number;
    semanticWeight: number;
    teacherForcing: number;
    freeDropout: number;
    epochs: number;
    trainImages: number;
    label: string;
    seedLabel: string;
    monitor: number;
    show: boolean;
  },
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
  const weights = semantic
    ? train.params!.map((p) => [1, 1, 1, angleWeight(p.structure.axisRatio), angleWeight(p.structure.axisRatio)])
    : [];
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
        const free =
          forcingRng.next() < run.freeDropout
            ? new Tensor(new Float32Array(n * (run.latent - SEMANTIC_SIZE)), [n, run.latent - SEMANTIC_SIZE])
            : slice(z, [0, SEMANTIC_SIZE], [n, run.latent]);
        decoderInput = concat([sem, free], 1);
      }
      const y = decoder.forward(decoderInput, { training: true })[0];
      const rec = mse(y, x);
      const loss = semTerm === null ? rec : add(rec, mul(semTerm, scalar(run.semanticWeight)));
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
    bar?.finish(
      `mse ${record.reconstruction.toExponential(2)}${semantic ? ` semantic ${record.semantic.toFixed(3)}` : ""} held-out mse ${heldOut.toExponential(2)} (${run.monitor} images)`,
    );
  }
  return { encoder, decoder, history, seconds: (performance.now() - start) / 1000 };
}
