import { readFileSync, readdirSync, existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cardHeadline, modelCardPath } from "./modelCardText.ts";

describe("cardHeadline", () => {
  it("reads the title and the opening paragraph, without emphasis or the generated-file note", () => {
    const md =
      "# Model card: lens-finder\n\nStrong-lens finder (**lens** / non-lens), by `src/lib`. *This card is written by `models/cli/train.ts`; do not edit it.*\n\n## Results\n\n- x";
    expect(cardHeadline(md, "x")).toEqual({ title: "lens-finder", summary: "Strong-lens finder (lens / non-lens), by src/lib." });
  });

  it("falls back to the id when the card has no heading", () => {
    expect(cardHeadline("Just text.", "galaxy-denoiser")).toEqual({ title: "galaxy-denoiser", summary: "Just text." });
  });

  it("gives every shipped card a title and a summary", () => {
    const ids = readdirSync("models").filter((id) => existsSync(`models/${id}/CARD.md`));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const h = cardHeadline(readFileSync(`models/${id}/CARD.md`, "utf8"), id);
      expect(h.title).toBe(id);
      expect(h.summary.length, id).toBeGreaterThan(40);
      expect(h.summary).not.toMatch(/\*|This card is written/);
    }
  });

  it("builds the page path under the site's base", () => {
    expect(modelCardPath("/", "lens-finder")).toBe("/models/lens-finder/");
    expect(modelCardPath("/deep-sky/", "lens-finder")).toBe("/deep-sky/models/lens-finder/");
  });
});
