// Simulated, labelled data sets, stored as 8-bit images (the precision of a survey JPEG) to keep
// 10 000 cutouts in ~120 MB.
import { Rng } from "../../../src/lib/random/index.ts";
import { IMAGE_SIZE, simulateCutout } from "../../../src/lib/astro/index.ts";
import type { CutoutKind, CutoutParams, SimulateOptions } from "../../../src/lib/astro/index.ts";

/** Values per image: 3 × 64 × 64. */
export const IMAGE_VALUES = 3 * IMAGE_SIZE * IMAGE_SIZE;

export interface Dataset {
  /** count × 12288 bytes: CHW images, value = round(255 · v) of the [0, 1] network input. */
  images: Uint8Array;
  labels: Int32Array;
  count: number;
  /** Parameters of each cutout (for error analysis), when kept. */
  params: CutoutParams[] | null;
}

/**
 * `count` cutouts with classes in turn (0, 1, …, k−1, 0, …: balanced), image i drawn from
 * rng.fork(`${split}/${i}`) of the seed's generator: any image can be regenerated on its own, and
 * the train and test splits never share a random stream.
 */
export function generateDataset(
  classes: readonly CutoutKind[],
  seed: string,
  split: string,
  count: number,
  options: { keepParams?: boolean; onProgress?: (done: number) => void; look?: SimulateOptions["look"] } = {},
): Dataset {
  const root = new Rng(seed).fork(split);
  const images = new Uint8Array(count * IMAGE_VALUES);
  const labels = new Int32Array(count);
  const params: CutoutParams[] | null = options.keepParams ? [] : null;
  const image = new Float32Array(IMAGE_VALUES);
  const flux = new Float32Array(IMAGE_VALUES);
  for (let i = 0; i < count; i++) {
    const label = i % classes.length;
    const c = simulateCutout(classes[label], root.fork(String(i)), { image, flux, look: options.look });
    const base = i * IMAGE_VALUES;
    for (let p = 0; p < IMAGE_VALUES; p++) images[base + p] = Math.round(255 * image[p]);
    labels[i] = label;
    params?.push(c.params);
    if (options.onProgress && (i % 50 === 49 || i === count - 1)) options.onProgress(i + 1);
  }
  return { images, labels, count, params };
}

/** Image i of the data set as the float network input (no augmentation). */
export function imageAt(data: Dataset, i: number, out = new Float32Array(IMAGE_VALUES)): Float32Array {
  const base = i * IMAGE_VALUES;
  for (let p = 0; p < IMAGE_VALUES; p++) out[p] = data.images[base + p] / 255;
  return out;
}
