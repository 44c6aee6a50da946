/**
 * Builds the site's full-text search index (Pagefind) after `astro build` has written every page:
 * Pagefind reads the built HTML, keeps only what is inside `data-pagefind-body` (the lesson body,
 * the glossary, the model cards — every other page, embeds included, is left out), and writes a
 * static index under `pagefind/`: a small entry file, per-word index chunks and per-page excerpt
 * fragments that the search page (src/search) fetches only for the words a learner types.
 *
 * Only the files that page needs are written: pagefind.js (the search API), its web worker, the
 * WebAssembly of the languages the site has, and the index itself — not Pagefind's ready-made UI
 * bundles (≈400 kB that nothing would load, but that the service worker would precache).
 *
 * Must run before the service worker integration, so sw.js lists (and precaches) the index files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";

/** The output folder under the site root; the search page loads `${base}pagefind/pagefind.js`. */
export const SEARCH_INDEX_DIR = "pagefind";

/**
 * Inside an indexed body, what is not prose: widgets (their controls' labels and live numbers
 * would match every search for "loss"), and typeset math (KaTeX writes each formula twice, as
 * MathML and as spans, which reads as noise in an excerpt).
 */
const EXCLUDE_SELECTORS = ["astro-island", ".katex"];

/** Whether Pagefind's output file `path` is one the search page needs. */
export function isSearchFileNeeded(path: string, languages: readonly string[]): boolean {
  if (path === "pagefind.js" || path === "pagefind-worker.js" || path === "pagefind-entry.json") return true;
  if (/\.pf_(meta|index|fragment|filter)$/.test(path)) return true;
  const wasm = /^wasm\.([\w-]+)\.pagefind$/.exec(path);
  return wasm !== null && languages.includes(wasm[1]);
}

export function searchIndex(): AstroIntegration {
  return {
    name: "deep-sky:search-index",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir).replace(/\/$/, "");
        try {
          const created = await pagefind.createIndex({ excludeSelectors: EXCLUDE_SELECTORS });
          if (!created.index) throw new Error(created.errors.join("; "));
          const added = await created.index.addDirectory({ path: root });
          if (added.errors.length > 0) throw new Error(added.errors.join("; "));
          const { files, errors } = await created.index.getFiles();
          if (errors.length > 0) throw new Error(errors.join("; "));
          const entry = files.find((file) => file.path === "pagefind-entry.json");
          if (!entry) throw new Error("Pagefind wrote no pagefind-entry.json");
          type Entry = { languages: Record<string, { wasm: string; page_count: number }> };
          const entryLanguages = Object.values((JSON.parse(new TextDecoder().decode(entry.content)) as Entry).languages);
          const languages = entryLanguages.map((language) => language.wasm);
          let bytes = 0;
          let count = 0;
          for (const file of files) {
            if (!isSearchFileNeeded(file.path, languages)) continue;
            const target = `${root}/${SEARCH_INDEX_DIR}/${file.path}`;
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, file.content);
            bytes += file.content.length;
            count += 1;
          }
          const indexed = entryLanguages.reduce((sum, language) => sum + language.page_count, 0);
          logger.info(
            `search index: ${indexed} pages with data-pagefind-body (of ${added.page_count} read), ${count} files, ` +
              `${(bytes / 1024).toFixed(0)} kB in ${SEARCH_INDEX_DIR}/`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
