import { describe, expect, it } from "vitest";
import {
  SURVEYS,
  daysToFillArchiveOf,
  daysToReach,
  growthFactor,
  logTrend,
  metricValue,
  surveyById,
  terabytesPerYear,
  yearsToFillOwnArchive,
} from "./surveys.ts";
import type { Survey } from "./surveys.ts";

const sdss = surveyById("sdss");
const lsst = surveyById("lsst");
const twoMass = surveyById("2mass");
const ska = surveyById("ska");

describe("the survey table", () => {
  it("lists 2MASS, SDSS, Rubin/LSST and SKA, oldest first, with the lecture's numbers", () => {
    expect(SURVEYS.map((s) => [s.id, s.firstLight, s.rateGBPerDay, s.archiveTB])).toEqual([
      ["2mass", 1997, 20, 25.4],
      ["sdss", 2000, 200, 50],
      ["lsst", 2023, 30_000, 200_000],
      ["ska", 2027, 150_000, 4_600_000],
    ]);
  });

  it("spells out every survey's full name", () => {
    expect(twoMass.fullName).toBe("Two Micron All Sky Survey");
    expect(sdss.fullName).toBe("Sloan Digital Sky Survey");
    expect(lsst.fullName).toContain("Legacy Survey of Space and Time");
    expect(ska.fullName).toBe("Square Kilometre Array");
  });

  it("has unique ids", () => {
    expect(new Set(SURVEYS.map((s) => s.id)).size).toBe(SURVEYS.length);
  });

  it("surveyById throws on an unknown id instead of returning undefined", () => {
    expect(() => surveyById("hst" as never)).toThrow(/Unknown survey/);
  });

  it("metricValue reads the archive in TB or the rate in GB/day", () => {
    expect(metricValue(sdss, "archiveTB")).toBe(50);
    expect(metricValue(sdss, "rateGBPerDay")).toBe(200);
  });
});

describe("survey arithmetic (1 TB = 1000 GB)", () => {
  it("daysToReach: Rubin fills SDSS's 50 TB in 50 000 GB / 30 000 GB/day = 5/3 days", () => {
    expect(daysToReach(lsst, 50)).toBeCloseTo(5 / 3, 12);
    expect(daysToFillArchiveOf(lsst, sdss)).toBeCloseTo(5 / 3, 12);
  });

  it("daysToReach: SKA collects 1 TB in 1000 / 150 000 = 1/150 day (under 10 minutes)", () => {
    expect(daysToReach(ska, 1)).toBeCloseTo(1 / 150, 12);
    expect(daysToReach(ska, 1) * 24 * 60).toBeCloseTo(9.6, 9);
  });

  it("daysToReach of zero volume is zero days, and negative volumes are refused", () => {
    expect(daysToReach(sdss, 0)).toBe(0);
    expect(() => daysToReach(sdss, -1)).toThrow(RangeError);
    expect(() => daysToReach(sdss, Number.NaN)).toThrow(RangeError);
  });

  it("yearsToFillOwnArchive: 2MASS needs 25 400 GB / 20 GB/day = 1270 days ≈ 3.48 years", () => {
    expect(yearsToFillOwnArchive(twoMass)).toBeCloseTo(1270 / 365.25, 12);
    expect(yearsToFillOwnArchive(twoMass)).toBeCloseTo(3.477, 3);
  });

  it("terabytesPerYear: SDSS's 200 GB/day is 200 × 365.25 / 1000 = 73.05 TB per year", () => {
    expect(terabytesPerYear(sdss)).toBeCloseTo(73.05, 10);
  });

  it("growthFactor: SKA's archive is 4.6e6 / 25.4 ≈ 181 102 times 2MASS's", () => {
    expect(growthFactor(twoMass, ska, "archiveTB")).toBeCloseTo(181_102.36, 1);
    expect(growthFactor(twoMass, ska, "rateGBPerDay")).toBe(7500);
  });
});

describe("logTrend", () => {
  const decadePerYear: Survey[] = [2000, 2001, 2002].map((year, i) => ({
    id: "sdss",
    shortName: `S${i}`,
    fullName: `Survey ${i}`,
    firstLight: year,
    rateGBPerDay: 10 ** (i + 1),
    archiveTB: 10 ** (i + 1),
  }));

  it("recovers one decade per year from 10, 100, 1000 in consecutive years", () => {
    const trend = logTrend("archiveTB", decadePerYear);
    expect(trend.slope).toBeCloseTo(1, 12);
    expect(trend.tenfoldYears).toBeCloseTo(1, 12);
    // log10(10) = 1 at year 2000, so the intercept is 1 − 2000.
    expect(trend.intercept).toBeCloseTo(-1999, 9);
  });

  it("puts the four archives on a tenfold-every-~5.9-years trend (hand fit: slope 120.56 / 714.75)", () => {
    const trend = logTrend("archiveTB");
    expect(trend.slope).toBeCloseTo(120.5596 / 714.75, 4);
    expect(trend.tenfoldYears).toBeCloseTo(5.93, 2);
  });

  it("puts the four data rates on a tenfold-every-~8.6-years trend (hand fit: slope 83.0757 / 714.75)", () => {
    const trend = logTrend("rateGBPerDay");
    expect(trend.slope).toBeCloseTo(83.0757 / 714.75, 4);
    expect(trend.tenfoldYears).toBeCloseTo(8.6, 1);
  });

  it("refuses fewer than two surveys or surveys all from one year", () => {
    expect(() => logTrend("archiveTB", [sdss])).toThrow(RangeError);
    expect(() => logTrend("archiveTB", [sdss, { ...lsst, firstLight: 2000 }])).toThrow(RangeError);
  });
});
