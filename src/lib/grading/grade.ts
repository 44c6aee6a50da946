import { acceptedFor, checkAnswer, compareAnswer, readAnswer, specExpecting } from "./answerSpec.ts";
import type { AnswerSpec } from "./answerSpec.ts";
import type { Feedback, Score } from "./score.ts";

/**
 * A known mistake: the answer a learner who makes it would give (computed, for the parts it
 * changes) and what to tell them.
 */
export interface MisconceptionSpec {
  /** Stable id, e.g. "forgot-bias" (recorded in receipts and analytics). */
  id: string;
  /** For instructors: what the mistake is. */
  description: string;
  /** The raw input such a learner types, for each part the mistake changes. */
  input: Record<string, string>;
  /** What the learner reads when their answer matches. */
  feedback: string;
}

/** Labels used to name parts in messages; defaults to the part ids. */
export type PartLabels = Record<string, string>;

function partName(id: string, labels: PartLabels | undefined): string {
  return labels?.[id] ?? id;
}

/**
 * Whether every part can be read. Returns true, or a message naming the first unreadable part and
 * why (for a single-part exercise the message is not prefixed).
 */
export function validateParts(specs: Record<string, AnswerSpec>, input: Record<string, string>, labels?: PartLabels): true | string {
  const invalid = invalidInput(specs, input, labels);
  return invalid === null ? true : invalid.message;
}

/** The "invalid" score for input that cannot be read, or null when every part can be read. */
export function invalidInput(
  specs: Record<string, AnswerSpec>,
  input: Record<string, string>,
  labels?: PartLabels,
): Extract<Score, { kind: "invalid" }> | null {
  const ids = Object.keys(specs);
  for (const id of ids) {
    const read = readAnswer(specs[id], input[id] ?? "");
    if (read.ok) continue;
    if (ids.length === 1) return { kind: "invalid", message: read.message };
    return { kind: "invalid", message: `${partName(id, labels)}: ${read.message}`, part: { id, why: read.message } };
  }
  return null;
}

/** Does the learner's input equal the misconception's answer on every part it names? */
function matches(specs: Record<string, AnswerSpec>, input: Record<string, string>, m: MisconceptionSpec): boolean {
  const parts = Object.keys(m.input);
  if (parts.length === 0) return false;
  for (const id of parts) {
    const spec = specs[id];
    if (spec === undefined) return false;
    const expecting = specExpecting(spec, m.input[id]);
    if (expecting === null) return false;
    const read = readAnswer(expecting, input[id] ?? "");
    if (!read.ok || !compareAnswer(expecting, read.value).correct) return false;
  }
  return true;
}

/**
 * Grades every part, one point each. Unreadable input is "invalid" (no attempt spent). A part that
 * is correct earns its point; a wrong part whose answer matches a listed misconception (on all the
 * parts that misconception names) earns nothing and gets that misconception's feedback; any other
 * wrong part is "incorrect". Correctness is checked first so that an answer inside the accepted
 * interval is never called a mistake, however close a misconception's value is.
 */
export function gradeParts(
  specs: Record<string, AnswerSpec>,
  input: Record<string, string>,
  misconceptions: readonly MisconceptionSpec[] = [],
  labels?: PartLabels,
): Score {
  const invalid = invalidInput(specs, input, labels);
  if (invalid !== null) return invalid;
  const feedback: Feedback[] = [];
  let earned = 0;
  const ids = Object.keys(specs);
  const matched = misconceptions.filter((m) => matches(specs, input, m));
  for (const id of ids) {
    const check = checkAnswer(specs[id], input[id] ?? "");
    if (check.kind === "invalid") return { kind: "invalid", message: check.message };
    if (check.correct) {
      earned += 1;
      feedback.push({ part: id, verdict: "correct", message: check.message, accepted: check.accepted });
      continue;
    }
    const m = matched.find((candidate) => Object.hasOwn(candidate.input, id));
    if (m) {
      feedback.push({ part: id, verdict: "misconception", message: m.feedback, accepted: acceptedFor(specs[id]), misconception: m.id });
    } else {
      feedback.push({ part: id, verdict: "incorrect", message: check.message, accepted: check.accepted });
    }
  }
  return { kind: "points", earned, total: ids.length, feedback };
}
