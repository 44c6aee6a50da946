import { scaleLinear, scaleLog } from "d3";
import { describe, expect, it } from "vitest";
import { linearScale, logScale } from "./scales.ts";

// Domains of the kinds the charts meet: unit, epochs, negative targets, tiny and huge spans, reversed.
const DOMAINS: [number, number][] = [
  [0, 1],
  [1, 2],
  [1, 37],
  [1, 300],
  [-2.37, 4.12],
  [-0.013, 0.0071],
  [0.1, 0.3],
  [12_345, 987_654],
  [5, -3],
  [-1e-5, 3e-5],
];

describe("linearScale matches d3's scaleLinear", () => {
  for (const dom of DOMAINS) {
    it(`${dom.join(" … ")}`, () => {
      const ours = linearScale(dom, [40, 500]);
      const d3s = scaleLinear().domain(dom).range([40, 500]);
      for (const v of [dom[0], dom[1], (dom[0] + dom[1]) / 2, 0.123, -7]) expect(ours(v)).toBeCloseTo(d3s(v), 9);
      for (const count of [2, 4, 5, 10]) {
        expect(ours.ticks(count)).toEqual(d3s.ticks(count));
        const f = ours.tickFormat(count);
        const g = d3s.tickFormat(count);
        for (const t of d3s.ticks(count)) expect(f(t)).toBe(g(t));
        expect(ours.nice(count).domain()).toEqual(d3s.copy().nice(count).domain());
      }
    });
  }

  it("puts every value of a one-point domain mid-range, like d3", () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(scaleLinear().domain([3, 3]).range([0, 100])(3));
  });
});

describe("logScale matches d3's scaleLog", () => {
  const LOG_DOMAINS: [number, number][] = [
    [0.01, 1],
    [0.0234, 2.7],
    [0.3, 0.9],
    [1e-6, 10],
    [0.05, 0.08],
    [2, 2000],
  ];
  for (const dom of LOG_DOMAINS) {
    it(`${dom.join(" … ")}`, () => {
      const ours = logScale(dom, [300, 10]);
      const d3s = scaleLog().domain(dom).range([300, 10]);
      for (const v of [dom[0], dom[1], Math.sqrt(dom[0] * dom[1])]) expect(ours(v)).toBeCloseTo(d3s(v), 9);
      for (const count of [4, 5, 10]) expect(ours.ticks(count)).toEqual(d3s.ticks(count));
      expect(ours.nice().domain()).toEqual(d3s.copy().nice().domain());
      expect(ours.nice().ticks(4)).toEqual(d3s.copy().nice().ticks(4));
    });
  }
});
