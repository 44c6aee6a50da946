/**
 * Receipts: what a student hands in. A receipt holds the assignment, the student's ID, every graded
 * submission (the raw strings as typed, per part, with times), the hints opened, and a score that is
 * informational only — the gradebook regrades from the seeds and never trusts it.
 *
 * Text code: `DSR1.<payload>.<checksum>`, where payload = base64url(UTF-8(JSON)) and checksum is
 * checksum.ts's 11-character cyrb53 of the payload text. The JSON:
 * `{ v: 1, a: <assignment wire>, s: student, t0: started (s), t1: issued (s),
 *    e: [[hints, [[at (s), {part: raw, …}], …]], …] (one entry per exercise, in order),
 *    sc: [earned, total] }`.
 * A missing or wrong checksum means the code was cut short or edited. It is not a signature.
 */
import type { Assignment } from "./assignment.ts";
import { assignmentFromWire, assignmentToWire, exerciseCount } from "./assignment.ts";
import { decodeText, encodeText } from "./base64url.ts";
import { CHECKSUM_LENGTH, checksum } from "./checksum.ts";
import { STUDENT_ID_MAX } from "./variants.ts";
import { SchemaError, int, isRecord, list, onlyKeys, record, text } from "./validate.ts";

export const RECEIPT_PREFIX = "DSR1.";

/** One graded submission: the raw input per part and when it was made (ms since the epoch). */
export interface Submission {
  input: Record<string, string>;
  at: number;
}

export interface ReceiptExercise {
  /** Hints opened. */
  hints: number;
  submissions: Submission[];
}

export interface Receipt {
  assignment: Assignment;
  /** As the student typed it (cleaned). */
  student: string;
  startedAt: number;
  issuedAt: number;
  /** One per exercise of the assignment, in order. */
  exercises: ReceiptExercise[];
  /** The score the page showed — informational only, never trusted. */
  claimed: { earned: number; total: number };
}

export const RECEIPT_LIMITS = {
  /** Longest code accepted (a full assignment with long answers stays well below). */
  codeLength: 400_000,
  inputLength: 400,
  parts: 24,
  /** Submissions per exercise the format can hold (more than allowed is flagged, not refused). */
  submissions: 50,
} as const;

const PART_ID = /^[A-Za-z0-9_-]{1,32}$/;
const seconds = (ms: number) => Math.round(ms / 1000);
// Times between 2020 and 2100, in seconds.
const T_MIN = 1_577_836_800;
const T_MAX = 4_102_444_800;

/** The receipt as its text code. */
export function encodeReceipt(r: Receipt): string {
  const body = {
    v: 1,
    a: assignmentToWire(r.assignment),
    s: r.student,
    t0: seconds(r.startedAt),
    t1: seconds(r.issuedAt),
    e: r.exercises.map((e) => [e.hints, e.submissions.map((s) => [seconds(s.at), s.input])]),
    sc: [r.claimed.earned, r.claimed.total],
  };
  const payload = encodeText(JSON.stringify(body));
  return `${RECEIPT_PREFIX}${payload}.${checksum(payload)}`;
}

export type ReceiptProblem = "not-a-receipt" | "truncated" | "edited" | "malformed";
export type DecodedReceipt =
  { ok: true; receipt: Receipt; code: string } | { ok: false; problem: ReceiptProblem; message: string; code: string };

/** Reads a receipt code. Never throws: anything unreadable gives a problem kind and a message. */
export function decodeReceipt(input: string): DecodedReceipt {
  const code = typeof input === "string" ? input.replace(/\s+/g, "") : "";
  const bad = (problem: ReceiptProblem, message: string): DecodedReceipt => ({ ok: false, problem, message, code: code.slice(0, 80) });
  if (!code.startsWith(RECEIPT_PREFIX)) {
    if (/^DSR\d+\./.test(code))
      return bad("not-a-receipt", "This receipt was made by a newer version of Deep Sky than this page reads. Reload the page.");
    return bad("not-a-receipt", "This is not a Deep Sky receipt (a receipt code starts with “DSR1.”).");
  }
  if (code.length > RECEIPT_LIMITS.codeLength)
    return bad("malformed", `This receipt is too long to be one of ours (${code.length} characters).`);
  const rest = code.slice(RECEIPT_PREFIX.length);
  const dot = rest.lastIndexOf(".");
  if (dot < 0 || rest.length - dot - 1 !== CHECKSUM_LENGTH) {
    return bad("truncated", "This receipt is incomplete: its checksum at the end is missing. Was it cut short when copied?");
  }
  const payload = rest.slice(0, dot);
  if (checksum(payload) !== rest.slice(dot + 1)) {
    return bad("edited", "This receipt's checksum does not match its content: it was edited or damaged after the page made it.");
  }
  const json = decodeText(payload);
  if (json === null) return bad("malformed", "This receipt's content is not readable text.");
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return bad("malformed", "This receipt's content is not readable data.");
  }
  try {
    return { ok: true, receipt: receiptFromWire(data), code };
  } catch (error) {
    if (error instanceof SchemaError) return bad("malformed", `This receipt is malformed: ${error.message}`);
    throw error;
  }
}

function receiptFromWire(value: unknown): Receipt {
  const w = record(value, "The receipt");
  onlyKeys(w, "The receipt", ["v", "a", "s", "t0", "t1", "e", "sc"]);
  int(w.v, "The receipt's format version", 1, 1);
  const assignment = assignmentFromWire(w.a, "The receipt's assignment");
  const student = text(w.s, "The student ID", 1, STUDENT_ID_MAX);
  const t0 = int(w.t0, "The start time", T_MIN, T_MAX);
  const t1 = int(w.t1, "The time of issue", T_MIN, T_MAX);
  const count = exerciseCount(assignment);
  const entries = list(w.e, "The list of answers", count, count);
  const exercises = entries.map((raw, j): ReceiptExercise => {
    const where = `The answers to exercise ${j + 1}`;
    const entry = list(raw, where, 2, 2);
    const hints = int(entry[0], `${where}: hints opened`, 0, 50);
    const subs = list(entry[1], `${where}: submissions`, 0, RECEIPT_LIMITS.submissions).map((s, k): Submission => {
      const at = `${where}, submission ${k + 1}`;
      const pair = list(s, at, 2, 2);
      const time = int(pair[0], `${at}: time`, T_MIN, T_MAX);
      if (!isRecord(pair[1])) throw new SchemaError(`${at} should hold the answers per part.`);
      const keys = Object.keys(pair[1]);
      if (keys.length > RECEIPT_LIMITS.parts) throw new SchemaError(`${at} has too many parts.`);
      const input: Record<string, string> = {};
      for (const key of keys) {
        if (!PART_ID.test(key) || key === "__proto__") throw new SchemaError(`${at} names an impossible part.`);
        input[key] = text(pair[1][key], `${at}, part ${key}`, 0, RECEIPT_LIMITS.inputLength);
      }
      return { input, at: time * 1000 };
    });
    return { hints, submissions: subs };
  });
  const sc = list(w.sc, "The claimed score", 2, 2);
  const total = int(sc[1], "The claimed total", 0, 10_000);
  const earned = int(sc[0], "The claimed points", 0, total);
  return { assignment, student, startedAt: t0 * 1000, issuedAt: t1 * 1000, exercises, claimed: { earned, total } };
}

/**
 * Every receipt code in a text (pasted codes, a receipt file, several files joined, an e-mail).
 * Mail clients wrap long lines (at 76 columns, or after a "-"), quote replies with "> " (nested:
 * "> > "), and quoted-printable mail ends a wrapped line with "=". So each line is first stripped of
 * its quote marks, surrounding spaces and a trailing "=" (never part of a code: the payload is
 * base64url), and the lines are read as one run of text. A code cannot then run into the next word:
 * its payload ends at its only inner ".", and the checksum after it is exactly 11 characters.
 */
export function findReceiptCodes(text: string): string[] {
  const joined = text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/^\s*(?:>\s?)+/, "")
        .trim()
        .replace(/=$/, ""),
    )
    .join("");
  return [...joined.matchAll(new RegExp(`DSR\\d+\\.[A-Za-z0-9_-]*(?:\\.[0-9a-z]{0,${CHECKSUM_LENGTH}})?`, "g"))].map((m) => m[0]);
}

/** The downloadable receipt file: readable JSON, plus the code that is what counts. */
export function receiptFile(r: Receipt, code: string): string {
  const file = {
    format: "deep-sky-receipt",
    note: "The gradebook reads only “code”; the other fields are a readable copy. Editing the code breaks its checksum.",
    code,
    assignment: { id: r.assignment.id, title: r.assignment.title, due: r.assignment.due ?? null },
    student: r.student,
    startedAt: new Date(r.startedAt).toISOString(),
    issuedAt: new Date(r.issuedAt).toISOString(),
    claimedScore: `${r.claimed.earned} / ${r.claimed.total} (informational; the gradebook regrades)`,
    exercises: r.exercises.map((e, i) => ({
      exercise: i + 1,
      hints: e.hints,
      attempts: e.submissions.length,
      submissions: e.submissions.map((s) => ({ at: new Date(s.at).toISOString(), answers: s.input })),
    })),
  };
  return JSON.stringify(file, null, 2) + "\n";
}
