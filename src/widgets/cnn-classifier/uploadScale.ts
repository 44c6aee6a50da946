import { PixelScaleError, SURVEY_PRESETS, checkPositive } from "../../lib/astro/index.ts";
import type { PrepareOptions, SurveyPreset } from "../../lib/astro/index.ts";

/**
 * The upload form's answer to "how big is a pixel of your image?": auto-frame (the default for a
 * picture of unknown scale), a survey preset, a pixel scale in arcsec/px, the field of view of the
 * picture's longer side in arcsec, or the plain centred square. FITS files with a WCS use it unless
 * the person says otherwise.
 */
export type ScaleMode = "auto" | "preset" | "pixel-scale" | "fov" | "centre";

export interface UploadScale {
  mode: ScaleMode;
  preset: SurveyPreset;
  /** The typed number (arcsec/px or arcsec), as text: validated when used. */
  value: string;
}

export const DEFAULT_UPLOAD_SCALE: UploadScale = { mode: "auto", preset: "sdss", value: "" };

export const SCALE_MODE_LABELS: Record<ScaleMode, string> = {
  auto: "Unknown: frame the central object automatically",
  preset: "From a survey",
  "pixel-scale": "Pixel scale (arcsec per pixel)",
  fov: "Field of view of the longer side (arcsec)",
  centre: "Unknown: use the whole picture (centred square)",
};

export const PRESET_OPTIONS = (Object.keys(SURVEY_PRESETS) as SurveyPreset[]).map((id) => ({
  value: id,
  label: `${SURVEY_PRESETS[id].label}: ${SURVEY_PRESETS[id].arcsecPerPixel}″/px`,
}));

/** The prepareImage options for a choice, or the message to show when the typed number is unusable. */
export function uploadPrepareOptions(choice: UploadScale): { options: Omit<PrepareOptions, "header" | "set"> } | { error: string } {
  try {
    switch (choice.mode) {
      case "auto":
      case "centre":
        return { options: { frame: choice.mode } };
      case "preset":
        return { options: { preset: choice.preset } };
      case "pixel-scale":
      case "fov": {
        const what = choice.mode === "fov" ? "the field of view" : "the pixel scale";
        if (choice.value.trim() === "") return { error: `Type ${what} in arcseconds, or choose another option.` };
        const n = checkPositive(what, Number(choice.value));
        return { options: choice.mode === "fov" ? { fov: n } : { pixelScale: n } };
      }
    }
  } catch (error) {
    if (error instanceof PixelScaleError) return { error: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` };
    throw error;
  }
}
