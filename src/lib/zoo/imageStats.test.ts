import { describe, expect, it } from "vitest";
import { imageStats } from "./imageStats.ts";

describe("imageStats", () => {
  it("measures the mean and the horizontal pixel-to-pixel roughness in display units", () => {
    // One 2 × 2 plane in data space: rows (−1, 1) and (0, 0) → display (0, 1) and (0.5, 0.5).
    const s = imageStats([-1, 1, 0, 0], 2);
    expect(s.mean).toBeCloseTo(0.5, 12);
    // Pairs within rows only: (1 − 0)² and (0.5 − 0.5)², mean 0.5 (never across a row's end).
    expect(s.roughness).toBeCloseTo(0.5, 12);
  });

  it("gives a flat image no roughness, and grows as the square of a checkerboard's contrast", () => {
    expect(imageStats(new Float32Array(3 * 16).fill(0.3), 4).roughness).toBe(0);
    const board = (a: number) => Array.from({ length: 16 }, (_, i) => ((i + Math.floor(i / 4)) % 2 ? a : -a));
    expect(imageStats(board(0.4), 4).roughness / imageStats(board(0.2), 4).roughness).toBeCloseTo(4, 9);
    expect(imageStats(board(0.4), 4).mean).toBeCloseTo(0.5, 12);
  });
});
