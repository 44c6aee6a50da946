// House rules of the architecture (shared/design/architecture.md), enforced by scanning sources:
// src/lib is pure (no UI frameworks, no DOM), only src/lib/inference may import onnxruntime-web, and
// seeded code never reaches for Math.random.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers imported (statically or dynamically) by a source text. */
export function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3]!);
  return specifiers;
}

/** Strips comments so prose about `window` in a doc comment is not mistaken for use. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

const UI_MODULES = /^(solid-js|astro|@astrojs\/|d3|katex)(\/|$)|\.(astro|tsx|css)$/;
const libFiles = sourceFiles("src/lib");

describe("house rules", () => {
  it("finds the engine's sources to check", () => {
    expect(libFiles.length).toBeGreaterThan(0);
  });

  it("src/lib imports no UI framework, component or stylesheet", () => {
    const offenders = libFiles.flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((spec) => UI_MODULES.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("src/lib imports nothing from outside src/lib except packages (tests may use tests/support)", () => {
    const offenders = libFiles
      .filter((file) => !/\.test[.-]/.test(file))
      .flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((spec) => spec.startsWith("."))
        .filter((spec) => !join(file, "..", spec).startsWith("src/lib"))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("only src/lib/inference imports onnxruntime-web (tests may, to check exported models)", () => {
    const offenders = sourceFiles("src")
      .filter((file) => !file.startsWith("src/lib/inference") && !/\.test[.-]/.test(file))
      .filter((file) => importsOf(readFileSync(file, "utf8")).some((spec) => spec.startsWith("onnxruntime-web")));
    expect(offenders).toEqual([]);
  });

  it("src/lib never touches window or document", () => {
    const offenders = libFiles.filter((file) => /(^|[^\w.$])(window|document)\s*[.[]/.test(code(readFileSync(file, "utf8"))));
    expect(offenders).toEqual([]);
  });

  it("seeded code (src/lib, exercises, models) never calls Math.random", () => {
    const seeded = [...libFiles, ...sourceFiles("exercises"), ...sourceFiles("models")];
    const offenders = seeded.filter((file) => /Math\.random/.test(code(readFileSync(file, "utf8"))));
    expect(offenders).toEqual([]);
  });

  it("the import scanner sees static, dynamic and side-effect imports", () => {
    const sample = `import { a } from "solid-js";\nimport type { B } from './b.ts';\nconst c = await import("d3");\nimport "x.css";\nexport { e } from "../e.ts";`;
    expect(importsOf(sample)).toEqual(["solid-js", "./b.ts", "d3", "x.css", "../e.ts"]);
  });
});
