import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLASSIFIERS, buildClassifier } from "../lib/zoo/index.ts";
import { Conv2D } from "../lib/nn/layers/conv2d.ts";

/** Every lesson's MDX source, by slug. */
const lessons = Object.fromEntries(
  readdirSync("src/content/lessons")
    .filter((f) => f.endsWith(".mdx"))
    .map((f) => [f.replace(/\.mdx$/, ""), readFileSync(`src/content/lessons/${f}`, "utf8")]),
);

describe("lesson content stays consistent with itself and with the shipped models", () => {
  it("cites each paper (by ADS bibcode) with one spelling of its first author across all lessons", () => {
    const names = new Map<string, Set<string>>();
    const add = (bibcode: string, author: string) => names.set(bibcode, (names.get(bibcode) ?? new Set()).add(author.trim()));
    for (const text of Object.values(lessons)) {
      // Paper cards: authors="Surname et al." … bibcode="…"
      for (const m of text.matchAll(/authors="([^"]+?)(?: et al\.|,| &)[^"]*"[\s\S]*?bibcode="([^"]+)"/g)) add(m[2], m[1]);
      // Inline citations: [Surname et al. (year), …](https://ui.adsabs.harvard.edu/abs/<bibcode>/abstract)
      for (const m of text.matchAll(/\[([^\]]+?) (?:et al\.|&|and)[^\]]*\]\(https:\/\/ui\.adsabs\.harvard\.edu\/abs\/([^/)]+)/g))
        add(decodeURIComponent(m[2]), m[1]);
    }
    expect(names.size).toBeGreaterThan(5);
    const inconsistent = [...names].filter(([, set]) => set.size > 1).map(([bibcode, set]) => `${bibcode}: ${[...set].join(" / ")}`);
    expect(inconsistent).toEqual([]);
  });

  it("the CNN lesson names the stride of every strided convolution of the shipped classifier", () => {
    const model = buildClassifier(CLASSIFIERS["galaxy-morphology"], "lesson-check");
    const strided = model.layers.filter((l): l is Conv2D => l instanceof Conv2D && (l.strides[0] !== 1 || l.strides[1] !== 1));
    expect(strided.length).toBeGreaterThan(0);
    const text = lessons["convolutional-networks"];
    for (const layer of strided) {
      expect(text).toMatch(new RegExp(`${layer.name}[^.]*\\*\\*stride ${layer.strides[0]}\\*\\*`));
    }
  });

  it("shows the morphology model's accuracy from its metrics file, not a typed number", () => {
    const text = lessons["convolutional-networks"];
    expect(text).toMatch(/import morphologyMetrics from "..\/..\/..\/models\/galaxy-morphology\/metrics.json"/);
    expect(text).toMatch(/\{percent\(morphologyMetrics\.accuracy\)\}/);
  });

  it("links model cards as pages instead of citing repository paths", () => {
    for (const [slug, text] of Object.entries(lessons)) expect(text, slug).not.toMatch(/CARD\.md/);
    expect(lessons["convolutional-networks"]).toMatch(/<ModelCardLink id="galaxy-morphology">/);
  });

  it("covers the three kinds of learning of the lecture, reinforcement learning included", () => {
    const all = Object.values(lessons).join("\n");
    for (const kind of [/\*\*Supervised:\*\*/, /\*\*Unsupervised:\*\*/, /\*\*Reinforcement:\*\*/]) expect(all).toMatch(kind);
    expect(all).toMatch(/adaptive optics/i);
  });
});
