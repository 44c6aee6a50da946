import { describe, expect, it } from "vitest";
import { HINT_COST, XP_PER_LEVEL, exerciseValue, xpForAttempt } from "./xp.ts";

describe("XP", () => {
  it("pays more for harder levels", () => {
    expect(exerciseValue(1, 1, 1, 0)).toBe(XP_PER_LEVEL);
    expect(exerciseValue(3, 1, 1, 0)).toBe(3 * XP_PER_LEVEL);
  });
  it("pays partial credit in proportion", () => {
    expect(exerciseValue(2, 1, 2, 0)).toBe(XP_PER_LEVEL);
  });
  it("pays nothing for a wrong answer", () => {
    expect(exerciseValue(3, 0, 2, 0)).toBe(0);
  });
  it("takes HINT_COST per hint from the exercise's reward, never below zero", () => {
    expect(exerciseValue(1, 1, 1, 1)).toBe(XP_PER_LEVEL - HINT_COST);
    expect(exerciseValue(1, 1, 1, 10)).toBe(0);
    expect(exerciseValue(1, 0, 1, 3)).toBe(0);
  });
  it("halves the reward with each earlier graded answer to the same exercise, so guessing costs more than a hint", () => {
    expect([0, 1, 2, 3].map((tries) => exerciseValue(2, 1, 1, 0, tries))).toEqual([20, 10, 5, 3]);
    for (const level of [1, 2, 3]) {
      for (const tries of [1, 2, 3]) {
        expect(exerciseValue(level, 1, 1, 0, tries)).toBeLessThanOrEqual(exerciseValue(level, 1, 1, 1, 0));
      }
    }
  });
  it("pays an exercise instance at most its value once", () => {
    expect(xpForAttempt(10, 0)).toBe(10);
    expect(xpForAttempt(10, 10)).toBe(0);
    expect(xpForAttempt(20, 10)).toBe(10);
    expect(xpForAttempt(5, 10)).toBe(0);
  });

  it("pays nothing once the worked solution has been shown", () => {
    expect(exerciseValue(3, 2, 2, 0, 0, true)).toBe(0);
    expect(exerciseValue(3, 2, 2, 0, 0, false)).toBe(3 * XP_PER_LEVEL);
  });
});
