// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import solid from "@astrojs/solid-js";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import { unified } from "@astrojs/markdown-remark";
import { rehypeScrollableTables } from "./src/build/rehypeScrollableTables.ts";
import { serviceWorker } from "./src/build/serviceWorkerIntegration.ts";
import { searchIndex } from "./src/build/searchIndexIntegration.ts";
import { rehypeGlossaryLinks } from "./src/build/rehypeGlossaryLinks.ts";
import { GLOSSARY } from "./src/course/glossary.ts";

// A fully static site: every page is prerendered; interactive parts are Solid islands.
// Math is typeset at build time by KaTeX (remark-math + rehype-katex, run by the unified processor of
// @astrojs/markdown-remark — Astro 7's default processor does not run remark/rehype plugins), so
// lessons ship no math JavaScript. strict/throwOnError make a LaTeX typo fail the build.
export default defineConfig({
  site: "https://deep-sky.example.org",
  output: "static",
  trailingSlash: "ignore",
  // searchIndex(): the Pagefind full-text index of the built lessons, glossary and model cards;
  // serviceWorker(): writes sw.js (offline use) into the build once every page and asset exists —
  // after searchIndex, so the index files are among the files it precaches.
  integrations: [mdx(), solid(), searchIndex(), serviceWorker()],
  markdown: {
    // Code blocks: one theme per site theme, switched by CSS variables in global.css. Both themes'
    // token colours pass WCAG AA contrast (the plain github themes' comments do not).
    shikiConfig: {
      themes: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" },
      defaultColor: false,
    },
    processor: unified({
      remarkPlugins: [remarkMath],
      // rehypeGlossaryLinks after KaTeX, so it can tell typeset math from prose and leave it alone.
      rehypePlugins: [
        [rehypeKatex, { strict: "error", throwOnError: true }],
        [rehypeGlossaryLinks, { terms: GLOSSARY, href: (/** @type {string} */ id) => `/glossary/#${id}` }],
        rehypeScrollableTables,
      ],
    }),
  },
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // Astro's MDX content modules start with a "use astro:head-inject" directive that the
        // bundler reports on every lesson; it is Astro's own marker and harmless, so keep the
        // build log for warnings that matter.
        onwarn(warning, warn) {
          if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes("astro:head-inject")) return;
          warn(warning);
        },
        // src/lib is pure: importing one of its modules does nothing but define things (no top-level
        // calls; tests/unit/libSideEffects.test.ts checks). Saying so lets the bundler drop the
        // modules a widget imports through an index.ts but never uses (the FITS reader and upload
        // preprocessing on pages without uploads, …), which keeps each island's chunk its own.
        treeshake: { moduleSideEffects: (id) => !/[\\/]src[\\/]lib[\\/]/.test(id) },
      },
    },
  },
});
