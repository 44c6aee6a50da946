import { answerDisplay, formatNumber } from "../../src/lib/grading/index.ts";
import type { AnswerSpec, ChoiceOption, PlotSpec, Tolerance } from "../../src/lib/grading/index.ts";
import type { Rng } from "../../src/lib/random/index.ts";

/**
 * Shared answer-building helpers for families: tolerances, spec constructors, number display and
 * option shuffling. Tolerances live here so that every family accepts the same rounding.
 */

/** Three significant figures are accepted: |error| ≤ 0.5 % of the answer (rounding 1.005 → 1.01). */
export const SIG3: Tolerance = { rel: 5e-3, abs: 1e-12 };
/** For values that may be close to zero: 0.5 % or 0.0005, whichever is wider. */
export const SIG3_OR_ABS: Tolerance = { rel: 5e-3, abs: 5e-4 };
/** Formulas are compared at sample points, where both are computed exactly. */
export const FORMULA: Tolerance = { rel: 1e-6, abs: 1e-9 };

export const PLACEHOLDER_SIG3 = "3 significant figures are enough";

export function numberAnswer(value: number, tolerance: Tolerance = SIG3, unit?: string): AnswerSpec {
  return unit === undefined ? { kind: "number", value, tolerance } : { kind: "number", value, tolerance, unit };
}
export function integerAnswer(value: number): AnswerSpec {
  return { kind: "integer", value };
}
export function vectorAnswer(value: number[], tolerance: Tolerance = SIG3_OR_ABS): AnswerSpec {
  return { kind: "vector", value, tolerance };
}
export function matrixAnswer(value: number[][], tolerance: Tolerance = SIG3_OR_ABS): AnswerSpec {
  return { kind: "matrix", value, tolerance };
}

/** A number for prompts and solutions: up to 6 significant digits, no trailing zeros. */
export function fmt(x: number, significant = 6): string {
  return formatNumber(x, significant);
}
/** A number inside a TeX product: negative numbers in parentheses, (−0.5). */
export function paren(x: number): string {
  return x < 0 ? `(${fmt(x)})` : fmt(x);
}
/** [a, b, c] for prompts. */
export function list(values: readonly number[]): string {
  return `[${values.map((x) => fmt(x)).join(", ")}]`;
}
/** A TeX column-free matrix: \begin{bmatrix} … \end{bmatrix}. */
export function texMatrix(rows: readonly (readonly number[])[]): string {
  return `\\begin{bmatrix} ${rows.map((r) => r.map((x) => fmt(x)).join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
}

/** The graded answer as the last solution step shows it (the self-test checks it appears there). */
export function shown(spec: AnswerSpec): string {
  return answerDisplay(spec);
}

/** A uniform draw in [lo, hi) rounded to `decimals` places: numbers a learner can type and read. */
export function nice(rng: Rng, lo: number, hi: number, decimals = 1): number {
  const k = 10 ** decimals;
  const x = Math.round(rng.uniform(lo, hi) * k) / k;
  return x === 0 ? 0 : x;
}
/** Like `nice`, but re-draws until |x| ≥ minAbs (no zero weights, no zero inputs). */
export function niceNonZero(rng: Rng, lo: number, hi: number, decimals = 1, minAbs = 10 ** -decimals): number {
  for (;;) {
    const x = nice(rng, lo, hi, decimals);
    if (Math.abs(x) >= minAbs) return x;
  }
}

/**
 * Shuffles options and gives them the ids a, b, c, … in the order shown, so that the id reveals
 * nothing. Returns the options and the id each `key` received.
 */
export function letteredOptions<K extends string>(
  rng: Rng,
  options: readonly { key: K; label: string; plot?: PlotSpec }[],
): { options: ChoiceOption[]; idOf: Record<K, string> } {
  const shuffled = rng.shuffle(options.slice());
  const idOf = {} as Record<K, string>;
  const out: ChoiceOption[] = shuffled.map((o, i) => {
    const id = String.fromCharCode(97 + i);
    idOf[o.key] = id;
    return o.plot ? { id, label: o.label, plot: o.plot } : { id, label: o.label };
  });
  return { options: out, idOf };
}
