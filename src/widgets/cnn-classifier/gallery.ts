// The demo's gallery: simulated cutouts made in the browser from fixed seeds, so every learner sees
// the same images and the widget knows each one's true class (for the "find a mistake" challenge).
import { simulateCutout } from "../../lib/astro/index.ts";
import type { CutoutKind } from "../../lib/astro/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { CLASSIFIERS } from "../../lib/zoo/index.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";

/** Images per gallery page. */
export const GALLERY_SIZE = 10;

export interface GalleryItem {
  index: number;
  truth: string;
  seed: string;
}

/** The page's items: the model's classes in turn, each with its own seed. */
export function galleryItems(model: ClassifierId, page: number): GalleryItem[] {
  const classes = CLASSIFIERS[model].classes;
  return Array.from({ length: GALLERY_SIZE }, (_, index) => ({
    index,
    truth: classes[index % classes.length],
    seed: `cnn-gallery/${model}/${page}/${index}`,
  }));
}

/** The simulated cutout of an item: the network input (CHW, 3 × 64 × 64 in [0, 1]). */
export function galleryImage(item: GalleryItem): Float32Array {
  return simulateCutout(item.truth as CutoutKind, new Rng(item.seed)).image;
}
