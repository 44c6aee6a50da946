import { describe, expect, it } from "vitest";
import { chooseNext, levelForMastery } from "./nextExercise.ts";

const families = [
  { id: "a", skills: ["s1"], levels: [1, 2, 3] },
  { id: "b", skills: ["s2", "s3"], levels: [1, 2, 3] },
];
const m = (p: number) => ({ p, n: 1, correct: 1, at: 0 });

describe("choosing the next exercise", () => {
  it("picks the family whose skills are least mastered", () => {
    expect(chooseNext(families, { s1: m(0.9), s2: m(0.3), s3: m(0.5) })?.family).toBe("b");
    expect(chooseNext(families, { s1: m(0.1), s2: m(0.9), s3: m(0.9) })?.family).toBe("a");
  });

  it("alternates between equally weak families, least recently practised first", () => {
    expect(chooseNext(families, {})?.family).toBe("a");
    expect(chooseNext(families, {}, [{ family: "a", at: 5 }])?.family).toBe("b");
    expect(
      chooseNext(families, {}, [
        { family: "a", at: 5 },
        { family: "b", at: 6 },
      ])?.family,
    ).toBe("a");
  });

  it("raises the level as mastery rises", () => {
    expect(levelForMastery([1, 2, 3], 0.2)).toBe(1);
    expect(levelForMastery([1, 2, 3], 0.5)).toBe(2);
    expect(levelForMastery([1, 2, 3], 0.97)).toBe(3);
    expect(levelForMastery([1, 2, 3], 1)).toBe(3);
    expect(chooseNext([families[0]!], { s1: m(0.99) })?.level).toBe(3);
  });

  it("returns null with nothing to choose from", () => {
    expect(chooseNext([], {})).toBeNull();
  });
});
