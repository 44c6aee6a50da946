// The autoencoder lab's pure logic: URL state, the gallery, reconstruction error and error map, the
// latent map's projection and its inverse, the semantic sliders' latent code, and the challenge.
// No DOM, no onnxruntime: the component feeds these functions plain arrays.
import { AUTOENCODER_SPEC, SEMANTIC_SIZE, semanticParams, semanticTargets } from "../../lib/zoo/index.ts";
import type { SemanticParams } from "../../lib/zoo/index.ts";
import { simulateCutout } from "../../lib/astro/index.ts";
import type { CutoutKind } from "../../lib/astro/index.ts";
import { Rng } from "../../lib/random/index.ts";
import type { EpPreference } from "../../lib/inference/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";

export const AUTOENCODER_PREFIX = "ae";
export const CHALLENGE_ID = "autoencoder-anomaly";
/** Latent units of the shipped model. */
export const LATENT = AUTOENCODER_SPEC.latent;
export const CLASSES = AUTOENCODER_SPEC.classes;
export type GalaxyClass = (typeof CLASSES)[number];
/** Where the sliders' free units come from. */
export type FreeUnits = "none" | GalaxyClass;

/** The gallery: one galaxy of each trained class, then a strong lens, which the model never saw. */
export const GALLERY_KINDS: readonly CutoutKind[] = [...CLASSES, "lens"];
export const GALLERY_SIZE = GALLERY_KINDS.length;

export const autoencoderSchema = {
  /** Gallery image shown (when no file was uploaded). */
  img: numberField(0, { min: 0, max: GALLERY_SIZE - 1, integer: true }),
  /** Gallery page: each page is a fresh set of seeds. */
  page: numberField(0, { min: 0, max: 9999, integer: true }),
  ep: choiceField<EpPreference>("auto", ["auto", "webgpu", "wasm"]),
  /** Semantic sliders: Sérsic n, axis ratio, half-light radius (pixels), position angle (degrees). */
  n: numberField(4, { min: 0.8, max: 5, integer: false }),
  q: numberField(0.6, { min: 0.1, max: 1, integer: false }),
  re: numberField(6, { min: 1.5, max: 18, integer: false }),
  pa: numberField(30, { min: 0, max: 180, integer: false }),
  /** The free latent units of the sliders' galaxy: zeros ("none": the parameters alone) or a class's average code. */
  base: choiceField<FreeUnits>("none", ["none", ...CLASSES]),
  /** Latent map: the galaxy the explorer point started from, and the point's map coordinates. */
  ref: numberField(0, { min: 0, max: 999, integer: true }),
  lx: numberField(0, { min: -50, max: 50, integer: false }),
  ly: numberField(0, { min: -50, max: 50, integer: false }),
};

export interface GalleryItem {
  index: number;
  kind: CutoutKind;
  seed: string;
  /** Whether the autoencoder was trained on this kind of object. */
  inTraining: boolean;
}

export function galleryItems(page: number): GalleryItem[] {
  return GALLERY_KINDS.map((kind, index) => ({ index, kind, seed: `ae-gallery/${page}/${index}`, inTraining: kind !== "lens" }));
}

export interface GalleryImage {
  image: Float32Array;
  truth: SemanticParams;
}

/** The simulated cutout of a gallery item and its main galaxy's structural parameters. */
export function galleryImage(item: GalleryItem): GalleryImage {
  const c = simulateCutout(item.kind, new Rng(item.seed), { look: "nominal" });
  const s = c.params.structure;
  return {
    image: c.image,
    truth: { sersicN: s.sersicN, axisRatio: s.axisRatio, effectiveRadius: s.effectiveRadius, positionAngle: s.positionAngle },
  };
}

/**
 * The error map: per pixel, the root of the squared error averaged over the three colour planes
 * (CHW in, H × W out), so a bright spot marks where the reconstruction misses.
 */
export function errorMap(original: ArrayLike<number>, reconstruction: ArrayLike<number>, size = 64): Float32Array {
  const n = size * size;
  const out = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let c = 0; c < 3; c++) s += (original[c * n + p] - reconstruction[c * n + p]) ** 2;
    out[p] = Math.sqrt(s / 3);
  }
  return out;
}

/** A cheap fingerprint of an image (for tests that check "the picture changed"). */
export function checksum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * ((i % 97) + 1);
  return Number(s.toFixed(3));
}

/** What the pipeline wrote to latent-map.json (models/training/autoencoder/pipeline.ts). */
export interface LatentMap {
  name: string;
  latent: number;
  semanticUnits: number;
  classes: readonly string[];
  /** Median held-out reconstruction MSE, the 99th percentile (the anomaly threshold) and the pixel noise variance. */
  medianMse: number;
  anomalyThreshold: number;
  noiseVariance: number;
  pca: { mean: number[]; components: number[][]; explained: number[] };
  galaxies: {
    index: number;
    seed: string;
    class: number;
    code: number[];
    xy: number[];
    sersicN: number;
    axisRatio: number;
    effectiveRadius: number;
    positionAngle: number;
    mse: number;
  }[];
}

/** Checks the shape of a fetched latent map; throws a readable error otherwise. */
export function parseLatentMap(json: unknown): LatentMap {
  const m = json as LatentMap;
  if (!m || typeof m !== "object" || !Array.isArray(m.galaxies) || m.galaxies.length === 0 || !m.pca || m.pca.components?.length !== 2) {
    throw new Error("the latent map file is not what this page expects");
  }
  if (m.latent !== LATENT) throw new Error(`the latent map has ${m.latent} units, the model ${LATENT}`);
  return m;
}

/** Map coordinates (PCA) of a code. */
export function project(map: LatentMap, code: ArrayLike<number>): [number, number] {
  const [v1, v2] = map.pca.components;
  let a = 0;
  let b = 0;
  for (let j = 0; j < map.latent; j++) {
    const d = code[j] - map.pca.mean[j];
    a += d * v1[j];
    b += d * v2[j];
  }
  return [a, b];
}

/**
 * The code at map point (x, y), moving within the plane of the two principal directions through the
 * reference galaxy's code: z = z_ref + (x − x_ref)·v₁ + (y − y_ref)·v₂. At the reference point it is
 * that galaxy's code exactly; elsewhere the other 14 directions keep the reference's values.
 */
export function codeAt(map: LatentMap, ref: number, x: number, y: number): Float32Array {
  const g = map.galaxies[Math.max(0, Math.min(map.galaxies.length - 1, ref))];
  const [v1, v2] = map.pca.components;
  const dx = x - g.xy[0];
  const dy = y - g.xy[1];
  const z = new Float32Array(map.latent);
  for (let j = 0; j < map.latent; j++) z[j] = g.code[j] + dx * v1[j] + dy * v2[j];
  return z;
}

/** Index of the galaxy nearest to map point (x, y). */
export function nearestGalaxy(map: LatentMap, x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  map.galaxies.forEach((g, i) => {
    const d = (g.xy[0] - x) ** 2 + (g.xy[1] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Bounds of the map's points with a margin: [xMin, xMax, yMin, yMax]. */
export function mapBounds(map: LatentMap, margin = 0.08): [number, number, number, number] {
  const xs = map.galaxies.map((g) => g.xy[0]);
  const ys = map.galaxies.map((g) => g.xy[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const mx = (x1 - x0) * margin || 1;
  const my = (y1 - y0) * margin || 1;
  return [x0 - mx, x1 + mx, y0 - my, y1 + my];
}

/** Per class: number of galaxies and the centre of their points (for the map's text alternative). */
export function classCentres(map: LatentMap): { name: string; count: number; x: number; y: number }[] {
  return map.classes.map((name, c) => {
    const pts = map.galaxies.filter((g) => g.class === c);
    const x = pts.reduce((s, g) => s + g.xy[0], 0) / Math.max(1, pts.length);
    const y = pts.reduce((s, g) => s + g.xy[1], 0) / Math.max(1, pts.length);
    return { name, count: pts.length, x, y };
  });
}

/** The average code of each class's galaxies on the map (the sliders' "free units" come from one). */
export function classMeanCodes(map: LatentMap): Float32Array[] {
  return map.classes.map((_, c) => {
    const pts = map.galaxies.filter((g) => g.class === c);
    const z = new Float32Array(map.latent);
    for (const g of pts) for (let j = 0; j < map.latent; j++) z[j] += g.code[j] / pts.length;
    return z;
  });
}

/** The sliders' code: the semantic units from the parameters, the free units from `free` (all zeros for none). */
export function sliderCode(params: SemanticParams, free: ArrayLike<number>): Float32Array {
  const z = Float32Array.from(free);
  semanticTargets(params).forEach((v, j) => (z[j] = v));
  return z;
}

/** The encoder's estimate of the structural parameters, from a code's semantic units. */
export function estimateParams(code: ArrayLike<number>): SemanticParams {
  return semanticParams(Array.from(code).slice(0, SEMANTIC_SIZE));
}

/** A structural parameter whose read-out left the range any galaxy can have, and was clamped to it. */
export interface ClampedEstimate {
  name: "sersicN" | "axisRatio";
  /** The encoder's raw read-out (a linear function of one latent unit, unbounded). */
  raw: number;
  /** The physical range, in words. */
  why: string;
}

/**
 * The encoder's estimate of the structural parameters, kept physical. The semantic units are read
 * out linearly (semanticParams), so the read-out can overshoot what a galaxy can have: for a very
 * flat (edge-on) galaxy b/a comes out slightly below 0 (7 of the 300 held-out galaxies read out
 * b/a or n ≤ 0, down to b/a = −0.10), and for images unlike any galaxy far below it. b/a lies in
 * [0, 1] (the minor axis is neither negative nor longer than the major) and n ≥ 0: values outside
 * are clamped to the range and listed, so the view can say so instead of printing b/a = −0.03.
 */
export function physicalEstimate(code: ArrayLike<number>): { params: SemanticParams; clamped: ClampedEstimate[] } {
  const raw = estimateParams(code);
  const clamped: ClampedEstimate[] = [];
  const axisRatio = Math.max(0, Math.min(1, raw.axisRatio));
  if (axisRatio !== raw.axisRatio) clamped.push({ name: "axisRatio", raw: raw.axisRatio, why: "b/a lies between 0 and 1" });
  const sersicN = Math.max(0, raw.sersicN);
  if (sersicN !== raw.sersicN) clamped.push({ name: "sersicN", raw: raw.sersicN, why: "a Sérsic index is not negative" });
  return { params: { ...raw, axisRatio, sersicN }, clamped };
}

/** Degrees ↔ radians for the angle slider (θ in [0, 180°)). */
export const degrees = (radians: number) => (radians * 180) / Math.PI;
export const radians = (deg: number) => (deg * Math.PI) / 180;

/** Difference of two position angles in degrees, folded to [0, 90] (θ and θ + 180° are the same). */
export function angleDifference(aDeg: number, bDeg: number): number {
  const d = Math.abs(aDeg - bDeg) % 180;
  return d > 90 ? 180 - d : d;
}

/**
 * Whether a reconstruction error flags an anomaly: worse than 99% of the held-out galaxies (the
 * threshold the pipeline measured and stored with the map).
 */
export function isAnomaly(mse: number, threshold: number): boolean {
  return threshold > 0 && mse > threshold;
}
