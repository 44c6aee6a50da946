import { NATIVE_FIELD_ARCSEC } from "../../lib/astro/pixelScale.ts";
import { PIXEL_SCALE_ARCSEC } from "../../lib/astro/observing.ts";
import { LEGACY_LAYER } from "./skyServices.ts";
import type { SkyServices } from "./skyServices.ts";

/**
 * The pure parts of "Classify any galaxy in the sky": reading a position typed by the person or
 * returned by CDS Sesame, choosing the cutout's field and pixel scale, building the service URLs and
 * recognising the blank picture the cutout service returns outside its footprint.
 */

export interface SkyPosition {
  /** Right ascension and declination, J2000, degrees. */
  ra: number;
  dec: number;
  /** The name Sesame gave back (or the typed one), for the caption. */
  name: string;
}

const inRange = (ra: number, dec: number) => Number.isFinite(ra) && Number.isFinite(dec) && ra >= 0 && ra < 360 && dec >= -90 && dec <= 90;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const words = (t: string) => t.split(/[\s,:]+/).filter(Boolean);
const COUNT_HINT = "two numbers (RA and Dec in degrees) or six (RA in hours, minutes, seconds; Dec in degrees, arcminutes, arcseconds)";

/**
 * A position typed as coordinates, or null when the text is a name to resolve. Accepted: two decimal
 * numbers in degrees ("187.706 12.391", a comma or a degree sign allowed), or sexagesimal RA in hours
 * and Dec in degrees ("12:30:49.4 +12:23:28" or "12 30 49.4 +12 23 28"). Text made only of numbers
 * that is not a valid position is a RangeError naming what is wrong (no name looks like "12 99 00"),
 * so a typo is never sent to Sesame nor silently read as another position.
 */
export function parseCoordinates(text: string): { ra: number; dec: number } | null {
  // A degree sign after a number is only the unit (and separates, as in "187.7°+12.4°").
  const t = text.trim().replace(/(\d)\s*°/g, "$1 ");
  const parts = words(t);
  if (!parts.length || !parts.every((p) => NUMBER.test(p))) return null;
  if (parts.length !== 2 && parts.length !== 6) {
    // "187,706 12,391": read with commas as decimal marks it would be a position. Which one is meant
    // is not ours to guess (a comma also separates RA from Dec), so ask for points.
    const pointed = words(t.replace(/(\d),(\d)/g, "$1.$2"));
    if (/\d,\d/.test(t) && (pointed.length === 2 || pointed.length === 6))
      throw new RangeError(`Write decimals with a point, not a comma (a comma separates RA from Dec): e.g. "187.706, 12.391".`);
    throw new RangeError(`Coordinates are ${COUNT_HINT}; got ${parts.length === 1 ? "one number" : `${parts.length} numbers`}.`);
  }
  const bad: string[] = [];
  let ra: number;
  let dec: number;
  if (parts.length === 2) {
    ra = Number(parts[0]);
    dec = Number(parts[1]);
    if (!(ra >= 0 && ra < 360)) bad.push(`RA must be from 0° to below 360° (got ${parts[0]})`);
    if (!(dec >= -90 && dec <= 90)) bad.push(`Dec must be between −90° and +90° (got ${parts[1]})`);
  } else {
    // RA h m s (15° per hour); Dec d m s with the sign of the degrees applying to all three.
    const [h, m, s, d, dm, ds] = parts.map(Number);
    if (!(h >= 0 && h < 24)) bad.push(`RA hours must be from 0 to below 24 (got ${parts[0]})`);
    const sixtieths = ["RA minutes", "RA seconds", "", "Dec arcminutes", "Dec arcseconds"];
    sixtieths.forEach((field, k) => {
      const p = parts[k + 1];
      if (!field) return;
      if (/^[+-]/.test(p)) bad.push(`${field} take no sign, only the ${k < 2 ? "hours" : "degrees"} do (got ${p})`);
      else if (Number(p) >= 60) bad.push(`${field} must be below 60 (got ${p})`);
    });
    ra = 15 * (h + m / 60 + s / 3600);
    const sign = parts[3].startsWith("-") ? -1 : 1;
    dec = sign * (Math.abs(d) + dm / 60 + ds / 3600);
    if (!bad.length && !(dec >= -90 && dec <= 90)) bad.push(`Dec must be between −90° and +90° (got ${parts.slice(3).join(":")})`);
  }
  if (bad.length) throw new RangeError(`${bad.join("; ")}.`);
  return { ra, dec };
}

export type SesameAnswer = { kind: "found"; position: SkyPosition } | { kind: "unknown" } | { kind: "unreadable" };

/**
 * Reads Sesame's XML answer (`-ox`): the first resolver's J2000 position in degrees; "unknown" when
 * no resolver knew the name; "unreadable" when the text is not a whole Sesame answer (an HTML error
 * page, a proxy's notice, a cut-off download), which says nothing about the name.
 */
export function readSesame(xml: string, typed: string): SesameAnswer {
  if (!/<Sesame[\s>]/.test(xml) || !/<\/Sesame>/.test(xml)) return { kind: "unreadable" };
  const ra = /<jradeg>\s*([^<]*?)\s*<\/jradeg>/.exec(xml);
  const dec = /<jdedeg>\s*([^<]*?)\s*<\/jdedeg>/.exec(xml);
  if (!ra && !dec) return { kind: "unknown" };
  const position = { ra: Number(ra?.[1] ?? Number.NaN), dec: Number(dec?.[1] ?? Number.NaN) };
  if (!ra?.[1] || !dec?.[1] || !inRange(position.ra, position.dec)) return { kind: "unreadable" };
  const oname = /<oname>\s*([^<]+?)\s*<\/oname>/.exec(xml);
  return { kind: "found", position: { ...position, name: oname ? oname[1] : typed.trim() } };
}

/** The Sesame request for a name. */
export function sesameUrl(services: SkyServices, name: string): string {
  return `${services.sesame}?${encodeURIComponent(name.trim())}`;
}

/**
 * How a cutout is taken: `field` arcseconds on a side, `size` pixels of `pixscale` ″/px. The
 * classifier only knows galaxies that fit its 16.8″ field (64 px of 0.262″). At the native field the
 * cutout is the training geometry itself (64 px of the Legacy Surveys' own 0.262″). A nearby galaxy
 * spans arcminutes: its field is wider, the pixels coarser (never finer than the survey's 0.262″,
 * and at most 256 px), and the network is told each pixel is `modelScale` = 16.8″ / size, i.e. it
 * sees the galaxy shrunk by field / 16.8″, as if it were that many times farther away.
 */
export interface CutoutGeometry {
  field: number;
  size: number;
  pixscale: number;
  /** The pixel scale handed to prepareImage: the whole cutout becomes the network's 16.8″ field. */
  modelScale: number;
  /** How many times smaller the network sees the galaxy than the sky shows it (1 at the native field). */
  shrink: number;
}

export const MAX_CUTOUT_SIZE = 256;

/** Fields typed as the rounded "16.8" mean the network's own 16.768″ (else 64 px of 0.2625″, not the survey's 0.262″). */
const NATIVE_SNAP_ARCSEC = 0.05;

export function cutoutGeometry(typedField: number): CutoutGeometry {
  const fieldArcsec = Math.abs(typedField - NATIVE_FIELD_ARCSEC) < NATIVE_SNAP_ARCSEC ? NATIVE_FIELD_ARCSEC : typedField;
  if (!Number.isFinite(fieldArcsec) || fieldArcsec < NATIVE_FIELD_ARCSEC - 1e-6 || fieldArcsec > 3600)
    throw new RangeError(`The field must be between ${NATIVE_FIELD_ARCSEC.toFixed(1)}″ (the network's own) and 3600″; got ${typedField}.`);
  // Rounded down (with a hair of slack for 16.768 / 0.262 = 64), so pixels are never finer than the survey's.
  const size = Math.min(MAX_CUTOUT_SIZE, Math.floor(fieldArcsec / PIXEL_SCALE_ARCSEC + 1e-9));
  const pixscale = fieldArcsec / size;
  return { field: fieldArcsec, size, pixscale, modelScale: NATIVE_FIELD_ARCSEC / size, shrink: fieldArcsec / NATIVE_FIELD_ARCSEC };
}

/**
 * The geometry for the field typed in the form, with the widget's own messages: the browser's
 * number-field checks would block the form silently (headless, or with the bubble missed), and
 * `Number("")` is 0, which read as "got 0" for an empty box.
 */
export function fieldGeometry(typed: string): CutoutGeometry {
  const t = typed.trim();
  const range = `between ${NATIVE_FIELD_ARCSEC.toFixed(1)}″ (the network's own) and 3600″`;
  // A number field reports "" for text it cannot read ("16,8", "abc"), so the empty case mentions the point too.
  if (!t) throw new RangeError(`Type a field of view in arcseconds, ${range}, with a point for decimals.`);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t))
    throw new RangeError(`The field of view is a number of arcseconds, ${range}, with a point for decimals; got "${t}".`);
  return cutoutGeometry(Number(t));
}

/**
 * Whether bytes are a whole JPEG: its start-of-image marker, and its end-of-image marker within the
 * last bytes (a cut-off download has none). An HTML error page or an empty answer is neither.
 */
export function isWholeJpeg(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return false;
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

const fixed = (x: number, digits: number) => Number(x.toFixed(digits)).toString();

/** The Legacy Surveys JPEG cutout for a position and geometry. */
export function cutoutUrl(services: SkyServices, at: { ra: number; dec: number }, g: CutoutGeometry): string {
  const q = new URLSearchParams({
    ra: fixed(at.ra, 6),
    dec: fixed(at.dec, 6),
    layer: LEGACY_LAYER,
    pixscale: fixed(g.pixscale, 4),
    size: String(g.size),
  });
  return `${services.cutout}?${q}`;
}

/** The sky viewer centred on the position (zoom 14 ≈ the survey's native pixels; coarser for wide fields). */
export function viewerUrl(services: SkyServices, at: { ra: number; dec: number }, g: CutoutGeometry): string {
  const zoom = Math.max(8, Math.min(16, Math.round(14 - Math.log2(g.pixscale / PIXEL_SCALE_ARCSEC))));
  const q = new URLSearchParams({ ra: fixed(at.ra, 6), dec: fixed(at.dec, 6), layer: LEGACY_LAYER, zoom: String(zoom) });
  return `${services.viewer}?${q}`;
}

/**
 * The share of pixels with no data: outside its footprint the cutout service answers with a black
 * picture (zeros, up to JPEG ringing of a level or two), while real sky is noisy, so even a dark sky
 * has few pixels at exactly 0–`level` in all three channels.
 */
export function emptyFraction(rgba: ArrayLike<number>, pixels: number, level = 3): number {
  let empty = 0;
  for (let p = 0; p < pixels; p++) if (rgba[4 * p] <= level && rgba[4 * p + 1] <= level && rgba[4 * p + 2] <= level) empty++;
  return pixels > 0 ? empty / pixels : 1;
}

/** Outside the footprint: (almost) every pixel empty. */
export const BLANK_FRACTION = 0.98;
/** Partly outside (an edge of the survey, a masked bright star): worth a warning. */
export const PARTIAL_FRACTION = 0.2;

export function coverage(rgba: ArrayLike<number>, pixels: number): "blank" | "partial" | "full" {
  const f = emptyFraction(rgba, pixels);
  return f >= BLANK_FRACTION ? "blank" : f >= PARTIAL_FRACTION ? "partial" : "full";
}

export interface FamousGalaxy {
  name: string;
  /** What it is, for the button's description. */
  kind: string;
  /** Approximate major-axis diameter, arcminutes (D25, NED/RC3), for choosing the field. */
  diameterArcmin: number;
}

/** A few bright galaxies to try, with their apparent sizes: every one is far larger than 16.8″. */
export const FAMOUS_GALAXIES: readonly FamousGalaxy[] = [
  { name: "M87", kind: "giant elliptical in Virgo", diameterArcmin: 8.3 },
  { name: "NGC 1300", kind: "barred spiral in Eridanus", diameterArcmin: 6.2 },
  { name: "M51", kind: "Whirlpool: face-on spiral with a companion", diameterArcmin: 11.2 },
  { name: "NGC 4565", kind: "Needle: edge-on spiral", diameterArcmin: 15.9 },
  { name: "M82", kind: "Cigar: edge-on starburst", diameterArcmin: 11.2 },
];

/** The field that frames a galaxy the way the training cutouts do: its diameter about two thirds of the frame. */
export function framingField(diameterArcmin: number): number {
  return Math.round((diameterArcmin * 60) / (2 / 3));
}

const seconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;
/** An error's text as the middle of a sentence: no full stop of its own before ours. */
const clause = (detail: string) => detail.trim().replace(/[.\s]+$/, "");
const SESAME = "The name resolver (CDS Sesame)";
const OR_TYPE = "or type the RA and Dec in degrees";
const DROP_IN = `Download the cutout and drop it into the upload form of the classifier above, with a field of view of ${NATIVE_FIELD_ARCSEC.toFixed(1)}″ to reproduce this framing.`;

/**
 * What the person reads when a search fails, one message per cause: a service that cannot be reached,
 * one that answers with an HTTP error, one that never answers, and an answer that cannot be read are
 * different problems with different remedies. Cutout messages end with how to get the picture anyway
 * (the widget shows the direct link beside them).
 */
export const SKY_MESSAGES = {
  noQuery: "Type a galaxy's name (e.g. M87) or its RA and Dec in degrees.",
  sesameUnreachable: (detail: string) =>
    `${SESAME} could not be reached (${clause(detail)}): you may be offline, or a network filter blocks it. Type the RA and Dec in degrees instead.`,
  sesameHttp: (status: number) => `${SESAME} answered with an error (HTTP ${status}): try again later, ${OR_TYPE}.`,
  sesameTimeout: (ms: number) => `Sesame did not answer within ${seconds(ms)}: it may be busy or down. Try again later, ${OR_TYPE}.`,
  sesameUnreadable: `${SESAME} sent an answer that could not be read (not its usual XML): try again later, ${OR_TYPE}.`,
  sesameUnknown: (name: string) => `Sesame (SIMBAD, NED, VizieR) does not know "${name}". Check the spelling, ${OR_TYPE}.`,
  cutoutUnreachable: (detail: string) =>
    `The Legacy Surveys cutout service could not be reached (${clause(detail)}): you may be offline, or a network filter blocks it. ${DROP_IN}`,
  cutoutHttp: (status: number) => `The Legacy Surveys cutout service answered with an error (HTTP ${status}): try again later. ${DROP_IN}`,
  cutoutTimeout: (ms: number) =>
    `The Legacy Surveys cutout service did not answer within ${seconds(ms)}: it may be busy. Try again later. ${DROP_IN}`,
  cutoutNotPicture: `The Legacy Surveys cutout service sent something that is not a picture (an error page, or a cut-off download): try again later. ${DROP_IN}`,
  classifyFailed: (detail: string) => `The cutout could not be classified: ${clause(detail)}. ${DROP_IN}`,
  blank: (name: string) =>
    `${name} is outside the Legacy Surveys' footprint: the cutout came back empty (black). The surveys cover most of the sky at |Dec| < 30° away from the Milky Way plus the north cap; try an SDSS image of it in the upload form instead.`,
} as const;
