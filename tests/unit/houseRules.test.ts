// House rules of the architecture (shared/design/architecture.md), enforced by scanning sources:
// src/lib is pure (no UI frameworks, no DOM), only src/lib/inference may import onnxruntime-web,
// seeded code never reaches for Math.random, lesson widgets are siblings that only look down
// (widgets/shared and below), and everything above the game layer goes through its progress API.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string, extensions = /\.(ts|tsx|js|mjs)$/): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, extensions);
    return extensions.test(name) ? [path] : [];
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

/**
 * A rule about where a file may import from: given the file's repository-relative path and its
 * text, the offending imports as "file imports specifier" lines (none when it keeps the rule).
 */
export type ImportRule = (file: string, source: string) => string[];

/** Repository-relative path a relative specifier points at (query such as ?url dropped); null for a package. */
function target(file: string, spec: string): string | null {
  return spec.startsWith(".") ? join(file, "..", spec.replace(/\?.*$/, "")) : null;
}

/** The lesson widget (folder under src/widgets) a path belongs to; "shared" for the primitives; null outside. */
function widgetOf(path: string | null): string | null {
  return path === null ? null : (/^src\/widgets\/([^/]+)\//.exec(path)?.[1] ?? null);
}

function offending(file: string, source: string, bad: (to: string) => boolean): string[] {
  return importsOf(source)
    .filter((spec) => {
      const to = target(file, spec);
      return to !== null && bad(to);
    })
    .map((spec) => `${file} imports ${spec}`);
}

const isTest = (file: string) => /\.test[.-]/.test(file);

/** Lesson widgets are siblings: each imports widgets/shared and below, never another widget's folder. */
export const widgetImportsNoOtherWidget: ImportRule = (file, source) => {
  const own = widgetOf(file);
  if (own === null || own === "shared") return [];
  return offending(file, source, (to) => {
    const other = widgetOf(to);
    return other !== null && other !== own && other !== "shared";
  });
};

/** The shared primitives sit below every widget, so they never import one. */
export const sharedImportsNoWidget: ImportRule = (file, source) =>
  widgetOf(file) !== "shared"
    ? []
    : offending(file, source, (to) => {
        const other = widgetOf(to);
        return other !== null && other !== "shared";
      });

/** The apps compose widgets, not the other way round. */
export const APP_FOLDERS = ["src/practice", "src/teach", "src/exercise-ui", "src/embed"];
export const widgetImportsNoApp: ImportRule = (file, source) =>
  widgetOf(file) === null ? [] : offending(file, source, (to) => APP_FOLDERS.some((app) => to.startsWith(`${app}/`)));

/** Everything above the game layer reads and writes progress only through src/game/progressApi.ts (tests may build fixtures). */
export const ABOVE_GAME = ["src/pages", "src/layouts", "src/components", "src/content", "src/widgets", ...APP_FOLDERS];
export const gameOnlyThroughProgressApi: ImportRule = (file, source) =>
  !ABOVE_GAME.some((dir) => file.startsWith(`${dir}/`)) || isTest(file)
    ? []
    : offending(file, source, (to) => to.startsWith("src/game/") && to !== "src/game/progressApi.ts");

// "@astrojs/…" is always a scope prefix; the others are whole package names or their subpaths.
const UI_MODULES = /^(@astrojs\/|(solid-js|astro|d3|katex)(\/|$))|\.(astro|tsx|css)$/;
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

  it("the UI-module pattern names the UI packages (scoped ones too) and nothing else", () => {
    for (const spec of ["solid-js", "solid-js/web", "@astrojs/mdx", "astro", "d3", "katex/dist/katex.css", "./A.tsx", "./a.css"]) {
      expect(UI_MODULES.test(spec), spec).toBe(true);
    }
    for (const spec of ["./tensor.ts", "node:fs", "d3-lite-math", "solid-jsx-free"]) expect(UI_MODULES.test(spec), spec).toBe(false);
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

  const aboveLib = ABOVE_GAME.flatMap((dir) => sourceFiles(dir, /\.(ts|tsx|js|mjs|astro|mdx)$/));
  const broken = (rule: ImportRule) => aboveLib.flatMap((file) => rule(file, readFileSync(file, "utf8")));

  it("finds the widgets, apps and pages to check", () => {
    expect(aboveLib.filter((file) => file.startsWith("src/widgets/shared/")).length).toBeGreaterThan(0);
    expect(aboveLib.filter((file) => file.endsWith(".astro")).length).toBeGreaterThan(0);
  });

  it("a lesson widget never imports another widget (shared pieces live in src/widgets/shared)", () => {
    expect(broken(widgetImportsNoOtherWidget)).toEqual([]);
  });

  it("src/widgets/shared never imports a widget", () => {
    expect(broken(sharedImportsNoWidget)).toEqual([]);
  });

  it("widgets never import an app (practice, teach, exercise-ui, embed)", () => {
    expect(broken(widgetImportsNoApp)).toEqual([]);
  });

  it("pages, layouts, components, lessons, widgets and apps reach the game layer only through progressApi.ts", () => {
    expect(broken(gameOnlyThroughProgressApi)).toEqual([]);
  });

  it("each import rule catches a planted violation and lets the allowed imports through", () => {
    const widget = "src/widgets/keras-code/KerasCode.tsx";
    expect(
      widgetImportsNoOtherWidget(
        widget,
        `import { A } from "../network-trainer/A.tsx";\nimport { B } from "../shared/B.tsx";\nimport { C } from "./C.ts";\nimport { D } from "../../lib/d.ts";`,
      ),
    ).toEqual([`${widget} imports ../network-trainer/A.tsx`]);
    const shared = "src/widgets/shared/Chart.tsx";
    expect(sharedImportsNoWidget(shared, `import type { T } from "../conv-explorer/t.ts";\nimport { Axis } from "./Axis.tsx";`)).toEqual([
      `${shared} imports ../conv-explorer/t.ts`,
    ]);
    expect(
      widgetImportsNoApp(widget, `import { EmbedButton } from "../../embed/EmbedButton.tsx";\nimport x from "../../../models/m.onnx?url";`),
    ).toEqual([`${widget} imports ../../embed/EmbedButton.tsx`]);
    const page = "src/components/CourseMap.astro";
    expect(
      gameOnlyThroughProgressApi(
        page,
        `---\nimport { lessonState } from "../game/lessonState.ts";\n---\n<script>\n  import { getProgress } from "../game/progressApi.ts";\n</script>`,
      ),
    ).toEqual([`${page} imports ../game/lessonState.ts`]);
    expect(gameOnlyThroughProgressApi("src/practice/dashboard.test.ts", `import { makeStore } from "../game/testing.ts";`)).toEqual([]);
    expect(gameOnlyThroughProgressApi("src/course/lessonFacts.ts", `import type { X } from "../game/lessonState.ts";`)).toEqual([]);
  });

  it("the import scanner sees static, dynamic and side-effect imports", () => {
    const sample = `import { a } from "solid-js";\nimport type { B } from './b.ts';\nconst c = await import("d3");\nimport "x.css";\nexport { e } from "../e.ts";`;
    expect(importsOf(sample)).toEqual(["solid-js", "./b.ts", "d3", "x.css", "../e.ts"]);
  });
});
