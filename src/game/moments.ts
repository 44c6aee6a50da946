/**
 * What the page tells the learner about the game as they learn: the header's one-line summary
 * (level, XP, streak), the level-up and badge "moments" a change brings, and what a lesson's
 * challenge pays. Pure readings of a progress value or a Change, so the header script stays small
 * and every rule here is tested in Node.
 */
import { badgeInfo } from "./badgeInfo.ts";
import { levelFor } from "./levels.ts";
import type { ProgressV1 } from "./schema.ts";
import type { Change } from "./store.ts";
import { streakOf } from "./streak.ts";
import { CHALLENGE_XP } from "./xp.ts";

export type HeaderSummary = {
  xp: number;
  /** Short level name (a survey: 2MASS, SDSS…). */
  level: string;
  /** The survey's full name, for the accessible label. */
  levelFull: string;
  /** XP still needed for the next level; null at the top. */
  toNext: number | null;
  /** Current daily streak in days (0 when broken). */
  streak: number;
  /** One sentence for screen readers and the tooltip. */
  label: string;
};

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

export function headerSummary(progress: Pick<ProgressV1, "xp" | "days">, todayKey: string): HeaderSummary {
  const { level, next, toNext } = levelFor(progress.xp);
  const streak = streakOf(progress.days, todayKey).current;
  const nextText = next ? `, ${toNext} XP to ${next.name}` : ", the top level";
  return {
    xp: progress.xp,
    level: level.name,
    levelFull: level.fullName,
    toNext: next ? toNext : null,
    streak,
    label: `Level ${level.name} (${level.fullName}), ${progress.xp} XP${nextText}; streak ${days(streak)}. Open the practice page.`,
  };
}

/** A level-up or a badge, as the page announces it. `id` is stable, so it is shown once. */
export type Moment = { id: string; kind: "level" | "badge"; title: string; text: string };

/**
 * The moments a change brings, level-up first. A level's own badge (`level:<survey>`) is the same
 * moment as the level-up, so it is folded into it. Only what the learner just did (an answer, a
 * challenge) is a moment: a change from another tab (`external`) carries none, so a moment shows
 * only in the tab where it happened, and an import's badges were earned before, elsewhere.
 */
export function momentsOf(change: Pick<Change, "kind" | "levelUp" | "newBadges">): Moment[] {
  if (change.kind !== "attempt" && change.kind !== "challenge") return [];
  const moments: Moment[] = [];
  if (change.levelUp) {
    const { name, fullName, minXp, survey } = change.levelUp;
    moments.push({
      id: `level:${survey}`,
      kind: "level",
      title: `Level up: ${name}`,
      text: `You reached ${minXp} XP — the ${fullName} level.`,
    });
  }
  for (const id of change.newBadges) {
    if (id.startsWith("level:") && moments.some((m) => m.id === id)) continue;
    const info = badgeInfo(id);
    moments.push({ id, kind: "badge", title: `Badge: ${info.title}`, text: info.description });
  }
  return moments;
}

/** What completing a lesson's challenge pays, in words for its challenge box. */
export function challengeReward(challengeId: string): { xp: number; badge: string; text: string } {
  const badge = badgeInfo(`challenge:${challengeId}`).title;
  return { xp: CHALLENGE_XP, badge, text: `+${CHALLENGE_XP} XP and the badge “${badge}”.` };
}
