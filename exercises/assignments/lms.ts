/**
 * What the LMS exports share: N variants per assignment item (seeds not tied to any student), and how
 * each exercise maps onto an LMS question type.
 */
import type { AnswerSpec, PlotSpec } from "../../src/lib/grading/index.ts";
import { answerText, formatNumber, toleranceWidth } from "../../src/lib/grading/index.ts";
import { bytesToBase64url } from "./base64url.ts";
import { chartAlt, plotSvg } from "./chartSvg.ts";
import { plainDecimal } from "./plainDecimal.ts";
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

/** A number as the LMS should read it: 12 significant digits in plain decimal, never "1e-9" (see plainDecimal.ts). */
export function numberText(x: number): string {
  return plainDecimal(x, 12);
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

/** One chart of an exercise as an image file for a package: SVG text and alt text that carries the data. */
export interface LmsChart {
  /** File name, unique within the question ("figure.svg", "option-b.svg"). */
  file: string;
  svg: string;
  alt: string;
}

/** The exercise's charts: the prompt's figure, and one per choice option that is a chart (keyed by option id). */
export function exerciseCharts(e: Exercise): { figure?: LmsChart; options: Map<string, LmsChart> } {
  const chart = (file: string, plot: PlotSpec): LmsChart => ({ file, svg: plotSvg(plot), alt: chartAlt(plot) });
  const options = new Map<string, LmsChart>();
  for (const p of e.parts)
    for (const o of p.options ?? [])
      if (o.plot) options.set(o.id, chart(`${p.id}-option-${o.id}.svg`.replace(/[^A-Za-z0-9_.-]/g, "_"), o.plot));
  return { figure: e.figure ? chart("figure.svg", e.figure) : undefined, options };
}

/** Standard base64 (with padding) of UTF-8 text, as Moodle's <file encoding="base64"> wants it. */
export function base64Text(text: string): string {
  const url = bytesToBase64url(new TextEncoder().encode(text)).replace(/-/g, "+").replace(/_/g, "/");
  return url + "=".repeat((4 - (url.length % 4)) % 4);
}

/**
 * What an LMS export cannot carry faithfully, one line each (shown next to the download and put
 * inside the package): hand-graded formulas, vector/matrix parts whose blanks each weigh a point in
 * Moodle cloze, charts as SVG images, orderings matched as typed text in Moodle.
 */
export function exportReport(a: Assignment, variants: number, format: "moodle" | "qti"): string[] {
  const lines: string[] = [];
  for (const item of lmsItems(a, variants)) {
    const where = `Item ${item.item + 1} (${item.name})`;
    const e = item.variants[0];
    const specs = Object.values(e.answer);
    const charts = item.variants.reduce(
      (n, v) => n + (v.figure ? 1 : 0) + v.parts.reduce((m, p) => m + (p.options ?? []).filter((o) => o.plot).length, 0),
      0,
    );
    if (charts > 0) {
      lines.push(
        `${where}: ${charts} chart${charts === 1 ? "" : "s"} exported as SVG images, each with alt text listing every curve's start, end and extreme point. An LMS that does not display SVG shows the alt text instead.`,
      );
    }
    if (specs.some((sp) => sp.kind === "expression"))
      lines.push(
        `${where}: the formula is graded by hand (${format === "qti" ? "extendedTextInteraction" : "essay question"}); the accepted formula is in the grader information.`,
      );
    if (format === "moodle" && lmsKind(e) === "cloze" && specs.some((sp) => sp.kind === "vector" || sp.kind === "matrix")) {
      lines.push(
        `${where}: Moodle cloze weighs every blank one mark, so each vector or matrix entry counts as a full mark (on the site a whole vector is one point). Scale the question's marks if that matters.`,
      );
    }
    if (format === "moodle" && lmsKind(e) === "cloze" && e.parts.some((p) => (p.options ?? []).some((o) => o.plot))) {
      lines.push(
        `${where}: chart options inside a cloze question are shown as images above the blank (a cloze drop-down cannot hold images).`,
      );
    }
    if (specs.some((sp) => sp.kind === "ordering")) {
      const multi = item.variants.some((v) =>
        Object.values(v.answer).some((sp) => sp.kind === "ordering" && (sp.alsoCorrect?.length ?? 0) > 0),
      );
      lines.push(
        `${where}: ${format === "moodle" ? "the order is typed as ids and matched exactly (with or without spaces after commas)" : "orderInteraction"}${multi ? "; every accepted order is a right answer" : ""}.`,
      );
    }
    if (specs.some((sp) => sp.kind === "number" && "unit" in sp && sp.unit)) lines.push(`${where}: units are shown but not graded.`);
  }
  return lines;
}
