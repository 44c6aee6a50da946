// The registry as a catalog, and helpers that play a student, for the assignment tests (tests may
// import exercises/; the module itself may not).
import { exerciseRng } from "../../../exercises/family.ts";
import { createExercise, families } from "../../../exercises/registry.ts";
import { answerText } from "../grading/index.ts";
import type { Assignment } from "./assignment.ts";
import { catalogFromFamilies } from "./catalog.ts";
import type { Receipt } from "./receipt.ts";
import { assignedExercises } from "./variants.ts";

export const catalog = catalogFromFamilies(families, exerciseRng);

export const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

export function sampleAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: "Xy7kQ2pL",
    title: "Week 3: neurons & <activations>",
    due: "2025-03-31",
    attempts: 3,
    hints: true,
    items: [
      { family: "neuron-output", version: 1, level: 1, count: 2 },
      { family: "activation-property", version: 1, level: 2, count: 1 },
      { family: "training-step-order", version: 1, level: 1, count: 1 },
      { family: "layer-output", version: 1, level: 1, count: 1 },
    ],
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
