import { describe, expect, it } from "vitest";
import { PREVIEW_STUDENT, assignedExercises, checkStudentId, studentKey, variantSeed } from "./variants.ts";
import { sampleAssignment } from "./sampleWork.test-util.ts";

const a = sampleAssignment();

describe("variant seeds", () => {
  it("are stable: the same inputs give these exact seeds on every machine", () => {
    expect(variantSeed("Xy7kQ2pL", "ada", "neuron-output", 1, 0, 0)).toMatchInlineSnapshot(`"c9851d2a0169414f"`);
    // Versions pinned: a seed is a hash of the version, so the registry's current versions would move it.
    const pinned = sampleAssignment({ items: a.items.map((it) => ({ ...it, version: 1 })) });
    expect(assignedExercises(pinned, "Ada").map((e) => e.seed)).toMatchInlineSnapshot(`
      [
        "c9851d2a0169414f",
        "49aad3374a6168a4",
        "f1b9b3e516d9f272",
        "a81056f297b02174",
        "028797ca707700f3",
      ]
    `);
  });

  it("are the same for the same student in any capitalisation or spacing", () => {
    expect(studentKey("  Ada   LOVELACE ")).toBe("ada lovelace");
    expect(assignedExercises(a, "  Ada   LOVELACE ")).toEqual(assignedExercises(a, "ada lovelace"));
  });

  it("differ between students, between exercises and from the preview, with the same structure", () => {
    const students = Array.from({ length: 1000 }, (_, i) => `student-${i}`);
    const seeds = new Set<string>();
    for (const s of students) {
      const list = assignedExercises(a, s);
      expect(list.map((e) => [e.family, e.version, e.level, e.item, e.index])).toEqual(
        assignedExercises(a, PREVIEW_STUDENT).map((e) => [e.family, e.version, e.level, e.item, e.index]),
      );
      for (const e of list) seeds.add(e.seed);
    }
    expect(seeds.size).toBe(1000 * 5);
    const preview = assignedExercises(a, PREVIEW_STUDENT).map((e) => e.seed);
    for (const seed of preview) expect(seeds.has(seed)).toBe(false);
  });

  it("depend on the assignment id and on the family version", () => {
    expect(variantSeed("other-id", "ada", "neuron-output", 1, 0, 0)).not.toBe(variantSeed("Xy7kQ2pL", "ada", "neuron-output", 1, 0, 0));
    expect(variantSeed("Xy7kQ2pL", "ada", "neuron-output", 2, 0, 0)).not.toBe(variantSeed("Xy7kQ2pL", "ada", "neuron-output", 1, 0, 0));
  });

  it("student IDs are checked: empty, too long and control characters are refused", () => {
    expect(checkStudentId("  ")).toMatchObject({ ok: false });
    expect(checkStudentId("x".repeat(65))).toMatchObject({ ok: false });
    expect(checkStudentId("a\u0007b")).toMatchObject({ ok: false });
    expect(checkStudentId(" s1234567 ")).toEqual({ ok: true, value: "s1234567" });
  });
});
