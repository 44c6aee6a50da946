// The convolution explorer's numbers: a 3 × 3 kernel slid over the r band of a simulated galaxy by
// the engine's conv2d ("same" zero padding, stride 1 — cross-correlation, as in every deep-learning
// library), the nine products at the focused pixel, and 2 × 2 pooling of the result.
import { Tensor, avgPool2d, conv2d, maxPool2d, noGrad } from "../../lib/autodiff/index.ts";
import { IMAGE_SIZE, simulateCutout } from "../../lib/astro/index.ts";
import type { MorphologyClass } from "../../lib/astro/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { choiceField, numberField, numberListField } from "../shared/urlState.ts";

export const CONV_PREFIX = "conv";
export const SIZE = IMAGE_SIZE;

export const KERNEL_PRESETS = ["identity", "edge", "vertical-edge", "blur", "sharpen", "custom"] as const;
export type KernelPreset = (typeof KERNEL_PRESETS)[number];

/** The preset kernels, row by row (top row first). */
export const KERNELS: Record<Exclude<KernelPreset, "custom">, number[]> = {
  identity: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  // Laplacian-like: the centre minus its eight neighbours — zero on flat sky, large at edges.
  edge: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
  // Sobel x: brightness increasing to the right → positive.
  "vertical-edge": [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  // Binomial blur (a small Gaussian): weights sum to 1.
  blur: [0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625],
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
};

export const PRESET_LABELS: Record<KernelPreset, string> = {
  identity: "Identity",
  edge: "Edges",
  "vertical-edge": "Vertical edges",
  blur: "Blur",
  sharpen: "Sharpen",
  custom: "Custom",
};

export const GALAXIES = ["spiral", "elliptical", "edge-on", "merger"] as const satisfies readonly MorphologyClass[];
export type GalaxyChoice = (typeof GALAXIES)[number];

const weight = numberField(0, { min: -99, max: 99 });
export const convSchema = {
  kernel: choiceField<KernelPreset>("vertical-edge", KERNEL_PRESETS),
  /** The custom kernel's nine weights (used when kernel = custom). */
  w: numberListField([0, -1, 0, -1, 4, -1, 0, -1, 0], weight, { min: 9, max: 9 }),
  galaxy: choiceField<GalaxyChoice>("spiral", GALAXIES),
  x: numberField(27, { min: 0, max: SIZE - 1, integer: true }),
  y: numberField(31, { min: 0, max: SIZE - 1, integer: true }),
  pool: choiceField<"max" | "avg">("max", ["max", "avg"]),
};

/** The kernel in use. */
export function kernelOf(preset: KernelPreset, custom: readonly number[]): number[] {
  return preset === "custom" ? custom.slice(0, 9) : KERNELS[preset];
}

/**
 * Seeds of bright, well-resolved examples (chosen once, out of 40 per kind, by central signal over
 * sky noise): on a faint galaxy every kernel mostly shows noise.
 */
const GALAXY_SEEDS: Record<GalaxyChoice, number> = { spiral: 22, elliptical: 31, "edge-on": 26, merger: 31 };

/** The r band (the G plane of the network input, in [0, 1]) of a simulated galaxy, 64 × 64. */
export function galaxyPlane(galaxy: GalaxyChoice): Float32Array {
  const { image } = simulateCutout(galaxy, new Rng(`conv-explorer/${galaxy}/${GALAXY_SEEDS[galaxy]}`), { look: "nominal" });
  return image.slice(SIZE * SIZE, 2 * SIZE * SIZE);
}

/** The feature map: the kernel slid over the plane by the engine's conv2d, same size, zero padding. */
export function convolve(plane: Float32Array, kernel: readonly number[]): Float32Array {
  return noGrad(() => {
    const x = new Tensor(plane.slice(), [1, 1, SIZE, SIZE]);
    const w = new Tensor(Float32Array.from(kernel), [1, 1, 3, 3]);
    return Float32Array.from(conv2d(x, w, null, { padding: "same" }).data);
  });
}

/** 2 × 2 pooling (stride 2) of a 64 × 64 map by the engine: 32 × 32. */
export function pool(map: Float32Array, kind: "max" | "avg"): Float32Array {
  return noGrad(() => {
    const x = new Tensor(map.slice(), [1, 1, SIZE, SIZE]);
    return Float32Array.from((kind === "max" ? maxPool2d(x, 2) : avgPool2d(x, 2)).data);
  });
}

/** One of the nine terms at the focused pixel. */
export interface Term {
  row: number;
  col: number;
  weight: number;
  /** The input pixel under this weight (0 outside the image: zero padding). */
  pixel: number;
  product: number;
  outside: boolean;
}

/** The nine products w·p around (x, y), row by row; their sum is the feature map's value there. */
export function termsAt(plane: Float32Array, kernel: readonly number[], x: number, y: number): Term[] {
  const terms: Term[] = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      const px = x + col - 1;
      const py = y + row - 1;
      const outside = px < 0 || py < 0 || px >= SIZE || py >= SIZE;
      const pixel = outside ? 0 : plane[py * SIZE + px];
      const w = kernel[row * 3 + col];
      terms.push({ row, col, weight: w, pixel, product: w * pixel, outside });
    }
  }
  return terms;
}

/** Smallest and largest value of a map (for its grey scale). */
export function range(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The focus moved by an arrow key (Shift: 8 pixels), kept inside the image; null for other keys. */
export function moveFocus(key: string, shift: boolean, x: number, y: number): { x: number; y: number } | null {
  const step = shift ? 8 : 1;
  const clamp = (v: number) => Math.max(0, Math.min(SIZE - 1, v));
  switch (key) {
    case "ArrowLeft":
      return { x: clamp(x - step), y };
    case "ArrowRight":
      return { x: clamp(x + step), y };
    case "ArrowUp":
      return { x, y: clamp(y - step) };
    case "ArrowDown":
      return { x, y: clamp(y + step) };
    case "Home":
      return { x: 0, y: 0 };
    case "End":
      return { x: SIZE - 1, y: SIZE - 1 };
    default:
      return null;
  }
}
