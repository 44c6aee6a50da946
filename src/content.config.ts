import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { lessonSchema } from "./course/lessonSchema.ts";

// Lessons are MDX files under src/content/lessons. Their frontmatter is checked by lessonSchema at
// build time: a missing objective or an unknown part stops the build with the field's name.
const lessons = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: "./src/content/lessons" }),
  schema: lessonSchema,
});

// Model cards: models/<id>/CARD.md, written by the training CLI beside each model's weights. Rendered
// as /models/<id>/ pages (src/pages/models) by the same Markdown pipeline as the lessons.
const modelCards = defineCollection({
  loader: glob({ pattern: "*/CARD.md", base: "./models", generateId: ({ entry }) => entry.split("/")[0]! }),
});

export const collections = { lessons, modelCards };
