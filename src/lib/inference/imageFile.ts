// From a file the learner (or the classify CLI) gives us to the network's input, one path for both:
// recognise the format by its first bytes, read FITS with src/lib/astro's reader, decode PNG/JPEG with
// the caller's decoder (a canvas in the browser, pure-JS decoders in Node), then the shared
// `prepareImage` of src/lib/astro (colour checks, pixel scale or auto-framing, then `preprocess`, the
// function the training data went through too).
import { FitsError, PixelScaleError, prepareImage, readFits } from "../astro/index.ts";
import type { FitsValue, ImageInput, PreparedImage, PrepareOptions } from "../astro/index.ts";
import { ImageFileError } from "./imageFileError.ts";

/** Files larger than this are refused before reading (a 64 MB FITS is a 4k × 4k float image). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Images with more pixels than this are refused (decoding them would take too much memory). */
export const MAX_PIXELS = 40_000_000;

export type ImageFormat = "png" | "jpeg" | "fits";

export { ImageFileError };

/** The format from the file's first bytes (names can lie), or null if it is none we read. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  const starts = (sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (bytes.length >= 9 && new TextDecoder("latin1").decode(bytes.subarray(0, 9)) === "SIMPLE  =") return "fits";
  return null;
}

/** Decoded raster pixels: RGBA bytes, rows top first. */
export interface Raster {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** Decodes PNG/JPEG bytes (the caller's: canvas in the browser, pngjs/jpeg-js in Node). */
export type RasterDecoder = (bytes: Uint8Array, format: "png" | "jpeg") => Promise<Raster>;

export interface LoadedImage {
  format: ImageFormat;
  /** What the preprocessing received. */
  input: ImageInput;
  /** The network's input, the crop used, how it was framed and any warnings for the person. */
  prepared: PreparedImage;
  /** For a FITS cube: the plane used and how many there are. */
  plane: number;
  planes: number;
  /** Original size in pixels. */
  width: number;
  height: number;
}

export interface LoadOptions {
  /** File name, for messages. */
  name?: string;
  /** Which plane of a FITS cube to use (default 0). */
  plane?: number;
  /** Pixel scale / field of view / survey preset and the framing without one (a FITS file's WCS is used when none is given). */
  prepare?: Omit<PrepareOptions, "header">;
}

/** Whether every pixel of a picture has the same R, G and B. */
function isFlat(raster: Raster): boolean {
  const { data } = raster;
  const n = raster.width * raster.height;
  for (let p = 1; p < n; p++) {
    if (data[4 * p] !== data[0] || data[4 * p + 1] !== data[1] || data[4 * p + 2] !== data[2]) return false;
  }
  return true;
}

/** prepareImage, with a bad pixel scale or field of view reported as a file error the person can read. */
function prepare(input: ImageInput, options: LoadOptions, header?: Record<string, FitsValue>): PreparedImage {
  try {
    return prepareImage(input, { ...options.prepare, header });
  } catch (error) {
    if (error instanceof PixelScaleError) throw new ImageFileError(error.message);
    throw error;
  }
}

/** The shortest side a picture may have: below it there is no shape to see, only a few numbers. */
export const MIN_SIDE = 8;

function checkSize(width: number, height: number, name: string): void {
  if (Math.min(width, height) < MIN_SIDE) {
    throw new ImageFileError(
      `${name} is ${width} × ${height} pixels; a picture needs at least ${MIN_SIDE} pixels on each side for the network to see a shape.`,
    );
  }
  if (width * height > MAX_PIXELS) {
    throw new ImageFileError(
      `${name} is ${width} × ${height} pixels; images up to ${(MAX_PIXELS / 1e6).toFixed(0)} megapixels are accepted. Cut out the object first.`,
    );
  }
}

/**
 * Reads a PNG, JPEG or FITS file into the network's 3 × 64 × 64 input. FITS: the primary image
 * (NAXIS 2), or one plane of a cube (NAXIS 3, `plane`); fluxes of unknown units are normalised to the
 * simulator's sky noise by `preprocess`. Throws ImageFileError with a readable reason otherwise.
 */
export async function loadImageFile(bytes: Uint8Array, decode: RasterDecoder, options: LoadOptions = {}): Promise<LoadedImage> {
  const name = options.name ?? "The file";
  if (bytes.length === 0) throw new ImageFileError(`${name} is empty.`);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ImageFileError(
      `${name} is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; files up to ${MAX_FILE_BYTES / 1024 / 1024} MB are accepted. Cut out the object first.`,
    );
  }
  const format = sniffFormat(bytes);
  if (format === null) throw new ImageFileError(`${name} is not a PNG, JPEG or FITS image (its first bytes match none of them).`);
  if (format === "fits") {
    let fits;
    try {
      fits = readFits(bytes, { plane: options.plane ?? 0 });
    } catch (error) {
      if (error instanceof FitsError) throw new ImageFileError(`${name} is a FITS file this reader does not support: ${error.message}.`);
      if (error instanceof RangeError) throw new ImageFileError(`${name} could not be read: ${error.message}.`);
      throw error;
    }
    checkSize(fits.width, fits.height, name);
    const input: ImageInput = { kind: "bands", width: fits.width, height: fits.height, planes: [fits.planes[0]], units: "unknown" };
    const plane = fits.depth > 1 ? ` (plane ${Math.min(options.plane ?? 0, fits.depth - 1) + 1} of ${fits.depth})` : "";
    const finite = fits.planes[0].filter((v) => Number.isFinite(v));
    if (finite.length === 0) throw new ImageFileError(`${name}${plane} has only blank (NaN) pixels.`);
    if (finite.every((v) => v === finite[0])) throw new ImageFileError(`${name}${plane} is blank: every pixel has the value ${finite[0]}.`);
    return {
      format,
      input,
      prepared: prepare(input, options, fits.header),
      plane: Math.min(options.plane ?? 0, fits.depth - 1),
      planes: fits.depth,
      width: fits.width,
      height: fits.height,
    };
  }
  let raster: Raster;
  try {
    raster = await decode(bytes, format);
  } catch (error) {
    throw new ImageFileError(
      `${name} looks like a ${format.toUpperCase()} but could not be decoded (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  checkSize(raster.width, raster.height, name);
  if (isFlat(raster)) throw new ImageFileError(`${name} is blank: every pixel has the same colour, so there is nothing to classify.`);
  const input: ImageInput = { kind: "rgba", width: raster.width, height: raster.height, data: raster.data };
  return { format, input, prepared: prepare(input, options), plane: 0, planes: 1, width: raster.width, height: raster.height };
}
