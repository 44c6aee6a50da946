/**
 * What the course map needs (at build time) to derive a lesson's progress state in the browser:
 * its practice families, their skills and its challenge id. Families come from the lesson's
 * frontmatter `practice` (ids the registry does not know are skipped), else from the registry's
 * families for the lesson — the same rule as the lesson's Practice block.
 */
import { families, familiesForLesson } from "../../exercises/registry.ts";
import type { LessonFacts } from "../game/progressApi.ts";

export function lessonFacts(slug: string, practice: readonly string[], challenge?: string): Omit<LessonFacts, "slug"> {
  const known = families.filter((f) => practice.includes(f.id));
  const chosen = known.length > 0 ? known : familiesForLesson(slug);
  const facts: Omit<LessonFacts, "slug"> = {
    families: chosen.map((f) => f.id),
    skills: [...new Set(chosen.flatMap((f) => f.skills))],
  };
  return challenge ? { ...facts, challenge } : facts;
}
