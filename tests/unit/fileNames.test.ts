// One file-name style: modules are camelCase after what they export, components PascalCase, folders
// kebab-case. Routes (src/pages) and lesson slugs (src/content) are URLs and keep their own names;
// tool configs keep the names their tools look for (*.config.*).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["src", "exercises", "models", "tests", "bench", "examples"];
const URL_NAMED = /^src\/(pages|content)(\/|$)/;
const CODE = /\.(ts|tsx|mjs|js|astro|css)$/;
const KEBAB_FOLDER = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CAMEL_OR_PASCAL = /^[A-Za-z][A-Za-z0-9]*$/;

function walk(dir: string, folders: string[], files: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name).split("\\").join("/");
    if (name === "node_modules" || name.startsWith(".") || URL_NAMED.test(path)) continue;
    if (statSync(path).isDirectory()) {
      folders.push(path);
      walk(path, folders, files);
    } else if (CODE.test(name)) files.push(path);
  }
}

const folders: string[] = [];
const files: string[] = [];
for (const root of ROOTS) walk(root, folders, files);
const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

describe("file names", () => {
  it("finds the sources to check", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("folders are kebab-case", () => {
    expect(folders.filter((f) => !KEBAB_FOLDER.test(nameOf(f)))).toEqual([]);
  });

  it("modules are camelCase and components PascalCase: no hyphens or underscores before the first dot", () => {
    const offenders = files.filter((f) => !/\.config\./.test(nameOf(f)) && !CAMEL_OR_PASCAL.test(nameOf(f).split(".")[0]!));
    expect(offenders).toEqual([]);
  });

  it("Astro components are PascalCase", () => {
    expect(files.filter((f) => f.endsWith(".astro") && !/^[A-Z]/.test(nameOf(f)))).toEqual([]);
  });
});
