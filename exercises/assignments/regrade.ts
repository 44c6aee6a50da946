/**
 * The gradebook's core: every receipt is regraded from its seeds (the claimed score is only compared,
 * never used), then receipts are checked against the assignment and against each other.
 *
 * What this proves: the points follow from the responses in the receipt, for the variant that
 * belongs to that student ID. What it cannot prove: who typed the responses, or that they were not
 * looked up (the answers are computed in the browser, so a determined student can find them).
 */
import type { Assignment } from "./assignment.ts";
import { assignmentFingerprint, checkAgainstRegistry } from "./assignment.ts";
import { regradeRef } from "./exerciseRef.ts";
import type { Receipt, ReceiptProblem } from "./receipt.ts";
import { decodeReceipt } from "./receipt.ts";
import { assignedExercises, studentKey } from "./variants.ts";

/** The regraded outcome of one exercise. */
export interface ExerciseResult {
  family: string;
  level: number;
  seed: string;
  /** Best points over the graded submissions (0 when none). */
  earned: number;
  total: number;
  attempts: number;
  hints: number;
  /** Why it could not be regraded (e.g. the family changed version), else undefined. */
  error?: string;
}

export type FlagKind = "foreign" | "claimed-score" | "too-many-attempts" | "hints-not-allowed" | "unreadable-response" | "late" | "duplicate" | "same-student" | "cannot-regrade";

export interface Flag {
  kind: FlagKind;
  message: string;
}

export interface RegradedReceipt {
  receipt: Receipt;
  fingerprint: string;
  exercises: ExerciseResult[];
  earned: number;
  total: number;
  flags: Flag[];
}

/** Regrades one decoded receipt. */
export function regradeReceipt(receipt: Receipt): RegradedReceipt {
  const a = receipt.assignment;
  const flags: Flag[] = [];
  const refs = assignedExercises(a, receipt.student);
  const registryOk = checkAgainstRegistry(a);
  const exercises = refs.map((ref, j): ExerciseResult => {
    const answers = receipt.exercises[j];
    const base = { family: ref.family, level: ref.level, seed: ref.seed, attempts: answers.submissions.length, hints: answers.hints };
    if (registryOk !== true) return { ...base, earned: 0, total: 0, error: registryOk };
    try {
      const { total, scores } = regradeRef(ref, answers.submissions.map((s) => s.input));
      let earned = 0;
      let unreadable = 0;
      for (const score of scores) {
        if (score.kind === "points") earned = Math.max(earned, Math.min(score.earned, total));
        else unreadable++;
      }
      if (unreadable > 0) flags.push({ kind: "unreadable-response", message: `Exercise ${j + 1} has ${unreadable} unreadable submission${unreadable === 1 ? "" : "s"} (the page never records those; scored 0).` });
      return { ...base, earned, total };
    } catch (error) {
      return { ...base, earned: 0, total: 0, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const failed = exercises.filter((e) => e.error !== undefined);
  if (failed.length > 0) flags.push({ kind: "cannot-regrade", message: `Cannot regrade ${failed.length} exercise${failed.length === 1 ? "" : "s"}: ${failed[0].error}` });
  const earned = exercises.reduce((s, e) => s + e.earned, 0);
  const total = exercises.reduce((s, e) => s + e.total, 0);
  if (failed.length === 0 && (receipt.claimed.earned !== earned || receipt.claimed.total !== total)) {
    flags.push({ kind: "claimed-score", message: `The score written in the receipt (${receipt.claimed.earned}/${receipt.claimed.total}) is not what its responses earn (${earned}/${total}): the receipt was edited.` });
  }
  const over = exercises.map((e, j) => (e.attempts > a.attempts ? j + 1 : 0)).filter((j) => j > 0);
  if (over.length > 0) flags.push({ kind: "too-many-attempts", message: `More graded attempts than the ${a.attempts} allowed on exercise${over.length === 1 ? "" : "s"} ${over.join(", ")}.` });
  if (!a.hints && exercises.some((e) => e.hints > 0)) flags.push({ kind: "hints-not-allowed", message: "Hints were opened although this assignment does not allow them." });
  const last = Math.max(receipt.startedAt, ...receipt.exercises.flatMap((e) => e.submissions.map((s) => s.at)));
  if (a.due !== undefined && last > dueDeadline(a.due)) flags.push({ kind: "late", message: `Answered after the due date (${a.due}); last answer ${new Date(last).toISOString().slice(0, 16).replace("T", " ")} UTC.` });
  return { receipt, fingerprint: assignmentFingerprint(a), exercises, earned, total, flags };
}

/** The end of the due day, in UTC−12 (the last place on Earth where that day is still running). */
export function dueDeadline(due: string): number {
  const [y, m, d] = due.split("-").map(Number);
  return Date.UTC(y, m - 1, d + 1, 12, 0, 0);
}

/** One pasted or dropped receipt, after reading and regrading. */
export interface GradebookEntry {
  /** Where it came from: "pasted text" or a file name, with its position. */
  source: string;
  /** 1-based number in the order received (the flags refer to it). */
  number: number;
  code: string;
  /** Set when the code could not be read; no grade then. */
  problem?: { kind: ReceiptProblem; message: string };
  result?: RegradedReceipt;
  /** True when this receipt is the one used in the table for its student. */
  counted: boolean;
}

export interface Gradebook {
  /** The assignment the table is about (given, or the one most receipts belong to). */
  assignment: Assignment | null;
  /** True when `assignment` came from an instructor's link rather than from the receipts. */
  given: boolean;
  entries: GradebookEntry[];
  /** One row per student (the latest receipt of each), sorted by ID. */
  rows: RegradedReceipt[];
}

/**
 * Reads, regrades and cross-checks receipts. With `expected` (the instructor's assignment), receipts
 * of any other assignment are flagged "foreign"; without it, the most common assignment is the
 * reference. Duplicates (the same code twice, or two receipts from one student) are flagged; the
 * latest receipt of each student is counted.
 */
export function buildGradebook(codes: readonly { source: string; code: string }[], expected?: Assignment): Gradebook {
  const entries: GradebookEntry[] = codes.map(({ source, code }, i) => {
    const decoded = decodeReceipt(code);
    if (!decoded.ok) return { source, number: i + 1, code: decoded.code, problem: { kind: decoded.problem, message: decoded.message }, counted: false };
    return { source, number: i + 1, code: decoded.code, result: regradeReceipt(decoded.receipt), counted: false };
  });

  let reference = expected ?? null;
  if (reference === null) {
    const tally = new Map<string, { n: number; a: Assignment }>();
    for (const e of entries) {
      if (!e.result) continue;
      const t = tally.get(e.result.fingerprint);
      if (t) t.n++;
      else tally.set(e.result.fingerprint, { n: 1, a: e.result.receipt.assignment });
    }
    let best = 0;
    for (const t of tally.values()) if (t.n > best) [best, reference] = [t.n, t.a];
  }
  const refPrint = reference ? assignmentFingerprint(reference) : "";

  const firstByCode = new Map<string, number>();
  const byStudent = new Map<string, GradebookEntry[]>();
  for (const e of entries) {
    if (!e.result) continue;
    const seen = firstByCode.get(e.code);
    if (seen !== undefined) {
      e.result.flags.push({ kind: "duplicate", message: `The same receipt as #${seen}.` });
      continue;
    }
    firstByCode.set(e.code, e.number);
    if (e.result.fingerprint !== refPrint) {
      const other = e.result.receipt.assignment;
      const sameId = reference !== null && other.id === reference.id;
      e.result.flags.push({
        kind: "foreign",
        message: sameId
          ? `Its assignment has the same id as “${reference!.title}” but different settings or exercises: the assignment inside was edited.`
          : `It belongs to another assignment (“${other.title}”, id ${other.id}).`,
      });
      continue;
    }
    const key = studentKey(e.result.receipt.student);
    byStudent.set(key, [...(byStudent.get(key) ?? []), e]);
  }

  const rows: RegradedReceipt[] = [];
  for (const group of byStudent.values()) {
    // The latest receipt counts (a student may hand in again after more work).
    const latest = group.reduce((a, b) => (b.result!.receipt.issuedAt >= a.result!.receipt.issuedAt ? b : a));
    latest.counted = true;
    rows.push(latest.result!);
    if (group.length > 1) {
      for (const e of group) {
        const others = group.filter((o) => o !== e).map((o) => `#${o.number}`).join(", ");
        e.result!.flags.push({ kind: "same-student", message: `${group.length} receipts from this student (also ${others}); ${e === latest ? "this latest one is counted" : `#${latest.number}, the latest, is counted`}.` });
      }
    }
  }
  rows.sort((a, b) => studentKey(a.receipt.student).localeCompare(studentKey(b.receipt.student)));
  return { assignment: reference, given: expected !== undefined, entries, rows };
}
