import { describe, expect, it } from "vitest";
import { qualifyingBadges } from "./badges.ts";
import { emptyProgress, type Attempt } from "./schema.ts";

/** A right (or wrong) answer to exercise `seed`, after `tries` earlier graded answers to it. */
function attempt(seed: number, right: boolean, tries = 0): Attempt {
  const at = 1_000 + seed * 10 + tries;
  return {
    id: `${at}:f:${seed}:1`,
    at,
    day: "2026-12-07",
    family: "f",
    version: 1,
    seed: String(seed),
    level: 1,
    skills: ["s"],
    earned: right ? 1 : 0,
    total: 1,
    hints: 0,
    ...(tries > 0 ? { tries } : {}),
    xp: right ? 10 : 0,
  };
}

describe("badges for right answers", () => {
  it("first light is the first right answer, even after wrong tries", () => {
    const progress = { ...emptyProgress(), attempts: [attempt(0, false), attempt(0, true, 1)] };
    expect(qualifyingBadges(progress, "2026-12-07")).toContain("first-light");
  });

  it("survey complete counts exercises right at the first try, not right answers reached by cycling the options", () => {
    const cycled = Array.from({ length: 100 }, (_, i) => [attempt(i, false), attempt(i, false, 1), attempt(i, true, 2)]).flat();
    expect(qualifyingBadges({ ...emptyProgress(), attempts: cycled }, "2026-12-07")).not.toContain("hundred-right");
    const known = Array.from({ length: 100 }, (_, i) => attempt(i, true));
    expect(qualifyingBadges({ ...emptyProgress(), attempts: known }, "2026-12-07")).toContain("hundred-right");
  });

  it("ten in a row is broken by the wrong tries in between", () => {
    const cycled = Array.from({ length: 10 }, (_, i) => [attempt(i, false), attempt(i, true, 1)]).flat();
    expect(qualifyingBadges({ ...emptyProgress(), attempts: cycled }, "2026-12-07")).not.toContain("ten-in-a-row");
  });
});
