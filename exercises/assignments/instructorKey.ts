/**
 * Instructor link vs student link. Building an assignment makes a secret instructor key; the
 * assignment (and so the student link and every receipt) carries only the key's SHA-256, and the
 * instructor link is the student link's assignment plus "~<key>" at the end of the fragment. /teach
 * opens an assignment for editing, answer keys and exports only with the key whose hash it carries.
 *
 * What this prevents: a student opening the student link on /teach and printing their own answer
 * key. What it cannot prevent: the numbers are computed in the student's browser from the link, so
 * a determined student with the site's source can still compute answers (the LMS export is the path
 * for graded work that must hold against that).
 */
import type { Assignment } from "./assignment.ts";
import { sha256Hex } from "./sha256.ts";

/** Separates the assignment from the instructor key in an instructor link's fragment. */
export const KEY_SEPARATOR = "~";
const KEY_PATTERN = /^[0-9a-f]{32}$/;

/** A fresh key: 128 random bits as 32 hex digits, from an injected source of 32-bit words (crypto in the browser). */
export function newInstructorKey(randomWord: () => number): string {
  return Array.from({ length: 4 }, () => (randomWord() >>> 0).toString(16).padStart(8, "0")).join("");
}

/** What an assignment carries in place of the key (64 hex digits). */
export function keyHash(key: string): string {
  return sha256Hex(`deep-sky/instructor-key:${key}`);
}

/** A link or fragment split into the assignment part and the instructor key after "~" (null when there is none). */
export function splitInstructorKey(input: string): { link: string; key: string | null } {
  const at = input.lastIndexOf(KEY_SEPARATOR);
  if (at < 0 || input.lastIndexOf("#") > at) return { link: input, key: null };
  const key = input
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return { link: input.slice(0, at), key: KEY_PATTERN.test(key) ? key : null };
}

/**
 * Who may edit: "instructor" (the key matches the assignment's hash), "student" (the assignment has
 * a hash and the key is missing or wrong), "unkeyed" (an assignment made before instructor links).
 */
export function accessFor(a: Assignment, key: string | null): "instructor" | "student" | "unkeyed" {
  if (a.keyHash === undefined) return "unkeyed";
  return key !== null && keyHash(key) === a.keyHash ? "instructor" : "student";
}
