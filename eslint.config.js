// ESLint: rules that find bugs, not style (Prettier owns layout; see .prettierrc.json), and the
// house's import directions (tests/lint/importBoundaries.mjs). Run by `npm run lint` and `npm test`.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import astro from "eslint-plugin-astro";
import solid from "eslint-plugin-solid/configs/typescript";
import globals from "globals";
import tseslint from "typescript-eslint";
import house from "./tests/lint/importBoundaries.mjs";

const SOURCES = ["**/*.{js,mjs,ts,tsx,astro}"];

export default defineConfig([
  // Generated, vendored or data: never linted. (.gitignore'd folders are listed too: eslint does not read it.)
  globalIgnores(["dist/", ".astro/", "node_modules/", "test-results/", "screenshots/", "public/"]),

  {
    files: SOURCES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  // .astro files: the astro parser (with typescript-eslint's parser for the frontmatter), after the above.
  ...astro.configs["flat/recommended"],

  {
    files: SOURCES,
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      // The code runs in pages, Web Workers and Node (CLIs, tests, the build); src/lib's purity is
      // checked by the house rules, not by withholding globals here.
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    plugins: { house },
    rules: {
      "house/import-boundaries": "error",
      // Unused code is a real smell; a leading underscore marks a deliberately unused name.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // `any` is sometimes the honest type at an edge (parsed JSON, a worker message): flag it, don't fail.
      "@typescript-eslint/no-explicit-any": "warn",
      // `a && (b += 1)` and `cond ? f() : g()` as statements are deliberate in the numeric loops.
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
    },
  },

  // Solid components: reactivity rules (destructured props, lost signals, wrong JSX attributes).
  {
    files: ["**/*.tsx"],
    ...solid,
    rules: {
      ...solid.rules,
      // Solid assigns `let canvas!: HTMLCanvasElement` through `ref={canvas}`, which this rule cannot see.
      "no-unassigned-vars": "off",
      // innerHTML here only ever receives KaTeX output or renderPrompt's HTML, which escapes every
      // character outside math (src/exercise-ui/renderPrompt.ts); the CSP forbids inline scripts anyway.
      "solid/no-innerhtml": "off",
    },
  },

  // Service worker: its own global scope.
  {
    files: ["src/pwa/serviceWorker.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
]);
