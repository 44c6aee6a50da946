import { describe, expect, it } from "vitest";
import { FitsError, readFits } from "./fits.ts";
import { writeFits } from "./fitsWriter.test-util.ts";

// A 4 × 3 image whose FITS rows (bottom first) are 0–3, 4–7, 8–11.
const W = 4;
const H = 3;
const ramp = Array.from({ length: W * H }, (_, i) => i);
/** The ramp as the reader returns it: rows top first. */
const topFirst = [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3];

describe("readFits", () => {
  for (const bitpix of [8, 16, 32, -32, -64] as const) {
    it(`reads BITPIX ${bitpix} images, returning rows top first`, () => {
      const img = readFits(writeFits({ bitpix, width: W, height: H, values: ramp }));
      expect(img.width).toBe(W);
      expect(img.height).toBe(H);
      expect(img.depth).toBe(1);
      expect(img.bitpix).toBe(bitpix);
      expect(Array.from(img.planes[0])).toEqual(topFirst);
    });
  }

  it("applies BSCALE and BZERO (physical = BZERO + BSCALE × stored), e.g. unsigned 16-bit data", () => {
    const img = readFits(writeFits({ bitpix: 16, width: W, height: H, values: ramp.map((v) => v - 32768), bzero: 32768, bscale: 1 }));
    expect(Array.from(img.planes[0])).toEqual(topFirst);
    const scaled = readFits(writeFits({ bitpix: 16, width: W, height: H, values: ramp, bscale: 0.5, bzero: -1 }));
    expect(Array.from(scaled.planes[0])).toEqual(topFirst.map((v) => -1 + 0.5 * v));
  });

  it("round-trips float data exactly and turns BLANK integers into NaN", () => {
    const values = [1.5, -2.25, 3e-5, 1e10, 0, 6, 7, 8, 9, 10, 11, 12];
    expect(Array.from(readFits(writeFits({ bitpix: -64, width: W, height: H, values })).planes[0])).toEqual(
      [9, 10, 11, 12, 0, 6, 7, 8, 1.5, -2.25, 3e-5, 1e10].map((v) => Math.fround(v)),
    );
    const blank = readFits(
      writeFits({ bitpix: 16, width: W, height: H, values: ramp.map((v) => (v === 5 ? -999 : v)), cards: [["BLANK", "-999"]] }),
    );
    expect(Number.isNaN(blank.planes[0][5])).toBe(true);
  });

  it("reads one plane of a NAXIS = 3 cube, or all of them (the g, r, z planes of a Legacy Survey cutout)", () => {
    const cube = [...ramp, ...ramp.map((v) => v + 100), ...ramp.map((v) => v + 200)];
    const bytes = writeFits({ bitpix: -32, width: W, height: H, depth: 3, values: cube });
    expect(Array.from(readFits(bytes, { plane: 2 }).planes[0])).toEqual(topFirst.map((v) => v + 200));
    const all = readFits(bytes, { plane: "all" });
    expect(all.depth).toBe(3);
    expect(all.planes.map((p) => p[0])).toEqual([8, 108, 208]);
    expect(() => readFits(bytes, { plane: 3 })).toThrow(/plane 3 does not exist: the file has 3/);
  });

  it("parses header values: strings with doubled quotes, booleans, numbers with D exponents", () => {
    const img = readFits(
      writeFits({
        bitpix: 8,
        width: W,
        height: H,
        values: ramp,
        cards: [
          ["OBJECT", "'NGC 891 ''edge'''"],
          ["FLAG", "F"],
          ["EXPTIME", "1.5D2"],
        ],
      }),
    );
    expect(img.header.OBJECT).toBe("NGC 891 'edge'");
    expect(img.header.FLAG).toBe(false);
    expect(img.header.EXPTIME).toBe(150);
  });

  it("refuses what it cannot read, saying why", () => {
    const ok = { width: W, height: H, values: ramp };
    expect(() => readFits(writeFits({ ...ok, bitpix: 64 }))).toThrow(/BITPIX = 64 is not supported/);
    expect(() => readFits(writeFits({ ...ok, bitpix: 16, naxis: 0, values: [], cards: [["EXTEND", "T"]] }))).toThrow(
      /no image \(NAXIS = 0\).*compressed/,
    );
    expect(() => readFits(writeFits({ ...ok, bitpix: 16, naxis: 4, depth: 1 }))).toThrow(/NAXIS = 4/);
    expect(() => readFits(writeFits({ ...ok, bitpix: 16, firstCard: "XTENSION= 'BINTABLE'".padEnd(80) }))).toThrow(/extension/);
    expect(() => readFits(new TextEncoder().encode("hello"))).toThrow(FitsError);
    const full = writeFits({ bitpix: -64, width: 40, height: 40, values: new Array(1600).fill(1) });
    expect(() => readFits(full.subarray(0, full.length - 2880 * 2))).toThrow(/truncated FITS file/);
    const noEnd = new Uint8Array(2880).fill(32);
    noEnd.set(new TextEncoder().encode("SIMPLE  =                    T"));
    expect(() => readFits(noEnd)).toThrow(/no END card/);
  });
});
