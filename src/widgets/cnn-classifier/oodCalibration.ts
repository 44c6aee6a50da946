// Calibration of the classifier drill-down's "out of distribution?" rule (drillDown.ts's
// outOfDistribution): the 99th percentile of the energy score over held-out simulated images of the
// model's classes (fresh seeds, not the training set's), drawn as the training images are.
// Made by oodCalibration.cli.ts into oodCalibration.json; drillDown.test.ts checks the file is
// what this code computes from the shipped weights.
import { simulateCutout } from "../../lib/astro/index.ts";
import type { CutoutKind } from "../../lib/astro/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { CLASSIFIERS } from "../../lib/zoo/index.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";
import type { Sequential } from "../../lib/nn/index.ts";
import { energy, traceForward } from "./drillDown.ts";
import type { OodCalibration } from "./drillDown.ts";

/** Held-out simulated images per class. */
export const OOD_IMAGES_PER_CLASS = 40;
export const OOD_QUANTILE = 0.99;

/** The q-quantile of `values` (linear interpolation between order statistics). */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (pos - lo) * (s[hi] - s[lo]);
}

export function calibrateOod(model: Sequential, id: ClassifierId, perClass = OOD_IMAGES_PER_CLASS): OodCalibration {
  const classes = CLASSIFIERS[id].classes;
  const seed = `ood-calibration/${id}`;
  const energies = classes.flatMap((kind) =>
    Array.from({ length: perClass }, (_, i) =>
      energy(traceForward(model, simulateCutout(kind as CutoutKind, new Rng(`${seed}/${kind}/${i}`)).image).logits),
    ),
  );
  return { threshold: Number(quantile(energies, OOD_QUANTILE).toFixed(6)), quantile: OOD_QUANTILE, images: energies.length, seed };
}
