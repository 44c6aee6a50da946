// The classifier demo's URL state (prefix "cnn"): `?cnn.model=lens-finder&cnn.img=3&cnn.ep=wasm`.
import { choiceField, numberField } from "../shared/urlState.ts";
import { CLASSIFIER_IDS } from "../../lib/zoo/index.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";
import { GALLERY_SIZE } from "./gallery.ts";
import type { EpPreference } from "../../lib/inference/index.ts";

export const CLASSIFIER_PREFIX = "cnn";

export const classifierSchema = {
  model: choiceField<ClassifierId>("galaxy-morphology", CLASSIFIER_IDS),
  /** The gallery image shown (when no file was uploaded). */
  img: numberField(0, { min: 0, max: GALLERY_SIZE - 1, integer: true }),
  /** Gallery page: each page is a fresh set of seeds. */
  page: numberField(0, { min: 0, max: 9999, integer: true }),
  /** Execution provider: auto (WebGPU, falling back to WASM), or force one. */
  ep: choiceField<EpPreference>("auto", ["auto", "webgpu", "wasm"]),
};

/** Largest |a − b| over two probability vectors (engine vs ONNX Runtime). */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
