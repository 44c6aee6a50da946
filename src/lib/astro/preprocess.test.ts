import { describe, expect, it } from "vitest";
import { Rng } from "../random/rng.ts";
import { preprocess, axisTaps } from "./preprocess.ts";
import { bandsToRgb } from "./rgb.ts";
import { simulateCutout } from "./simulate.ts";

const N = 64 * 64;

describe("preprocess", () => {
  it("stretches calibrated fluxes exactly as the simulator's nominal (Legacy Surveys) look does", () => {
    // The simulator draws a survey look per cutout (domain randomisation); calibrated FITS fluxes
    // get the nominal one, which lies within the drawn ranges.
    const c = simulateCutout("spiral", new Rng("pre"));
    const out = preprocess({
      kind: "bands",
      width: 64,
      height: 64,
      planes: [c.flux.subarray(0, N), c.flux.subarray(N, 2 * N), c.flux.subarray(2 * N)],
      units: "nanomaggies",
    });
    expect(out.data.length).toBe(3 * N);
    let maxDiff = 0;
    const nominal = bandsToRgb(c.flux, N);
    for (let p = 0; p < 3 * N; p++) maxDiff = Math.max(maxDiff, Math.abs(out.data[p] - nominal[p]));
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it("centre-crops and shrinks an RGBA picture to 3 × 64 × 64 in [0, 1] by area averaging", () => {
    // 256 × 128: the centred 128 × 128 square is columns 64–191; red = column index, green = 255, blue = row.
    const w = 256;
    const h = 128;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) data.set([x & 255, 255, y, 255], (y * w + x) * 4);
    }
    const out = preprocess({ kind: "rgba", width: w, height: h, data });
    expect(out.crop).toEqual({ x: 64, y: 0, side: 128 });
    expect(out.data.length).toBe(3 * N);
    expect(out.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Output pixel (0, 0) averages columns 64–65 and rows 0–1.
    expect(out.data[0]).toBeCloseTo(64.5 / 255, 5);
    expect(out.data[N]).toBeCloseTo(1, 5);
    expect(out.data[2 * N + 63 * 64]).toBeCloseTo(126.5 / 255, 5);
  });

  it("enlarges small images bilinearly and keeps a constant image constant", () => {
    const data = new Uint8Array(20 * 20 * 4).fill(128);
    const out = preprocess({ kind: "rgba", width: 20, height: 20, data });
    for (const v of out.data) expect(v).toBeCloseTo(128 / 255, 5);
    for (const [inSize, outSize] of [
      [20, 64],
      [200, 64],
      [97, 64],
    ]) {
      for (const t of axisTaps(inSize, outSize)) expect(t.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it("normalises uncalibrated grey or 3-band fluxes by their background and noise, ignoring blank pixels", () => {
    const rng = new Rng("grey");
    const w = 100;
    const plane = Float32Array.from(
      { length: w * w },
      (_, i) => 1000 + 5 * rng.normal() + (Math.hypot((i % w) - 50, Math.floor(i / w) - 50) < 8 ? 400 : 0),
    );
    plane[3] = Number.NaN;
    const out = preprocess({ kind: "bands", width: w, height: w, planes: [plane] });
    expect(out.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    const centre = out.data[N + 32 * 64 + 32];
    let corner = 0;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) corner += out.data[N + y * 64 + x] / 64;
    expect(centre).toBeGreaterThan(0.5);
    expect(corner).toBeLessThan(0.25);
    const three = preprocess({ kind: "bands", width: w, height: w, planes: [plane, plane, plane] });
    expect(three.data.length).toBe(3 * N);
  });

  it("refuses inputs it cannot use, saying why", () => {
    expect(() => preprocess({ kind: "rgba", width: 0, height: 5, data: [] })).toThrow(/positive integers/);
    expect(() => preprocess({ kind: "rgba", width: 2, height: 2, data: [1, 2, 3] })).toThrow(/needs 16 values/);
    expect(() =>
      preprocess({
        kind: "bands",
        width: 2,
        height: 2,
        planes: [
          [1, 2, 3, 4],
          [1, 2, 3, 4],
        ],
      }),
    ).toThrow(/1 \(grey\) or 3/);
  });

  it("pads a crop reaching outside an RGBA picture with its sky, exactly as averaging every covered pixel would", () => {
    // 6 × 4 picture, pixel (x, y) = 10x + y (red), sky (median) read from the picture itself.
    const width = 6;
    const height = 4;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([10 * x + y, 0, 0, 255], 4 * (y * width + x));
    const crop = { x: -2.5, y: -3, side: 12 };
    const got = preprocess({ kind: "rgba", width, height, data }, 4, { crop }).data;
    const red = Array.from({ length: width * height }, (_, p) => data[4 * p]!).sort((a, b) => a - b);
    const sky = (red[11]! + red[12]!) / 2 / 255;
    // Reference: each output pixel is the area average of its 3 × 3 input square, outside pixels = sky.
    for (let oy = 0; oy < 4; oy++) {
      for (let ox = 0; ox < 4; ox++) {
        let sum = 0;
        for (let k = 0; k < 9; k++) {
          const [x0, y0] = [crop.x + 3 * ox + (k % 3), crop.y + 3 * oy + Math.floor(k / 3)];
          // x0 is at a half pixel: the square covers half of two pixels on each side.
          for (const [x, w] of [[Math.floor(x0), 0.5] as const, [Math.floor(x0) + 1, 0.5] as const]) {
            const inside = x >= 0 && x < width && y0 >= 0 && y0 < height;
            sum += w * (inside ? data[4 * (y0 * width + x)]! / 255 : sky);
          }
        }
        expect(got[oy * 4 + ox]).toBeCloseTo(sum / 9, 6);
      }
    }
  });

  it("resamples a crop hundreds of times larger than the picture at the cost of the picture's pixels", () => {
    // 0.0001″ per pixel on a 256-pixel picture asks for a 167 680-pixel field: the picture is a
    // speck in the middle and everything else is sky. (This froze the page for minutes when every
    // covered pixel was visited.)
    const width = 256;
    const data = new Uint8ClampedArray(width * width * 4).fill(40);
    const side = 167_680;
    const got = preprocess({ kind: "rgba", width, height: width, data }, 64, {
      crop: { x: (width - side) / 2, y: (width - side) / 2, side },
    }).data;
    for (const v of got) expect(v).toBeCloseTo(40 / 255, 6);
  });
});
