/**
 * Which exercise a practice session shows: the game layer's chooser (src/game/nextExercise.ts)
 * applied to the registry's families, plus a fresh seed.
 */
import { families as registryFamilies } from "../../exercises/registry.ts";
import { chooseNext, type FamilyInfo, type ProgressV1 } from "../game/progressApi.ts";
import { newSeed } from "../exercise-ui/exerciseModel.ts";

export type ExerciseRef = { family: string; seed: string; level: number };

type RegistryFamily = { id: string; lesson: string; skills: readonly string[]; levels: readonly number[] };

/** The registry's families that exist among `ids` (unknown ids are dropped), in the given order. */
export function knownFamilies(ids: readonly string[], all: readonly RegistryFamily[] = registryFamilies): FamilyInfo[] {
  return ids.flatMap((id) => {
    const f = all.find((family) => family.id === id);
    return f ? [{ id: f.id, skills: f.skills, levels: f.levels }] : [];
  });
}

/** Family ids for a focus: "all", "lesson:<slug>" or "skill:<skill>"; all families otherwise. */
export function familiesForFocus(focus: string | undefined, all: readonly RegistryFamily[] = registryFamilies): string[] {
  if (focus?.startsWith("lesson:")) {
    const slug = focus.slice("lesson:".length);
    const ids = all.filter((f) => f.lesson === slug).map((f) => f.id);
    if (ids.length) return ids;
  }
  if (focus?.startsWith("skill:")) {
    const skill = focus.slice("skill:".length);
    const ids = all.filter((f) => f.skills.includes(skill)).map((f) => f.id);
    if (ids.length) return ids;
  }
  return all.map((f) => f.id);
}

/** The next exercise among `ids`, chosen by mastery, with a new seed; null if none is known. */
export function pickExercise(
  ids: readonly string[],
  progress: Pick<ProgressV1, "mastery" | "attempts">,
  random: () => number,
  all: readonly RegistryFamily[] = registryFamilies,
): ExerciseRef | null {
  const choice = chooseNext(knownFamilies(ids, all), progress.mastery, progress.attempts);
  return choice ? { family: choice.family, level: choice.level, seed: newSeed(random) } : null;
}

/** "Another one like this": same family and level, a different seed. */
export function anotherLike(current: ExerciseRef, random: () => number): ExerciseRef {
  return { ...current, seed: newSeed(random, current.seed) };
}
