/**
 * A student's work on one assignment, as saved in the browser (localStorage, keyed by assignment and
 * student) and turned into a receipt. Pure: the page supplies times and does the storing. Saved data
 * is validated when read back — it is outside data like any other.
 */
import type { Assignment } from "./assignment.ts";
import { assignmentFingerprint, exerciseCount } from "./assignment.ts";
import type { Receipt, Submission } from "./receipt.ts";
import { RECEIPT_LIMITS } from "./receipt.ts";
import { studentKey } from "./variants.ts";
import { SchemaError, int, isRecord, list, record, text } from "./validate.ts";

export interface ExerciseWork {
  /** What is in the fields now (not yet submitted). */
  draft: Record<string, string>;
  /** Graded submissions, oldest first. Unreadable input is never recorded. */
  submissions: Submission[];
  /** Points of each submission (as graded on the page), same order. */
  points: number[];
  /** Parts (points available). */
  total: number;
  hints: number;
}

export interface SessionState {
  student: string;
  startedAt: number;
  work: ExerciseWork[];
}

/** localStorage key for (assignment, student). */
export function storageKey(a: Assignment, student: string): string {
  return `deep-sky:assignment:${assignmentFingerprint(a)}:${studentKey(student)}`;
}

export function newSession(a: Assignment, student: string, now: number, totals: readonly number[]): SessionState {
  return {
    student,
    startedAt: now,
    work: Array.from({ length: exerciseCount(a) }, (_, j) => ({ draft: {}, submissions: [], points: [], total: totals[j] ?? 0, hints: 0 })),
  };
}

/** Attempts left on exercise j. */
export function attemptsLeft(a: Assignment, s: SessionState, j: number): number {
  return Math.max(0, a.attempts - s.work[j].submissions.length);
}

/** Best points so far on exercise j. */
export function bestPoints(w: ExerciseWork): number {
  return w.points.reduce((m, p) => Math.max(m, p), 0);
}

/** Whether exercise j takes no more submissions (full marks, or out of attempts). */
export function isClosed(a: Assignment, s: SessionState, j: number): boolean {
  const w = s.work[j];
  return attemptsLeft(a, s, j) === 0 || (w.total > 0 && bestPoints(w) >= w.total);
}

/** State after a graded submission (the caller has already refused unreadable input). */
export function submit(
  a: Assignment,
  s: SessionState,
  j: number,
  input: Record<string, string>,
  earned: number,
  now: number,
): SessionState {
  if (isClosed(a, s, j)) return s;
  const work = s.work.map((w, k) =>
    k === j ? { ...w, submissions: [...w.submissions, { input: { ...input }, at: now }], points: [...w.points, earned] } : w,
  );
  return { ...s, work };
}

export function setDraft(s: SessionState, j: number, part: string, value: string): SessionState {
  const work = s.work.map((w, k) => (k === j ? { ...w, draft: { ...w.draft, [part]: value.slice(0, RECEIPT_LIMITS.inputLength) } } : w));
  return { ...s, work };
}

export function openHint(s: SessionState, j: number): SessionState {
  return { ...s, work: s.work.map((w, k) => (k === j ? { ...w, hints: w.hints + 1 } : w)) };
}

/** Points shown to the student: best per exercise, summed. */
export function sessionScore(s: SessionState): { earned: number; total: number } {
  return { earned: s.work.reduce((n, w) => n + bestPoints(w), 0), total: s.work.reduce((n, w) => n + w.total, 0) };
}

export function toReceipt(a: Assignment, s: SessionState, now: number): Receipt {
  return {
    assignment: a,
    student: s.student,
    startedAt: s.startedAt,
    issuedAt: now,
    exercises: s.work.map((w) => ({ hints: w.hints, submissions: w.submissions })),
    claimed: sessionScore(s),
  };
}

/** Saved state → JSON text. */
export function serializeSession(s: SessionState): string {
  return JSON.stringify({ v: 1, ...s });
}

/** Reads saved state back; null when absent, a message when it cannot be used. */
export function parseSession(raw: string | null, a: Assignment, student: string): SessionState | null | { error: string } {
  if (raw === null) return null;
  try {
    const w = record(JSON.parse(raw), "Saved work");
    int(w.v, "Saved work's version", 1, 1);
    const saved = text(w.student, "Saved work's student", 1, 200);
    if (studentKey(saved) !== studentKey(student)) throw new SchemaError("Saved work belongs to another student.");
    const startedAt = int(w.startedAt, "Saved work's start", 0, 8.64e15);
    const n = exerciseCount(a);
    const work = list(w.work, "Saved work's exercises", n, n).map((raw, j): ExerciseWork => {
      const e = record(raw, `Saved exercise ${j + 1}`);
      const strings = (v: unknown, path: string): Record<string, string> => {
        const r = record(v, path);
        const out: Record<string, string> = {};
        for (const [k, value] of Object.entries(r)) if (k !== "__proto__") out[k] = text(value, path, 0, RECEIPT_LIMITS.inputLength);
        return out;
      };
      const submissions = list(e.submissions, "submissions", 0, a.attempts).map((s, k) => {
        const sub = record(s, `submission ${k + 1}`);
        return { input: strings(sub.input, `submission ${k + 1}`), at: int(sub.at, "time", 0, 8.64e15) };
      });
      const points = list(e.points, "points", submissions.length, submissions.length).map((p) => int(p, "points", 0, 100));
      if (!isRecord(e.draft)) throw new SchemaError("draft");
      return {
        draft: strings(e.draft, "draft"),
        submissions,
        points,
        total: int(e.total, "total", 0, 100),
        hints: int(e.hints, "hints", 0, 50),
      };
    });
    return { student: saved, startedAt, work };
  } catch (error) {
    return {
      error: `Your saved work for this assignment could not be read (${error instanceof Error ? error.message : "unknown problem"}); starting afresh.`,
    };
  }
}
