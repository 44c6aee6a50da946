// Contact sheets of simulated cutouts, one row per class:
//   node --experimental-strip-types models/render-examples.ts [out-dir] [per-class] [seed]
// writes <out-dir>/morphology-examples.png and <out-dir>/lens-examples.png.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../src/lib/random/index.ts";
import { IMAGE_SIZE, LENS_CLASSES, MORPHOLOGY_CLASSES, simulateCutout } from "../src/lib/astro/index.ts";
import type { CutoutKind } from "../src/lib/astro/index.ts";
import { contactSheet } from "./png.ts";

/** `perClass` cutouts of each kind in `kinds`, one row per kind, as PNG bytes. */
export function examplesSheet(kinds: readonly CutoutKind[], perClass: number, seed: number | string): Uint8Array {
  const rng = new Rng(seed);
  const images: Float32Array[] = [];
  for (const kind of kinds) {
    for (let i = 0; i < perClass; i++) images.push(simulateCutout(kind, rng.fork(`${kind}/${i}`)).image);
  }
  return contactSheet(images, IMAGE_SIZE, perClass, 2);
}

if (import.meta.main) {
  const out = process.argv[2] ?? "models";
  const perClass = Number(process.argv[3] ?? 10);
  const seed = process.argv[4] ?? "examples";
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "morphology-examples.png"), examplesSheet(MORPHOLOGY_CLASSES, perClass, seed));
  writeFileSync(join(out, "lens-examples.png"), examplesSheet(LENS_CLASSES, perClass, seed));
  console.error(`wrote ${out}/morphology-examples.png and ${out}/lens-examples.png`);
}
