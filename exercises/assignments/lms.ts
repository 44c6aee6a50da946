/**
 * What the LMS exports share: N variants per assignment item (seeds not tied to any student), and how
 * each exercise maps onto an LMS question type.
 */
import type { AnswerSpec, PlotSpec } from "../../src/lib/grading/index.ts";
import { answerText, formatNumber, toleranceWidth } from "../../src/lib/grading/index.ts";
import type { Assignment } from "./assignment.ts";
import type { Exercise } from "../registry.ts";
import { exerciseFor, findFamily } from "./exerciseRef.ts";
import { lmsVariantSeed } from "./variants.ts";

export interface LmsItem {
  /** Index of the assignment item. */
  item: number;
  /** The family's title and level, for category and section names. */
  name: string;
  /** How many of this item's variants a student gets. */
  count: number;
  variants: Exercise[];
}

/** `n` variants of every item (at least as many as the item's count, so a quiz can draw them). */
export function lmsItems(a: Assignment, n: number): LmsItem[] {
  return a.items.map((it, i) => {
    const variants = Array.from({ length: Math.max(n, it.count) }, (_, v) =>
      exerciseFor({ family: it.family, version: it.version, level: it.level, seed: lmsVariantSeed(a, i, v) }),
    );
    const title = findFamily(it.family)?.title ?? it.family;
    return { item: i, name: `${title} (level ${it.level})`, count: it.count, variants };
  });
}

/**
 * How an exercise maps: "numerical" (one number), "multichoice" (one choice), "cloze" (several
 * numbers/choices/entries, each auto-graded), "shortanswer" (an ordering typed as ids — exact match),
 * "essay" (a formula: graded by hand from the accepted answer in the grader information).
 */
export type LmsKind = "numerical" | "multichoice" | "cloze" | "shortanswer" | "essay";

export function lmsKind(e: Exercise): LmsKind {
  const specs = Object.values(e.answer);
  if (specs.some((s) => s.kind === "expression")) return "essay";
  if (specs.length === 1) {
    const k = specs[0].kind;
    if (k === "number" || k === "integer") return "numerical";
    if (k === "choice") return "multichoice";
    if (k === "ordering") return "shortanswer";
  }
  return "cloze";
}

/** Absolute tolerance of a number answer (our tolerance is max(abs, rel·|value|)). */
export function absoluteTolerance(spec: AnswerSpec, value: number): number {
  if (spec.kind === "integer" || !("tolerance" in spec)) return 0;
  return toleranceWidth(value, spec.tolerance);
}

/** A number as the LMS should read it (full precision, no exponent surprises). */
export function numberText(x: number): string {
  return Number.isInteger(x) ? String(x) : formatNumber(x, 12);
}

/** The accepted answer in words, for grader information and answer keys. */
export function acceptedLine(spec: AnswerSpec): string {
  switch (spec.kind) {
    case "number":
      return `${answerText(spec)} ± ${formatNumber(toleranceWidth(spec.value, spec.tolerance), 2)}${spec.unit ? ` ${spec.unit}` : ""}`;
    case "expression":
      return `${spec.canonical} (or any equivalent formula in ${spec.variables.join(", ")})`;
    case "choice":
      return `${spec.correct}: ${spec.options.find((o) => o.id === spec.correct)?.label ?? ""}`;
    default:
      return answerText(spec);
  }
}

/** A text note for exercises whose chart cannot travel to the LMS. */
export function figureNote(e: Exercise): string | null {
  const plots = e.figure !== undefined || e.parts.some((p) => p.options?.some((o) => o.plot));
  if (!plots) return null;
  const alt = e.figure?.alt;
  return `This exercise has a chart in Deep Sky that is not included in this export${alt ? `; it shows: ${alt}` : ""}.`;
}

/** What replaces a chart inside a choice option: its text alternative, when it has one. */
export function chartNote(plot: PlotSpec): string {
  return plot.alt ? ` (chart not exported; it shows: ${plot.alt})` : " (chart not exported)";
}
