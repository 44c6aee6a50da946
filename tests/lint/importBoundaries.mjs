// ESLint rule `house/import-boundaries`: the direction of imports from shared/design/architecture.md
// (pages → apps → widgets → widgets/shared → components → lib; exercises → lib; models → lib).
// Relative specifiers are resolved against the importing file, so a rule reads as "folder A never
// imports folder B" however deep either file sits. tests/unit/houseRules.test.ts checks the same
// direction by scanning sources; this rule shows the offence in the editor, at the import.

import path from "node:path";

const UI_PACKAGES = /^(@astrojs\/|(solid-js|astro|d3|katex)(\/|$))/;
const UI_FILES = /\.(astro|tsx|css)(\?|$)/;
const APPS = /^src\/(practice|teach|exercise-ui|embed|pages|layouts)\//;
const TEST_FILE = /\.test(-util)?\.(ts|tsx|mjs)$|\.test\.|^tests\//;

/** Which lesson widget a repo-relative path belongs to ("shared" for widgets/shared), or null. */
function widgetOf(file) {
  const match = /^src\/widgets\/([^/]+)\//.exec(file);
  return match ? match[1] : null;
}

/**
 * The rules, each a function of the importing file and the import (both repo-relative, "/"-separated;
 * `target` is null for a package import) that returns why the import is not allowed, or null.
 */
export const rules = [
  // src/lib is the pure engine: it looks down only.
  (from, target, spec) =>
    from.startsWith("src/lib/") && (UI_PACKAGES.test(spec) || UI_FILES.test(spec))
      ? "src/lib imports no UI framework, component or stylesheet"
      : null,
  (from, target) =>
    from.startsWith("src/lib/") &&
    target &&
    !target.startsWith("src/lib/") &&
    !(TEST_FILE.test(from) && target.startsWith("tests/support/"))
      ? "src/lib imports nothing outside src/lib (its tests may use tests/support)"
      : null,
  // Only the inference layer talks to onnxruntime-web; tests may, to check exported models.
  (from, target, spec) =>
    /^onnxruntime-web(\/|$)/.test(spec) && !from.startsWith("src/lib/inference/") && !TEST_FILE.test(from)
      ? "only src/lib/inference imports onnxruntime-web"
      : null,
  // Lesson widgets are siblings: they look down to widgets/shared and src/lib, never sideways or up.
  (from, target) => {
    const own = widgetOf(from);
    const other = target && widgetOf(target);
    if (!own || !other || other === own || other === "shared") return null;
    return own === "shared" ? `widgets/shared never imports a widget (${other})` : `a widget never imports another widget (${other})`;
  },
  (from, target) => (widgetOf(from) && target && APPS.test(target) ? "widgets never import apps, pages or layouts" : null),
  // Exercises sit on src/lib only; within exercises/, families and their support sit below the
  // registry, and assignments (sets of exercises) above it. (A test beside a family may run every
  // family through the registry.)
  (from, target) =>
    from.startsWith("exercises/") && target && (target.startsWith("src/") || target.startsWith("models/")) && !target.startsWith("src/lib/")
      ? "exercises import src/lib only"
      : null,
  (from, target) =>
    /^exercises\/(families\/|support\/|family\.ts$)/.test(from) &&
    !TEST_FILE.test(from) &&
    target &&
    (target === "exercises/registry.ts" || target.startsWith("exercises/assignments/"))
      ? "exercise families never import the registry or assignments (they sit above them)"
      : null,
  // The model pipelines and CLIs train with the engine, never with site code.
  (from, target) =>
    from.startsWith("models/") && target && (target.startsWith("src/") || target.startsWith("exercises/")) && !target.startsWith("src/lib/")
      ? "models import src/lib only"
      : null,
];

/** Why `spec`, imported by repo-relative `from`, breaks a house rule; null when it does not. */
export function boundaryViolation(from, spec) {
  const target = spec.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(from), spec.split("?")[0])) : null;
  for (const rule of rules) {
    const why = rule(from, target, spec);
    if (why) return why;
  }
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
const importBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Imports follow the house's layering (shared/design/architecture.md)" },
    schema: [],
    messages: { boundary: "{{why}}: {{spec}}" },
  },
  create(context) {
    const from = path.relative(context.cwd, context.filename).split(path.sep).join("/");
    const check = (source) => {
      if (!source || typeof source.value !== "string") return;
      const why = boundaryViolation(from, source.value);
      if (why) context.report({ node: source, messageId: "boundary", data: { why, spec: source.value } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source.type === "Literal" ? node.source : null),
    };
  },
};

/** @type {import("eslint").ESLint.Plugin} */
const house = { meta: { name: "house" }, rules: { "import-boundaries": importBoundaries } };
export default house;
