/** Titles and descriptions of badges (the rules that award them are in badges.ts). */
import { IN_A_ROW, STREAK_DAYS } from "./badges.ts";
import { LEVELS } from "./levels.ts";
import { MASTERY_THRESHOLD } from "./mastery.ts";

export type BadgeInfo = { id: string; title: string; description: string };

export const BADGES: readonly BadgeInfo[] = [
  { id: "first-light", title: "First light", description: "Answered an exercise fully right for the first time." },
  { id: "ten-in-a-row", title: "Clear night", description: `${IN_A_ROW} fully right answers in a row.` },
  { id: "week-streak", title: "Observing run", description: `Practised on ${STREAK_DAYS} days in a row.` },
  { id: "first-challenge", title: "Into the playground", description: "Completed a lesson's challenge." },
  { id: "hundred-right", title: "Survey complete", description: "100 fully right answers." },
];

/** Title and description of any badge id, parametrised ones included. */
export function badgeInfo(id: string): BadgeInfo {
  const fixed = BADGES.find((b) => b.id === id);
  if (fixed) return fixed;
  const [kind, ...rest] = id.split(":");
  const arg = rest.join(":");
  if (kind === "challenge") return { id, title: `Challenge: ${arg}`, description: `Completed the challenge "${arg}".` };
  if (kind === "mastered") return { id, title: `Mastered: ${arg}`, description: `Mastery of "${arg}" reached ${Math.round(MASTERY_THRESHOLD * 100)} %.` };
  if (kind === "level") {
    const level = LEVELS.find((l) => l.survey === arg);
    return { id, title: `Level ${level?.name ?? arg}`, description: `Reached the ${level?.name ?? arg} level (${level?.minXp ?? "?"} XP).` };
  }
  return { id, title: id, description: "" };
}

