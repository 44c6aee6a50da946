import { describe, expect, it } from "vitest";
import { Rng } from "../random/rng.ts";
import { IMAGE_SIZE, NOMINAL_SKY_SIGMA, arcsecToPixels } from "./observing.ts";
import { MERGER, OBSERVING } from "./ranges.ts";
import { LENS_CLASSES, MORPHOLOGY_CLASSES, simulateCutout } from "./simulate.ts";
import type { Cutout, CutoutKind } from "./simulate.ts";

const N = IMAGE_SIZE * IMAGE_SIZE;
const ALL: CutoutKind[] = [...MORPHOLOGY_CLASSES, ...LENS_CLASSES];

function many(kind: CutoutKind, count: number, seed = "stats"): Cutout[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => simulateCutout(kind, rng.fork(`${kind}/${i}`)));
}

/** Sum of band `b`'s flux within `radius` of (x, y). */
function aperture(c: Cutout, b: number, x: number, y: number, r0: number, r1: number): number {
  let s = 0;
  for (let j = 0; j < IMAGE_SIZE; j++) {
    for (let i = 0; i < IMAGE_SIZE; i++) {
      const r = Math.hypot(i - x, j - y);
      if (r >= r0 && r < r1) s += c.flux[b * N + j * IMAGE_SIZE + i];
    }
  }
  return s;
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

describe("simulateCutout", () => {
  it("gives identical bytes for the same seed and different images for different seeds", () => {
    for (const kind of ALL) {
      const a = simulateCutout(kind, new Rng(`same/${kind}`));
      const b = simulateCutout(kind, new Rng(`same/${kind}`));
      expect(Buffer.from(a.image.buffer).equals(Buffer.from(b.image.buffer))).toBe(true);
      expect(Buffer.from(a.flux.buffer).equals(Buffer.from(b.flux.buffer))).toBe(true);
      expect(JSON.stringify(a.params)).toBe(JSON.stringify(b.params));
      const c = simulateCutout(kind, new Rng(`other/${kind}`));
      expect(Buffer.from(a.image.buffer).equals(Buffer.from(c.image.buffer))).toBe(false);
    }
  });

  it("returns a 3 × 64 × 64 image in [0, 1], finite fluxes and the parameters used", () => {
    for (const kind of ALL) {
      const c = simulateCutout(kind, new Rng(`shape/${kind}`));
      expect(c.image.length).toBe(3 * N);
      expect(c.flux.length).toBe(3 * N);
      expect(c.image.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(c.flux.every((v) => Number.isFinite(v))).toBe(true);
      expect(c.params.kind).toBe(kind);
      const s = c.params.structure;
      for (const v of [s.x, s.y, s.sersicN, s.axisRatio, s.effectiveRadius, s.positionAngle, s.rMag, s.gMinusR, s.rMinusZ])
        expect(Number.isFinite(v)).toBe(true);
      expect(c.params.lens !== null).toBe(kind === "lens");
      expect(c.params.lookalike !== null).toBe(kind === "non-lens");
    }
  });

  it("writes into buffers it is given", () => {
    const image = new Float32Array(3 * N);
    const flux = new Float32Array(3 * N);
    const c = simulateCutout("spiral", new Rng(1), { image, flux });
    expect(c.image).toBe(image);
    expect(c.flux).toBe(flux);
  });

  it("puts the light centroid of the main galaxy near its stated centre (within 1 pixel, median)", () => {
    const errors: number[] = [];
    for (const kind of ["elliptical", "spiral", "edge-on", "non-lens"] as const) {
      for (const c of many(kind, 12)) {
        const { x, y, effectiveRadius } = c.params.structure;
        const r = Math.min(10, 2 * effectiveRadius + 2);
        let sx = 0;
        let sy = 0;
        let s = 0;
        for (let j = 0; j < IMAGE_SIZE; j++) {
          for (let i = 0; i < IMAGE_SIZE; i++) {
            if (Math.hypot(i - x, j - y) >= r) continue;
            const f = c.flux[N + j * IMAGE_SIZE + i];
            sx += f * i;
            sy += f * j;
            s += f;
          }
        }
        errors.push(Math.hypot(sx / s - x, sy / s - y));
      }
    }
    expect(median(errors)).toBeLessThan(1);
  });

  it("keeps the main galaxy within 5 pixels of the frame centre (varied, not perfect, centring)", () => {
    // (A merger's stated centre is its brightest member's, which may sit off the group's centre.)
    const kinds = ALL.filter((k) => k !== "merger");
    const offsets = kinds.flatMap((k) => many(k, 8).map((c) => Math.hypot(c.params.structure.x - 31.5, c.params.structure.y - 31.5)));
    expect(Math.max(...offsets)).toBeLessThanOrEqual(5);
    expect(median(offsets)).toBeGreaterThan(0.5);
  });

  it("makes ellipticals redder in g − r than the arms and outer disks of spirals", () => {
    const colour = (c: Cutout, r0: number, r1: number) => {
      const { x, y } = c.params.structure;
      return -2.5 * Math.log10(aperture(c, 0, x, y, r0, r1) / aperture(c, 1, x, y, r0, r1));
    };
    const ell = many("elliptical", 12).map((c) => colour(c, 0, 1.5 * c.params.structure.effectiveRadius));
    const arms = many("spiral", 12).map((c) => {
      const h = c.params.details.kind === "spiral" ? c.params.details.diskScaleLength : 3;
      return colour(c, 1.2 * h, 3 * h);
    });
    expect(median(ell)).toBeGreaterThan(0.65);
    expect(median(arms)).toBeLessThan(0.5);
    expect(median(ell) - median(arms)).toBeGreaterThan(0.3);
  });

  it("draws a survey look per cutout within OBSERVING's ranges: binning (morphology only), seeing, stretch and peak", () => {
    const inRange = (v: number, r: { min: number; max: number }) => v >= r.min - 1e-9 && v <= r.max + 1e-9;
    let atPeak = 0;
    let smooth = 0;
    for (const kind of ALL) {
      for (const c of many(kind, 6, "looks")) {
        const o = c.params.observing;
        const lens = kind === "lens" || kind === "non-lens";
        expect(lens ? o.binning === 1 : inRange(o.binning, OBSERVING.binning)).toBe(true);
        expect(inRange(o.psfFwhmArcsec, OBSERVING.psfFwhm)).toBe(true);
        // The PSF in pixels: the arcsec FWHM over the (binned) pixel, never below one pixel.
        expect(o.psfFwhmPixels[1]).toBeCloseTo(Math.max(1, arcsecToPixels(o.psfFwhmArcsec) / o.binning), 9);
        expect(inRange(o.stretch.Q, OBSERVING.stretchQ)).toBe(true);
        expect(inRange(o.stretch.m, OBSERVING.stretchOffset)).toBe(true);
        expect(inRange(o.stretch.saturation!, OBSERVING.saturation)).toBe(true);
        // The brightest value in the central square (where the galaxy is) is the drawn peak, unless
        // the picture is so faint that the 8× enlargement limit kept it lower; elsewhere (a bright
        // star) values may reach 1. JPEG-like smoothing can move values a little.
        let central = 0;
        for (let ch = 0; ch < 3; ch++)
          for (let j = 16; j < 48; j++) for (let i = 16; i < 48; i++) central = Math.max(central, c.image[ch * N + j * IMAGE_SIZE + i]);
        if (!o.chromaSmoothed) {
          expect(central).toBeLessThanOrEqual(o.stretch.peak! + 1e-6);
          if (Math.abs(central - o.stretch.peak!) < 1e-5) atPeak++;
          smooth++;
        }
        expect(c.image.every((v) => v <= 1)).toBe(true);
      }
    }
    expect(atPeak / smooth).toBeGreaterThan(0.8);
    // The looks vary: across 40 cutouts the g scale spans more than a factor 2 and some are grey.
    const looks = many("spiral", 40, "spread").map((c) => c.params.observing.stretch);
    const g = looks.map((l) => l.scales[0]);
    expect(Math.max(...g) / Math.min(...g)).toBeGreaterThan(2);
    expect(looks.some((l) => l.saturation! < 0.1)).toBe(true);
  });

  it("gives spirals with flocculent arms and rings, and late-stage mergers with resolved double nuclei", () => {
    const spirals = many("spiral", 40, "structures").map((c) => c.params.details);
    const flocculent = spirals.filter((d) => d.kind === "spiral" && d.flocculence > 0).length;
    const ringed = spirals.filter((d) => d.kind === "spiral" && d.ringRadius > 0).length;
    expect(flocculent).toBeGreaterThan(8);
    expect(flocculent).toBeLessThan(28);
    expect(ringed).toBeGreaterThan(3);
    expect(ringed).toBeLessThan(20);
    const mergers = many("merger", 40, "structures");
    const late = mergers.filter((c) => c.params.details.kind === "merger" && c.params.details.doubleNucleus);
    expect(late.length).toBeGreaterThan(8);
    for (const c of late) {
      const d = c.params.details;
      if (d.kind !== "merger") continue;
      // The two nuclei: compact and at least 1.3 PSF FWHM apart, so a picture shows two cores.
      expect(d.separation).toBeGreaterThanOrEqual(1.3 * c.params.observing.psfFwhmPixels[1] - 1e-9);
      expect(d.members[0].effectiveRadius).toBeLessThanOrEqual(MERGER.nucleusRadius.max);
    }
  });

  it("makes lens galaxies red and lensed arcs blue", () => {
    for (const c of many("lens", 6)) {
      const l = c.params.lens!;
      expect(c.params.structure.gMinusR).toBeGreaterThan(l.sourceGMinusR + 0.25);
      expect(l.sourceGMinusR).toBeLessThan(0.5);
      expect(l.magnification).toBeGreaterThan(1);
    }
  });

  it("has the stated sky noise: a robust σ of the flux in each band matches depth × nominal σ / binning within 10%", () => {
    let measured = 0;
    for (const c of many("elliptical", 12, "noise")) {
      for (let b = 0; b < 3; b++) {
        // Differences of horizontally adjacent pixels far from the galaxy, where the local mean light
        // (12 pixels around the pair) is within 0.6σ of the sky: smooth light (profile wings, halos of
        // bright stars, whose gradients stand out when the noise is low) is left out, and the
        // noise (independent per pixel) adds to σ√2; the median absolute deviation ignores the rest.
        const { x, y, effectiveRadius } = c.params.structure;
        const sky = c.params.observing.skySigma[b];
        const values: number[] = [];
        for (let j = 0; j < IMAGE_SIZE; j++) {
          for (let i = 0; i + 1 < IMAGE_SIZE; i += 2) {
            if (Math.hypot(i - x, j - y) <= 3 * effectiveRadius + 6) continue;
            let sum = 0;
            let count = 0;
            for (let dj = -1; dj <= 1; dj++) {
              for (let di = -1; di <= 2; di++) {
                if (j + dj < 0 || j + dj >= IMAGE_SIZE || i + di < 0 || i + di >= IMAGE_SIZE) continue;
                sum += c.flux[b * N + (j + dj) * IMAGE_SIZE + i + di];
                count++;
              }
            }
            if (Math.abs(sum / count - c.params.observing.skyOffset[b]) > 0.6 * sky) continue;
            values.push(c.flux[b * N + j * IMAGE_SIZE + i] - c.flux[b * N + j * IMAGE_SIZE + i + 1]);
          }
        }
        if (values.length < 300) continue;
        measured++;
        const med = median(values);
        const sigma = (1.4826 * median(values.map((v) => Math.abs(v - med)))) / Math.SQRT2;
        expect(sigma / sky).toBeGreaterThan(0.9);
        expect(sigma / sky).toBeLessThan(1.1);
        expect((sky * c.params.observing.binning) / c.params.observing.depth).toBeCloseTo(
          [NOMINAL_SKY_SIGMA.g, NOMINAL_SKY_SIGMA.r, NOMINAL_SKY_SIGMA.z][b],
          6,
        );
      }
    }
    expect(measured).toBeGreaterThan(12);
  });

  it("is fast: under 10 ms of CPU per cutout on average (≈ 2 ms on an idle machine)", () => {
    const rng = new Rng("speed");
    const image = new Float32Array(3 * N);
    const flux = new Float32Array(3 * N);
    const t0 = process.cpuUsage();
    for (let i = 0; i < 70; i++) simulateCutout(ALL[i % ALL.length], rng.fork(String(i)), { image, flux });
    const used = process.cpuUsage(t0);
    expect((used.user + used.system) / 1000 / 70).toBeLessThan(10);
  });
});
