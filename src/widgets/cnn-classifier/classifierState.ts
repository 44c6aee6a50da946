// The classifier demo's URL state (prefix "cnn"): `?cnn.model=lens-finder&cnn.img=3&cnn.ep=wasm&cnn.colour=grey`.
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
  /** The picture as it is, or made grey before the network sees it (an ablation: what rests on colour). */
  colour: choiceField<ColourMode>("colour", ["colour", "grey"]),
};

export type ColourMode = "colour" | "grey";

/** Largest |a − b| over two probability vectors (engine vs ONNX Runtime). */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** What a prediction was made for: the image shown (gallery seed or uploaded file) and the model. */
export interface PredictionSubject {
  /** `gallery:<seed>` or `upload:<name>:<plane>:<bytes>`, `:grey` added when made grey: changes whenever the shown image does. */
  image: string;
  model: string;
}

/** The subject key of a gallery item or an uploaded file's plane, as it is or made grey. */
export function subjectImage(
  source: { kind: "gallery"; item: { seed: string } } | { kind: "upload"; name: string; plane: number; bytes: Uint8Array },
  colour: ColourMode = "colour",
): string {
  const key = source.kind === "gallery" ? `gallery:${source.item.seed}` : `upload:${source.name}:${source.plane}:${source.bytes.length}`;
  return colour === "grey" ? `${key}:grey` : key;
}

/**
 * Right or wrong, for the image shown now: null while the shown image has no true class (an upload)
 * or its own prediction has not arrived yet. The previous image's prediction stays on screen while
 * the next one runs, and comparing it with the new image's truth flashed "✗ wrong" before predicting.
 */
export function verdictFor(
  answer: { top: string; subject: PredictionSubject } | null,
  shown: PredictionSubject,
  truth: string | null,
): "right" | "wrong" | null {
  if (!answer || truth === null || !isPredictionFor(answer.subject, shown)) return null;
  return answer.top === truth ? "right" : "wrong";
}

/** True when a prediction made for `subject` is about what is `shown` now. */
export function isPredictionFor(subject: PredictionSubject | null, shown: PredictionSubject): boolean {
  return subject !== null && subject.image === shown.image && subject.model === shown.model;
}
