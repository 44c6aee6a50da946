import { IMAGE_SIZE, PIXEL_SCALE_ARCSEC } from "../../../src/lib/astro/observing.ts";
import { NATIVE_FIELD_ARCSEC, SURVEY_PRESETS, nativeCrop, resolvePixelScale } from "../../../src/lib/astro/pixelScale.ts";
import type { SurveyPreset } from "../../../src/lib/astro/pixelScale.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { fmt, nice, numberAnswer, shown } from "../../support/answers.ts";

/** Surveys whose pixels differ from the networks' 0.262″ (the Legacy Surveys' own), so resampling matters. */
const SURVEYS = ["sdss", "hsc", "cfhtls", "hubble"] as const satisfies readonly SurveyPreset[];
type Survey = (typeof SURVEYS)[number];

/**
 * Changes between training and use. The decision table: a change is a domain shift when it changes
 * the distribution of the pixels the network receives; running the same computation differently, or
 * applying a transformation the network was trained to ignore, does not.
 */
const CHANGES = {
  "unresampled-scale": { label: "Feeding it SDSS cutouts at their own 0.396″ per pixel, not resampled to 0.262″", shiftsInputs: true },
  "other-stretch": { label: "Feeding it pictures whose colours were made with another survey's bands and stretch", shiftsInputs: true },
  "unseen-structure": {
    label: "Feeding it real galaxies with bars, dust lanes and neighbours that the simulator never drew",
    shiftsInputs: true,
  },
  "gpu-instead-of-cpu": { label: "Running the same cutouts on the GPU (WebGPU) instead of the CPU", shiftsInputs: false },
  "quarter-turn": {
    label: "Turning simulated test cutouts by 90°, after training with random flips and quarter turns",
    shiftsInputs: false,
  },
  "test-order": { label: "Classifying the same held-out simulated cutouts in a different order", shiftsInputs: false },
} as const;
type Change = keyof typeof CHANGES;
const SHIFTS = (Object.keys(CHANGES) as Change[]).filter((c) => CHANGES[c].shiftsInputs);
const NON_SHIFTS = (Object.keys(CHANGES) as Change[]).filter((c) => !CHANGES[c].shiftsInputs);

interface Params {
  level: number;
  survey: Survey;
  /** The galaxy's half-light radius, arcseconds. */
  radius: number;
  /** Level ≥ 2: the side of the survey's cutout, in its pixels. */
  cutout: number;
  /** The choice: one domain shift and three changes that are not. */
  offered: Change[];
  /** The shuffle seed for lettering (drawn once, so the order is part of the exercise). */
  orderSeed: number;
}

/** The survey's arcsec per pixel, as the site's upload form and the classify CLI resolve a preset. */
const scaleOf = (p: Params) => resolvePixelScale({ preset: p.survey }, 1)!;
const surveyPixels = (p: Params) => p.radius / scaleOf(p);
const nativePixels = (p: Params) => p.radius / PIXEL_SCALE_ARCSEC;
/** Resampling keeps the field: N pixels of s″ become N·s / 0.262 pixels of 0.262″. */
const resampledSide = (p: Params) => (p.cutout * scaleOf(p)) / PIXEL_SCALE_ARCSEC;
/** The square the networks' 16.8″ field covers in the survey's pixels (what the upload form cuts). */
const cropSide = (p: Params) => nativeCrop(p.cutout, p.cutout, scaleOf(p)).side;

function choices(p: Params) {
  // The order shown: the offered list rotated by the drawn seed (part of the parameters, so answer()
  // needs no Rng), lettered a, b, c, d in that order so the letter reveals nothing.
  const k = p.orderSeed % p.offered.length;
  const rotated = [...p.offered.slice(k), ...p.offered.slice(0, k)];
  const options = rotated.map((key, i) => ({ id: String.fromCharCode(97 + i), label: CHANGES[key].label }));
  const idOf = Object.fromEntries(rotated.map((key, i) => [key, String.fromCharCode(97 + i)])) as Record<Change, string>;
  return { options, idOf };
}

function answer(p: Params) {
  const { options, idOf } = choices(p);
  const shift = p.offered.find((c) => CHANGES[c].shiftsInputs)!;
  return {
    pixels: numberAnswer(surveyPixels(p), undefined, "px"),
    native: numberAnswer(nativePixels(p), undefined, "px"),
    ...(p.level >= 2 ? { resampled: numberAnswer(resampledSide(p), undefined, "px") } : {}),
    ...(p.level >= 3 ? { crop: numberAnswer(cropSide(p), undefined, "px") } : {}),
    shift: { kind: "choice" as const, options, correct: idOf[shift] },
  };
}

/** Pixel scales and domain shift: the same galaxy in another survey's pixels, and which change is a shift. */
export const pixelScaleShift = defineFamily<Params>({
  id: "pixel-scale-shift",
  version: 1,
  title: "Pixel scales and domain shift",
  lesson: "convolutional-networks",
  skills: ["pixel scales and resampling", "domain shift"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const survey = rng.choice(SURVEYS);
    const radius = nice(rng, 1, 6, 1);
    const cutout = rng.choice([128, 160, 200, 256, 300]);
    const offered = [rng.choice(SHIFTS), ...rng.shuffle(NON_SHIFTS.slice())];
    const orderSeed = Math.floor(rng.uniform(0, 1000));
    return { level, survey, radius, cutout, offered, orderSeed };
  },
  render(p) {
    const s = scaleOf(p);
    const parts = [
      { id: "pixels", label: `half-light radius in ${SURVEY_PRESETS[p.survey].label} pixels` },
      { id: "native", label: `half-light radius after resampling to ${PIXEL_SCALE_ARCSEC}″ per pixel` },
      ...(p.level >= 2 ? [{ id: "resampled", label: `side of the ${p.cutout}-pixel cutout after resampling` }] : []),
      ...(p.level >= 3
        ? [{ id: "crop", label: `side (in ${SURVEY_PRESETS[p.survey].label} pixels) of the square covering the network's field` }]
        : []),
      { id: "shift", label: "which change is a domain shift?" },
    ];
    const cut = p.level >= 2 ? ` The survey's cutout is ${p.cutout} × ${p.cutout} pixels.` : "";
    const field =
      p.level >= 3
        ? ` The network's input covers ${IMAGE_SIZE} pixels of ${PIXEL_SCALE_ARCSEC}″, a field of ${fmt(NATIVE_FIELD_ARCSEC, 5)}″.`
        : "";
    return {
      prompt:
        `A galaxy has a half-light radius of ${fmt(p.radius)}″. ${SURVEY_PRESETS[p.survey].label} images it at ${fmt(s)}″ per pixel; ` +
        `the classifier was trained on ${PIXEL_SCALE_ARCSEC}″ pixels.${cut}${field} Last part: a classifier was trained on simulated cutouts; which of these changes, made when it is used, is a domain shift?`,
      parts,
    };
  },
  answer,
  rule(p, part, id) {
    if (part !== "shift") return false;
    const { options } = choices(p);
    const i = options.findIndex((o) => o.id === id);
    if (i < 0) return false;
    // Read the option's statement back through the decision table, not through the key.
    const change = (Object.keys(CHANGES) as Change[]).find((c) => CHANGES[c].label === options[i].label)!;
    return CHANGES[change].shiftsInputs;
  },
  hints(p) {
    return [
      "An angle in arcseconds divided by the arcseconds per pixel gives pixels.",
      `Resampling keeps the sky the picture covers and changes the pixels: ${p.level >= 2 ? "the field in arcseconds stays, the pixel count scales by old scale / new scale" : "the radius in arcseconds stays"}.`,
      "Domain shift changes what the network's inputs look like; running the same arithmetic elsewhere, or a transformation it was trained to ignore, does not.",
    ];
  },
  solution(p) {
    const s = scaleOf(p);
    const a = answer(p);
    const steps = [
      `In survey pixels: ${fmt(p.radius)}″ / ${fmt(s)}″ per px = ${shown(a.pixels)}.`,
      `At the network's scale: ${fmt(p.radius)}″ / ${PIXEL_SCALE_ARCSEC}″ per px = ${shown(a.native)}.`,
    ];
    if (a.resampled)
      steps.push(
        `The cutout covers ${p.cutout} × ${fmt(s)}″ = ${fmt(p.cutout * s)}″; at ${PIXEL_SCALE_ARCSEC}″ per px that is ${shown(a.resampled)}.`,
      );
    if (a.crop)
      steps.push(
        `The network's ${fmt(NATIVE_FIELD_ARCSEC, 5)}″ field is ${fmt(NATIVE_FIELD_ARCSEC, 5)} / ${fmt(s)} = ${shown(a.crop)} on a side, in survey pixels.`,
      );
    const shift = p.offered.find((c) => CHANGES[c].shiftsInputs)!;
    steps.push(
      `Domain shift: “${CHANGES[shift].label}” changes the pixels the network receives; the others do not (the same numbers on other hardware, a turn the training already covered, a different order). ` +
        `Answers: ${Object.values(a)
          .map((spec) => shown(spec))
          .join("; ")}.`,
    );
    return steps;
  },
  misconceptions(p) {
    const s = scaleOf(p);
    const { idOf } = choices(p);
    const list: Misconception[] = [
      {
        id: "multiplied-by-scale",
        description: "Multiplies arcseconds by arcsec per pixel.",
        input: { pixels: String(p.radius * s) },
        feedback: "Arcseconds × (arcsec per pixel) is not pixels: divide the angle by the arcseconds each pixel covers.",
      },
      {
        id: "kept-survey-pixels",
        description: "Thinks resampling keeps the pixel count of the radius.",
        input: { native: String(surveyPixels(p)) },
        feedback: "Resampling keeps the angle, not the pixel count: divide the radius by the new pixel scale.",
      },
    ];
    if (p.level >= 2)
      list.push({
        id: "inverted-ratio",
        description: "Scales the cutout by new / old instead of old / new.",
        input: { resampled: String((p.cutout * PIXEL_SCALE_ARCSEC) / s) },
        feedback:
          "Resampling keeps the field in arcseconds: multiply the pixel count by old scale / new scale (finer target pixels mean more of them, coarser ones fewer).",
      });
    if (p.level >= 3)
      list.push({
        id: "kept-64",
        description: "Cuts 64 survey pixels whatever their size.",
        input: { crop: String(IMAGE_SIZE) },
        feedback: `64 pixels of ${fmt(s)}″ cover ${fmt(IMAGE_SIZE * s)}″, not the network's ${fmt(NATIVE_FIELD_ARCSEC, 5)}″ field.`,
      });
    for (const c of p.offered.filter((o) => !CHANGES[o].shiftsInputs))
      list.push({
        id: `chose-${c}`,
        description: `Chooses “${CHANGES[c].label}”.`,
        input: { shift: idOf[c] },
        feedback: "This leaves the inputs' distribution as the network learned it, so it is not a domain shift.",
      });
    return list;
  },
});
