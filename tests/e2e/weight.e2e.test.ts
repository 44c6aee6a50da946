// Page weight: every lesson page, with all of its islands scrolled into view and hydrated, fetches at
// most 80 kB of gzipped JavaScript (onnxruntime's bundles and models excluded: they load only when a
// learner runs a model, and are measured in runtimeBytes.e2e.test.ts). Sizes are those of the built
// files gzipped here (level 9), so the budget does not depend on the test server's compression.
// PAGE_WEIGHT_REPORT=1 prints the table; PAGE_WEIGHT_REPORT=files adds each page's scripts and their sizes.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages, hydrateIslands, launchBrowser, openPage } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";

const BUDGET = 80_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
const rows: [string, number, number][] = [];
/** Each page's scripts with their gzipped sizes, largest first (PAGE_WEIGHT_REPORT=files prints them). */
const files = new Map<string, [string, number][]>();
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
    if (process.env.PAGE_WEIGHT_REPORT === "files") {
      for (const [p, list] of files)
        console.log([p, ...list.map(([f, b]) => `  ${(b / 1000).toFixed(1).padStart(5)} kB  ${f}`)].join("\n"));
    }
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

  it("there are lesson pages to measure", () => {
    expect(lessons.length).toBeGreaterThan(5);
  });

  for (const path of lessons) {
    it(`${path}: ≤ ${BUDGET / 1000} kB gzipped JS with every widget hydrated`, async () => {
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
      files.set(
        path,
        [...scripts].map((p): [string, number] => [p, gzipSize(p)]).sort((a, b) => b[1] - a[1]),
      );
      // Live formulas are typeset on the server; KaTeX's JS comes only when one changes (TeX.tsx).
      expect([...scripts].filter((p) => /\/katex\.[^/]*\.js$/.test(p))).toEqual([]);
      expect(total, [...scripts].map((p) => `${p} ${gzipSize(p)}`).join("\n")).toBeLessThanOrEqual(BUDGET);
      await context.close();
    }, 120_000);
  }
});
