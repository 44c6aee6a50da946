/**
 * How an assignment names one exercise (family, version, level, seed) and what it asks of the
 * registry for it. Assignments sit above the registry, so they use its Exercise and families
 * directly; the only thing added here is the version check (a link made for another version of a
 * family would silently give other numbers).
 */
import type { Score } from "../../src/lib/grading/index.ts";
import type { ExerciseFamily } from "../family.ts";
import { createExercise, exerciseParams, families } from "../registry.ts";
import type { Exercise } from "../registry.ts";

/** One exercise of an assignment: which family, which version, which level, which seed. */
export interface ExerciseRef {
  family: string;
  version: number;
  level: number;
  seed: string;
}

/** The registry's family with this id, or undefined (never throws: ids come from links). */
export function findFamily(id: string): ExerciseFamily<unknown> | undefined {
  return families.find((f) => f.id === id);
}

/** The family of a ref, checked: it exists, has the ref's version and offers its level. */
function checkedFamily(ref: ExerciseRef): ExerciseFamily<unknown> {
  const family = findFamily(ref.family);
  if (family === undefined) throw new Error(`Unknown exercise family “${ref.family}”.`);
  if (family.version !== ref.version) {
    throw new Error(
      `“${ref.family}” was version ${ref.version} when this was made; the site now has version ${family.version}, so its numbers differ.`,
    );
  }
  if (!family.levels.includes(ref.level)) throw new Error(`“${ref.family}” has no level ${ref.level}.`);
  return family;
}

/** The exercise a ref names (throws when the family, version or level is not this site's). */
export function exerciseFor(ref: ExerciseRef): Exercise {
  checkedFamily(ref);
  return createExercise(ref.family, ref.seed, ref.level);
}

/** Points for one exercise: its total, and the score of each submission (same order). */
export interface Regraded {
  total: number;
  scores: Score[];
}

/** Grades submissions of one exercise, generating its parameters once (throws like exerciseFor). */
export function regradeRef(ref: ExerciseRef, inputs: readonly Record<string, string>[]): Regraded {
  const family = checkedFamily(ref);
  const p = exerciseParams(ref.family, ref.seed, ref.level);
  return { total: Object.keys(family.answer(p)).length, scores: inputs.map((input) => family.grade(p, input)) };
}
