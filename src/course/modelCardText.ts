/**
 * What a model card says about itself, read from its Markdown (models/<id>/CARD.md): the title of
 * its first heading and its opening paragraph as plain text, for the models index and page metadata.
 * Pure string work, so it is unit-tested without Astro.
 */
export interface CardHeadline {
  /** "galaxy-morphology" from "# Model card: galaxy-morphology". */
  title: string;
  /** The first paragraph after the heading, without Markdown emphasis or the "written by" note. */
  summary: string;
}

export function cardHeadline(markdown: string, fallbackTitle: string): CardHeadline {
  const lines = markdown.split(/\r?\n/);
  const headingAt = lines.findIndex((line) => /^#\s+/.test(line));
  const title =
    headingAt >= 0
      ? lines[headingAt]
          .replace(/^#\s+/, "")
          .replace(/^Model card:\s*/i, "")
          .trim()
      : fallbackTitle;
  const rest = lines.slice(headingAt + 1);
  const start = rest.findIndex((line) => line.trim() !== "");
  const paragraph: string[] = [];
  for (const line of rest.slice(Math.max(start, 0))) {
    if (line.trim() === "" || line.startsWith("#")) break;
    paragraph.push(line.trim());
  }
  const summary = paragraph
    .join(" ")
    // The generated-file note is for maintainers, not for the index.
    .replace(/\*This card is written by[^*]*\*/i, "")
    .replace(/\*\*([^*]+)\*\*|\*([^*]+)\*/g, (_, bold, em) => bold ?? em)
    .replace(/`([^`]+)`/g, "$1")
    .trim();
  return { title: title || fallbackTitle, summary };
}

/** The site path of a model's card page. */
export function modelCardPath(base: string, id: string): string {
  return `${base}models/${id}/`;
}
