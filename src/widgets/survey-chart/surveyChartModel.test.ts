import { describe, expect, it } from "vitest";
import { SURVEYS, surveyById } from "../../lib/astro/surveys.ts";
import {
  chartLayout,
  decadeDomain,
  decadeTicks,
  describeChart,
  describeSurvey,
  formatBytes,
  formatCompact,
  formatQuantity,
  groupDigits,
  labelBox,
  parseSurveyChartState,
  placeLabels,
  readoutLines,
  serializeSurveyChartState,
  yearDomain,
  yearTicks,
} from "./surveyChartModel.ts";
import type { Box, ChartLayout } from "./surveyChartModel.ts";

describe("number formatting", () => {
  it("formatCompact labels powers of ten as 10, 100, 1k, 10k, 100k, 1M, 10M", () => {
    expect([10, 100, 1e3, 1e4, 1e5, 1e6, 1e7].map(formatCompact)).toEqual(["10", "100", "1k", "10k", "100k", "1M", "10M"]);
  });

  it("formatCompact keeps up to three significant digits: 25.4, 4.6M, 1.5k", () => {
    expect(formatCompact(25.4)).toBe("25.4");
    expect(formatCompact(4.6e6)).toBe("4.6M");
    expect(formatCompact(1500)).toBe("1.5k");
  });

  it("groupDigits groups thousands with commas regardless of locale", () => {
    expect(groupDigits(30_000)).toBe("30,000");
    expect(groupDigits(181_102.36, 0)).toBe("181,102");
    expect(groupDigits(25.4)).toBe("25.4");
  });

  it("formatQuantity writes millions as words and smaller values with digit groups", () => {
    expect(formatQuantity(4_600_000, "TB")).toBe("4.6 million TB");
    expect(formatQuantity(200_000, "TB")).toBe("200,000 TB");
    expect(formatQuantity(20, "GB/day")).toBe("20 GB/day");
  });

  it("formatBytes picks the largest decimal unit: 50,000 GB = 50 TB, 2e8 GB = 200 PB, 4.6e9 GB = 4.6 EB", () => {
    expect(formatBytes(50_000)).toBe("50 TB");
    expect(formatBytes(2e8)).toBe("200 PB");
    expect(formatBytes(4.6e9)).toBe("4.6 EB");
    expect(formatBytes(200)).toBe("200 GB");
  });
});

describe("domains and ticks", () => {
  it("decadeDomain widens the archive volumes 25.4 … 4.6e6 TB to whole decades 10 … 1e7", () => {
    expect(decadeDomain(SURVEYS.map((s) => s.archiveTB))).toEqual([10, 1e7]);
  });

  it("decadeDomain widens the data rates 20 … 150,000 GB/day to 10 … 1e6", () => {
    expect(decadeDomain(SURVEYS.map((s) => s.rateGBPerDay))).toEqual([10, 1e6]);
  });

  it("decadeDomain gives an exact power of ten a whole decade, and refuses non-positive values", () => {
    expect(decadeDomain([100])).toEqual([100, 1000]);
    expect(() => decadeDomain([0, 10])).toThrow(RangeError);
    expect(() => decadeDomain([])).toThrow(RangeError);
  });

  it("decadeTicks puts one tick on every power of ten", () => {
    expect(decadeTicks([10, 1e6])).toEqual([10, 100, 1e3, 1e4, 1e5, 1e6]);
  });

  it("yearDomain pads 1997 … 2027 to 1995 … 2030", () => {
    expect(yearDomain([1997, 2000, 2023, 2027])).toEqual([1995, 2030]);
  });

  it("yearTicks steps by 5 years when wide and by 10 years when narrow", () => {
    expect(yearTicks([1995, 2030], 600)).toEqual([1995, 2000, 2005, 2010, 2015, 2020, 2025, 2030]);
    expect(yearTicks([1995, 2030], 280)).toEqual([2000, 2010, 2020, 2030]);
  });
});

describe("label placement", () => {
  const bounds: Box = { x: 0, y: 0, width: 400, height: 300 };
  const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it("puts a lone label to the right of its marker", () => {
    const [label] = placeLabels([{ text: "SDSS", cx: 100, cy: 150 }], bounds);
    expect(label.anchor).toBe("start");
    expect(label.x).toBeGreaterThan(100);
  });

  it("moves a label to the left when the right would leave the chart", () => {
    const [label] = placeLabels([{ text: "SKA", cx: 395, cy: 150 }], bounds);
    expect(label.anchor).toBe("end");
  });

  it("moves a label off a neighbouring marker that sits where the label would go", () => {
    const markers = [
      { text: "2MASS", cx: 50, cy: 150 },
      { text: "SDSS", cx: 75, cy: 144 },
    ];
    const labels = placeLabels(markers, bounds);
    const box = labelBox("2MASS", labels[0].x, labels[0].y, labels[0].anchor);
    expect(overlaps(box, { x: 75 - 9, y: 144 - 9, width: 18, height: 18 })).toBe(false);
  });
});

describe("chartLayout", () => {
  const check = (layout: ChartLayout) => {
    const { plot } = layout;
    for (const p of layout.points) {
      expect(p.cx).toBeGreaterThanOrEqual(plot.left);
      expect(p.cx).toBeLessThanOrEqual(plot.right);
      expect(p.cy).toBeGreaterThanOrEqual(plot.top);
      expect(p.cy).toBeLessThanOrEqual(plot.bottom);
    }
    // No two name labels overlap, and none covers a marker.
    const boxes = layout.points.map((p) => labelBox(p.shortName, p.labelX, p.labelY, p.labelAnchor));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = 0; j < boxes.length; j++) {
        const marker = { x: layout.points[j].cx - 7, y: layout.points[j].cy - 7, width: 14, height: 14 };
        const b = boxes[i];
        const hit = (o: Box) => b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height;
        expect(hit(marker), `${layout.points[i].id} label on ${layout.points[j].id} marker`).toBe(false);
        if (i !== j) expect(hit(boxes[j]), `${layout.points[i].id} label on ${layout.points[j].id} label`).toBe(false);
      }
    }
  };

  for (const width of [320, 360, 640, 900]) {
    for (const metric of ["archiveTB", "rateGBPerDay"] as const) {
      it(`keeps every point inside the plot and every label clear at ${width} px (${metric})`, () => {
        check(chartLayout({ width, metric }));
      });
    }
  }

  it("places points left to right by year and bottom to top by value (SVG y grows downwards)", () => {
    const layout = chartLayout({ width: 640, metric: "archiveTB" });
    const xs = layout.points.map((p) => p.cx);
    const ys = layout.points.map((p) => p.cy);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
  });

  it("puts the 1M TB tick one sixth of the way from the 10M tick to the 10 TB tick (six decades)", () => {
    const layout = chartLayout({ width: 640, metric: "archiveTB" });
    const at = (label: string) => layout.yTicks.find((t) => t.label === label)!.position;
    expect(at("1M TB") - at("10M TB")).toBeCloseTo((at("10 TB") - at("10M TB")) / 6, 9);
    expect(layout.yTicks.map((t) => t.label)).toEqual(["10 TB", "100 TB", "1k TB", "10k TB", "100k TB", "1M TB", "10M TB"]);
  });

  it("drops the unit from tick labels below 480 px, where the axis title still carries it", () => {
    const layout = chartLayout({ width: 360, metric: "archiveTB" });
    expect(layout.yTicks.map((t) => t.label)).toEqual(["10", "100", "1k", "10k", "100k", "1M", "10M"]);
    expect(layout.yTitle).toContain("(TB)");
  });

  it("labels the y axis with the metric and its unit, and the rate ticks in GB/day", () => {
    const layout = chartLayout({ width: 640, metric: "rateGBPerDay" });
    expect(layout.yTitle).toBe("Data rate (GB/day), log scale");
    expect(layout.yTicks[0].label).toBe("10 GB/day");
  });

  it("draws a trend path that starts with a move and stays in the plot's x range", () => {
    const layout = chartLayout({ width: 640, metric: "archiveTB" });
    expect(layout.trendPath).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    const xs = [...layout.trendPath.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(layout.plot.left - 1e-9);
      expect(x).toBeLessThanOrEqual(layout.plot.right + 1e-9);
    }
  });

  it("never lets the chart get shorter than 280 px or taller than 400 px", () => {
    expect(chartLayout({ width: 300, metric: "archiveTB" }).height).toBe(280);
    expect(chartLayout({ width: 2000, metric: "archiveTB" }).height).toBe(400);
  });
});

describe("words for screen readers and the readout", () => {
  it("describes a survey with its name, full name, year and both values", () => {
    expect(describeSurvey(surveyById("sdss"))).toBe(
      "SDSS (Sloan Digital Sky Survey), first light 2000: archive 50 TB, data rate 200 GB/day.",
    );
  });

  it("puts the plotted metric first in the readout and converts to PB/EB", () => {
    const ska = surveyById("ska");
    expect(readoutLines(ska, "archiveTB").values[0]).toBe("Archive: 4.6 million TB (4.6 EB)");
    expect(readoutLines(ska, "rateGBPerDay").values[0]).toBe("Data rate: 150,000 GB/day (150 TB per day)");
  });

  it("adds no byte conversion that would only repeat the value (50 TB, 200 GB/day)", () => {
    expect(readoutLines(surveyById("sdss"), "archiveTB").values).toEqual(["Archive: 50 TB", "Data rate: 200 GB/day"]);
  });

  it("mentions a former name where a survey has one (Rubin was LSST)", () => {
    expect(describeSurvey(surveyById("lsst"))).toContain("formerly Large Synoptic Survey Telescope");
  });

  it("summarises the chart: 2MASS to SKA is ~181,102 times more archive in 30 years", () => {
    const text = describeChart("archiveTB");
    expect(text).toContain("181,102 times in 30 years");
    expect(text).toContain("tenfold every 5.9 years");
  });
});

describe("URL state", () => {
  it("round-trips both metrics through the query string", () => {
    for (const metric of ["archiveTB", "rateGBPerDay"] as const) {
      expect(parseSurveyChartState(serializeSurveyChartState({ metric }))).toEqual({ metric });
    }
    expect(serializeSurveyChartState({ metric: "rateGBPerDay" })).toBe("metric=rate");
  });

  it("falls back to the archive volume for a missing or unknown metric", () => {
    expect(parseSurveyChartState("")).toEqual({ metric: "archiveTB" });
    expect(parseSurveyChartState("metric=banana")).toEqual({ metric: "archiveTB" });
  });
});
