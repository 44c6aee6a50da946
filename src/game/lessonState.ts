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
import { isMastered } from "./mastery.ts";
import type { ProgressV1 } from "./schema.ts";

export type LessonProgress = "available" | "in-progress" | "mastered";

export const LESSON_PROGRESS_TEXT: Record<LessonProgress, string> = {
  available: "Not started",
  "in-progress": "In progress",
  mastered: "Mastered",
};

/** What the course map knows about a lesson (written into data attributes at build time). */
export type LessonFacts = { slug: string; families: readonly string[]; skills: readonly string[]; challenge?: string };

type ProgressFacts = Pick<ProgressV1, "attempts" | "mastery" | "challenges" | "lessons">;

export function lessonState(lesson: LessonFacts, progress: ProgressFacts): LessonProgress {
  return lessonStanding(lesson, progress).state;
}

/** A lesson's state and what is left before it is mastered, for the words on the map. */
export type LessonStanding = {
  state: LessonProgress;
  /** "none" when the lesson has no challenge. */
  challenge: "none" | "open" | "done";
  /** Skills of its practice families at p(L) ≥ MASTERY_THRESHOLD, out of `skills`. */
  skillsMastered: number;
  skills: number;
};

export function lessonStanding(lesson: LessonFacts, progress: ProgressFacts): LessonStanding {
  const challenge = lesson.challenge === undefined ? "none" : progress.challenges[lesson.challenge] ? "done" : "open";
  const skillsMastered = lesson.skills.filter((s) => isMastered(progress.mastery, s)).length;
  const hasGoal = lesson.skills.length > 0 || challenge !== "none";
  const standing = { challenge, skillsMastered, skills: lesson.skills.length } as const;
  if (hasGoal && challenge !== "open" && skillsMastered === lesson.skills.length) return { state: "mastered", ...standing };
  const started =
    Boolean(progress.lessons[lesson.slug]) ||
    challenge === "done" ||
    progress.attempts.some((a) => a.lesson === lesson.slug || lesson.families.includes(a.family));
  return { state: started ? "in-progress" : "available", ...standing };
}

/**
 * The state in words, saying what is done and what is left while in progress — so a learner who
 * finished a lesson's challenge sees that it counted, and that mastery also asks for practice:
 * "In progress: challenge done, 1 of 4 skills mastered".
 */
export function lessonProgressText(s: LessonStanding): string {
  if (s.state !== "in-progress") return LESSON_PROGRESS_TEXT[s.state];
  const done = [
    s.challenge === "done" ? "challenge done" : s.challenge === "open" ? "challenge open" : "",
    s.skills > 0 ? `${s.skillsMastered} of ${s.skills} skills mastered` : "",
  ].filter(Boolean);
  return done.length > 0 ? `${LESSON_PROGRESS_TEXT["in-progress"]}: ${done.join(", ")}` : LESSON_PROGRESS_TEXT["in-progress"];
}

/** The one line the map shows for a focused star: "Title — 20 min · In progress. Summary". */
export function mapDetailText(parts: { title: string; minutes: number; status: string; summary: string }): string {
  const meta = [`${parts.minutes} min`, parts.status].filter((p) => p.trim() !== "").join(" · ");
  return `${parts.title} — ${meta}. ${parts.summary}`.trim();
}
