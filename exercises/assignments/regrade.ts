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
import { hasHiddenCharacters, mixesScripts, nameSkeleton, revealName } from "./studentName.ts";
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
  /** Ids of the known mistakes (misconceptions) the submissions made, each once, in order of first appearance. */
  misconceptions: string[];
  /** Why it could not be regraded (e.g. the family changed version), else undefined. */
  error?: string;
}

export type FlagKind =
  | "foreign"
  | "claimed-score"
  | "too-many-attempts"
  | "hints-not-allowed"
  | "unreadable-response"
  | "late"
  | "before-issue"
  | "future"
  | "times-inconsistent"
  | "duplicate"
  | "same-student"
  | "conflict"
  | "look-alike-name"
  | "hidden-characters"
  | "mixed-script"
  | "cannot-regrade";

export interface Flag {
  kind: FlagKind;
  message: string;
}

/**
 * What each flag rests on. "evidence": it follows from the receipt's content, the regrading, or
 * comparing receipts, and a student cannot make it go away by editing their own receipt without
 * another flag appearing (or it shows the receipt was made or edited outside the page).
 * "self-reported": it reads times, attempt counts and hint counts that the student's browser wrote.
 * Such a flag is reliable against the student when it is there (nobody adds a late answer to their
 * own receipt), but its absence proves nothing: an edited receipt can drop failed attempts, opened
 * hints, or move its times back, and regrading cannot see that.
 */
export const FLAG_BASIS: Record<FlagKind, "evidence" | "self-reported"> = {
  foreign: "evidence",
  "claimed-score": "evidence",
  "unreadable-response": "evidence",
  "times-inconsistent": "evidence",
  duplicate: "evidence",
  conflict: "evidence",
  "look-alike-name": "evidence",
  "hidden-characters": "evidence",
  "mixed-script": "evidence",
  "cannot-regrade": "evidence",
  "same-student": "evidence",
  "too-many-attempts": "self-reported",
  "hints-not-allowed": "self-reported",
  late: "self-reported",
  "before-issue": "self-reported",
  future: "self-reported",
};

/** When the assignment was open: issued on a day (optional, given by the instructor), due on the assignment's due date. */
export interface GradingWindow {
  /** "YYYY-MM-DD": the day the assignment was handed out. */
  opens?: string;
  /** Now (ms): times after it cannot be real. */
  now?: number;
}

export interface RegradedReceipt {
  receipt: Receipt;
  fingerprint: string;
  exercises: ExerciseResult[];
  earned: number;
  total: number;
  flags: Flag[];
  /** Set on a gradebook row whose student has receipts that disagree (its points are then NaN). */
  conflict?: Conflict;
}

/** Regrades one decoded receipt. */
export function regradeReceipt(receipt: Receipt, window: GradingWindow = {}): RegradedReceipt {
  const a = receipt.assignment;
  const flags: Flag[] = [];
  const refs = assignedExercises(a, receipt.student);
  const registryOk = checkAgainstRegistry(a);
  const exercises = refs.map((ref, j): ExerciseResult => {
    const answers = receipt.exercises[j];
    const base = {
      family: ref.family,
      level: ref.level,
      seed: ref.seed,
      attempts: answers.submissions.length,
      hints: answers.hints,
      misconceptions: [] as string[],
    };
    if (registryOk !== true) return { ...base, earned: 0, total: 0, error: registryOk };
    try {
      const { total, scores } = regradeRef(
        ref,
        answers.submissions.map((s) => s.input),
      );
      let earned = 0;
      let unreadable = 0;
      const misconceptions = new Set<string>();
      for (const score of scores) {
        if (score.kind === "points") {
          earned = Math.max(earned, Math.min(score.earned, total));
          for (const f of score.feedback) if (f.verdict === "misconception" && f.misconception) misconceptions.add(f.misconception);
        } else unreadable++;
      }
      base.misconceptions = [...misconceptions];
      if (unreadable > 0)
        flags.push({
          kind: "unreadable-response",
          message: `Exercise ${j + 1} has ${unreadable} unreadable submission${unreadable === 1 ? "" : "s"} (the page never records those; scored 0).`,
        });
      return { ...base, earned, total };
    } catch (error) {
      return { ...base, earned: 0, total: 0, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const failed = exercises.filter((e) => e.error !== undefined);
  if (failed.length > 0)
    flags.push({
      kind: "cannot-regrade",
      message: `Cannot regrade ${failed.length} exercise${failed.length === 1 ? "" : "s"}: ${failed[0].error}`,
    });
  const earned = exercises.reduce((s, e) => s + e.earned, 0);
  const total = exercises.reduce((s, e) => s + e.total, 0);
  if (failed.length === 0 && (receipt.claimed.earned !== earned || receipt.claimed.total !== total)) {
    flags.push({
      kind: "claimed-score",
      message: `The score written in the receipt (${receipt.claimed.earned}/${receipt.claimed.total}) is not what its responses earn (${earned}/${total}): the receipt was edited.`,
    });
  }
  const over = exercises.map((e, j) => (e.attempts > a.attempts ? j + 1 : 0)).filter((j) => j > 0);
  if (over.length > 0)
    flags.push({
      kind: "too-many-attempts",
      message: `More graded attempts than the ${a.attempts} allowed on exercise${over.length === 1 ? "" : "s"} ${over.join(", ")}.`,
    });
  if (!a.hints && exercises.some((e) => e.hints > 0))
    flags.push({ kind: "hints-not-allowed", message: "Hints were opened although this assignment does not allow them." });
  const last = Math.max(receipt.startedAt, ...receipt.exercises.flatMap((e) => e.submissions.map((s) => s.at)));
  if (a.due !== undefined && last > dueDeadline(a.due))
    flags.push({ kind: "late", message: `Answered after the due date (${a.due}); last answer ${utc(last)} UTC.` });
  flags.push(...timeFlags(receipt, window), ...nameFlags(receipt.student));
  return { receipt, fingerprint: assignmentFingerprint(a), exercises, earned, total, flags };
}

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

/**
 * Times the page always writes in order: started ≤ every submission ≤ issued, and submissions of one
 * exercise oldest first. Out of order means the receipt was edited (or made outside the page). Times
 * before the day the assignment opened (its start in UTC+14, the first place on Earth where that day
 * begins) or after now are flagged too; those rest on the student's clock.
 */
function timeFlags(r: Receipt, window: GradingWindow): Flag[] {
  const flags: Flag[] = [];
  const times = r.exercises.flatMap((e) => e.submissions.map((s) => s.at));
  const disorder: string[] = [];
  if (r.startedAt > r.issuedAt) disorder.push("it was issued before it was started");
  if (times.some((t) => t < r.startedAt)) disorder.push("an answer is older than the start");
  if (times.some((t) => t > r.issuedAt)) disorder.push("an answer is newer than the receipt");
  if (r.exercises.some((e) => e.submissions.some((s, k) => k > 0 && s.at < e.submissions[k - 1].at)))
    disorder.push("an exercise's answers are out of order");
  if (disorder.length > 0)
    flags.push({
      kind: "times-inconsistent",
      message: `Its times contradict each other (${disorder.join("; ")}): the page never writes that, so the receipt was edited.`,
    });
  const first = Math.min(r.startedAt, ...times);
  if (window.opens !== undefined) {
    const [y, m, d] = window.opens.split("-").map(Number);
    const opens = Date.UTC(y, m - 1, d, -14, 0, 0);
    if (first < opens)
      flags.push({
        kind: "before-issue",
        message: `Started ${utc(first)} UTC, before the assignment was handed out (${window.opens}): the times were moved back, or the device clock is wrong.`,
      });
  }
  const newest = Math.max(r.issuedAt, ...times);
  // Five minutes of slack for clocks that are slightly fast.
  if (window.now !== undefined && newest > window.now + 300_000)
    flags.push({
      kind: "future",
      message: `Holds a time in the future (${utc(newest)} UTC): the times were edited, or the device clock is wrong.`,
    });
  return flags;
}

/** Names built to look like another: hidden characters, or Latin mixed with Cyrillic or Greek in one word. */
function nameFlags(student: string): Flag[] {
  const flags: Flag[] = [];
  if (hasHiddenCharacters(student))
    flags.push({
      kind: "hidden-characters",
      message: `The name holds invisible or text-direction characters (${revealName(student)}); it is compared without them.`,
    });
  if (mixesScripts(student))
    flags.push({ kind: "mixed-script", message: "The name mixes Latin letters with Cyrillic or Greek look-alikes in one word." });
  return flags;
}

/**
 * Whether `later` continues `earlier`: the same session (same name, same start) with every earlier
 * answer still there, at the same time, and no fewer hints. The page only ever adds to a session, so
 * a later receipt that is not a continuation was edited, or comes from another session or device.
 * Returns what differs ([] when it continues).
 */
export function continuationProblems(earlier: Receipt, later: Receipt): string[] {
  const out: string[] = [];
  if (studentKey(earlier.student) !== studentKey(later.student))
    out.push(
      `the names differ only in look-alike or hidden characters (“${revealName(earlier.student)}” and “${revealName(later.student)}”)`,
    );
  if (earlier.startedAt !== later.startedAt) out.push("they were started at different times (separate sessions or devices)");
  const same = (x: Receipt["exercises"][number]["submissions"][number], y: typeof x) =>
    x.at === y.at && JSON.stringify(x.input) === JSON.stringify(y.input);
  const changed: number[] = [];
  const fewerHints: string[] = [];
  earlier.exercises.forEach((e, j) => {
    const l = later.exercises[j];
    if (!l) return;
    if (e.submissions.some((s, k) => !l.submissions[k] || !same(s, l.submissions[k]))) changed.push(j + 1);
    if (l.hints < e.hints) fewerHints.push(`${j + 1} (${l.hints} < ${e.hints})`);
  });
  const on = (list: readonly (number | string)[]) => `exercise${list.length === 1 ? "" : "s"} ${list.join(", ")}`;
  if (changed.length > 0) out.push(`the later receipt lacks or changes answers the earlier one has on ${on(changed)}`);
  if (fewerHints.length > 0) out.push(`the later receipt has fewer hints opened on ${on(fewerHints)}`);
  return out;
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
  /** One row per student (the latest receipt of each), sorted by ID. A row in conflict has no points (NaN) and `conflict` set. */
  rows: RegradedReceipt[];
  /** Receipts under one name (or look-alike names) that disagree: none of them is counted until the instructor decides. */
  conflicts: Conflict[];
}

/** Receipts that cannot all be one student's work, in the order they were issued. */
export interface Conflict {
  entries: GradebookEntry[];
  /** What differs between consecutive receipts. */
  reasons: string[];
}

/**
 * Reads, regrades and cross-checks receipts. With `expected` (the instructor's assignment), receipts
 * of any other assignment are flagged "foreign"; without it, the most common assignment is the
 * reference. Duplicates (the same code twice, or two receipts from one student) are flagged; the
 * latest receipt of each student is counted.
 */
export function buildGradebook(
  codes: readonly { source: string; code: string }[],
  expected?: Assignment,
  window: GradingWindow = {},
): Gradebook {
  const entries: GradebookEntry[] = codes.map(({ source, code }, i) => {
    const decoded = decodeReceipt(code);
    if (!decoded.ok)
      return { source, number: i + 1, code: decoded.code, problem: { kind: decoded.problem, message: decoded.message }, counted: false };
    return { source, number: i + 1, code: decoded.code, result: regradeReceipt(decoded.receipt, window), counted: false };
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
    // Grouped by skeleton, so "Ada", "ADA " and a Cyrillic "Аda" land in one group.
    const key = nameSkeleton(e.result.receipt.student);
    byStudent.set(key, [...(byStudent.get(key) ?? []), e]);
  }

  const rows: RegradedReceipt[] = [];
  const conflicts: Conflict[] = [];
  for (const group of byStudent.values()) {
    group.sort((x, y) => x.result!.receipt.issuedAt - y.result!.receipt.issuedAt || x.number - y.number);
    const keys = new Set(group.map((e) => studentKey(e.result!.receipt.student)));
    if (keys.size > 1) {
      for (const e of group) {
        const others = group.filter((o) => studentKey(o.result!.receipt.student) !== studentKey(e.result!.receipt.student));
        e.result!.flags.push({
          kind: "look-alike-name",
          message: `Its name looks like the name on ${others.map((o) => `#${o.number} (“${revealName(o.result!.receipt.student)}”)`).join(", ")} but is written with other characters.`,
        });
      }
    }
    const reasons: string[] = [];
    for (let k = 1; k < group.length; k++) {
      for (const p of continuationProblems(group[k - 1].result!.receipt, group[k].result!.receipt))
        reasons.push(`#${group[k - 1].number} → #${group[k].number}: ${p}`);
    }
    const numbers = group.map((e) => `#${e.number} (${e.result!.earned}/${e.result!.total})`).join(", ");
    if (reasons.length === 0) {
      // Each receipt continues the one before (a student handing in again after more work): the latest counts.
      const latest = group[group.length - 1];
      latest.counted = true;
      rows.push(latest.result!);
      if (group.length > 1) {
        for (const e of group)
          e.result!.flags.push({
            kind: "same-student",
            message: `${group.length} receipts from this student (${numbers}), each continuing the one before; ${e === latest ? "this latest one is counted" : `#${latest.number}, the latest, is counted`}.`,
          });
      }
      continue;
    }
    // Never "latest wins": a later receipt that drops answers, hints or a name's spelling may be an
    // edit or another person. No points until the instructor compares them (shown side by side).
    const conflict: Conflict = { entries: group, reasons };
    conflicts.push(conflict);
    // The reasons are listed once, with the receipts side by side (Gradebook.conflicts); the flag stays short.
    for (const e of group)
      e.result!.flags.push({
        kind: "conflict",
        message: `${group.length} receipts under this name disagree (${numbers}). None is counted until you compare them and decide.`,
      });
    const first = group[0].result!;
    rows.push({
      ...first,
      exercises: first.exercises.map((x) => ({ ...x, earned: Number.NaN })),
      earned: Number.NaN,
      flags: [...first.flags],
      conflict,
    });
  }
  rows.sort(
    (a, b) =>
      nameSkeleton(a.receipt.student).localeCompare(nameSkeleton(b.receipt.student)) ||
      studentKey(a.receipt.student).localeCompare(studentKey(b.receipt.student)),
  );
  return { assignment: reference, given: expected !== undefined, entries, rows, conflicts };
}
