/**
 * What an instructor decides on top of the regraded points: a late penalty, extensions per student,
 * and manual overrides with a comment (which also resolve a conflict between receipts). Keyed by
 * studentKey, the key the seeds use. Lateness reads the receipt's own times (self-reported), so a
 * penalty applies to what the student's record says; the flag text says the same.
 */
import type { Assignment } from "./assignment.ts";
import type { RegradedReceipt } from "./regrade.ts";
import { dueDeadline } from "./regrade.ts";
import { studentKey } from "./variants.ts";

export interface Adjustments {
  /** Percent of the points taken off per day late (a started day counts); 0 for none. Capped at 100 % in all. */
  latePenaltyPerDay: number;
  /** Due date per student ("YYYY-MM-DD"), replacing the assignment's. */
  extensions: ReadonlyMap<string, string>;
  /** Points set by hand, with the reason. */
  overrides: ReadonlyMap<string, { points: number; comment: string }>;
}

export const NO_ADJUSTMENTS: Adjustments = { latePenaltyPerDay: 0, extensions: new Map(), overrides: new Map() };

export interface AdjustedGrade {
  /** The due date that applies to this student (extension or the assignment's), if any. */
  due?: string;
  /** Whole days (started days) after the end of the due day, by the last answer's time; 0 when on time. */
  daysLate: number;
  penaltyPercent: number;
  /** Points after the penalty, or the override; NaN for a conflict nobody resolved. */
  final: number;
  comment: string;
}

export function adjustedGrade(row: RegradedReceipt, a: Assignment | null, adj: Adjustments = NO_ADJUSTMENTS): AdjustedGrade {
  const key = studentKey(row.receipt.student);
  const due = adj.extensions.get(key) ?? a?.due;
  const r = row.receipt;
  const last = Math.max(r.startedAt, ...r.exercises.flatMap((e) => e.submissions.map((s) => s.at)));
  const daysLate = due === undefined ? 0 : Math.max(0, Math.ceil((last - dueDeadline(due)) / 86_400_000));
  const penaltyPercent = Math.min(100, daysLate * Math.max(0, adj.latePenaltyPerDay));
  const override = adj.overrides.get(key);
  if (override) return { due, daysLate, penaltyPercent, final: override.points, comment: override.comment };
  const final = Math.round(row.earned * (100 - penaltyPercent)) / 100;
  return { due, daysLate, penaltyPercent, final, comment: "" };
}
