import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { lessonSchema } from "./course/lessonSchema.ts";

// Lessons are MDX files under src/content/lessons. Their frontmatter is checked by lessonSchema at
// build time: a missing objective or an unknown part stops the build with the field's name.
const lessons = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: "./src/content/lessons" }),
  schema: lessonSchema,
});

export const collections = { lessons };
