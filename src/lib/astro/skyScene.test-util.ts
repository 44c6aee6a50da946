// Test pictures built with the simulator's own pieces (Scene, the galaxy drawers, the PSF, the
// survey stretch): a frame larger than a training cutout with a central spiral, a brighter star
// nearer the centre than a brighter neighbour galaxy, and a white caption in the top-left corner.
import { Rng } from "../random/rng.ts";
import { BANDS, NOMINAL_SKY_SIGMA, PSF_BAND_FACTOR, arcsecToPixels, magToFlux, sedFromColours } from "./observing.ts";
import { convolvePsf } from "./psf.ts";
import { bandsToRgb } from "./rgb.ts";
import { Scene } from "./scene.ts";
import { addPoint } from "./profiles.ts";
import { drawSpiral } from "./galaxies.ts";

export interface SkyScene {
  rgba: Uint8ClampedArray;
  size: number;
  galaxy: { x: number; y: number; effectiveRadius: number; rMag: number };
  star: { x: number; y: number };
  neighbour: { x: number; y: number };
}

export function skyScene(
  seed = "sky-scene",
  size = 192,
  options: { star?: boolean; neighbour?: boolean; caption?: boolean } = {},
): SkyScene {
  const { star = true, neighbour = true, caption = true } = options;
  const rng = new Rng(seed);
  const scene = new Scene(size);
  const c = (size - 1) / 2;
  const g = drawSpiral(scene, rng, c, c).structure;
  const main = magToFlux(g.rMag);
  const starAt = { x: c - 0.16 * size, y: c + 0.12 * size };
  const nbAt = { x: c + 0.28 * size, y: c - 0.2 * size };
  // A star 4× brighter than the galaxy, a fifth of the frame from the centre (nearer than the neighbour).
  if (star) {
    const sed = sedFromColours(0.6, 0.3);
    addPoint(scene.bands, size, starAt.x, starAt.y, [4 * main * sed[0], 4 * main, 4 * main * sed[2]]);
  }
  // A neighbour elliptical twice as bright, a third of the frame away.
  if (neighbour) scene.addSersic({ x: nbAt.x, y: nbAt.y, re: 4, n: 3, q: 0.8, angle: 0.5 }, 2 * main, sedFromColours(0.9, 0.5));
  const fwhm = BANDS.map((b) => arcsecToPixels(1.2) * PSF_BAND_FACTOR[b]);
  convolvePsf(scene.bands, scene.blurred, size, fwhm, 0.1, scene.tmp, scene.tmp2);
  const n = size * size;
  BANDS.forEach((band, b) => {
    for (let p = 0; p < n; p++) scene.blurred[b * n + p] += rng.normal(0, NOMINAL_SKY_SIGMA[band]);
  });
  const rgb = bandsToRgb(scene.blurred, n);
  const rgba = new Uint8ClampedArray(4 * n);
  for (let p = 0; p < n; p++) rgba.set([rgb[p] * 255, rgb[n + p] * 255, rgb[2 * n + p] * 255, 255], 4 * p);
  if (caption) {
    // "LENS 12" in white block strokes, 2 px wide, along the top-left edge.
    for (let k = 0; k < 7; k++) {
      const x0 = 4 + k * 9;
      for (let y = 4; y < 14; y++)
        for (let x = x0; x < x0 + 6; x++) {
          const stroke = x < x0 + 2 || y < 6 || y >= 12 || (k % 2 === 0 && y >= 8 && y < 10);
          if (stroke) rgba.set([255, 255, 255, 255], 4 * (y * size + x));
        }
    }
  }
  return { rgba, size, galaxy: { x: c, y: c, effectiveRadius: g.effectiveRadius, rMag: g.rMag }, star: starAt, neighbour: nbAt };
}
