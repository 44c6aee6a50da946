/**
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF line ends, quoted when needed), guarded
 * against formula injection: a text cell that starts with =, +, -, @ (or a tab/carriage return) is
 * prefixed with an apostrophe so spreadsheet programs show it instead of evaluating it (OWASP's
 * advice). Numbers written by us are left alone.
 */
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

/** The gradebook's table: one row per student, points per exercise, total, percent, flags. */
export function gradebookRows(book: Gradebook): Cell[][] {
  const a = book.assignment;
  const n = book.rows[0]?.exercises.length ?? (a ? a.items.reduce((s, i) => s + i.count, 0) : 0);
  const header: Cell[] = ["student", ...Array.from({ length: n }, (_, j) => `E${j + 1} ${book.rows[0]?.exercises[j]?.family ?? ""}`.trim()), "points", "out of", "percent", "attempts", "hints", "issued (UTC)", "flags"];
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
  ]);
  return [header, ...body];
}

export function gradebookCsv(book: Gradebook): string {
  return toCsv(gradebookRows(book));
}
