/**
 * Learner levels, named after the course's sky surveys in order of data volume (archive size in
 * src/lib/astro/surveys.ts): 2MASS (25 TB) → SDSS (50 TB) → Rubin/LSST (200 PB) → SKA (4.6 EB).
 *
 * Thresholds (total XP to reach a level) grow roughly fourfold per level, as the surveys' data
 * grows by orders of magnitude. With ~10–30 XP per exercise:
 *   2MASS    0 XP   where everyone starts
 *   SDSS   100 XP   about five to ten exercises
 *   LSST   500 XP   a few lessons' practice
 *   SKA   2000 XP   most of the course, practised well
 */
import { SURVEYS, type SurveyId } from "../lib/astro/surveys.ts";

export type LevelInfo = {
  /** Index in LEVELS (0 = 2MASS). */
  readonly index: number;
  readonly survey: SurveyId;
  /** Short name shown to the learner. */
  readonly name: string;
  /** The survey's full name, for tooltips and screen readers. */
  readonly fullName: string;
  /** Total XP needed to reach this level. */
  readonly minXp: number;
};

const THRESHOLDS: Record<SurveyId, number> = { "2mass": 0, sdss: 100, lsst: 500, ska: 2000 };

/** The levels, in order of the surveys' archive volume (smallest first). */
export const LEVELS: readonly LevelInfo[] = [...SURVEYS]
  .sort((a, b) => a.archiveTB - b.archiveTB)
  .map((survey, index) => ({
    index,
    survey: survey.id,
    name: survey.shortName,
    fullName: survey.fullName,
    minXp: THRESHOLDS[survey.id],
  }));

export type LevelProgress = {
  level: LevelInfo;
  /** The next level, or null at the top. */
  next: LevelInfo | null;
  /** Fraction of the way from this level's threshold to the next one, in [0, 1]; 1 at the top. */
  fraction: number;
  /** XP still needed to reach the next level (0 at the top). */
  toNext: number;
};

/** The level reached with `xp` total XP and how far along it the learner is. */
export function levelFor(xp: number): LevelProgress {
  const total = Math.max(0, xp);
  let index = 0;
  for (let i = 0; i < LEVELS.length; i++) if (total >= LEVELS[i]!.minXp) index = i;
  const level = LEVELS[index]!;
  const next = LEVELS[index + 1] ?? null;
  if (!next) return { level, next: null, fraction: 1, toNext: 0 };
  return {
    level,
    next,
    fraction: (total - level.minXp) / (next.minXp - level.minXp),
    toNext: next.minXp - total,
  };
}
