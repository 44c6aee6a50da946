// The galaxy autoencoder's numbers that need no network: PSNR, quantiles, the images' own noise
// floor, and how well estimated structural parameters match the simulator's.
import { IMAGE_SIZE } from "../../../src/lib/astro/index.ts";
import type { Structure } from "../../../src/lib/astro/index.ts";
import { SEMANTIC_SIZE, semanticParams } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES } from "../shared/dataset.ts";
import type { Dataset } from "../shared/dataset.ts";
import type { ParamError } from "./result.ts";

/**
 * Variance of the pixel noise, estimated from the 10 × 10 corners of every image (mostly sky): for
 * independent noise of variance σ², neighbouring pixels differ by a variance of 2σ², and the smooth
 * sky cancels in the difference.
 */
export function skyNoiseVariance(data: Dataset): number {
  let sum = 0;
  let n = 0;
  const size = IMAGE_SIZE;
  for (let i = 0; i < data.count; i++) {
    for (let c = 0; c < 3; c++) {
      for (const [x0, y0] of [
        [0, 0],
        [size - 10, 0],
        [0, size - 10],
        [size - 10, size - 10],
      ]) {
        for (let y = y0; y < y0 + 10; y++) {
          for (let x = x0; x < x0 + 9; x++) {
            const b = i * IMAGE_VALUES + c * size * size + y * size + x;
            sum += ((data.images[b] - data.images[b + 1]) / 255) ** 2;
            n++;
          }
        }
      }
    }
  }
  return sum / n / 2;
}

/** The q-quantile (0…1) of some values (linear interpolation between order statistics). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 < s.length ? s[lo] + (pos - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/** Mean of some values (0 for none). */
export const meanOf = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / Math.max(1, v.length);

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

function paramError(
  name: string,
  unit: string,
  truth: number[],
  estimate: number[],
  diff: (t: number, e: number) => number = (t, e) => e - t,
): ParamError {
  const d = truth.map((t, i) => diff(t, estimate[i]));
  const mu = meanOf(truth);
  return {
    name,
    unit,
    count: truth.length,
    rms: Math.sqrt(meanOf(d.map((x) => x * x))),
    medianAbs: median(d.map(Math.abs)),
    truthStd: Math.sqrt(meanOf(truth.map((t) => (t - mu) ** 2))),
  };
}

/** How well the semantic units estimate the structural parameters of held-out galaxies. */
export function parameterErrors(codes: Float32Array, latent: number, structures: readonly Structure[]): ParamError[] {
  const est = structures.map((_, i) => semanticParams(codes.subarray(i * latent, i * latent + SEMANTIC_SIZE)));
  const n = structures.map((s) => s.sersicN);
  const q = structures.map((s) => s.axisRatio);
  const logRe = structures.map((s) => Math.log10(s.effectiveRadius));
  // Angles only where they are defined well enough to measure (b/a ≤ 0.8), wrapped to ±90°.
  const elongated = structures.map((s, i) => ({ s, i })).filter(({ s }) => s.axisRatio <= 0.8);
  const deg = (r: number) => (r * 180) / Math.PI;
  const wrap = (t: number, e: number) => {
    let d = deg(e - t) % 180;
    if (d > 90) d -= 180;
    if (d < -90) d += 180;
    return d;
  };
  return [
    paramError(
      "Sérsic index n",
      "",
      n,
      est.map((e) => e.sersicN),
    ),
    paramError(
      "axis ratio b/a",
      "",
      q,
      est.map((e) => e.axisRatio),
    ),
    paramError(
      "log₁₀ half-light radius",
      "dex",
      logRe,
      est.map((e) => Math.log10(e.effectiveRadius)),
    ),
    {
      ...paramError(
        "position angle (b/a ≤ 0.8)",
        "degrees",
        elongated.map(({ s }) => s.positionAngle),
        elongated.map(({ i }) => est[i].positionAngle),
        wrap,
      ),
      // A uniformly random guess is off by 90/√3 ≈ 52° RMS.
      truthStd: 90 / Math.sqrt(3),
    },
  ];
}
