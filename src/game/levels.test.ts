import { describe, expect, it } from "vitest";
import { LEVELS, levelFor } from "./levels.ts";

describe("survey levels", () => {
  it("are 2MASS → SDSS → LSST → SKA, in order of archive volume, with rising thresholds", () => {
    expect(LEVELS.map((l) => l.survey)).toEqual(["2mass", "sdss", "lsst", "ska"]);
    expect(LEVELS[0]!.minXp).toBe(0);
    for (let i = 1; i < LEVELS.length; i++) expect(LEVELS[i]!.minXp).toBeGreaterThan(LEVELS[i - 1]!.minXp);
  });

  it("start at 2MASS with zero progress", () => {
    expect(levelFor(0)).toMatchObject({ level: { survey: "2mass" }, fraction: 0, toNext: 100 });
  });

  it("give the fraction of the way to the next level", () => {
    const { level, next, fraction, toNext } = levelFor(300);
    expect(level.survey).toBe("sdss");
    expect(next?.survey).toBe("lsst");
    expect(fraction).toBeCloseTo(0.5, 12);
    expect(toNext).toBe(200);
  });

  it("change exactly at a threshold", () => {
    expect(levelFor(99).level.survey).toBe("2mass");
    expect(levelFor(100).level.survey).toBe("sdss");
  });

  it("stop at SKA with a full bar", () => {
    expect(levelFor(1e6)).toMatchObject({ level: { survey: "ska" }, next: null, fraction: 1, toNext: 0 });
  });
});
