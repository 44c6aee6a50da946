import { getCollection, type CollectionEntry } from "astro:content";
import { PARTS, type PartId } from "./parts.ts";

export type Lesson = CollectionEntry<"lessons">;

/** Every lesson, placeholders included, in course order. Fails the build on duplicate orders. */
export async function allLessons(): Promise<Lesson[]> {
  const lessons = (await getCollection("lessons")).sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < lessons.length; i++) {
    if (lessons[i]!.data.order === lessons[i - 1]!.data.order) {
      throw new Error(
        `Lessons "${lessons[i - 1]!.id}" and "${lessons[i]!.id}" both have order ${lessons[i]!.data.order}; each lesson needs its own place in the course.`,
      );
    }
  }
  return lessons;
}

/** Lessons that have a page (status "ready"), in course order. */
export async function readyLessons(): Promise<Lesson[]> {
  return (await allLessons()).filter((lesson) => lesson.data.status === "ready");
}

export function lessonHref(lesson: Lesson): string {
  return `${import.meta.env.BASE_URL}lessons/${lesson.id}/`;
}

export function partOf(id: PartId) {
  return PARTS.find((part) => part.id === id)!;
}
