import { describe, expect, it } from "vitest";
import {
  NATIVE_FIELD_ARCSEC,
  PixelScaleError,
  SURVEY_PRESETS,
  checkFieldFits,
  nativeCrop,
  resolvePixelScale,
  wcsPixelScale,
} from "./pixelScale.ts";
import { prepareImage } from "./prepareImage.ts";
import { PIXEL_SCALE_ARCSEC } from "./observing.ts";
import { preprocess } from "./preprocess.ts";

describe("wcsPixelScale", () => {
  it("reads CDELT in degrees (the WCS default unit) as arcsec/px", () => {
    expect(wcsPixelScale({ CDELT1: -0.262 / 3600, CDELT2: 0.262 / 3600 })).toBeCloseTo(0.262, 9);
  });
  it("reads a rotated CD matrix: the pixel side is the length of each column, whatever the rotation", () => {
    const s = 0.396 / 3600;
    const a = (30 * Math.PI) / 180;
    const header = { CD1_1: -s * Math.cos(a), CD1_2: s * Math.sin(a), CD2_1: s * Math.sin(a), CD2_2: s * Math.cos(a) };
    expect(wcsPixelScale(header)).toBeCloseTo(0.396, 9);
  });
  it("prefers CD over CDELT and honours CUNIT (arcsec, arcmin)", () => {
    expect(wcsPixelScale({ CD1_1: 0.168 / 3600, CD2_2: 0.168 / 3600, CDELT1: 1, CDELT2: 1 })).toBeCloseTo(0.168, 9);
    expect(wcsPixelScale({ CDELT1: 0.05, CDELT2: 0.05, CUNIT1: "arcsec", CUNIT2: "arcsec" })).toBeCloseTo(0.05, 12);
    expect(wcsPixelScale({ CDELT1: 0.01, CDELT2: 0.01, CUNIT1: "arcmin", CUNIT2: "arcmin" })).toBeCloseTo(0.6, 12);
  });
  it("returns null without a WCS, with an unknown unit or a zero scale", () => {
    expect(wcsPixelScale({ NAXIS: 2 })).toBeNull();
    expect(wcsPixelScale({ CDELT1: 1, CDELT2: 1, CUNIT1: "furlong" })).toBeNull();
    expect(wcsPixelScale({ CDELT1: 0, CDELT2: 0 })).toBeNull();
  });
});

describe("resolvePixelScale", () => {
  it("takes the person's arcsec/px, a field of view over the longer side, or a survey preset, else the WCS", () => {
    expect(resolvePixelScale({ pixelScale: 0.187 }, 100)).toBe(0.187);
    expect(resolvePixelScale({ fov: 30 }, 484)).toBeCloseTo(30 / 484, 12);
    expect(resolvePixelScale({ preset: "sdss" }, 100)).toBe(SURVEY_PRESETS.sdss.arcsecPerPixel);
    expect(resolvePixelScale({}, 100, { CDELT1: 0.396 / 3600, CDELT2: 0.396 / 3600 })).toBeCloseTo(0.396, 9);
    expect(resolvePixelScale({}, 100)).toBeNull();
  });
  it("refuses zero, negative, non-numeric values and two descriptions at once, saying why", () => {
    expect(() => resolvePixelScale({ pixelScale: 0 }, 10)).toThrow(PixelScaleError);
    expect(() => resolvePixelScale({ pixelScale: -0.2 }, 10)).toThrow(/positive number/);
    expect(() => resolvePixelScale({ fov: Number.NaN }, 10)).toThrow(/not a number/);
    expect(() => resolvePixelScale({ pixelScale: 0.2, fov: 30 }, 10)).toThrow(/not pixelScale and fov/);
  });
});

describe("resampling to the networks' native scale", () => {
  const gaussian = (size: number, sigma: number) => {
    const plane = new Float32Array(size * size);
    const c = (size - 1) / 2;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) plane[y * size + x] = Math.exp(-((x - c) ** 2 + (y - c) ** 2) / (2 * sigma * sigma));
    return plane;
  };
  const moments = (plane: Float32Array, size: number) => {
    let s = 0,
      sx = 0,
      sxx = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const v = plane[y * size + x];
        s += v;
        sx += v * x;
        sxx += v * x * x;
      }
    return { flux: s, sigma: Math.sqrt(sxx / s - (sx / s) ** 2) };
  };
  it("a 0.1″/px image is cut to 16.8″ and shrunk by area averaging: mean surface brightness kept, a 1″ Gaussian stays 1″", () => {
    const size = 200;
    const plane = gaussian(size, 10); // σ = 10 px × 0.1″ = 1″
    const crop = nativeCrop(size, size, 0.1);
    expect(crop.side).toBeCloseTo(NATIVE_FIELD_ARCSEC / 0.1, 9);
    const out = preprocess({ kind: "bands", width: size, height: size, planes: [plane], units: "nanomaggies" }, 64, { crop });
    // Resample flux alone (before the stretch): the same taps, through the public preprocess path on a linear plane.
    const linear = preprocessLinear(plane, size, crop);
    const m = moments(linear, 64);
    expect(m.sigma * PIXEL_SCALE_ARCSEC).toBeCloseTo(1, 1);
    // Area averaging keeps the total flux per unit sky area: sum × pixel area is conserved.
    expect((m.flux * PIXEL_SCALE_ARCSEC ** 2) / (moments(plane, size).flux * 0.1 ** 2)).toBeCloseTo(1, 2);
    expect(out.crop).toEqual(crop);
  });
  it("a 0.5″/px image is enlarged bilinearly, padded with sky where it is smaller than 16.8″, and its Gaussian keeps its size in arcsec", () => {
    const size = 30;
    const plane = gaussian(size, 3); // σ = 1.5″
    const crop = nativeCrop(size, size, 0.5);
    expect(crop.side).toBeGreaterThan(size);
    const linear = preprocessLinear(plane, size, crop);
    expect(moments(linear, 64).sigma * PIXEL_SCALE_ARCSEC).toBeCloseTo(1.5, 1);
  });
});

/** The crop resampled linearly (RGBA path with the plane as grey, ×255 back): the resampler without the stretch. */
function preprocessLinear(plane: Float32Array, size: number, crop: { x: number; y: number; side: number }): Float32Array {
  const max = Math.max(...plane);
  const rgba = new Float64Array(4 * size * size);
  for (let p = 0; p < size * size; p++) rgba.set([(plane[p] / max) * 255, 0, 0, 255], 4 * p);
  const out = preprocess({ kind: "rgba", width: size, height: size, data: rgba }, 64, { crop });
  return out.data.slice(0, 64 * 64).map((v) => v * max);
}

describe("checkFieldFits", () => {
  it("accepts the real cases: a Hubble cutout, a survey cutout, a coarse 2MASS-like image", () => {
    expect(() => checkFieldFits(100, 100, 0.05)).not.toThrow(); // 5″: under the field, padded with sky
    expect(() => checkFieldFits(256, 256, 0.262)).not.toThrow();
    expect(() => checkFieldFits(64, 64, 1)).not.toThrow(); // the field is 16.8 pixels
  });

  it("refuses a scale that makes the picture a speck in the field, or the field a few pixels, naming the numbers", () => {
    expect(() => checkFieldFits(256, 256, 0.0001)).toThrow(PixelScaleError);
    expect(() => checkFieldFits(256, 256, 0.0001)).toThrow(/At 0\.000100″ per pixel this 256 × 256 picture spans only 0\.0256″.*speck/);
    expect(() => checkFieldFits(256, 256, 1e9)).toThrow(/field is only 1\.7e-8 pixels of this picture \(it needs at least 4\)/);
    // A broken WCS reaches the same check through prepareImage.
    const raster = { kind: "rgba" as const, width: 32, height: 32, data: new Uint8ClampedArray(32 * 32 * 4).fill(90) };
    expect(() => prepareImage(raster, { header: { CDELT1: -1e-12, CDELT2: 1e-12 } })).toThrow(/speck/);
  });
});
