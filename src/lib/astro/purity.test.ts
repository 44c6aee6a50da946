import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// src/lib/astro runs in pages, Workers and Node: no DOM, no UI imports, no unseeded randomness.
const forbidden: [string, RegExp][] = [
  ["a DOM global", /\b(window|document)\s*\./],
  ["Math." + "random", new RegExp("Math\\." + "random")],
  ["a UI import", /from\s+["'](solid-js|astro|d3)[^"']*["']/],
  ["an import without a .ts extension", /from\s+["']\.{1,2}\/[^"']*(?<!\.ts)["']/],
  ["a Node import", /from\s+["']node:/],
];

describe("astro purity", () => {
  it("src/lib/astro uses no DOM globals, UI or Node imports or unseeded randomness, and imports with .ts extensions", () => {
    const dir = import.meta.dirname;
    const problems: string[] = [];
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".ts") || name.includes(".test")) continue;
      const text = readFileSync(join(dir, name), "utf8");
      for (const [what, re] of forbidden) if (re.test(text)) problems.push(`${name}: ${what}`);
    }
    expect(problems).toEqual([]);
  });
});
