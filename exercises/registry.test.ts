import { describe, expect, it } from "vitest";
import { answerText } from "../src/lib/grading/index.ts";
import { correctInput } from "./family.ts";
import {
  createExercise,
  exerciseParams,
  families,
  familiesForLesson,
  getFamily,
  gradeExercise,
  lessons,
  validateExercise,
} from "./registry.ts";

describe("registry", () => {
  it("getFamily names the unknown id and lists the known ones", () => {
    expect(() => getFamily("nope")).toThrow(/Unknown exercise family “nope”. Known families: survey-days/);
  });

  it("every lesson has at least one family, and familiesForLesson returns exactly the lesson's families", () => {
    for (const lesson of lessons) {
      const fs = familiesForLesson(lesson);
      expect(fs.length, lesson).toBeGreaterThan(0);
      for (const f of fs) expect(f.lesson).toBe(lesson);
    }
    expect(familiesForLesson("no-such-lesson")).toEqual([]);
    expect(families.length).toBeGreaterThanOrEqual(30);
  });

  it("createExercise is reproducible for any seed string and differs between seeds", () => {
    const a = createExercise("gd-step", "galaxy-42", 2);
    expect(createExercise("gd-step", "galaxy-42", 2)).toEqual(a);
    expect(createExercise("gd-step", "galaxy-43", 2).prompt).not.toBe(a.prompt);
    expect(a).toMatchObject({ id: "gd-step", version: 1, seed: "galaxy-42", level: 2 });
    expect(createExercise("gd-step", 5).level).toBe(1);
  });

  it("createExercise refuses a level the family does not have", () => {
    expect(() => createExercise("survey-growth", 1, 3)).toThrow(/has no level 3/);
  });

  it("gradeExercise regenerates the parameters and recognises misconceptions; validateExercise needs only the data", () => {
    const e = createExercise("updates-per-epoch", 3, 1);
    expect(gradeExercise(e, correctInput(e.answer, answerText))).toMatchObject({ kind: "points", earned: 1, total: 1 });
    const floor = getFamily("updates-per-epoch").misconceptions(exerciseParams(e.id, e.seed, e.level))[0];
    expect(gradeExercise(e, floor.input)).toMatchObject({
      kind: "points",
      earned: 0,
      feedback: [expect.objectContaining({ misconception: "no-ceiling" })],
    });
    expect(validateExercise(e, { updates: "12.5" })).toMatch(/whole number/);
    expect(gradeExercise(e, { updates: "" })).toMatchObject({ kind: "invalid" });
    expect(() => gradeExercise({ ...e, version: 0 }, { updates: "1" })).toThrow(/version 0/);
  });
});
