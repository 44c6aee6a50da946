import { formatNumber, normalizeSigns, parseNumber } from "./number.ts";
import type { ParseResult } from "./score.ts";
import { quoteTyped } from "./quoteTyped.ts";

/** Splits one row of entries on commas and/or whitespace ("1, 2", "1 2", "1,2"). */
function splitEntries(row: string): string[] {
  const t = row.trim();
  if (t === "") return [];
  return t.split(t.includes(",") ? /\s*,\s*/ : /\s+/);
}

function parseEntries(row: string, where: (i: number) => string): ParseResult<number[]> {
  const entries = splitEntries(row);
  const values: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (entries[i] === "") return { ok: false, message: `${where(i)} is empty (two commas in a row?).` };
    const n = parseNumber(entries[i]);
    if (!n.ok) return { ok: false, message: `${where(i)}: ${n.message}` };
    values.push(n.value);
  }
  return { ok: true, value: values };
}

/** Checks that every opening bracket of any kind is closed, in order. */
function bracketProblem(t: string): string | null {
  const pairs: Record<string, string> = { "]": "[", ")": "(" };
  const stack: string[] = [];
  for (const ch of t) {
    if (ch === "[" || ch === "(") stack.push(ch);
    else if (ch === "]" || ch === ")") {
      if (stack.pop() !== pairs[ch]) return `There is a “${ch}” without a matching “${pairs[ch]}”.`;
    }
  }
  if (stack.length > 0) return `A “${stack[stack.length - 1]}” is never closed: add “${stack[stack.length - 1] === "[" ? "]" : ")"}”.`;
  return null;
}

/** Removes one pair of enclosing brackets when the first bracket closes at the very end ("[a], [b]" is not enclosed). */
function stripOuter(t: string): string {
  const s = t.trim();
  if (!/^[[(]/.test(s)) return s;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "[" || s[i] === "(") depth++;
    else if (s[i] === "]" || s[i] === ")") {
      depth--;
      if (depth === 0) return i === s.length - 1 ? s.slice(1, -1).trim() : s;
    }
  }
  return s;
}

/**
 * Reads a vector: `[1, 2, 3]`, `(1, 2, 3)`, `1, 2, 3`, `1 2 3`, or a column `[1; 2; 3]`. Entries are
 * anything parseNumber accepts (so `1/3` and `−0.5` work); commas separate entries here, never digits.
 */
export function parseVector(text: string): ParseResult<number[]> {
  const t = normalizeSigns(text).trim();
  if (t === "") return { ok: false, message: "Enter a vector, like [1, 2, 3]." };
  const problem = bracketProblem(t);
  if (problem) return { ok: false, message: problem };
  let inner = stripOuter(t);
  if (/[[\]()]/.test(inner)) {
    return { ok: false, message: "A vector has one pair of brackets: write [1, 2, 3]." };
  }
  if (inner.includes(";")) {
    const rows = inner.split(";").map((r) => r.trim());
    if (rows.some((r) => splitEntries(r).length > 1)) {
      return { ok: false, message: "This looks like a matrix (rows separated by “;”); the answer is a vector, like [1, 2, 3]." };
    }
    inner = rows.join(",");
  }
  const values = parseEntries(inner, (i) => `Entry ${i + 1}`);
  if (!values.ok) return values;
  if (values.value.length === 0) return { ok: false, message: "The vector is empty: enter its entries, like [1, 2, 3]." };
  return values;
}

/**
 * Reads a matrix in the forms people use: MATLAB-style `[1, 2; 3, 4]` or `1 2; 3 4`, nested lists
 * `[[1, 2], [3, 4]]` (NumPy/JSON), or one row per line. Ragged rows are refused with a message
 * naming the row ("Row 2 has 3 entries but row 1 has 2").
 */
export function parseMatrix(text: string): ParseResult<number[][]> {
  const t = normalizeSigns(text).trim();
  if (t === "") return { ok: false, message: "Enter a matrix, like [1, 2; 3, 4]." };
  const problem = bracketProblem(t);
  if (problem) return { ok: false, message: problem };
  let rowTexts: string[];
  const outer = stripOuter(t);
  if (/^[[(]/.test(outer)) {
    // Nested: [[1, 2], [3, 4]] → rows between inner brackets; only commas/space may sit between them.
    rowTexts = [];
    const re = /[[(]([^[\]()]*)[\])]/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(outer)) !== null) {
      const between = outer.slice(last, m.index);
      if (!/^[\s,;]*$/.test(between)) return { ok: false, message: `Unexpected ${quoteTyped(between.trim())} between rows.` };
      rowTexts.push(m[1]);
      last = re.lastIndex;
    }
    if (!/^[\s,;]*$/.test(outer.slice(last)))
      return { ok: false, message: `Unexpected ${quoteTyped(outer.slice(last).trim())} after the last row.` };
  } else {
    if (/[[\]()]/.test(outer))
      return { ok: false, message: "Brackets go around the whole matrix or around each row, like [1, 2; 3, 4] or [[1, 2], [3, 4]]." };
    rowTexts = outer.split(/;|\r?\n/);
    // A trailing ";" or newline ends the last row rather than starting an empty one.
    if (rowTexts.length > 1 && rowTexts[rowTexts.length - 1].trim() === "") rowTexts.pop();
  }
  const rows: number[][] = [];
  for (let r = 0; r < rowTexts.length; r++) {
    const row = parseEntries(rowTexts[r], (i) => `Row ${r + 1}, entry ${i + 1}`);
    if (!row.ok) return row;
    if (row.value.length === 0) return { ok: false, message: `Row ${r + 1} is empty.` };
    if (r > 0 && row.value.length !== rows[0].length) {
      return {
        ok: false,
        message: `Row ${r + 1} has ${row.value.length} ${row.value.length === 1 ? "entry" : "entries"} but row 1 has ${rows[0].length}.`,
      };
    }
    rows.push(row.value);
  }
  return { ok: true, value: rows };
}

/** "[1, 2.5, -3]" */
export function formatVector(values: readonly number[], format: (x: number) => string = formatNumber): string {
  return `[${values.map((x) => format(x)).join(", ")}]`;
}

/** "[1, 2; 3, 4]": the form parseMatrix reads back. */
export function formatMatrix(rows: readonly (readonly number[])[], format: (x: number) => string = formatNumber): string {
  return `[${rows.map((row) => row.map((x) => format(x)).join(", ")).join("; ")}]`;
}

/** "2×3" */
export function formatShape(rows: number, cols: number): string {
  return `${rows}×${cols}`;
}
