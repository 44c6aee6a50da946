// The denoiser's data: simulated galaxy cutouts in the diffusion model's data space (32 × 32,
// values in [−1, 1]; see cutoutToData in src/lib/zoo/denoiser.ts).
import { Rng } from "../../../src/lib/random/index.ts";
import { simulateCutout } from "../../../src/lib/astro/index.ts";
import { cutoutToData } from "../../../src/lib/zoo/index.ts";
import type { DenoiserSpec } from "../../../src/lib/zoo/index.ts";

export interface GalaxyImages {
  /** count × channels × size × size, row-major, in [−1, 1]. */
  data: Float32Array;
  count: number;
  /** Values per image. */
  size: number;
}

/**
 * `count` galaxies, classes in turn, image i drawn from Rng(seed).fork(split).fork(i) — the same
 * streams as the classifiers' data sets, so any image can be regenerated on its own.
 */
export function generateGalaxyImages(spec: DenoiserSpec, split: string, count: number, onProgress?: (done: number) => void): GalaxyImages {
  const root = new Rng(spec.seed).fork(split);
  const size = spec.channels * spec.size * spec.size;
  const data = new Float32Array(count * size);
  const image = new Float32Array(3 * 64 * 64);
  const flux = new Float32Array(3 * 64 * 64);
  for (let i = 0; i < count; i++) {
    simulateCutout(spec.classes[i % spec.classes.length], root.fork(String(i)), { image, flux, look: "nominal" });
    cutoutToData(image, spec, data.subarray(i * size, (i + 1) * size));
    if (onProgress && (i % 50 === 49 || i === count - 1)) onProgress(i + 1);
  }
  return { data, count, size };
}

/**
 * Copies image `i` into `out` at `offset` under one of the 8 symmetries of the square (flips and
 * 90° rotations, `k` in 0 … 7): a galaxy seen from another angle is still a galaxy.
 */
export function copyWithSymmetry(images: GalaxyImages, i: number, k: number, side: number, out: Float32Array, offset: number): void {
  const plane = side * side;
  const channels = images.size / plane;
  const src = i * images.size;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        let u = x;
        let v = y;
        if (k & 1) u = side - 1 - u;
        if (k & 2) v = side - 1 - v;
        if (k & 4) [u, v] = [v, u];
        out[offset + c * plane + y * side + x] = images.data[src + c * plane + v * side + u];
      }
    }
  }
}
