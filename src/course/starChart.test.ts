import { describe, expect, it } from "vitest";
import { layoutStarChart, stableJitter } from "./starChart.ts";

const lessons = [
  { id: "a", part: "p1", order: 0, minutes: 20 },
  { id: "b", part: "p1", order: 1, minutes: 30 },
  { id: "c", part: "p2", order: 2, minutes: 40 },
  { id: "d", part: "p3", order: 3, minutes: 10 },
];

describe("layoutStarChart", () => {
  it("places every lesson as one star inside the chart's margins", () => {
    for (const direction of ["wide", "tall"] as const) {
      const chart = layoutStarChart(lessons, ["p1", "p2", "p3"], { width: 800, height: 500, direction, margin: 30 });
      expect(chart.stars.map((s) => s.id)).toEqual(["a", "b", "c", "d"]);
      for (const star of chart.stars) {
        expect(star.x).toBeGreaterThanOrEqual(30);
        expect(star.x).toBeLessThanOrEqual(770);
        expect(star.y).toBeGreaterThanOrEqual(30);
        expect(star.y).toBeLessThanOrEqual(470);
      }
    }
  });

  it("joins consecutive lessons of a part and nothing across parts", () => {
    const chart = layoutStarChart(lessons, ["p1", "p2", "p3"], { width: 800, height: 500, direction: "wide" });
    expect(chart.constellations.map((c) => [c.part, c.lines.length])).toEqual([
      ["p1", 1],
      ["p2", 0],
      ["p3", 0],
    ]);
  });

  it("orders parts along the long axis: left to right when wide, top to bottom when tall", () => {
    const wide = layoutStarChart(lessons, ["p1", "p2", "p3"], { width: 800, height: 500, direction: "wide" });
    const xs = wide.stars.map((s) => s.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const tall = layoutStarChart(lessons, ["p1", "p2", "p3"], { width: 360, height: 900, direction: "tall" });
    const ys = tall.stars.map((s) => s.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it("skips parts that have no lessons yet", () => {
    const chart = layoutStarChart(lessons, ["p0", "p1", "p2", "p3"], { width: 800, height: 500, direction: "wide" });
    expect(chart.constellations.map((c) => c.part)).toEqual(["p1", "p2", "p3"]);
  });

  it("is the same on every build (the jitter is a hash, not a random draw)", () => {
    expect(stableJitter("why-deep-learning")).toBe(stableJitter("why-deep-learning"));
    expect(stableJitter("a")).not.toBe(stableJitter("b"));
    expect(stableJitter("a")).toBeGreaterThanOrEqual(0);
    expect(stableJitter("a")).toBeLessThan(1);
  });
});
