// Every lesson has a few check-ins in its text (src/components/CheckIn.astro), each naming one of the
// lesson's own exercise families (a typo or another lesson's family would load a question the
// lesson does not teach, or fail on the page).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { familiesForLesson } from "../../exercises/registry.ts";

const DIR = "src/content/lessons";
const lessons = readdirSync(DIR).filter((name) => name.endsWith(".mdx"));

function checkIns(source: string): string[] {
  return [...source.matchAll(/<CheckIn\b[^>]*\bfamily="([^"]+)"[^>]*\/>/g)].map((m) => m[1]!);
}

describe("check-ins in lessons", () => {
  it.each(lessons)("%s has 2–3 check-ins, each from the lesson's own families", (name) => {
    const source = readFileSync(join(DIR, name), "utf8");
    const slug = name.replace(/\.mdx$/, "");
    const found = checkIns(source);
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.length).toBeLessThanOrEqual(3);
    const own = familiesForLesson(slug).map((f) => f.id);
    for (const family of found) expect(own).toContain(family);
    expect(new Set(found).size).toBe(found.length);
    // The Astro wrapper (build-time question, island hydrated when seen), not the island itself.
    expect(source).toContain('import CheckIn from "../../components/CheckIn.astro";');
  });
});
