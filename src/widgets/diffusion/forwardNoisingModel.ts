// Pure logic of the forward-noising widget: a seeded galaxy, one fixed noise draw, x_t for any t,
// and the numbers the page shows — all from src/lib/diffusion, so the formula on the page is the code.
import { Rng } from "../../lib/random/index.ts";
import { MORPHOLOGY_CLASSES, simulateCutout } from "../../lib/astro/index.ts";
import type { MorphologyClass } from "../../lib/astro/index.ts";
import { coefficients, gaussianNoise, makeSchedule, noiseTo } from "../../lib/diffusion/index.ts";
import type { Schedule, ScheduleKind, StepCoefficients } from "../../lib/diffusion/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";
import { texNumber, texSignificant } from "../shared/chartLayout.ts";

export const FORWARD_PREFIX = "fwd";
/** Steps of the chain shown: T = 1000 as in Ho et al. (2020) and the shipped denoiser. */
export const FORWARD_T = 1000;

export const forwardSchema = {
  t: numberField(250, { min: 0, max: FORWARD_T, integer: true }),
  schedule: choiceField<ScheduleKind>("cosine", ["linear", "cosine"]),
  galaxy: choiceField<MorphologyClass>("spiral", MORPHOLOGY_CLASSES),
  seed: numberField(0, { min: 0, max: 9999, integer: true }),
};

export function forwardSchedule(kind: ScheduleKind): Schedule {
  return makeSchedule(kind, FORWARD_T);
}

export interface ForwardScene {
  /** x₀ in the data space [−1, 1] (x₀ = 2v − 1 of the [0, 1] RGB cutout), 3 × 64 × 64. */
  x0: Float32Array;
  /** One fixed draw of ε ~ N(0, I), so scrubbing t shows the same noise growing. */
  eps: Float32Array;
}

/** The galaxy and its noise for a class and seed (simulateCutout from Rng(`forward/<class>/<seed>`)). */
export function forwardScene(galaxy: MorphologyClass, seed: number): ForwardScene {
  const rng = new Rng(`forward/${galaxy}/${seed}`);
  const image = simulateCutout(galaxy, rng.fork("galaxy"), { look: "nominal" }).image;
  const x0 = Float32Array.from(image, (v) => 2 * v - 1);
  return { x0, eps: gaussianNoise(rng.fork("noise"), x0.length) };
}

/** x_t of the scene at step t, mapped back to display values (x + 1)/2 in [0, 1] (clipped when painted). */
export function noisyDisplay(scene: ForwardScene, schedule: Schedule, t: number): Float32Array {
  const xt = noiseTo(schedule, scene.x0, t, scene.eps);
  for (let i = 0; i < xt.length; i++) xt[i] = (xt[i] + 1) / 2;
  return xt;
}

/** The formula with this step's numbers, for KaTeX: three short lines, so it fits a phone screen. */
export function forwardTeX(c: StepCoefficients): string {
  const snr = c.t === 0 ? "\\infty" : texSignificant(c.snr, 3);
  const t = c.t;
  const lines = [
    `x_{${t}} &= ${texNumber(c.signalScale, 3)}\\,x_0 + ${texNumber(c.noiseScale, 3)}\\,\\varepsilon`,
    `\\sqrt{\\bar\\alpha_{${t}}} &= ${texNumber(c.signalScale, 3)},\\quad 1-\\bar\\alpha_{${t}} = ${texNumber(c.noiseVariance, 3)}`,
    `\\mathrm{SNR} &= \\bar\\alpha_{${t}}/(1-\\bar\\alpha_{${t}}) = ${snr}`,
  ];
  return `\\begin{aligned} ${lines.join(" \\\\ ")} \\end{aligned}`;
}

/** ᾱ_t at every step, for the schedule chart. */
export function alphaBarCurve(schedule: Schedule): number[] {
  return Array.from(schedule.alphaBars);
}

export { coefficients };
