import { describe, expect, it } from "vitest";
import { families, lessons } from "./registry.ts";
import { selfTest } from "./selfTest.ts";

describe("every registered family tests itself over 200 seeds per level", () => {
  for (const family of families) {
    it(`${family.id}: valid parameters, full marks for the answer, zero for each misconception, invalid garbage, a solution ending at the answer, reproducible`, () => {
      expect(selfTest(family, { seeds: 200 })).toEqual([]);
    });
  }
});

describe("the registry", () => {
  it("has unique family ids, levels within 1..3, and a known lesson for each family", () => {
    const ids = families.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of families) {
      expect(lessons).toContain(f.lesson);
      expect(f.levels.length).toBeGreaterThan(0);
      for (const l of f.levels) expect([1, 2, 3]).toContain(l);
      expect(f.skills.length).toBeGreaterThan(0);
    }
  });
});
