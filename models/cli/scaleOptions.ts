// The pixel-scale and framing options shared by `npm run classify` and `npm run models:evaluate`:
//
//   --pixel-scale ARCSEC   arcseconds per pixel of the images (e.g. 0.396 for SDSS)
//   --fov ARCSEC           field of view of each image's (longer) side, arcseconds
//   --survey NAME          a survey's pixel scale: sdss, legacy, hsc, cfhtls, hubble
//   --frame auto|centre    without a scale: crop around the central source (default) or use the centred square
//
// At most one of the first three; FITS files use their WCS when none is given. The images are then
// cut to the networks' 16.8″ field (src/lib/astro/pixelScale.ts) or auto-framed (autoFrame.ts).
import { SURVEY_PRESETS, isSurveyPreset } from "../../src/lib/astro/index.ts";
import type { PrepareOptions } from "../../src/lib/astro/index.ts";
import { UsageError } from "../training/shared/options.ts";

/** parseOptions entries of the four options. */
export const SCALE_OPTIONS = {
  "pixel-scale": { type: "string" },
  fov: { type: "string" },
  survey: { type: "string" },
  frame: { type: "string" },
} as const;

export const SCALE_USAGE = `  --pixel-scale ARCSEC  the images' arcseconds per pixel (they are resampled to the models' 0.262″/px, 16.8″ field)
  --fov ARCSEC          the field of view of each image's longer side, in arcseconds (instead of --pixel-scale)
  --survey NAME         a survey's pixel scale: ${Object.entries(SURVEY_PRESETS)
    .map(([id, p]) => `${id} ${p.arcsecPerPixel}″`)
    .join(", ")}
  --frame auto|centre   without a scale (FITS files use their WCS): crop around the central object (auto, default) or take the centred square`;

function arcsec(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} needs a number of arcseconds, got "${value}"`);
  if (n <= 0) throw new UsageError(`--${name} must be positive (arcseconds), got ${value}`);
  return n;
}

/** The four options' values → prepareImage options; clear UsageErrors for bad or conflicting values. */
export function scaleOptions(values: {
  "pixel-scale"?: string;
  fov?: string;
  survey?: string;
  frame?: string;
}): Omit<PrepareOptions, "header" | "set"> {
  const given = (["pixel-scale", "fov", "survey"] as const).filter((k) => values[k] !== undefined);
  if (given.length > 1)
    throw new UsageError(
      `give one of --pixel-scale, --fov and --survey, not ${given.map((k) => `--${k}`).join(" and ")}: they could disagree`,
    );
  const out: Omit<PrepareOptions, "header" | "set"> = {};
  if (values["pixel-scale"] !== undefined) out.pixelScale = arcsec("pixel-scale", values["pixel-scale"]);
  if (values.fov !== undefined) out.fov = arcsec("fov", values.fov);
  if (values.survey !== undefined) {
    if (!isSurveyPreset(values.survey))
      throw new UsageError(`unknown --survey "${values.survey}": choose ${Object.keys(SURVEY_PRESETS).join(", ")}`);
    out.preset = values.survey;
  }
  if (values.frame !== undefined) {
    if (values.frame !== "auto" && values.frame !== "centre") throw new UsageError(`--frame must be auto or centre, got "${values.frame}"`);
    if (given.length > 0)
      throw new UsageError(
        `--frame applies only to images of unknown scale; with ${given.map((k) => `--${k}`).join("")} the images are cut to the models' field`,
      );
    out.frame = values.frame;
  }
  return out;
}

/**
 * The command-line options that reproduce `values` (the inverse of scaleOptions, in a fixed order), so
 * a saved evaluation can say how its pictures were prepared; "" for the defaults.
 */
export function scaleFlags(values: { "pixel-scale"?: string; fov?: string; survey?: string; frame?: string }): string {
  return (["pixel-scale", "fov", "survey", "frame"] as const)
    .filter((k) => values[k] !== undefined)
    .map((k) => `--${k} ${values[k]}`)
    .join(" ");
}
