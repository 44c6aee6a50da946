/**
 * Item analysis across a class: for every exercise of the assignment, how the counted receipts did.
 * Rows in conflict (no points until the instructor decides) are left out. "Time to first answer" is
 * minutes from the student's start to their first graded answer on that exercise, a self-reported
 * time like every time in a receipt; the median is shown because a few students who leave a tab
 * open for a day would swamp a mean.
 */
import type { Cell } from "./csv.ts";
import { exerciseColumns, toCsv } from "./csv.ts";
import type { Gradebook } from "./regrade.ts";

export interface ItemStats {
  /** Column name (family id, numbered when the assignment has several of one family). */
  column: string;
  family: string;
  /** Students counted (rows without a conflict). */
  students: number;
  /** Of those, how many answered at least once. */
  answered: number;
  /** Mean best points over the students counted, and the points available. */
  meanPoints: number;
  total: number;
  distribution: { full: number; partial: number; zero: number; unanswered: number };
  /** The known mistake the most students made at least once (ties: first seen). */
  topMisconception: { id: string; students: number } | null;
  /** Median minutes from start to the first answer, over the students who answered. */
  medianMinutesToFirstAnswer: number | null;
  /** Mean graded attempts over the students who answered. */
  meanAttempts: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((x, y) => x - y);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function itemAnalysis(book: Gradebook): ItemStats[] {
  const rows = book.rows.filter((r) => !r.conflict);
  const first = rows[0] ?? book.rows[0];
  if (!first) return [];
  const columns = exerciseColumns(first.exercises.map((e) => e.family));
  return first.exercises.map((ex, j): ItemStats => {
    const distribution = { full: 0, partial: 0, zero: 0, unanswered: 0 };
    const tally = new Map<string, number>();
    const minutes: number[] = [];
    let points = 0;
    let attempts = 0;
    let answered = 0;
    for (const r of rows) {
      const e = r.exercises[j];
      points += e.earned;
      if (e.attempts === 0) distribution.unanswered++;
      else if (e.total > 0 && e.earned >= e.total) distribution.full++;
      else if (e.earned > 0) distribution.partial++;
      else distribution.zero++;
      if (e.attempts > 0) {
        answered++;
        attempts += e.attempts;
        minutes.push((r.receipt.exercises[j].submissions[0].at - r.receipt.startedAt) / 60_000);
      }
      for (const id of e.misconceptions) tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    let top: ItemStats["topMisconception"] = null;
    for (const [id, n] of tally) if (!top || n > top.students) top = { id, students: n };
    return {
      column: columns[j],
      family: ex.family,
      students: rows.length,
      answered,
      meanPoints: rows.length ? points / rows.length : 0,
      total: ex.total,
      distribution,
      topMisconception: top,
      medianMinutesToFirstAnswer: median(minutes),
      meanAttempts: answered ? attempts / answered : 0,
    };
  });
}

/** The item analysis as CSV (same escaping and formula guard as the grades CSV). */
export function itemAnalysisCsv(book: Gradebook): string {
  const round = (x: number) => Math.round(x * 100) / 100;
  const header: Cell[] = [
    "exercise",
    "students",
    "answered",
    "mean points",
    "out of",
    "full marks",
    "partial",
    "zero",
    "unanswered",
    "most common mistake",
    "students making it",
    "median minutes to first answer",
    "mean attempts",
  ];
  const body = itemAnalysis(book).map((s): Cell[] => [
    s.column,
    s.students,
    s.answered,
    round(s.meanPoints),
    s.total,
    s.distribution.full,
    s.distribution.partial,
    s.distribution.zero,
    s.distribution.unanswered,
    s.topMisconception?.id ?? "",
    s.topMisconception?.students ?? 0,
    s.medianMinutesToFirstAnswer === null ? "" : round(s.medianMinutesToFirstAnswer),
    round(s.meanAttempts),
  ]);
  return toCsv([header, ...body]);
}
