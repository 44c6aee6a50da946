// Training-time augmentation of 8-bit CHW cutouts into a float batch. Each transformation keeps the
// label: the sky has no preferred orientation, catalogues centre objects only roughly, seeing and
// depth vary, and survey pictures are stretched in slightly different ways.
import type { Rng } from "../../../src/lib/random/index.ts";
import { IMAGE_SIZE } from "../../../src/lib/astro/index.ts";
import type { AugmentOptions } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES } from "../shared/dataset.ts";

const S = IMAGE_SIZE;
const N = S * S;
const plane = new Float32Array(N);
const tmp = new Float32Array(N);
const lut = new Float32Array(256);

/** Blurs one plane in place with a separable Gaussian of σ (pixels), clamping at the edges. */
function blurPlane(p: Float32Array, sigma: number): void {
  const r = Math.max(1, Math.ceil(2.5 * sigma));
  const taps: number[] = [];
  let sum = 0;
  for (let k = -r; k <= r; k++) {
    const v = Math.exp((-0.5 * k * k) / (sigma * sigma));
    taps.push(v);
    sum += v;
  }
  for (let k = 0; k < taps.length; k++) taps[k] /= sum;
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let acc = 0;
      for (let k = -r; k <= r; k++) acc += taps[k + r] * p[y * S + Math.min(S - 1, Math.max(0, x + k))];
      tmp[y * S + x] = acc;
    }
  }
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let acc = 0;
      for (let k = -r; k <= r; k++) acc += taps[k + r] * tmp[Math.min(S - 1, Math.max(0, y + k)) * S + x];
      p[y * S + x] = acc;
    }
  }
}

/** Bilinear sample of plane `c` of 8-bit CHW image at `base`, at (x, y), clamped to the edges, through `lut`. */
function sample(images: Uint8Array, base: number, x: number, y: number): number {
  const cx = Math.min(S - 1, Math.max(0, x));
  const cy = Math.min(S - 1, Math.max(0, y));
  const x0 = Math.min(S - 2, Math.floor(cx));
  const y0 = Math.min(S - 2, Math.floor(cy));
  const fx = cx - x0;
  const fy = cy - y0;
  const p = base + y0 * S + x0;
  return (
    (1 - fy) * ((1 - fx) * lut[images[p]] + fx * lut[images[p + 1]]) + fy * ((1 - fx) * lut[images[p + S]] + fx * lut[images[p + S + 1]])
  );
}

/**
 * Writes image `index` of `images` (8-bit CHW) into `out` at `offset`, augmented: with maxZoom, a
 * zoom about the centre by a log-uniform factor in [1/maxZoom, maxZoom] (bilinear, edges extended);
 * a random symmetry of the square (4 rotations × optional flip), a shift of up to maxShift pixels (wrapping), with
 * probability blurProbability a Gaussian blur of σ ≤ maxBlurSigma (worse seeing), a stretch
 * v → gain · v^γ (applied first, through a 256-entry table of the 8-bit values), and Gaussian noise
 * of σ ≤ maxNoise; values are clipped to [0, 1].
 */
export function augmentInto(images: Uint8Array, index: number, out: Float32Array, offset: number, rng: Rng, o: AugmentOptions): void {
  const rot = o.flipsAndRotations ? rng.int(0, 4) : 0;
  const flip = o.flipsAndRotations ? rng.bernoulli(0.5) : false;
  const dx = o.maxShift > 0 ? rng.int(-o.maxShift, o.maxShift + 1) : 0;
  const dy = o.maxShift > 0 ? rng.int(-o.maxShift, o.maxShift + 1) : 0;
  const blur = rng.bernoulli(o.blurProbability) ? rng.uniform(0.3, o.maxBlurSigma) : 0;
  const gamma = 1 + rng.uniform(-o.gammaJitter, o.gammaJitter);
  const gain = 1 + rng.uniform(-o.gainJitter, o.gainJitter);
  const noise = rng.uniform(0, o.maxNoise);
  const zoom = o.maxZoom !== undefined && o.maxZoom > 1 ? Math.exp(rng.uniform(-Math.log(o.maxZoom), Math.log(o.maxZoom))) : 1;
  const base = index * IMAGE_VALUES;
  const centre = (S - 1) / 2;
  for (let v = 0; v < 256; v++) lut[v] = gain * Math.pow(v / 255, gamma);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        // Output (x, y) reads source (sx, sy): undo the shift, then the flip and rotation, then the zoom.
        let sx = (x - dx + S) % S;
        let sy = (y - dy + S) % S;
        if (flip) sx = S - 1 - sx;
        for (let k = 0; k < rot; k++) {
          const t = sx;
          sx = sy;
          sy = S - 1 - t;
        }
        plane[y * S + x] =
          zoom === 1
            ? lut[images[base + c * N + sy * S + sx]]
            : sample(images, base + c * N, centre + (sx - centre) / zoom, centre + (sy - centre) / zoom);
      }
    }
    if (blur > 0) blurPlane(plane, blur);
    const o0 = offset + c * N;
    for (let p = 0; p < N; p++) {
      const v = plane[p] + (noise > 0 ? noise * rng.normal() : 0);
      out[o0 + p] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
}
