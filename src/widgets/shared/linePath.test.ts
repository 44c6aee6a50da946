import { line } from "d3";
import { describe, expect, it } from "vitest";
import { Rng } from "../../lib/random/index.ts";
import { linePath } from "./linePath.ts";

describe("linePath draws what d3-shape's line() draws", () => {
  it("gives d3's path text for random series, with and without gaps", () => {
    const rng = new Rng("linePath");
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(rng.uniform(0, 12));
      const values = Array.from({ length: n }, () => (rng.next() < 0.25 ? NaN : rng.uniform(-1000, 1000)));
      const x = (_: number, i: number) => 17.123456 * i - 3;
      const y = (v: number) => v / 7;
      const finite = (v: number) => Number.isFinite(v);
      expect(linePath(values, x, y, finite)).toBe(line<number>().x(x).y(y).defined(finite)(values) ?? "");
      const filled = values.map((v) => (Number.isFinite(v) ? v : 0));
      expect(linePath(filled, x, y)).toBe(line<number>().x(x).y(y)(filled) ?? "");
    }
  });

  it("starts a new M after each break and closes a lone point, as d3 does", () => {
    const values = [1, NaN, 2, 3, NaN, NaN, 4];
    const path = linePath(
      values,
      (_, i) => i,
      (v) => v,
      (v) => Number.isFinite(v),
    );
    expect(path).toBe("M0,1ZM2,2L3,3M6,4Z");
    expect(linePath([], (_, i) => i, Number)).toBe("");
  });
});
