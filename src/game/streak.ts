/**
 * Daily streaks, derived from the set of local calendar days on which the learner answered at
 * least one exercise or completed a challenge (stored as "YYYY-MM-DD" keys, see clock.ts).
 *
 *  - current: consecutive active days ending today — or ending yesterday, so a streak is not
 *    shown as broken in the morning before today's practice.
 *  - best: the longest run of consecutive active days ever.
 *
 * Storing days rather than a counter makes merging two devices a set union and makes the streak
 * immune to clock skew between sessions.
 */
import { daysBetween } from "./clock.ts";

export type Streak = {
  current: number;
  best: number;
  /** True when today already counts (the learner practised today). */
  today: boolean;
};

/** Sorted, de-duplicated day keys. */
export function normaliseDays(days: Iterable<string>): string[] {
  return [...new Set(days)].sort();
}

export function streakOf(days: readonly string[], todayKey: string): Streak {
  const sorted = normaliseDays(days).filter((d) => daysBetween(d, todayKey) >= 0);
  let best = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && daysBetween(sorted[i - 1]!, sorted[i]!) === 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  const last = sorted[sorted.length - 1];
  const gap = last === undefined ? Infinity : daysBetween(last, todayKey);
  return { current: gap <= 1 ? run : 0, best, today: gap === 0 };
}
