import { readFileSync } from "node:fs";
import {
  buildGradebook,
  decodeAssignment,
  findReceiptCodes,
  gradebookCsv,
  gradebookRows,
  isCalendarDate,
  itemAnalysisCsv,
  tableCell,
} from "./assignments/index.ts";
import { UsageError, parseCommandArgs } from "./cliArgs.ts";

/**
 * `npm run exercises -- grade <receipts file> [--csv] [--assignment <link>]`: the gradebook page's
 * regrading in the terminal. Every receipt code in the file (pasted codes, receipt files joined) is
 * regraded from its seeds; the score inside a receipt is never trusted.
 */
export const GRADE_HELP = `  npm run exercises -- grade <receipts file> [--csv | --items] [--assignment <link or #a1.… fragment>] [--opens YYYY-MM-DD]
      Regrade every receipt code (DSR1.…) in the file from its seeds. Prints a table and the flags
      (another assignment, edited or cut-short codes, duplicates, receipts that disagree, look-alike
      names, …); --csv prints CSV instead, --items the item analysis as CSV. --opens is the day the
      assignment was handed out (earlier starts are flagged).`;
export const GRADE_USAGE = `Usage:\n${GRADE_HELP}`;

export interface GradeIo {
  out(text: string): void;
  err(text: string): void;
}

export function gradeCommand(args: string[], io: GradeIo, read: (path: string) => string = (p) => readFileSync(p, "utf8")): number {
  let parsed;
  try {
    parsed = parseCommandArgs(args, {
      csv: { type: "boolean" },
      items: { type: "boolean" },
      assignment: { type: "string" },
      opens: { type: "string" },
    });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  if (parsed.values.help) {
    io.out(GRADE_USAGE);
    return 0;
  }
  const csv = parsed.values.csv === true;
  const link = parsed.values.assignment;
  const files = parsed.positionals;
  if (files.length !== 1) return usage(io, "grade needs exactly one receipts file.");
  if (link === "") return usage(io, "--assignment needs a link.");
  const opens = parsed.values.opens;
  if (opens !== undefined && !isCalendarDate(opens)) return usage(io, `--opens needs a date that exists, as YYYY-MM-DD (not “${opens}”).`);
  let expected;
  if (link !== undefined) {
    const decoded = decodeAssignment(link);
    if (!decoded.ok) return usage(io, decoded.message);
    expected = decoded.value;
  }
  let text: string;
  try {
    text = read(files[0]);
  } catch (error) {
    io.err(`Cannot read ${files[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const codes = findReceiptCodes(text);
  if (codes.length === 0) {
    io.err(`No receipt codes (DSR1.…) found in ${files[0]}.`);
    return 1;
  }
  const book = buildGradebook(
    codes.map((code, i) => ({ source: `${files[0]} #${i + 1}`, code })),
    expected,
    { opens, now: Date.now() },
  );
  if (parsed.values.items === true) {
    io.out(itemAnalysisCsv(book).trimEnd());
    return 0;
  }
  if (csv) {
    io.out(gradebookCsv(book).trimEnd());
    return 0;
  }
  io.out(
    `${book.assignment ? `Assignment “${book.assignment.title}” (${book.given ? "from the link" : "most receipts"})` : "No readable receipt"} · ${codes.length} receipt${codes.length === 1 ? "" : "s"} · ${book.rows.length} student${book.rows.length === 1 ? "" : "s"}`,
  );
  // Tab-separated, so it pastes into a spreadsheet: cells get the CSV's formula guard.
  const rows = gradebookRows(book);
  // The flags are listed below the table, not in it.
  const flagsAt = rows[0].indexOf("flags");
  for (const row of rows)
    io.out(
      row
        .filter((_, k) => k !== flagsAt)
        .map(tableCell)
        .join("\t"),
    );
  const flagged = book.entries.filter((e) => e.problem || (e.result && e.result.flags.length > 0));
  if (flagged.length > 0) {
    io.out("\nFlags:");
    for (const e of flagged) {
      const who = e.result ? tableCell(e.result.receipt.student) : "?";
      for (const message of e.problem ? [e.problem.message] : e.result!.flags.map((f) => f.message))
        io.out(`  #${e.number} (${who}): ${message}`);
    }
  }
  return 0;
}

function usage(io: GradeIo, message: string): number {
  io.err(`${message}\n\n${GRADE_USAGE}`);
  return 2;
}
