import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { families } from "../../exercises/registry.ts";
import { BADGES, CHALLENGE_BADGES, badgeInfo } from "./badgeInfo.ts";
import { LEVELS } from "./levels.ts";

/** Challenge ids from the lessons' frontmatter (`challenge: { id: "…" }` or `challenge:\n  id: "…"`). */
const lessonChallenges = readdirSync("src/content/lessons")
  .filter((f) => f.endsWith(".mdx"))
  .flatMap((f) => {
    const front = readFileSync(`src/content/lessons/${f}`, "utf8").split(/^---$/m)[1] ?? "";
    const m = front.match(/^challenge:[\s{]*\n?\s*id:\s*"([^"]+)"/m);
    return m ? [m[1]] : [];
  });

describe("badge names", () => {
  it("names the badge of every lesson challenge, and only those (issue 15, item 8: they showed slugs)", () => {
    expect(lessonChallenges.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(CHALLENGE_BADGES).sort()).toEqual([...lessonChallenges].sort());
  });

  it("gives every badge the game can award a title in words, never an internal id", () => {
    const ids = [
      ...BADGES.map((b) => b.id),
      ...lessonChallenges.map((c) => `challenge:${c}`),
      ...families.flatMap((f) => f.skills).map((s) => `mastered:${s}`),
      ...LEVELS.map((l) => `level:${l.survey}`),
      "challenge:some-removed-challenge",
    ];
    // Internal ids a title must never show: challenge ids, level keys, the badge id itself.
    const internal = [...lessonChallenges, "some-removed-challenge", ...LEVELS.map((l) => l.survey).filter((s) => /[-_]/.test(s))];
    for (const id of ids) {
      const info = badgeInfo(id);
      expect(info.title, id).not.toContain(id);
      for (const slug of internal) {
        expect(info.title, id).not.toContain(slug);
        expect(info.description, id).not.toContain(slug);
      }
      expect(info.description.length, id).toBeGreaterThan(10);
    }
    expect(badgeInfo("challenge:cnn-misclassified")).toMatchObject({
      title: "Fooled the classifier",
      description: "Completed the challenge of the lesson “Convolutional networks”.",
    });
  });
});
