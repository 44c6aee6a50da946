/**
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF line ends, quoted when needed), guarded
 * against formula injection: a text cell that starts with =, +, -, @ (or a tab/carriage return) is
 * prefixed with an apostrophe so spreadsheet programs show it instead of evaluating it (OWASP's
 * advice). Numbers written by us are left alone.
 */
import type { Adjustments } from "./adjustments.ts";
import { NO_ADJUSTMENTS, adjustedGrade } from "./adjustments.ts";
import type { Gradebook } from "./regrade.ts";

export type Cell = string | number;

/** One cell, escaped. */
export function csvCell(value: Cell): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * One cell of the CLI's tab-separated table: the same formula guard as csvCell (terminal output is
 * pasted into spreadsheets too), and tabs and line breaks turned into spaces so a name cannot add
 * columns or rows.
 */
export function tableCell(value: Cell): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = value.replace(/[\t\r\n]+/g, " ");
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * Column names for the exercises of an assignment, from their families: a family's name alone when
 * it appears once, "name #1", "name #2"… when the assignment has several of it. `name` maps a family
 * id to what is shown (the id in the CSV, the family's title on the page).
 */
export function exerciseColumns(families: readonly string[], name: (family: string) => string = (id) => id): string[] {
  const total = new Map<string, number>();
  for (const f of families) total.set(f, (total.get(f) ?? 0) + 1);
  const seen = new Map<string, number>();
  return families.map((f) => {
    const k = (seen.get(f) ?? 0) + 1;
    seen.set(f, k);
    return total.get(f)! > 1 ? `${name(f)} #${k}` : name(f);
  });
}

/** The gradebook's table: one row per student, points per exercise, total, percent, flags, then the instructor's adjustments (late penalty, override and its comment). */
export function gradebookRows(book: Gradebook, adj: Adjustments = NO_ADJUSTMENTS): Cell[][] {
  const a = book.assignment;
  const n = book.rows[0]?.exercises.length ?? (a ? a.items.reduce((s, i) => s + i.count, 0) : 0);
  const families = book.rows[0]
    ? book.rows[0].exercises.map((e) => e.family)
    : (a?.items.flatMap((it) => Array.from({ length: it.count }, () => it.family)) ?? []);
  const header: Cell[] = [
    "student",
    ...exerciseColumns(families.slice(0, n)),
    "points",
    "out of",
    "percent",
    "attempts",
    "hints",
    "issued (UTC)",
    "flags",
    "days late",
    "late penalty %",
    "final points",
    "comment",
  ];
  const body = book.rows.map((r): Cell[] => [
    r.receipt.student,
    ...r.exercises.map((e) => e.earned),
    r.earned,
    r.total,
    r.total > 0 ? Math.round((1000 * r.earned) / r.total) / 10 : 0,
    r.exercises.reduce((s, e) => s + e.attempts, 0),
    r.exercises.reduce((s, e) => s + e.hints, 0),
    new Date(r.receipt.issuedAt).toISOString().slice(0, 16).replace("T", " "),
    r.flags.map((f) => f.message).join(" | "),
    ...((g) => [g.daysLate, g.penaltyPercent, g.final, g.comment])(adjustedGrade(r, a, adj)),
  ]);
  return [header, ...body];
}

export function gradebookCsv(book: Gradebook, adj: Adjustments = NO_ADJUSTMENTS): string {
  return toCsv(gradebookRows(book, adj));
}
