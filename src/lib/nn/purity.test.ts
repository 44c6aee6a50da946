import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The engine folders must stay pure: no DOM globals, no UI frameworks, no unseeded randomness.
const root = join(import.meta.dirname, "..");
const folders = ["random", "autodiff", "nn", "worker"];
const forbidden: [string, RegExp][] = [
  ["a DOM global", /\b(window|document)\s*\./],
  ["Math." + "random", new RegExp("Math\\." + "random")],
  ["a UI import", /from\s+["'](solid-js|astro|d3)[^"']*["']/],
  ["an import without a .ts extension", /from\s+["']\.{1,2}\/[^"']*(?<!\.ts)["']/],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("engine purity", () => {
  for (const folder of folders) {
    it(`src/lib/${folder} uses no DOM globals, UI imports or unseeded randomness, and imports with .ts extensions`, () => {
      const problems: string[] = [];
      for (const file of files(join(root, folder))) {
        const text = readFileSync(file, "utf8");
        for (const [what, re] of forbidden) if (re.test(text)) problems.push(`${file}: ${what}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
