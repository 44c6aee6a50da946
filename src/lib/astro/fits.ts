/**
 * A minimal reader for the primary image of a FITS file (Flexible Image Transport System, the
 * astronomers' standard; Pence et al. 2010, A&A 524, A42).
 *
 * A FITS file is a sequence of 2880-byte blocks. The primary header is 80-character ASCII "cards"
 * (`KEYWORD = value / comment`) ending with END, padded to a block; the data follow, big-endian,
 * the first axis (NAXIS1, x) varying fastest. Physical values are BZERO + BSCALE × stored value.
 *
 * Supported: the primary HDU with BITPIX 8, 16, 32, −32 or −64 and NAXIS 2 (one image) or 3 (a cube;
 * one plane or all, e.g. the g, r, z planes of a Legacy Survey cutout), BSCALE/BZERO, BLANK (→ NaN).
 * Anything else — an empty primary (images in extensions, e.g. fpack-compressed files), tables,
 * BITPIX 64, NAXIS > 3 or a file cut short — is refused with an error saying what was found.
 *
 * Rows are returned top row first (FITS stores the bottom row first, y pointing up): planes come out
 * in the orientation a viewer shows, and the same orientation as a PNG/JPEG read by a browser.
 */

/** A header value: string (quoted in the file), number, boolean (T/F) or null (no value). */
export type FitsValue = string | number | boolean | null;

export interface FitsImage {
  width: number;
  height: number;
  /** Planes read (1 for NAXIS = 2 or one chosen plane; NAXIS3 when all planes were asked for). */
  planes: Float32Array[];
  /** NAXIS3 of a cube, 1 for an image. */
  depth: number;
  bitpix: number;
  /** Every keyword of the primary header, in file order (later duplicates win). */
  header: Record<string, FitsValue>;
}

export interface ReadFitsOptions {
  /** Which plane of a cube to read (default 0), or "all". */
  plane?: number | "all";
}

const BLOCK = 2880;
const CARD = 80;

/** Error thrown for files this reader cannot (or will not) read. */
export class FitsError extends Error {
  override name = "FitsError";
}

function parseValue(raw: string): FitsValue {
  const text = raw.trim();
  if (text.startsWith("'")) {
    // A string: quotes doubled inside, ended by a single quote; trailing blanks are not significant.
    let out = "";
    for (let i = 1; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i++;
        } else break;
      } else out += text[i];
    }
    return out.replace(/\s+$/, "");
  }
  const value = text.split("/")[0].trim();
  if (value === "T") return true;
  if (value === "F") return false;
  if (value === "") return null;
  const num = Number(value.replace(/D/g, "E"));
  return Number.isFinite(num) ? num : value;
}

/** Parses the primary header: its keywords and the byte offset where the data start. */
export function readFitsHeader(bytes: Uint8Array): { header: Record<string, FitsValue>; dataStart: number } {
  if (bytes.length < BLOCK) throw new FitsError(`not a FITS file: ${bytes.length} bytes, less than one 2880-byte header block`);
  const header: Record<string, FitsValue> = {};
  let offset = 0;
  for (;;) {
    if (offset + CARD > bytes.length) throw new FitsError("truncated FITS header: no END card before the end of the file");
    let card = "";
    for (let i = 0; i < CARD; i++) card += String.fromCharCode(bytes[offset + i]);
    offset += CARD;
    const key = card.slice(0, 8).trim();
    if (offset === CARD && key !== "SIMPLE") {
      throw new FitsError(
        key === "XTENSION"
          ? "this is a FITS extension, not a primary header"
          : `not a FITS file: it does not start with SIMPLE (found "${card.slice(0, 20).trim()}")`,
      );
    }
    if (key === "END") break;
    if (card.slice(8, 10) === "= ") header[key] = parseValue(card.slice(10));
  }
  return { header, dataStart: Math.ceil(offset / BLOCK) * BLOCK };
}

function intKey(header: Record<string, FitsValue>, key: string): number {
  const v = header[key];
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new FitsError(`FITS header keyword ${key} is missing or not an integer (got ${JSON.stringify(v ?? null)})`);
  return v;
}

const BYTES: Record<number, number> = { 8: 1, 16: 2, 32: 4, [-32]: 4, [-64]: 8 };

/** Reads the primary image of a FITS file (see the module comment for what is supported). */
export function readFits(bytes: Uint8Array, options: ReadFitsOptions = {}): FitsImage {
  const { header, dataStart } = readFitsHeader(bytes);
  if (header.SIMPLE !== true) throw new FitsError("SIMPLE = F: the file does not conform to the FITS standard");
  const bitpix = intKey(header, "BITPIX");
  if (!(bitpix in BYTES)) {
    throw new FitsError(
      `BITPIX = ${bitpix} is not supported (supported: 8, 16, 32, −32, −64)${bitpix === 64 ? "; 64-bit integers cannot be held exactly in floats" : ""}`,
    );
  }
  const naxis = intKey(header, "NAXIS");
  if (naxis === 0) {
    const compressed =
      header.EXTEND === true
        ? " The data are probably in an extension (fpack/tile-compressed images and tables are; decompress with funpack first)."
        : "";
    throw new FitsError(`the primary HDU has no image (NAXIS = 0).${compressed}`);
  }
  if (naxis !== 2 && naxis !== 3) throw new FitsError(`NAXIS = ${naxis}: only 2-D images and 3-D cubes (NAXIS 2 or 3) are supported`);
  const width = intKey(header, "NAXIS1");
  const height = intKey(header, "NAXIS2");
  const depth = naxis === 3 ? intKey(header, "NAXIS3") : 1;
  if (width < 1 || height < 1 || depth < 1)
    throw new FitsError(`empty image: NAXIS1 = ${width}, NAXIS2 = ${height}${naxis === 3 ? `, NAXIS3 = ${depth}` : ""}`);
  if (header.GROUPS === true) throw new FitsError("random-groups FITS files are not supported");
  const bscale = typeof header.BSCALE === "number" ? header.BSCALE : 1;
  const bzero = typeof header.BZERO === "number" ? header.BZERO : 0;
  const blank = bitpix > 0 && typeof header.BLANK === "number" ? header.BLANK : null;
  const bytesPer = BYTES[bitpix];
  const planeSize = width * height;
  const needed = dataStart + planeSize * depth * bytesPer;
  if (bytes.length < needed) {
    throw new FitsError(
      `truncated FITS file: the header promises ${planeSize * depth * bytesPer} data bytes (${width}×${height}${depth > 1 ? `×${depth}` : ""}, BITPIX ${bitpix}) but only ${Math.max(0, bytes.length - dataStart)} follow`,
    );
  }
  const choice = options.plane ?? 0;
  const which = choice === "all" ? Array.from({ length: depth }, (_, k) => k) : [choice];
  for (const k of which) {
    if (!Number.isInteger(k) || k < 0 || k >= depth) throw new FitsError(`plane ${k} does not exist: the file has ${depth} plane(s)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const planes = which.map((k) => {
    const out = new Float32Array(planeSize);
    const base = dataStart + k * planeSize * bytesPer;
    for (let y = 0; y < height; y++) {
      // FITS row y = 0 is the bottom; write it last so rows come out top first.
      const dstRow = (height - 1 - y) * width;
      for (let x = 0; x < width; x++) {
        const at = base + (y * width + x) * bytesPer;
        let raw: number;
        switch (bitpix) {
          case 8:
            raw = view.getUint8(at);
            break;
          case 16:
            raw = view.getInt16(at, false);
            break;
          case 32:
            raw = view.getInt32(at, false);
            break;
          case -32:
            raw = view.getFloat32(at, false);
            break;
          default:
            raw = view.getFloat64(at, false);
        }
        out[dstRow + x] = blank !== null && raw === blank ? Number.NaN : bzero + bscale * raw;
      }
    }
    return out;
  });
  return { width, height, planes, depth, bitpix, header };
}
