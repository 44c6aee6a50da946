// Held-out evaluation of a classifier the way the shipped model is used: softmax probabilities in
// inference mode, averaged over the views the model zoo's test-time-augmentation decision asks for.
import { Tensor, noGrad, softmax } from "../../../src/lib/autodiff/index.ts";
import type { Model } from "../../../src/lib/nn/index.ts";
import { IMAGE_SIZE, dihedralView } from "../../../src/lib/astro/index.ts";
import { predictionViews } from "../../../src/lib/zoo/index.ts";
import type { ClassifierSpec } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES, imageAt } from "../shared/dataset.ts";
import type { Dataset } from "../shared/dataset.ts";
import { accuracyOf, confusionMatrix, ratesAt, rocAuc } from "../shared/metrics.ts";
import type { HeldOutEvaluation } from "./result.ts";

/** Softmax probabilities of the network for images [from, to) of `data` (inference mode). */
export function predictProbabilities(model: Model, data: Dataset, from = 0, to = data.count, batch = 100): Float32Array {
  const k = model.outputShapes[0][0];
  const out = new Float32Array((to - from) * k);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  noGrad(() => {
    for (let s = from; s < to; s += batch) {
      const e = Math.min(to, s + batch);
      for (let i = s; i < e; i++) imageAt(data, i, buf.subarray((i - s) * IMAGE_VALUES, (i - s + 1) * IMAGE_VALUES));
      const x = new Tensor(buf.slice(0, (e - s) * IMAGE_VALUES), [e - s, 3, IMAGE_SIZE, IMAGE_SIZE]);
      const p = softmax(model.forward(x, { training: false })[0]);
      out.set(p.data, (s - from) * k);
    }
  });
  return out;
}

/** Index of the largest of the k probabilities of row `row`. */
export function argmax(p: Float32Array, row: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[row * k + j] > p[row * k + best]) best = j;
  return best;
}

/** The held-out set seen through view k of the 8 symmetries (dihedral.ts). */
function viewOfDataset(data: Dataset, k: number): Dataset {
  const images = new Uint8Array(data.images.length);
  const one = new Float32Array(IMAGE_VALUES);
  for (let i = 0; i < data.count; i++) {
    dihedralView(data.images.subarray(i * IMAGE_VALUES, (i + 1) * IMAGE_VALUES), k, 3, IMAGE_SIZE, one);
    images.set(one, i * IMAGE_VALUES);
  }
  return { ...data, images };
}

/**
 * Scores every held-out image the way the shipped model is used: the probabilities of the image,
 * or (spec.testTimeAugmentation) their mean over its 8 flips and quarter turns.
 */
export function evaluateHeldOut(spec: ClassifierSpec, model: Model, test: Dataset): HeldOutEvaluation {
  const k = spec.classes.length;
  const single = predictProbabilities(model, test);
  const views = predictionViews(spec);
  const probs = Float32Array.from(single);
  for (let v = 1; v < views; v++) {
    const p = predictProbabilities(model, viewOfDataset(test, v));
    for (let i = 0; i < probs.length; i++) probs[i] += p[i];
  }
  for (let i = 0; i < probs.length; i++) probs[i] /= views;
  const predicted = Array.from({ length: test.count }, (_, i) => argmax(probs, i, k));
  const confusion = confusionMatrix(test.labels, predicted, k);
  let singleRight = 0;
  for (let i = 0; i < test.count; i++) if (argmax(single, i, k) === test.labels[i]) singleRight++;
  let auc: number | null = null;
  const rocPoints: HeldOutEvaluation["rocPoints"] = [];
  if (k === 2) {
    const scores = Array.from({ length: test.count }, (_, i) => probs[i * 2 + 1]);
    const positive = Array.from(test.labels, (l) => l === 1);
    auc = rocAuc(scores, positive);
    for (const threshold of [0.5, 0.9, 0.99]) rocPoints.push({ threshold, ...ratesAt(scores, positive, threshold) });
  }
  const mistakes: HeldOutEvaluation["mistakes"] = [];
  for (let i = 0; i < test.count && mistakes.length < 12; i++) {
    if (predicted[i] !== test.labels[i])
      mistakes.push({
        index: i,
        truth: spec.classes[test.labels[i]],
        predicted: spec.classes[predicted[i]],
        probability: probs[i * k + predicted[i]],
      });
  }
  return { confusion, accuracy: accuracyOf(confusion), views, singleViewAccuracy: singleRight / test.count, auc, rocPoints, mistakes };
}
