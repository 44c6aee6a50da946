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
});
