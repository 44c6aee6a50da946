import { describe, expect, it } from "vitest";
import { emptyProgress } from "../game/schema.ts";
import { anotherLike, familiesForFocus, knownFamilies, pickExercise } from "./session.ts";

const all = [
  { id: "a", lesson: "l1", skills: ["s1"], levels: [1, 2, 3] },
  { id: "b", lesson: "l2", skills: ["s2", "s1"], levels: [1, 2] },
];

describe("a practice session", () => {
  it("drops family ids the registry does not know", () => {
    expect(knownFamilies(["x", "b"], all).map((f) => f.id)).toEqual(["b"]);
  });

  it("finds the families of a lesson or a skill, or all of them", () => {
    expect(familiesForFocus("lesson:l2", all)).toEqual(["b"]);
    expect(familiesForFocus("skill:s1", all)).toEqual(["a", "b"]);
    expect(familiesForFocus("skill:s2", all)).toEqual(["b"]);
    expect(familiesForFocus(undefined, all)).toEqual(["a", "b"]);
    expect(familiesForFocus("lesson:nope", all)).toEqual(["a", "b"]);
  });

  it("picks the least mastered family at the level its mastery earns", () => {
    const progress = { ...emptyProgress(), mastery: { s1: { p: 0.9, n: 5, correct: 5, at: 0 } } };
    expect(pickExercise(["a", "b"], progress, () => 0.5, all)).toEqual({ family: "b", level: 2, seed: "550000" });
    expect(pickExercise(["nope"], progress, () => 0.5, all)).toBeNull();
  });

  it("makes another one like this with a new seed", () => {
    expect(anotherLike({ family: "a", level: 2, seed: "550000" }, () => 0.5)).toEqual({ family: "a", level: 2, seed: "550001" });
    expect(anotherLike({ family: "a", level: 2, seed: "1" }, () => 0)).toEqual({ family: "a", level: 2, seed: "100000" });
  });

  it("works with the real registry", () => {
    const pick = pickExercise(familiesForFocus("all"), emptyProgress(), () => 0.1);
    expect(pick?.level).toBe(1);
  });
});
