import { describe, expect, it } from "vitest";
import { DASHES, plotLayout } from "./plotModel.ts";

const spec = {
  kind: "curves" as const,
  series: [
    {
      name: "training",
      points: [
        [0, 1],
        [1, 0.5],
        [2, 0.25],
      ] as [number, number][],
    },
    {
      name: "validation",
      points: [
        [0, 1.1],
        [1, 0.7],
        [2, 0.9],
      ] as [number, number][],
    },
  ],
  xLabel: "epoch",
  yLabel: "loss",
};

describe("plotLayout", () => {
  it("draws one path per series inside the plot area, told apart by dash pattern", () => {
    const layout = plotLayout(spec, 300, 200);
    expect(layout.series.map((s) => s.name)).toEqual(["training", "validation"]);
    expect(layout.series.map((s) => s.dash)).toEqual([DASHES[0], DASHES[1]]);
    for (const s of layout.series) {
      const numbers = s.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const xs = numbers.filter((_, i) => i % 2 === 0);
      const ys = numbers.filter((_, i) => i % 2 === 1);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(layout.inner.x0 - 1e-9);
      expect(Math.max(...xs)).toBeLessThanOrEqual(layout.inner.x1 + 1e-9);
      expect(Math.min(...ys)).toBeGreaterThanOrEqual(layout.inner.y1 - 1e-9);
      expect(Math.max(...ys)).toBeLessThanOrEqual(layout.inner.y0 + 1e-9);
    }
  });

  it("maps larger values higher up the chart", () => {
    const layout = plotLayout(
      {
        ...spec,
        series: [
          {
            name: "a",
            points: [
              [0, 0],
              [1, 10],
            ],
          },
        ],
      },
      300,
      200,
    );
    const [, y0, , y1] = layout.series[0]!.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(y1!).toBeLessThan(y0!);
  });

  it("puts log-axis ticks on powers of ten and skips non-positive values", () => {
    const layout = plotLayout(
      {
        ...spec,
        logY: true,
        series: [
          {
            name: "a",
            points: [
              [0, 0],
              [1, 1],
              [2, 100],
              [3, 1000],
            ],
          },
        ],
      },
      300,
      200,
    );
    expect(layout.yTicks.map((t) => t.label)).toEqual(["1", "10", "100", "1000"]);
  });

  it("describes itself for screen readers, preferring the family's own text", () => {
    expect(plotLayout(spec, 300, 200).description).toBe("Chart of loss against epoch, 2 curves: training, validation.");
    expect(plotLayout({ ...spec, alt: "Overfitting." }, 300, 200).description).toBe("Overfitting.");
  });

  it("copes with a single point and with no data", () => {
    expect(() => plotLayout({ ...spec, series: [{ name: "a", points: [[1, 1]] }] }, 100, 80, true)).not.toThrow();
    expect(plotLayout({ ...spec, series: [] }, 100, 80).series).toEqual([]);
  });
});
