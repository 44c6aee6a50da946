/**
 * The assignment builder's pure logic: the form's rows → an Assignment (with messages for people),
 * a fresh id, and the student link.
 */
import type { Assignment, AssignmentItem } from "../../exercises/assignments/index.ts";
import { KEY_SEPARATOR, LIMITS, encodeAssignment, findFamily, isCalendarDate } from "../../exercises/assignments/index.ts";

/** One row of the builder's exercise list. */
export interface BuilderRow {
  family: string;
  level: number;
  count: number;
}

export interface BuilderForm {
  id: string;
  title: string;
  due: string;
  attempts: number;
  hints: boolean;
  rows: BuilderRow[];
}

/** A random id from an injected source of random 32-bit words (crypto in the browser). */
export function newAssignmentId(randomWord: () => number): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let id = "";
  for (let i = 0; i < 10; i++) id += alphabet[randomWord() % alphabet.length];
  return id;
}

export function defaultForm(id: string, families: readonly { id: string; levels: readonly number[] }[]): BuilderForm {
  const first = families.find((f) => f.id === "neuron-output") ?? families[0];
  return { id, title: "Homework 1", due: "", attempts: 3, hints: true, rows: [{ family: first.id, level: first.levels[0], count: 2 }] };
}

/** The form as an assignment, or the first problem with it. */
export function formToAssignment(form: BuilderForm): { ok: true; value: Assignment } | { ok: false; message: string } {
  const title = form.title.replace(/\s+/g, " ").trim();
  if (title === "") return { ok: false, message: "Give the assignment a title." };
  if (title.length > LIMITS.titleLength) return { ok: false, message: `The title is longer than ${LIMITS.titleLength} characters.` };
  if (form.due !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(form.due)) return { ok: false, message: "The due date should look like 2025-03-31." };
  if (form.due !== "" && !isCalendarDate(form.due)) return { ok: false, message: `There is no ${form.due} in the calendar.` };
  if (!Number.isInteger(form.attempts) || form.attempts < 1 || form.attempts > LIMITS.attempts)
    return { ok: false, message: `Attempts per exercise: a whole number from 1 to ${LIMITS.attempts}.` };
  if (form.rows.length === 0) return { ok: false, message: "Add at least one exercise." };
  if (form.rows.length > LIMITS.items) return { ok: false, message: `At most ${LIMITS.items} rows of exercises.` };
  const items: AssignmentItem[] = [];
  for (const [i, row] of form.rows.entries()) {
    const family = findFamily(row.family);
    if (!family) return { ok: false, message: `Row ${i + 1}: choose an exercise family.` };
    if (!family.levels.includes(row.level))
      return { ok: false, message: `Row ${i + 1}: “${family.title}” has levels ${family.levels.join(", ")}.` };
    if (!Number.isInteger(row.count) || row.count < 1 || row.count > LIMITS.perItem)
      return { ok: false, message: `Row ${i + 1}: the number of exercises is a whole number from 1 to ${LIMITS.perItem}.` };
    items.push({ family: family.id, version: family.version, level: row.level, count: row.count });
  }
  const total = items.reduce((n, it) => n + it.count, 0);
  if (total > LIMITS.exercises)
    return { ok: false, message: `That is ${total} exercises; an assignment holds at most ${LIMITS.exercises}.` };
  const assignment: Assignment = { id: form.id, title, attempts: form.attempts, hints: form.hints, items };
  if (form.due !== "") assignment.due = form.due;
  return { ok: true, value: assignment };
}

/** The form for an existing assignment (to edit one opened from its link). */
export function assignmentToForm(a: Assignment): BuilderForm {
  return {
    id: a.id,
    title: a.title,
    due: a.due ?? "",
    attempts: a.attempts,
    hints: a.hints,
    rows: a.items.map((it) => ({ family: it.family, level: it.level, count: it.count })),
  };
}

/** The link students open: the site's /assignment/ page with the assignment in the fragment. */
export function studentLink(origin: string, base: string, a: Assignment): string {
  const root = base.endsWith("/") ? base : `${base}/`;
  return `${origin}${root}assignment/#${encodeAssignment(a)}`;
}

/** The instructor's link: /teach/ with the assignment and, after "~", the secret instructor key. */
export function instructorLink(origin: string, base: string, a: Assignment, key: string): string {
  const root = base.endsWith("/") ? base : `${base}/`;
  return `${origin}${root}teach/#${encodeAssignment(a)}${KEY_SEPARATOR}${key}`;
}

/** A file name from a title ("Week 3: CNNs" → "week-3-cnns"). */
export function fileStem(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "-")
      .slice(0, 60) || "assignment"
  );
}
