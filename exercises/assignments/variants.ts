/**
 * Each student's own variant: the seed of every exercise is a hash of the assignment id, the
 * student's key, the family and its version, and the exercise's place in the assignment. Same
 * student (in any capitalisation or spacing), same numbers, on any device; another student, other
 * numbers; the same structure for everyone.
 */
import { seedFromString } from "../../src/lib/random/index.ts";
import type { Assignment } from "./assignment.ts";
import type { ExerciseRef } from "./exerciseRef.ts";
import { text } from "./validate.ts";

/** The key used for the worksheet and answer key that belong to no student ("preview"). */
export const PREVIEW_STUDENT = "";

export const STUDENT_ID_MAX = 64;

/** A student's name or ID as shown: trimmed, inner spaces collapsed, Unicode-normalised. */
export function cleanStudentId(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/** The key seeds are derived from: the cleaned ID in lower case ("Ada  Lovelace" = "ada lovelace"). */
export function studentKey(raw: string): string {
  return cleanStudentId(raw).toLowerCase();
}

/** A cleaned student ID, or a message saying why it cannot be used. */
export function checkStudentId(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const cleaned = cleanStudentId(raw);
  if (cleaned === "") return { ok: false, message: "Type your name or student ID first." };
  if (cleaned.length > STUDENT_ID_MAX)
    return { ok: false, message: `That is longer than ${STUDENT_ID_MAX} characters; use a shorter name or your student ID.` };
  try {
    text(cleaned, "Your name or ID", 1, STUDENT_ID_MAX);
  } catch {
    return { ok: false, message: "Your name or ID contains characters that cannot be used." };
  }
  return { ok: true, value: cleaned };
}

/** 8 hex digits. */
function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/**
 * The seed of exercise `k` of item `item` for one student: 64 bits of hash, written as 16 hex digits
 * (the registry then derives the exercise's Rng from the family id, version, seed and level).
 */
export function variantSeed(assignmentId: string, key: string, family: string, version: number, item: number, k: number): string {
  const material = `deep-sky/assignment:${assignmentId}/student:${key}/${family}@v${version}/item:${item}/n:${k}`;
  return hex(seedFromString(material)) + hex(seedFromString(`${material}#2`));
}

/** A numbered exercise of the assignment. */
export interface AssignedExercise extends ExerciseRef {
  /** 0-based position in the assignment. */
  index: number;
  /** Which assignment item it comes from. */
  item: number;
}

/** The exercises one student (by raw ID, or PREVIEW_STUDENT) gets, in order. */
export function assignedExercises(a: Assignment, student: string): AssignedExercise[] {
  const key = student === PREVIEW_STUDENT ? PREVIEW_STUDENT : studentKey(student);
  const out: AssignedExercise[] = [];
  a.items.forEach((item, i) => {
    for (let k = 0; k < item.count; k++) {
      out.push({
        index: out.length,
        item: i,
        family: item.family,
        version: item.version,
        level: item.level,
        seed: variantSeed(a.id, key, item.family, item.version, i, k),
      });
    }
  });
  return out;
}

/** Seeds for LMS export variants (not tied to any student): variant v of item i. */
export function lmsVariantSeed(a: Assignment, item: number, variant: number): string {
  const it = a.items[item];
  return variantSeed(a.id, `\u0000lms-variant:${variant}`, it.family, it.version, item, 0);
}
