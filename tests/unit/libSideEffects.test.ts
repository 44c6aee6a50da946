// astro.config.mjs tells the bundler that importing a module of src/lib has no side effects, so it may
// drop the modules a widget reaches through an index.ts but never uses. That holds while no module of
// src/lib runs statements at its top level other than declarations; this test keeps it so. Worker
// entry files (*.worker.ts) are exempt: an entry is always kept whole, and listening is its job.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|\.test-util\.ts$|\.worker\.ts$/.test(name) ? [full] : [];
  });
}

/** Top-level lines that are statements rather than declarations: calls, assignments, loops, ifs. */
const DECLARATION = /^(import|export|const|let|var|function|async|class|abstract|type|interface|declare|enum)\b/;
const STATEMENT = /^([A-Za-z_$][\w$]*(\.[\w$]+)*\s*(\(|\+\+|--|[-+*/]?=(?!=|>))|(for|if|while|do|switch|try|await|new|void)\b)/;

describe("src/lib has no top-level side effects", () => {
  const files = sources("src/lib");

  it("finds the library's modules", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("runs no statements at import time (declarations only)", () => {
    const found: string[] = [];
    for (const file of files) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!DECLARATION.test(line) && STATEMENT.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
