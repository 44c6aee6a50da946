import { IMAGE_SIZE, PIXEL_SCALE_ARCSEC } from "./observing.ts";
import type { FitsValue } from "./fits.ts";

/**
 * Pixel scales: where an image's arcseconds per pixel come from (its FITS WCS, the person, a survey
 * preset) and what the networks expect. The models were trained on 64 × 64 cutouts of
 * PIXEL_SCALE_ARCSEC = 0.262″/px (the Legacy Surveys' pixel), i.e. a field of 16.8″; an image of
 * known scale is cut to that field and resampled to 64 px, so a galaxy has the apparent size in pixels
 * the network learned.
 */

/** The networks' field of view: 64 px × 0.262″ = 16.768″. */
export const NATIVE_FIELD_ARCSEC = IMAGE_SIZE * PIXEL_SCALE_ARCSEC;

/** Common surveys' pixel scales (arcsec/px) of their coadds / cutout services. */
export const SURVEY_PRESETS = {
  sdss: { label: "SDSS", arcsecPerPixel: 0.396 },
  legacy: { label: "Legacy Surveys (DECaLS, DES, BASS/MzLS)", arcsecPerPixel: 0.262 },
  hsc: { label: "Subaru HSC", arcsecPerPixel: 0.168 },
  cfhtls: { label: "CFHTLS (MegaCam)", arcsecPerPixel: 0.187 },
  hubble: { label: "Hubble (ACS/WFC3 drizzled, ~0.05″)", arcsecPerPixel: 0.05 },
} as const;

export type SurveyPreset = keyof typeof SURVEY_PRESETS;

export function isSurveyPreset(id: string): id is SurveyPreset {
  return Object.hasOwn(SURVEY_PRESETS, id);
}

/** A pixel scale that cannot be used; the message says why, for the person who gave it. */
export class PixelScaleError extends Error {
  override name = "PixelScaleError";
}

/** Arcseconds in one unit of a FITS CUNIT value (the WCS standard's default is degrees). */
const UNIT_ARCSEC: Record<string, number> = { deg: 3600, arcmin: 60, arcsec: 1, mas: 1e-3, rad: (180 / Math.PI) * 3600 };

function unitArcsec(header: Record<string, FitsValue>, axis: 1 | 2): number | null {
  const raw = header[`CUNIT${axis}`];
  if (raw === undefined || raw === null || raw === "") return UNIT_ARCSEC.deg;
  const unit = String(raw).trim().toLowerCase();
  return UNIT_ARCSEC[unit] ?? null;
}

const num = (v: FitsValue | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * The pixel scale of a FITS image from its WCS, in arcsec/px, or null when the header has none.
 *
 * The CD matrix (CDi_j) maps pixel steps to sky offsets; a pixel's side along each axis is the length
 * of a column, √(CD1_j² + CD2_j²), and the scale is the geometric mean of the two (√|det CD| for a
 * square pixel, whatever the rotation). Without CD, CDELTi (times the PCi_j matrix, which is a pure
 * rotation for the images we meet, so only CDELT matters) gives √|CDELT1 · CDELT2|. Values are in
 * CUNITi (degrees by default, as the standard says).
 */
export function wcsPixelScale(header: Record<string, FitsValue>): number | null {
  const u1 = unitArcsec(header, 1);
  const u2 = unitArcsec(header, 2);
  if (u1 === null || u2 === null) return null;
  const cd11 = num(header.CD1_1);
  const cd12 = num(header.CD1_2);
  const cd21 = num(header.CD2_1);
  const cd22 = num(header.CD2_2);
  let sx: number;
  let sy: number;
  if (cd11 !== null || cd12 !== null || cd21 !== null || cd22 !== null) {
    // Missing CD elements are zero (FITS WCS paper II).
    sx = Math.hypot(cd11 ?? 0, cd21 ?? 0) * u1;
    sy = Math.hypot(cd12 ?? 0, cd22 ?? 0) * u2;
  } else {
    const d1 = num(header.CDELT1);
    const d2 = num(header.CDELT2);
    if (d1 === null && d2 === null) return null;
    sx = Math.abs(d1 ?? d2!) * u1;
    sy = Math.abs(d2 ?? d1!) * u2;
  }
  const scale = Math.sqrt(sx * sy);
  return scale > 0 && Number.isFinite(scale) ? scale : null;
}

/** How the person described the scale: at most one of these. */
export interface ScaleChoice {
  /** Arcseconds per pixel. */
  pixelScale?: number;
  /** Field of view of the whole image's side (the longer side), arcseconds. */
  fov?: number;
  preset?: SurveyPreset;
}

/** Checks a number given as a pixel scale or field of view: finite and positive. */
export function checkPositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new PixelScaleError(`${name} must be a positive number of arcseconds, got ${Number.isNaN(value) ? "not a number" : value}`);
  return value;
}

/**
 * The image's arcsec/px from the person's choice (pixel scale, field of view of the longer side over
 * `longSide` pixels, or a survey preset), else from the FITS WCS, else null (unknown: auto-framing).
 * Giving more than one of pixel scale / field of view / preset is an error: they could disagree.
 */
export function resolvePixelScale(choice: ScaleChoice, longSide: number, header?: Record<string, FitsValue>): number | null {
  const given = (["pixelScale", "fov", "preset"] as const).filter((k) => choice[k] !== undefined);
  if (given.length > 1)
    throw new PixelScaleError(`give either a pixel scale, a field of view or a survey preset, not ${given.join(" and ")}`);
  if (choice.pixelScale !== undefined) return checkPositive("the pixel scale", choice.pixelScale);
  if (choice.fov !== undefined) return checkPositive("the field of view", choice.fov) / longSide;
  if (choice.preset !== undefined) {
    if (!isSurveyPreset(choice.preset))
      throw new PixelScaleError(`unknown survey "${String(choice.preset)}": choose ${Object.keys(SURVEY_PRESETS).join(", ")}`);
    return SURVEY_PRESETS[choice.preset].arcsecPerPixel;
  }
  return header ? wcsPixelScale(header) : null;
}

/** The picture must span at least this fraction of the networks' field (else the object is a speck in sky). */
export const MIN_FIELD_COVERED = 1 / 8;
/** The networks' field must be at least this many of the picture's pixels (else it is one blurred blob). */
export const MIN_FIELD_PIXELS = 4;

/**
 * Refuses a pixel scale that makes the networks' field absurd for this picture: the picture would be
 * a speck (under an eighth of the field: a mistyped or nonsensical scale, e.g. 0.0001″ or a broken
 * WCS) or the field a handful of its pixels (e.g. 1e9″/px). The message names the numbers.
 */
export function checkFieldFits(width: number, height: number, arcsecPerPixel: number): void {
  const span = Math.max(width, height) * arcsecPerPixel;
  const side = NATIVE_FIELD_ARCSEC / arcsecPerPixel;
  const at = `At ${arcsecPerPixel.toPrecision(3)}″ per pixel`;
  if (span < MIN_FIELD_COVERED * NATIVE_FIELD_ARCSEC) {
    throw new PixelScaleError(
      `${at} this ${width} × ${height} picture spans only ${span.toPrecision(3)}″, under an eighth of the network's ${NATIVE_FIELD_ARCSEC.toFixed(1)}″ field: the object would be a speck in a frame of sky. Check the pixel scale (a FITS file's comes from its WCS header).`,
    );
  }
  if (side < MIN_FIELD_PIXELS) {
    throw new PixelScaleError(
      `${at} the network's ${NATIVE_FIELD_ARCSEC.toFixed(1)}″ field is only ${side.toPrecision(2)} pixels of this picture (it needs at least ${MIN_FIELD_PIXELS}). Check the pixel scale (a FITS file's comes from its WCS header).`,
    );
  }
}

/**
 * The square (input pixels) that covers the networks' field at `arcsecPerPixel`, centred on the
 * image: side = 16.768″ / scale. It may be larger than the image (a small cutout of a fine-pixel
 * survey); preprocess pads with the background there.
 */
export function nativeCrop(width: number, height: number, arcsecPerPixel: number): { x: number; y: number; side: number } {
  const side = NATIVE_FIELD_ARCSEC / arcsecPerPixel;
  return { x: (width - side) / 2, y: (height - side) / 2, side };
}
