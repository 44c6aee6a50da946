/**
 * What the practice page shows about the learner, computed from progress alone: level and its
 * progress bar, streak, badges (newest first), and mastery per skill with a text value.
 */
import {
  badgeInfo,
  BKT,
  levelFor,
  MASTERY_THRESHOLD,
  streakOf,
  type BadgeInfo,
  type LevelProgress,
  type ProgressV1,
  type Streak,
} from "../game/progressApi.ts";

export type SkillRow = {
  skill: string;
  /** p(L) in [0, 1]. */
  p: number;
  /** Whole percent, for the text beside the bar. */
  percent: number;
  mastered: boolean;
  /** Graded answers on this skill. */
  answers: number;
};

export type Dashboard = {
  xp: number;
  level: LevelProgress;
  streak: Streak;
  badges: (BadgeInfo & { at: number })[];
  /** Every skill, known ones first in the given order. */
  skills: SkillRow[];
  /** Skills with at least one answer, weakest first (what to work on heads the list). */
  practised: SkillRow[];
  answers: number;
  fullyRight: number;
};

/** `knownSkills` (from the registry) are listed even before they are practised, at the prior. */
export function dashboard(progress: ProgressV1, todayKey: string, knownSkills: readonly string[] = []): Dashboard {
  const names = [...new Set([...knownSkills, ...Object.keys(progress.mastery)])];
  const skills = names.map((skill) => {
    const m = progress.mastery[skill];
    const p = m?.p ?? BKT.pInit;
    return { skill, p, percent: Math.round(p * 100), mastered: p >= MASTERY_THRESHOLD, answers: m?.n ?? 0 };
  });
  return {
    xp: progress.xp,
    level: levelFor(progress.xp),
    streak: streakOf(progress.days, todayKey),
    badges: Object.entries(progress.badges)
      .map(([id, stamp]) => ({ ...badgeInfo(id), at: stamp.at }))
      .sort((a, b) => b.at - a.at || a.id.localeCompare(b.id)),
    skills,
    practised: skills.filter((row) => row.answers > 0).sort((a, b) => a.p - b.p || a.skill.localeCompare(b.skill)),
    answers: progress.attempts.length,
    fullyRight: progress.attempts.filter((a) => a.total > 0 && a.earned >= a.total).length,
  };
}

/** "3 days", "1 day". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
