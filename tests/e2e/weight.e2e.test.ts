// Page weight: every lesson page, with all of its islands scrolled into view and hydrated, fetches at
// most 80 kB of gzipped JavaScript (onnxruntime's bundles and models excluded: they load only when a
// learner runs a model, and are measured in runtimeBytes.e2e.test.ts). Sizes are those of the built
// files gzipped here (level 9), so the budget does not depend on the test server's compression.
// PAGE_WEIGHT_REPORT=1 prints the table.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages, hydrateIslands, launchBrowser, openPage } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";

const BUDGET = 80_000;

/**
 * Pages not yet within the budget, each with the ceiling it must not exceed (what it measured on
 * 2026-12-07 plus about 1 kB, as chunking shifts with unrelated changes): lower these as the pages
 * shrink, and delete an entry once its page fits BUDGET. What is left on them: the galaxy simulator
 * (≈8 kB, drawing the galleries and the noised galaxies on mount), the classifier itself (≈10.6 kB)
 * and its upload framing's colour checks (≈3 kB) on the CNN page; the denoiser and the 2-D diffusion
 * trainer on the diffusion page.
 */
const NOT_YET: Record<string, number> = {
  "/lessons/convolutional-networks/": 87_000,
  "/lessons/diffusion-models/": 81_500,
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
const rows: [string, number, number][] = [];
afterAll(async () => {
  await browser?.close();
  if (process.env.PAGE_WEIGHT_REPORT && rows.length > 0) {
    console.log(
      [
        "| page | JS files | gzipped JS |",
        "|---|---|---|",
        ...rows.map(([p, n, b]) => `| ${p} | ${n} | ${(b / 1000).toFixed(1)} kB |`),
      ].join("\n"),
    );
  }
});

const gzipped = new Map<string, number>();
/** Gzipped size of a built file (cached: many pages share chunks). */
function gzipSize(path: string): number {
  let size = gzipped.get(path);
  if (size === undefined) {
    size = gzipSync(readFileSync(`${siteDir()}${path}`), { level: 9 }).length;
    gzipped.set(path, size);
  }
  return size;
}

/** onnxruntime's bundles are runtimes, loaded only when a model runs. */
const RUNTIME = /\/ort[.-][^/]*$/;

describe("lesson pages stay within the JavaScript budget", () => {
  const lessons = builtPages().filter((p) => /^\/lessons\/[^/]+\/$/.test(p));

  it("there are lesson pages to measure, and every page on the not-yet list exists", () => {
    expect(lessons.length).toBeGreaterThan(5);
    for (const path of Object.keys(NOT_YET)) expect(lessons).toContain(path);
  });

  for (const path of lessons) {
    const limit = NOT_YET[path] ?? BUDGET;
    it(`${path}: ≤ ${limit / 1000} kB gzipped JS with every widget hydrated${limit > BUDGET ? ` (budget ${BUDGET / 1000} kB not met yet)` : ""}`, async () => {
      const { page, context } = await openPage(browser, path);
      const scripts = new Set<string>();
      const origin = new URL(page.url()).origin;
      const note = (url: string) => {
        const u = new URL(url);
        if (u.origin === origin && /\.m?js$/.test(u.pathname) && !RUNTIME.test(u.pathname)) scripts.add(u.pathname);
      };
      page.on("response", (r) => note(r.url()));
      await hydrateIslands(page);
      await page.waitForLoadState("networkidle");
      // Scripts loaded before the listener was attached are in the resource timeline.
      for (const url of await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name))) note(url);
      const total = [...scripts].reduce((sum, p) => sum + gzipSize(p), 0);
      rows.push([path, scripts.size, total]);
      // Live formulas are typeset on the server; KaTeX's JS comes only when one changes (TeX.tsx).
      expect([...scripts].filter((p) => /\/katex\.[^/]*\.js$/.test(p))).toEqual([]);
      expect(total, [...scripts].map((p) => `${p} ${gzipSize(p)}`).join("\n")).toBeLessThanOrEqual(limit);
      await context.close();
    }, 120_000);
  }
});
