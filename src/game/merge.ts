/**
 * Merging two progress records (importing a file from another device with "merge").
 *
 * The rules, chosen so that merging is commutative, idempotent (merging a file twice changes
 * nothing) and never loses anything either side had:
 *
 *  - attempts:    union, de-duplicated by attempt id (time + family + seed + level), in time order.
 *  - challenges,
 *    badges:      union; when both have one, the earlier time is kept.
 *  - lessons:     union; first visit = the earlier, last visit = the later.
 *  - help:        union per exercise; the more hints, a solution shown on either, the later time.
 *  - days:        union (so streaks count practice on either device).
 *  - mastery:     replayed through BKT from the merged attempts in time order (mastery.ts) — the
 *                 number one device would show had it seen every answer. Skills that no attempt
 *                 mentions (from a migrated record) keep the higher of the two values.
 *  - xp:          the total over the merged record (attempt XP + challenge XP), or the larger of the
 *                 two totals if that is higher, so XP never drops by merging.
 *  - dismissed
 *    notices:     union.
 *
 * After a merge, badges the merged record newly qualifies for are awarded by the caller.
 */
import { replayMastery } from "./mastery.ts";
import type { Attempt, ProgressV1, Stamp } from "./schema.ts";
import { normaliseDays } from "./streak.ts";
import { CHALLENGE_XP } from "./xp.ts";

function unionStamps(a: Record<string, Stamp>, b: Record<string, Stamp>): Record<string, Stamp> {
  const out: Record<string, Stamp> = { ...a };
  for (const [id, stamp] of Object.entries(b)) out[id] = out[id] ? { at: Math.min(out[id]!.at, stamp.at) } : { ...stamp };
  return out;
}

/** The XP a record's events account for. */
export function recordedXp(progress: Pick<ProgressV1, "attempts" | "challenges">): number {
  return progress.attempts.reduce((sum, a) => sum + a.xp, 0) + Object.keys(progress.challenges).length * CHALLENGE_XP;
}

export function mergeProgress(a: ProgressV1, b: ProgressV1): ProgressV1 {
  const byId = new Map<string, Attempt>();
  for (const attempt of [...a.attempts, ...b.attempts]) if (!byId.has(attempt.id)) byId.set(attempt.id, attempt);
  const attempts = [...byId.values()].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const mastery = replayMastery(attempts);
  for (const source of [a.mastery, b.mastery]) {
    for (const [skill, m] of Object.entries(source)) {
      if (attempts.some((t) => t.skills.includes(skill))) continue;
      if (!mastery[skill] || mastery[skill]!.p < m.p) mastery[skill] = { ...m };
    }
  }

  const lessons: ProgressV1["lessons"] = { ...a.lessons };
  for (const [slug, visit] of Object.entries(b.lessons)) {
    const mine = lessons[slug];
    lessons[slug] = mine ? { first: Math.min(mine.first, visit.first), last: Math.max(mine.last, visit.last) } : { ...visit };
  }

  // Keys in sorted order, so that merging a with b and b with a give the same record.
  const help: ProgressV1["help"] = {};
  for (const key of [...new Set([...Object.keys(a.help), ...Object.keys(b.help)])].sort()) {
    const [x, y] = [a.help[key], b.help[key]];
    help[key] =
      x && y ? { hints: Math.max(x.hints, y.hints), solution: x.solution || y.solution, at: Math.max(x.at, y.at) } : { ...(x ?? y)! };
  }

  const challenges = unionStamps(a.challenges, b.challenges);
  const merged: ProgressV1 = {
    schema: 1,
    xp: 0,
    attempts,
    mastery,
    days: normaliseDays([...a.days, ...b.days]),
    badges: unionStamps(a.badges, b.badges),
    challenges,
    lessons,
    help,
    dismissedBackups: [...new Set([...a.dismissedBackups, ...b.dismissedBackups])],
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
  merged.xp = Math.max(a.xp, b.xp, recordedXp(merged));
  return merged;
}
