/**
 * A lesson's state on the course map, from the learner's progress:
 *
 *  - mastered:    the lesson has something to master, every skill of its practice families is
 *                 mastered (p(L) ≥ 0.95, see mastery.ts) and its challenge, if any, is done;
 *  - in-progress: the lesson was opened, or one of its families was practised, or its challenge
 *                 was done — but it is not mastered yet;
 *  - available:   nothing yet.
 *
 * A lesson with neither practice nor a challenge can be in progress but never mastered.
 */
import { MASTERY_THRESHOLD, pKnown } from "./mastery.ts";
import type { ProgressV1 } from "./schema.ts";

export type LessonProgress = "available" | "in-progress" | "mastered";

export const LESSON_PROGRESS_TEXT: Record<LessonProgress, string> = {
  available: "Not started",
  "in-progress": "In progress",
  mastered: "Mastered",
};

/** What the course map knows about a lesson (written into data attributes at build time). */
export type LessonFacts = { slug: string; families: readonly string[]; skills: readonly string[]; challenge?: string };

export function lessonState(lesson: LessonFacts, progress: Pick<ProgressV1, "attempts" | "mastery" | "challenges" | "lessons">): LessonProgress {
  const challengeDone = lesson.challenge ? Boolean(progress.challenges[lesson.challenge]) : true;
  const hasGoal = lesson.skills.length > 0 || Boolean(lesson.challenge);
  const skillsMastered = lesson.skills.every((s) => pKnown(progress.mastery, s) >= MASTERY_THRESHOLD);
  if (hasGoal && challengeDone && skillsMastered) return "mastered";
  const started =
    Boolean(progress.lessons[lesson.slug]) ||
    (lesson.challenge !== undefined && Boolean(progress.challenges[lesson.challenge])) ||
    progress.attempts.some((a) => a.lesson === lesson.slug || lesson.families.includes(a.family));
  return started ? "in-progress" : "available";
}
