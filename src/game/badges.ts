/**
 * Badges: milestones, each earned once and kept with the time it was earned. The rules are here;
 * titles and descriptions are in badgeInfo.ts (only pages that show badges load them).
 *
 * Fixed ids: first-light, ten-in-a-row, week-streak, first-challenge, hundred-right. Three kinds
 * are parametrised by an id:
 *   challenge:<challengeId>  a playground challenge completed (lesson widgets call completeChallenge)
 *   mastered:<skill>         a skill reached the mastery threshold (see mastery.ts)
 *   level:<surveyId>         a new survey level reached (see levels.ts)
 */
import { levelFor, LEVELS } from "./levels.ts";
import { MASTERY_THRESHOLD } from "./mastery.ts";
import type { ProgressV1 } from "./schema.ts";
import { streakOf } from "./streak.ts";

/** Consecutive full-credit answers needed for the "in a row" badge. */
export const IN_A_ROW = 10;
/** Consecutive active days needed for the streak badge. */
export const STREAK_DAYS = 7;

const isFull = (a: { earned: number; total: number }) => a.total > 0 && a.earned >= a.total;
// The hundred-answer badge counts exercises right at the first try: cycling through a choice's
// options always ends right, so later tries would make it a badge for persistence, not for knowing.
// (Ten in a row needs no such rule: the wrong tries in between are attempts that break the run.)
const isFirstTryFull = (a: { earned: number; total: number; tries?: number }) => isFull(a) && !(a.tries !== undefined && a.tries > 0);

/** Badge ids that `progress` qualifies for, whether or not they were already awarded. */
export function qualifyingBadges(progress: ProgressV1, todayKey: string): string[] {
  const ids: string[] = [];
  const full = progress.attempts.filter(isFull).length;
  if (full >= 1) ids.push("first-light");
  if (progress.attempts.filter(isFirstTryFull).length >= 100) ids.push("hundred-right");
  // Longest run of consecutive full-credit answers anywhere in the history.
  let run = 0;
  let bestRun = 0;
  for (const a of progress.attempts) {
    run = isFull(a) ? run + 1 : 0;
    bestRun = Math.max(bestRun, run);
  }
  if (bestRun >= IN_A_ROW) ids.push("ten-in-a-row");
  if (streakOf(progress.days, todayKey).best >= STREAK_DAYS) ids.push("week-streak");
  const challenges = Object.keys(progress.challenges);
  if (challenges.length > 0) ids.push("first-challenge");
  for (const c of challenges) ids.push(`challenge:${c}`);
  for (const [skill, m] of Object.entries(progress.mastery)) if (m.p >= MASTERY_THRESHOLD) ids.push(`mastered:${skill}`);
  const reached = levelFor(progress.xp).level.index;
  for (const level of LEVELS.slice(1, reached + 1)) ids.push(`level:${level.survey}`);
  return ids;
}

/** Awards every newly qualifying badge (mutating `progress`); returns the ids awarded now. */
export function awardBadges(progress: ProgressV1, now: number, todayKey: string): string[] {
  const fresh = qualifyingBadges(progress, todayKey).filter((id) => !progress.badges[id]);
  for (const id of fresh) progress.badges[id] = { at: now };
  return fresh;
}
