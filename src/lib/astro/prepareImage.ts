import { autoFrame, luminance } from "./autoFrame.ts";
import type { FoundSource, FramingSet } from "./autoFrame.ts";
import { checkColours, invertRgba } from "./colourChecks.ts";
import type { ColourCheck } from "./colourChecks.ts";
import type { FitsValue } from "./fits.ts";
import { IMAGE_SIZE } from "./observing.ts";
import { checkFieldFits, nativeCrop, resolvePixelScale } from "./pixelScale.ts";
import type { ScaleChoice } from "./pixelScale.ts";
import { preprocess } from "./preprocess.ts";
import type { ImageInput, Preprocessed } from "./preprocess.ts";

/**
 * The one path from a decoded picture to the network's input, shared by the site's upload, the
 * classify CLI and models:evaluate:
 *
 * 1. colours (colourChecks.ts): an inverted picture is inverted back; grey and overexposed ones
 *    are flagged;
 * 2. geometry: with a known pixel scale (the person's arcsec/px, field of view or survey preset, else
 *    the FITS WCS) the networks' 16.8″ field is cut around the centre (pixelScale.ts); with none,
 *    auto-framing (autoFrame.ts) crops around the central source, or — if asked, or if it finds
 *    nothing — the largest centred square is used;
 * 3. preprocess(): resampling to 64 × 64 (area average shrinking, bilinear enlarging) and the stretch.
 */
export type Framing = "pixel-scale" | "auto" | "centre";

export interface PrepareOptions extends ScaleChoice {
  /** The FITS header, whose WCS gives the scale when the person gave none. */
  header?: Record<string, FitsValue>;
  /** Without a pixel scale: crop around the central source ("auto", the default) or take the centred square. */
  frame?: "auto" | "centre";
  /** Which training set's framing to reproduce (the lens finder's cutouts are framed slightly tighter). */
  set?: FramingSet;
}

export interface PreparedImage extends Preprocessed {
  framing: Framing;
  /** The picture's arcsec/px when known (given or from the WCS), else null. */
  pixelScale: number | null;
  /** The source auto-framing centred on (input pixels), if it ran and found one. */
  source: FoundSource | null;
  colours: ColourCheck;
  /** Sentences for the person: colour findings and framing caveats. */
  warnings: string[];
}

export function prepareImage(input: ImageInput, options: PrepareOptions = {}): PreparedImage {
  const colours = checkColours(input);
  const warnings = [...colours.warnings];
  const used: ImageInput =
    colours.inverted && input.kind === "rgba" ? { ...input, data: invertRgba(input.data, input.width * input.height) } : input;
  const pixelScale = resolvePixelScale(options, Math.max(input.width, input.height), options.header);
  if (pixelScale !== null) {
    checkFieldFits(input.width, input.height, pixelScale);
    const crop = nativeCrop(input.width, input.height, pixelScale);
    if (crop.side > 1.5 * Math.max(input.width, input.height)) {
      warnings.push(
        `At ${pixelScale.toPrecision(3)}″ per pixel the picture covers less than the 16.8″ the network was trained on; the rest is filled with sky.`,
      );
    }
    return { ...preprocess(used, IMAGE_SIZE, { crop }), framing: "pixel-scale", pixelScale, source: null, colours, warnings };
  }
  if ((options.frame ?? "auto") === "auto") {
    const framed = autoFrame(used, options.set ?? "morphology", luminance(used));
    if (framed.source)
      return {
        ...preprocess(used, IMAGE_SIZE, { crop: framed.crop }),
        framing: "auto",
        pixelScale: null,
        source: framed.source,
        colours,
        warnings,
      };
    warnings.push("No central object stood out from the sky, so the whole picture (its centred square) was used.");
  }
  return { ...preprocess(used), framing: "centre", pixelScale: null, source: null, colours, warnings };
}
