import { Rng } from "../random/rng.ts";
import { centralSource, findSources, luminance } from "./autoFrame.ts";
import type { FramingSet } from "./autoFrame.ts";
import { IMAGE_SIZE } from "./observing.ts";
import { LENS_CLASSES, MORPHOLOGY_CLASSES, simulateCutout } from "./simulate.ts";

/**
 * How the training images frame their galaxy, measured with auto-framing's own measurement: for
 * `count` simulated cutouts of the set (classes in turn, rng forks "<seed>/<i>"), the 64-pixel frame
 * side over the central source's half-light radius as findSources measures it; returns the
 * median and the quartiles. FRAME_SIDE_PER_RADIUS holds the medians (seed "framing", 300 cutouts).
 */
export function measureFraming(set: FramingSet, count = 300, seed = "framing"): { median: number; q1: number; q3: number; found: number } {
  const classes = set === "lens" ? LENS_CLASSES : MORPHOLOGY_CLASSES;
  const rng = new Rng(seed);
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = simulateCutout(classes[i % classes.length], rng.fork(`${set}/${i}`));
    const n = IMAGE_SIZE * IMAGE_SIZE;
    const rgba = new Uint8ClampedArray(4 * n);
    for (let p = 0; p < n; p++) rgba.set([c.image[p] * 255, c.image[n + p] * 255, c.image[2 * n + p] * 255, 255], 4 * p);
    const input = { kind: "rgba" as const, width: IMAGE_SIZE, height: IMAGE_SIZE, data: rgba };
    const s = centralSource(findSources(luminance(input), IMAGE_SIZE, IMAGE_SIZE), IMAGE_SIZE, IMAGE_SIZE);
    if (s && s.radius > 0) ratios.push(IMAGE_SIZE / s.radius);
  }
  ratios.sort((a, b) => a - b);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), found: ratios.length };
}
