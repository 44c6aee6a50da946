import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";

const PATH = "/lessons/why-deep-learning/";
/**
 * Page-weight budget for a lesson with one small chart island (gzipped JavaScript): the chart
 * (~18 kB), Solid (~7 kB), the progress store and practice starter (~10 kB), the Embed button (~4 kB),
 * the header's level/XP/streak (~1 kB), the check-ins' loader (~0.6 kB; their card loads on use) and
 * the service worker's registration and update notice (~1.1 kB): 48.8 kB measured, so 50 kB.
 */
const LESSON0_JS_BUDGET_GZIP = 50_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("lesson 0, Why deep learning", () => {
  it("renders its math with KaTeX at build time, leaving no raw TeX", async () => {
    const { page, problems, context } = await openPage(browser, PATH);
    expect(await page.locator(".katex").count()).toBeGreaterThan(0);
    expect(await page.locator(".katex-display").count()).toBeGreaterThan(0);
    const text = (await page.locator("article").innerText()).replace(/\s+/g, " ");
    expect(text).not.toContain("$$");
    expect(text).not.toMatch(/\\(sum|sigma|mathbf|varepsilon)/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("has objectives, a table of contents whose links land on headings, and a way back to the map", async () => {
    const { page, context } = await openPage(browser, PATH);
    expect(await page.locator(".objectives li").count()).toBeGreaterThanOrEqual(2);
    const links = page.locator(".toc a");
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
      expect(await page.locator(href).count(), `${href} should exist`).toBe(1);
    }
    expect(await page.locator('.pager a[rel="next"], .pager a.next').count()).toBe(1);
    await context.close();
  });

  it("shows the survey table with all four surveys", async () => {
    const { page, context } = await openPage(browser, PATH);
    const table = (await page.locator("article table").first().innerText()).replace(/\s+/g, " ");
    for (const survey of ["2MASS", "SDSS", "LSST", "SKA"]) expect(table).toContain(survey);
    await context.close();
  });

  it("draws the survey chart with four points that answer hover, keyboard focus and the scale toggle", async () => {
    const { page, problems, context } = await openPage(browser, PATH);
    const chart = page.locator('[data-widget="survey-chart"]');
    // The points are server-rendered, so they exist before the island is interactive: wait for it.
    await hydrateIslands(page);
    const points = chart.locator("[data-survey]");
    await expect.poll(() => points.count()).toBe(4);
    const readout = chart.locator('[data-testid="survey-readout"]');

    await points.nth(2).hover();
    await expect.poll(() => readout.textContent()).toMatch(/LSST|Rubin/);

    await points.nth(0).focus();
    await expect.poll(() => readout.textContent()).toMatch(/2MASS/);
    await page.keyboard.press("Tab");
    await expect.poll(() => readout.textContent()).toMatch(/SDSS/);

    // Switching the quantity changes the values shown for the same survey.
    const before = await readout.textContent();
    const toggles = chart.locator('input[type="radio"], button[aria-pressed], [role="radio"]');
    expect(await toggles.count()).toBeGreaterThanOrEqual(2);
    const other = chart
      .locator('input[type="radio"]:not(:checked), button[aria-pressed="false"], [role="radio"][aria-checked="false"]')
      .first();
    await other.click();
    await points.nth(1).focus();
    await expect.poll(() => readout.textContent()).not.toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("gives the chart a text alternative", async () => {
    const { page, context } = await openPage(browser, PATH);
    const chart = page.locator('[data-widget="survey-chart"]');
    const described = await chart.evaluate((root) => {
      const svg = root.querySelector("svg");
      return Boolean(
        svg?.getAttribute("aria-label") ||
        svg?.getAttribute("aria-labelledby") ||
        svg?.querySelector("title") ||
        root.querySelector("table, figcaption"),
      );
    });
    expect(described).toBe(true);
    await context.close();
  });

  it("fits 360 px without horizontal scrolling, and looks right in both themes (screenshots)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 360]) {
        const { page, context } = await openPage(browser, PATH, { width, colorScheme });
        if (width === 360) expect(await hasHorizontalScroll(page)).toBe(false);
        await page.locator('[data-widget="survey-chart"]').scrollIntoViewIfNeeded();
        await page.waitForTimeout(200);
        await screenshot(page, `lesson0-${width}-${colorScheme}`);
        await context.close();
      }
    }
  });

  it(`ships at most ${LESSON0_JS_BUDGET_GZIP / 1000} kB of gzipped JavaScript`, async () => {
    const { page, context } = await openPage(browser, PATH);
    await hydrateIslands(page);
    // Every script the page fetched (entry, islands, their imports), gzipped from the built files.
    const paths = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith(".js") || path.endsWith(".mjs")),
    );
    const total = paths.reduce((sum, path) => sum + gzipSync(readFileSync(`${siteDir()}${path}`)).length, 0);
    console.log(`lesson 0 JavaScript: ${total} bytes gzipped in ${paths.length} files`);
    expect(paths.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(LESSON0_JS_BUDGET_GZIP);
    await context.close();
  });
});
