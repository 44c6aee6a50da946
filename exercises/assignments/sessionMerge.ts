/**
 * One record per student and assignment across tabs and reloads. Two tabs of one assignment each
 * hold the work in memory and save it to the same localStorage key; saving one tab's copy as it is
 * would erase what the other tab added. So every save first merges with what is stored, and every
 * tab merges in what another tab stored (the page listens for storage events):
 *
 * - submissions: the union (one submission = its time and its input), oldest first, cut at the
 *   attempt limit and after the first full-marks answer, so the limit holds across tabs;
 * - hints: the larger count (a hint opened anywhere stays opened);
 * - started: the earlier time; drafts: this tab's (what is in its fields).
 *
 * The merge is commutative in everything but the drafts, and merging a session with itself changes
 * nothing, so tabs that merge each other's saves in any order agree.
 */
import type { Assignment } from "./assignment.ts";
import type { ExerciseWork, SessionState } from "./session.ts";

/** `mine` with `theirs` merged in (both for the same assignment and student). */
export function mergeSessions(a: Assignment, mine: SessionState, theirs: SessionState): SessionState {
  const work = mine.work.map((w, j): ExerciseWork => {
    const o = theirs.work[j];
    if (!o) return w;
    const seen = new Map<string, { at: number; input: Record<string, string>; points: number }>();
    for (const src of [w, o]) {
      src.submissions.forEach((s, k) => {
        const id = `${s.at}|${JSON.stringify(Object.entries(s.input).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))}`;
        if (!seen.has(id)) seen.set(id, { at: s.at, input: s.input, points: src.points[k] ?? 0 });
      });
    }
    const all = [...seen.values()].sort((x, y) => x.at - y.at);
    const kept: typeof all = [];
    const total = Math.max(w.total, o.total);
    for (const s of all) {
      if (kept.length >= a.attempts) break;
      if (total > 0 && kept.some((k) => k.points >= total)) break;
      kept.push(s);
    }
    return {
      draft: w.draft,
      submissions: kept.map((s) => ({ input: s.input, at: s.at })),
      points: kept.map((s) => s.points),
      total,
      hints: Math.max(w.hints, o.hints),
    };
  });
  return { student: mine.student, startedAt: Math.min(mine.startedAt, theirs.startedAt), work };
}

/** The format version written in saved work, or null when it cannot be told (not JSON, no "v"). */
export function savedVersion(raw: string): number | null {
  try {
    const data: unknown = JSON.parse(raw);
    if (data !== null && typeof data === "object" && "v" in data && typeof data.v === "number") return data.v;
  } catch {
    // Damaged: no version to read.
  }
  return null;
}
