import type { Dataset } from "./dataset.ts";

/**
 * A small, strict CSV reader for learners' own data. It accepts comma-, semicolon- or tab-separated
 * text with an optional header row and RFC 4180 double-quoted fields, and it never throws: every
 * problem comes back as one sentence the page can show (with the row or column it concerns), so a
 * bad file costs nothing.
 */

export interface CsvLimits {
  /** Largest accepted text, in characters. Default 2 000 000 (≈ 2 MB). */
  maxChars: number;
  /** Most columns. Default 20. */
  maxColumns: number;
  /** Most data rows. Default 5000. */
  maxRows: number;
  /** Fewest data rows worth training on. Default 10. */
  minRows: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxChars: 2_000_000, maxColumns: 20, maxRows: 5000, minRows: 10 };

/** A parsed table: column names and the cells as text (numbers are read per column, on demand). */
export interface CsvTable {
  columns: string[];
  rows: string[][];
  /** The separator found: ",", ";" or "\t". */
  delimiter: string;
  /** Whether the first line was taken as a header (it had a non-numeric cell). */
  hasHeader: boolean;
}

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; message: string };

/** A number written in a CSV cell: plain or scientific, optional sign, "." as decimal point. */
export function parseCell(cell: string): number | null {
  const t = cell.trim().replace(/\u2212/g, "-");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Splits one line into fields, honouring double quotes ("" inside quotes is a literal quote). */
function splitLine(line: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (ch === delimiter) {
      fields.push(field.trim());
      field = "";
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

/** The separator that splits the first line into the most fields (comma wins ties). */
function detectDelimiter(line: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Reads CSV text into a table, or says in one sentence why it can't. */
export function parseCsv(text: string, limits: Partial<CsvLimits> = {}): CsvResult {
  const lim = { ...DEFAULT_CSV_LIMITS, ...limits };
  if (text.length > lim.maxChars) {
    return {
      ok: false,
      message: `The file is too large (${(text.length / 1e6).toFixed(1)} MB); the limit is ${(lim.maxChars / 1e6).toFixed(1)} MB.`,
    };
  }
  // A NUL or other control characters mean a binary file (an image, a spreadsheet, a FITS file…).
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) {
    return { ok: false, message: "This does not look like a CSV text file (it contains binary data). Export your table as CSV first." };
  }
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  if (lines.length === 0) return { ok: false, message: "The file is empty: there are no rows to read." };
  const delimiter = detectDelimiter(lines[0]);
  const first = splitLine(lines[0], delimiter);
  if (first === null) return { ok: false, message: "Line 1 has an unclosed double quote." };
  if (first.length < 2) {
    return {
      ok: false,
      message: "Only one column found. A CSV needs at least two columns (inputs and a target) separated by commas, semicolons or tabs.",
    };
  }
  if (first.length > lim.maxColumns) {
    return {
      ok: false,
      message: `Too many columns: ${first.length} (the limit is ${lim.maxColumns}). Keep only the columns you want to use.`,
    };
  }
  const hasHeader = first.some((cell) => parseCell(cell) === null);
  const columns = hasHeader ? first.map((c, i) => c || `column ${i + 1}`) : first.map((_, i) => `column ${i + 1}`);
  const dataLines = hasHeader ? lines.slice(1) : lines;
  if (dataLines.length > lim.maxRows) {
    return { ok: false, message: `Too many rows: ${dataLines.length} (the limit is ${lim.maxRows}). Take a random sample of your table.` };
  }
  const rows: string[][] = [];
  for (const [i, line] of dataLines.entries()) {
    const lineNumber = i + (hasHeader ? 2 : 1);
    const fields = splitLine(line, delimiter);
    if (fields === null) return { ok: false, message: `Line ${lineNumber} has an unclosed double quote.` };
    if (fields.length !== columns.length) {
      return {
        ok: false,
        message: `Line ${lineNumber} has ${fields.length} fields but the ${hasHeader ? "header" : "first line"} has ${columns.length}.`,
      };
    }
    rows.push(fields);
  }
  if (rows.length < lim.minRows) {
    return {
      ok: false,
      message: `Too few rows: ${rows.length} data row${rows.length === 1 ? "" : "s"} (at least ${lim.minRows} are needed to train and validate).`,
    };
  }
  return { ok: true, table: { columns, rows, delimiter, hasHeader } };
}

/** Indices of the columns whose every cell is a number. */
export function numericColumns(table: CsvTable): number[] {
  return table.columns.map((_, j) => j).filter((j) => table.rows.every((row) => parseCell(row[j]) !== null));
}

export type DatasetResult = { ok: true; dataset: Dataset } | { ok: false; message: string };

/**
 * The chosen columns as a Dataset. The task is classification when every target is 0 or 1 (both
 * present), regression otherwise. Fails, naming the column and line, on a non-numeric cell.
 */
export function tableToDataset(table: CsvTable, inputs: readonly number[], target: number): DatasetResult {
  if (inputs.length === 0) return { ok: false, message: "Pick at least one input column." };
  if (inputs.includes(target)) return { ok: false, message: `“${table.columns[target]}” cannot be both an input and the target.` };
  for (const j of [...inputs, target]) {
    if (j < 0 || j >= table.columns.length || !Number.isInteger(j)) return { ok: false, message: `There is no column number ${j + 1}.` };
  }
  const x: number[][] = [];
  const y: number[] = [];
  for (const [i, row] of table.rows.entries()) {
    const values: number[] = [];
    for (const j of [...inputs, target]) {
      const v = parseCell(row[j]);
      if (v === null) {
        const line = i + (table.hasHeader ? 2 : 1);
        return {
          ok: false,
          message: `Column “${table.columns[j]}” is not numeric: line ${line} has “${row[j].slice(0, 30)}”. Choose numeric columns or fix the cell.`,
        };
      }
      values.push(v);
    }
    y.push(values.pop()!);
    x.push(values);
  }
  const binary = y.every((v) => v === 0 || v === 1) && y.includes(0) && y.includes(1);
  return {
    ok: true,
    dataset: {
      x,
      y,
      inputNames: inputs.map((j) => table.columns[j]),
      targetName: table.columns[target],
      task: binary ? "classification" : "regression",
    },
  };
}
