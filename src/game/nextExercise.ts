/**
 * What to practise next: the family whose skills the learner knows least, at a level that rises
 * with mastery.
 *
 *  - A family's mastery is the mean p(L) of its skills (mastery.ts; a never-practised skill counts
 *    at the prior p(L0)).
 *  - The family with the lowest mastery is chosen; families within TIE of the lowest count as tied,
 *    and among those the one practised least recently wins (so two weak families alternate rather
 *    than one being drilled), then the earlier in the requested list.
 *  - Level: mastery m ∈ [0, 1] maps onto the family's levels in order, level index
 *    ⌊m · (number of levels)⌋ (clamped): below 1/3 of the way the first level, and so on. As BKT
 *    raises m, harder levels follow.
 */
import { pKnown, type SkillMastery } from "./mastery.ts";
import type { Attempt } from "./schema.ts";

/** What the chooser needs to know about a family. */
export type FamilyInfo = { id: string; skills: readonly string[]; levels: readonly number[] };

export type Choice = { family: string; level: number; mastery: number };

/** Families whose mastery is within this of the lowest are treated as equally weak. */
export const TIE = 0.05;

export function familyMastery(family: FamilyInfo, mastery: Readonly<Record<string, SkillMastery>>): number {
  if (family.skills.length === 0) return pKnown(mastery, "");
  return family.skills.reduce((sum, s) => sum + pKnown(mastery, s), 0) / family.skills.length;
}

export function levelForMastery(levels: readonly number[], m: number): number {
  if (levels.length === 0) return 1;
  const index = Math.min(levels.length - 1, Math.max(0, Math.floor(m * levels.length)));
  return levels[index]!;
}

export function chooseNext(
  families: readonly FamilyInfo[],
  mastery: Readonly<Record<string, SkillMastery>>,
  attempts: readonly Pick<Attempt, "family" | "at">[] = [],
): Choice | null {
  if (families.length === 0) return null;
  const lastSeen = new Map<string, number>();
  for (const a of attempts) lastSeen.set(a.family, Math.max(lastSeen.get(a.family) ?? -Infinity, a.at));
  const scored = families.map((family, order) => ({
    family,
    order,
    m: familyMastery(family, mastery),
    seen: lastSeen.get(family.id) ?? -Infinity,
  }));
  const lowest = Math.min(...scored.map((s) => s.m));
  const tied = scored.filter((s) => s.m <= lowest + TIE).sort((a, b) => a.seen - b.seen || a.order - b.order);
  const pick = tied[0]!;
  return { family: pick.family.id, level: levelForMastery(pick.family.levels, pick.m), mastery: pick.m };
}
