import { parseExpression } from "./expression.ts";
import type { Expression } from "./expression.ts";
import { formatMatrix, formatVector, parseMatrix, parseVector } from "./matrix.ts";
import { formatNumber, parseInteger, parseNumber } from "./number.ts";
import type { ParseResult } from "./score.ts";
import { quoteTyped } from "./quoteTyped.ts";
import { acceptedText, formatWithin, toleranceWidth, withinTolerance } from "./tolerance.ts";
import type { Tolerance } from "./tolerance.ts";

/** Plain data for a small chart that the UI draws (a choice option, or a figure in a prompt). */
export type PlotSpec = {
  kind: "curves";
  series: { name: string; points: [number, number][] }[];
  xLabel: string;
  yLabel: string;
  /** Draw the y axis logarithmically. */
  logY?: boolean;
  /** A one-sentence text alternative for screen readers. */
  alt?: string;
};

/** One option of a multiple-choice part; `plot` makes the option a chart. */
export interface ChoiceOption {
  id: string;
  label: string;
  plot?: PlotSpec;
}

/** One item of an ordering part. */
export interface OrderingItem {
  id: string;
  label: string;
}

/** What a correct answer to one part is, and how close an answer must be. */
export type AnswerSpec =
  | { kind: "number"; value: number; tolerance: Tolerance; unit?: string }
  | { kind: "integer"; value: number }
  | { kind: "vector"; value: number[]; tolerance: Tolerance }
  | { kind: "matrix"; value: number[][]; tolerance: Tolerance }
  | { kind: "choice"; options: ChoiceOption[]; correct: string }
  | {
      kind: "ordering";
      items: OrderingItem[];
      /** The order shown as the answer. */
      correct: string[];
      /** Other orders that are just as right (e.g. where a step may sit in several places). */
      alsoCorrect?: string[][];
    }
  | {
      kind: "expression";
      /** Names the learner may use, e.g. ["s"] or ["yhat", "y"]. */
      variables: string[];
      /** The correct formula, in the same syntax the learner types. */
      canonical: string;
      /** Points (drawn by the family's Rng) where both formulas are evaluated and compared. */
      points: Record<string, number>[];
      tolerance: Tolerance;
    };

export type AnswerKind = AnswerSpec["kind"];

/** A part's input once read. */
export type AnswerValue = number | number[] | number[][] | string | string[] | Expression;

/** The outcome of checking one part. */
export type PartCheck = { kind: "invalid"; message: string } | { kind: "graded"; correct: boolean; message: string; accepted: string };

/** Splits an ordering answer "b, a, c" (commas, semicolons, ">" or spaces) into ids. */
function splitIds(raw: string): string[] {
  return raw
    .split(/[\s,;>]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Strips a trailing unit matching the spec's unit ("12 days" → "12" when unit is "days"). */
function stripUnit(raw: string, unit: string | undefined): string {
  if (!unit) return raw;
  const t = raw.trim();
  const u = unit.trim();
  return t.toLowerCase().endsWith(u.toLowerCase()) ? t.slice(0, t.length - u.length) : raw;
}

/** Reads raw input for a part of this kind; the message says why it cannot be read. */
export function readAnswer(spec: AnswerSpec, raw: string): ParseResult<AnswerValue> {
  switch (spec.kind) {
    case "number":
      return parseNumber(stripUnit(raw, spec.unit));
    case "integer":
      return parseInteger(raw);
    case "vector":
      return parseVector(raw);
    case "matrix":
      return parseMatrix(raw);
    case "choice": {
      const id = raw.trim();
      if (id === "") return { ok: false, message: "Choose one of the options." };
      if (!spec.options.some((o) => o.id === id)) {
        return { ok: false, message: `${quoteTyped(id)} is not one of the options (${spec.options.map((o) => o.id).join(", ")}).` };
      }
      return { ok: true, value: id };
    }
    case "ordering": {
      const ids = splitIds(raw);
      const valid = spec.items.map((i) => i.id);
      if (ids.length === 0) return { ok: false, message: `Put the items in order, e.g. “${valid.join(", ")}”.` };
      for (const id of ids) {
        if (!valid.includes(id)) return { ok: false, message: `${quoteTyped(id)} is not one of the items (${valid.join(", ")}).` };
      }
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id)) return { ok: false, message: `${quoteTyped(id)} appears more than once.` };
        seen.add(id);
      }
      const missing = valid.filter((id) => !seen.has(id));
      if (missing.length > 0) return { ok: false, message: `Missing from the order: ${missing.join(", ")}.` };
      return { ok: true, value: ids };
    }
    case "expression":
      return parseExpression(raw, { variables: spec.variables });
  }
}

function pointText(point: Record<string, number>): string {
  return Object.entries(point)
    .map(([k, v]) => `${k} = ${formatNumber(v, 4)}`)
    .join(", ");
}

// Canonical formulas are few and graded often: keep their parses (bounded, cleared when full).
const canonicalCache = new Map<string, ParseResult<Expression>>();
function parseCanonical(text: string, variables: readonly string[]): ParseResult<Expression> {
  const key = `${variables.join(",")}|${text}`;
  let parsed = canonicalCache.get(key);
  if (parsed === undefined) {
    if (canonicalCache.size > 500) canonicalCache.clear();
    parsed = parseExpression(text, { variables });
    canonicalCache.set(key, parsed);
  }
  return parsed;
}

/** Compares a read value with the spec's correct answer. */
export function compareAnswer(spec: AnswerSpec, value: AnswerValue): { correct: boolean; message: string } {
  switch (spec.kind) {
    case "number":
    case "integer": {
      const v = value as number;
      const ok = spec.kind === "integer" ? v === spec.value : withinTolerance(v, spec.value, spec.tolerance);
      return {
        correct: ok,
        message: ok ? "Correct." : `${formatNumber(v)} is not ${spec.kind === "integer" ? "the answer" : "within the accepted range"}.`,
      };
    }
    case "vector": {
      const v = value as number[];
      if (v.length !== spec.value.length) {
        return { correct: false, message: `The answer has ${spec.value.length} entries; yours has ${v.length}.` };
      }
      const wrong = v.map((x, i) => (withinTolerance(x, spec.value[i], spec.tolerance) ? -1 : i + 1)).filter((i) => i > 0);
      if (wrong.length === 0) return { correct: true, message: "Correct." };
      return {
        correct: false,
        message: `${wrong.length === 1 ? "Entry" : "Entries"} ${wrong.join(", ")} ${wrong.length === 1 ? "is" : "are"} outside the accepted range.`,
      };
    }
    case "matrix": {
      const m = value as number[][];
      const rows = spec.value.length;
      const cols = spec.value[0]?.length ?? 0;
      if (m.length !== rows || m[0].length !== cols) {
        return { correct: false, message: `The answer is a ${rows}×${cols} matrix; yours is ${m.length}×${m[0].length}.` };
      }
      const wrong: string[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) if (!withinTolerance(m[r][c], spec.value[r][c], spec.tolerance)) wrong.push(`(${r + 1}, ${c + 1})`);
      }
      if (wrong.length === 0) return { correct: true, message: "Correct." };
      return {
        correct: false,
        message: `${wrong.length === 1 ? "Entry" : "Entries"} ${wrong.join(", ")} (row, column) ${wrong.length === 1 ? "is" : "are"} outside the accepted range.`,
      };
    }
    case "choice": {
      const ok = value === spec.correct;
      return { correct: ok, message: ok ? "Correct." : "That is not the right option." };
    }
    case "ordering": {
      const ids = value as string[];
      const same = (order: readonly string[]) => ids.length === order.length && ids.every((id, i) => id === order[i]);
      const ok = same(spec.correct) || (spec.alsoCorrect ?? []).some(same);
      const firstWrong = ids.findIndex((id, i) => id !== spec.correct[i]);
      return { correct: ok, message: ok ? "Correct." : `The order is wrong from position ${firstWrong + 1} on.` };
    }
    case "expression": {
      const learner = value as Expression;
      const canonical = parseCanonical(spec.canonical, spec.variables);
      if (!canonical.ok) throw new Error(`Canonical formula “${spec.canonical}” does not parse: ${canonical.message}`);
      for (const point of spec.points) {
        const expected = canonical.value.evaluate(point);
        const got = learner.evaluate(point);
        if (!withinTolerance(got, expected, spec.tolerance)) {
          const detail = Number.isFinite(got) ? `gives ${formatNumber(got, 4)}` : "is undefined";
          return {
            correct: false,
            message: `Your formula ${detail} at ${pointText(point)}, where the answer is ${formatNumber(expected, 4)}.`,
          };
        }
      }
      return { correct: true, message: "Correct." };
    }
  }
}

/** The correct answer as a learner would type it; it reads back as correct (see formatWithin). */
export function answerText(spec: AnswerSpec): string {
  switch (spec.kind) {
    case "number":
      return formatWithin(spec.value, spec.tolerance);
    case "integer":
      return String(spec.value);
    case "vector":
      return formatVector(spec.value, (x) => formatWithin(x, spec.tolerance));
    case "matrix":
      return formatMatrix(spec.value, (x) => formatWithin(x, spec.tolerance));
    case "choice":
      return spec.correct;
    case "ordering":
      return spec.correct.join(", ");
    case "expression":
      return spec.canonical;
  }
}

/** The correct answer for people: the option's label rather than its id; the unit after a number. */
export function answerDisplay(spec: AnswerSpec): string {
  switch (spec.kind) {
    case "number":
      return spec.unit ? `${answerText(spec)} ${spec.unit}` : answerText(spec);
    case "choice":
      return spec.options.find((o) => o.id === spec.correct)?.label ?? spec.correct;
    case "ordering":
      return spec.correct.map((id) => spec.items.find((i) => i.id === id)?.label ?? id).join(" → ");
    default:
      return answerText(spec);
  }
}

/** What was accepted, for feedback after grading ("accepted: 0.731 ± 0.001"). */
export function acceptedFor(spec: AnswerSpec): string {
  switch (spec.kind) {
    case "number":
      return acceptedText(spec.value, spec.tolerance) + (spec.unit ? ` ${spec.unit}` : "");
    case "vector":
    case "matrix": {
      const flat = spec.kind === "vector" ? spec.value : spec.value.flat();
      const width = Math.max(...flat.map((x) => toleranceWidth(x, spec.tolerance)));
      return `accepted: ${answerText(spec)}, each entry ± ${formatNumber(width, 2)}`;
    }
    default:
      return `accepted: ${answerDisplay(spec)}`;
  }
}

/** Reads and compares one part. */
export function checkAnswer(spec: AnswerSpec, raw: string): PartCheck {
  const read = readAnswer(spec, raw);
  if (!read.ok) return { kind: "invalid", message: read.message };
  const { correct, message } = compareAnswer(spec, read.value);
  return { kind: "graded", correct, message, accepted: acceptedFor(spec) };
}

/**
 * The same spec with the expected answer replaced by `raw` (read with this spec's rules), or null if
 * `raw` cannot be read. Grading against it asks "is the learner's input the same answer as `raw`?",
 * with the spec's tolerance — how a misconception's answer is recognised.
 */
export function specExpecting(spec: AnswerSpec, raw: string): AnswerSpec | null {
  const read = readAnswer(spec, raw);
  if (!read.ok) return null;
  switch (spec.kind) {
    case "number":
    case "integer":
      return { ...spec, value: read.value as number };
    case "vector":
      return { ...spec, value: read.value as number[] };
    case "matrix":
      return { ...spec, value: read.value as number[][] };
    case "choice":
      return { ...spec, correct: read.value as string };
    case "ordering": {
      // Only the misconception's own order: the spec's other accepted orders are not that mistake.
      const { alsoCorrect: _others, ...rest } = spec;
      return { ...rest, correct: read.value as string[] };
    }
    case "expression":
      return { ...spec, canonical: raw };
  }
}
