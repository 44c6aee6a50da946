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

/**
 * A position typed as coordinates, or null when the text is a name to resolve. Accepted: two decimal
 * numbers in degrees ("187.706 12.391", a comma allowed), or sexagesimal RA in hours and Dec in
 * degrees ("12:30:49.4 +12:23:28" or "12 30 49.4 +12 23 28"). Out-of-range numbers are an error.
 */
export function parseCoordinates(text: string): { ra: number; dec: number } | null {
  const t = text.trim().replace(/,/g, " ");
  const parts = t.split(/[\s:]+/).filter(Boolean);
  const numeric = parts.every((p) => /^[+-]?\d+(\.\d*)?$/.test(p));
  if (!numeric) return null;
  let ra: number;
  let dec: number;
  if (parts.length === 2) {
    ra = Number(parts[0]);
    dec = Number(parts[1]);
  } else if (parts.length === 6) {
    // RA h m s (15° per hour); Dec d m s with the sign of the degrees applying to all three.
    const [h, m, s, d, dm, ds] = parts.map(Number);
    ra = 15 * (h + m / 60 + s / 3600);
    const sign = parts[3].startsWith("-") ? -1 : 1;
    dec = sign * (Math.abs(d) + dm / 60 + ds / 3600);
  } else return null;
  if (!inRange(ra, dec)) throw new RangeError(`RA must be within 0–360° and Dec within −90–+90°; got ${ra}, ${dec}.`);
  return { ra, dec };
}

/** Reads Sesame's XML answer (`-ox`): the first resolver's J2000 position in degrees, or null when no resolver knew the name. */
export function parseSesame(xml: string, typed: string): SkyPosition | null {
  const ra = /<jradeg>\s*([-+0-9.eE]+)\s*<\/jradeg>/.exec(xml);
  const dec = /<jdedeg>\s*([-+0-9.eE]+)\s*<\/jdedeg>/.exec(xml);
  if (!ra || !dec) return null;
  const position = { ra: Number(ra[1]), dec: Number(dec[1]) };
  if (!inRange(position.ra, position.dec)) return null;
  const oname = /<oname>\s*([^<]+?)\s*<\/oname>/.exec(xml);
  return { ...position, name: oname ? oname[1] : typed.trim() };
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
