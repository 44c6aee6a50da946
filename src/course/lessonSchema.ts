import { z } from "astro/zod";
import { PART_IDS } from "./parts.ts";

/**
 * Frontmatter of a lesson. A lesson with `status: "soon"` is a placeholder: it appears on the course
 * map (so the shape of the course is visible) but gets no page until its body is written.
 */
export const lessonSchema = z.object({
  title: z.string().min(3),
  /** A word or two for the star chart, where the full title would not fit. */
  shortTitle: z.string().min(2).max(18),
  /** One sentence: what the learner can do afterwards. Shown on the course map. */
  summary: z.string().min(10),
  part: z.enum(PART_IDS),
  /** Position within the whole course (0 = first lesson). Unique across lessons. */
  order: z.number().int().min(0),
  /** Estimated minutes to work through the lesson, widgets included. */
  minutes: z.number().int().positive().max(240),
  objectives: z.array(z.string().min(5)).min(1).max(8),
  status: z.enum(["ready", "soon"]).default("ready"),
  /** Ids of exercise families practised after the lesson (the exercise registry resolves them). */
  practice: z.array(z.string()).default([]),
  /** The lesson's challenge: a goal that one of its widgets checks. */
  challenge: z.object({ id: z.string(), goal: z.string().min(5) }).optional(),
});

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
