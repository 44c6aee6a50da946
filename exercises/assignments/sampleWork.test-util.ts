// A sample assignment and helpers that play a student (right, wrong and mixed work), for the
// assignment and grading-CLI tests.
import { createExercise, getFamily } from "../registry.ts";
import { answerText } from "../../src/lib/grading/index.ts";
import type { Assignment, AssignmentItem } from "./assignment.ts";
import type { Receipt } from "./receipt.ts";
import { assignedExercises } from "./variants.ts";

/** An assignment item at the family's current version (a version bump must not break these tests). */
export function item(family: string, level: number, count: number): AssignmentItem {
  return { family, version: getFamily(family).version, level, count };
}

export const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

export function sampleAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: "Xy7kQ2pL",
    title: "Week 3: neurons & <activations>",
    due: "2025-03-31",
    attempts: 3,
    hints: true,
    items: [item("neuron-output", 1, 2), item("activation-property", 2, 1), item("training-step-order", 1, 1), item("layer-output", 1, 1)],
    ...overrides,
  };
}

/** The right raw input for every part of one exercise. */
export function rightInput(ref: { family: string; seed: string; level: number }): Record<string, string> {
  const e = createExercise(ref.family, ref.seed, ref.level);
  return Object.fromEntries(Object.entries(e.answer).map(([id, spec]) => [id, answerText(spec)]));
}

/** A wrong but readable input for every part (a wrong number, option or order). */
export function wrongInput(ref: { family: string; seed: string; level: number }): Record<string, string> {
  const e = createExercise(ref.family, ref.seed, ref.level);
  return Object.fromEntries(
    Object.entries(e.answer).map(([id, spec]) => {
      switch (spec.kind) {
        case "choice":
          return [id, spec.options.find((o) => o.id !== spec.correct)!.id];
        case "ordering":
          return [id, [...spec.correct].reverse().join(", ")];
        case "vector":
          return [id, `[${spec.value.map(() => "12345").join(", ")}]`];
        case "matrix":
          return [id, spec.value.map((row) => row.map(() => "12345").join(" ")).join("; ")];
        case "expression":
          return [id, "12345"];
        default:
          return [id, "12345"];
      }
    }),
  );
}

/** A receipt in which the student answers exercises right, except those listed in `wrong`. */
export function studentReceipt(a: Assignment, student: string, wrong: number[] = [], issuedAt = T0 + 3_600_000): Receipt {
  const refs = assignedExercises(a, student);
  let earned = 0;
  let total = 0;
  const exercises = refs.map((ref, j) => {
    const right = rightInput(ref);
    const parts = Object.keys(right).length;
    total += parts;
    if (!wrong.includes(j)) earned += parts;
    return { hints: 0, submissions: [{ input: wrong.includes(j) ? wrongInput(ref) : right, at: T0 + 60_000 * (j + 1) }] };
  });
  return { assignment: a, student, startedAt: T0, issuedAt, exercises, claimed: { earned, total } };
}
