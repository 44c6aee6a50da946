import { describe, expect, it } from "vitest";
import { DIHEDRAL_VIEWS, dihedralView, dihedralViews, meanOfRows } from "./dihedral.ts";

// A 2-channel 3 × 3 image whose values are all different, so every symmetry gives a different image.
const size = 3;
const image = Float32Array.from({ length: 2 * size * size }, (_, i) => i + 1);
const pixel = (img: Float32Array, c: number, y: number, x: number, offset = 0) => img[offset + c * size * size + y * size + x];

describe("the eight symmetries of a cutout", () => {
  it("view 0 is the image, 1 mirrors left–right, 2 top–bottom, 4 transposes (by hand)", () => {
    const out = new Float32Array(image.length);
    expect(Array.from(dihedralView(image, 0, 2, size, out))).toEqual(Array.from(image));
    dihedralView(image, 1, 2, size, out);
    expect([pixel(out, 0, 0, 0), pixel(out, 0, 0, 2), pixel(out, 1, 2, 0)]).toEqual([3, 1, 18]);
    dihedralView(image, 2, 2, size, out);
    expect([pixel(out, 0, 0, 0), pixel(out, 0, 2, 1)]).toEqual([7, 2]);
    dihedralView(image, 4, 2, size, out);
    expect([pixel(out, 0, 0, 1), pixel(out, 0, 1, 0), pixel(out, 1, 2, 0)]).toEqual([4, 2, 12]);
    // 3 = both mirrors = a half turn.
    dihedralView(image, 3, 2, size, out);
    expect(pixel(out, 0, 0, 0)).toBe(9);
  });

  it("gives 8 distinct images, each a permutation of the pixels within its channel", () => {
    const all = dihedralViews(image, 2, size);
    expect(all.length).toBe(DIHEDRAL_VIEWS * image.length);
    const seen = new Set<string>();
    for (let k = 0; k < DIHEDRAL_VIEWS; k++) {
      const view = all.subarray(k * image.length, (k + 1) * image.length);
      seen.add(Array.from(view).join(","));
      for (let c = 0; c < 2; c++) {
        const plane = (img: ArrayLike<number>) =>
          Array.from(img)
            .slice(c * 9, c * 9 + 9)
            .sort((a, b) => a - b);
        expect(plane(view)).toEqual(plane(image));
      }
    }
    expect(seen.size).toBe(8);
  });

  it("is a group: applying a view to a view gives another view", () => {
    const views = dihedralViews(image, 2, size);
    const keys = new Set(Array.from({ length: 8 }, (_, k) => Array.from(views.subarray(k * 18, (k + 1) * 18)).join(",")));
    const out = new Float32Array(18);
    for (let a = 0; a < 8; a++) {
      for (let b = 0; b < 8; b++) {
        dihedralView(views.subarray(a * 18, (a + 1) * 18), b, 2, size, out);
        expect(keys.has(Array.from(out).join(","))).toBe(true);
      }
    }
  });

  it("rejects a bad view number or image size, and averages rows", () => {
    expect(() => dihedralView(image, 8, 2, size, new Float32Array(18))).toThrow(/view 8/);
    expect(() => dihedralViews(image, 3, size)).toThrow(/expected 3 × 3 × 3/);
    expect(Array.from(meanOfRows([0.2, 0.8, 0.4, 0.6], 2))).toEqual([Math.fround(0.3), Math.fround(0.7)]);
    expect(() => meanOfRows([1, 2, 3], 2)).toThrow(/do not split/);
  });
});
