// Search (src/pages/search.astro, src/search/siteSearch.ts, index: src/build/searchIndexIntegration.ts):
// the header leads to it, nothing of Pagefind loads until the learner searches, a term found by
// keyboard lands on the lesson that teaches it, search works offline after one visit, and the page
// passes axe at desktop and phone widths.
import { existsSync, readdirSync, statSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Types `query` into the focused search box and waits for the results to settle on it. Typing fires
 * a search per keystroke, so these tests also check that overlapping searches end in the right
 * answer (Pagefind on the main thread once answered overlapping searches with nothing).
 */
async function searchFor(page: Page, query: string): Promise<void> {
  await page.keyboard.type(query);
  await expect.poll(() => page.locator("[data-search-status]").textContent(), { timeout: 15_000 }).toContain(`“${query}”`);
}

describe("the search index", () => {
  it("holds only what the search page loads, and its size is logged", () => {
    const dir = `${siteDir()}/pagefind`;
    expect(existsSync(`${dir}/pagefind.js`)).toBe(true);
    expect(existsSync(`${dir}/pagefind-ui.js`)).toBe(false);
    let bytes = 0;
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const full = `${d}/${name}`;
        if (statSync(full).isDirectory()) walk(full);
        else bytes += statSync(full).size;
      }
    };
    walk(dir);
    console.log(`search index: ${(bytes / 1024).toFixed(0)} kB`);
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});

describe("searching by keyboard", () => {
  for (const [query, lesson] of [
    ["backpropagation", "/lessons/backpropagation/"],
    ["stride", "/lessons/convolutional-networks/"],
  ] as const) {
    it(`"${query}" from the header's Search link: the first result is ${lesson}, and Enter opens it`, async () => {
      const { page, context, problems } = await openPage(browser, "/lessons/why-deep-learning/");
      const pagefindRequests: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).pathname.startsWith("/pagefind/")) pagefindRequests.push(new URL(request.url()).pathname);
      });
      const link = page.locator('header nav a[href="/search/"]');
      await link.focus();
      await Promise.all([page.waitForURL(/\/search\/$/), page.keyboard.press("Enter")]);
      await page.waitForSelector("[data-site-search][data-ready]");
      // Nothing of Pagefind until the learner reaches for the box.
      expect(pagefindRequests).toEqual([]);
      await page.keyboard.press("Tab"); // skip link
      await page.keyboard.press("Tab");
      while (!(await page.locator("#search-query").evaluate((el) => el === document.activeElement))) await page.keyboard.press("Tab");
      await searchFor(page, query);
      expect(pagefindRequests).toContain("/pagefind/pagefind.js");
      const first = page.locator("[data-search-results] li a").first();
      expect(await first.getAttribute("href")).toBe(lesson);
      expect(await page.locator("[data-search-results] li").first().locator("mark").count()).toBeGreaterThan(0);
      expect(new URL(page.url()).searchParams.get("q")).toBe(query);
      // Tab past the Search button to the first result, then Enter.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
      await Promise.all([page.waitForURL(new RegExp(`${lesson}$`)), page.keyboard.press("Enter")]);
      expect(await page.locator("main h1").first().textContent()).toBeTruthy();
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it("a query nothing matches says so; ?q= in the address searches at once", async () => {
    const { page, context, problems } = await openPage(browser, "/search/?q=stride");
    await expect.poll(() => page.locator("[data-search-results] li").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator("#search-query").fill("quokka");
    await expect.poll(() => page.locator("[data-search-status]").textContent()).toBe("No lesson mentions “quokka”.");
    expect(await page.locator("[data-search-results] li").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const width of [1280, 360]) {
    it(`passes axe with results shown and fits ${width} px`, async () => {
      const { page, context, problems } = await openPage(browser, "/search/?q=loss", { width, height: width === 360 ? 740 : 900 });
      await expect.poll(() => page.locator("[data-search-results] li").count(), { timeout: 15_000 }).toBeGreaterThan(2);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      await screenshot(page, `search-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe("search offline", () => {
  it("after one visit to a lesson, search finds a lesson and opens it with the network off", async () => {
    const { page, context, problems } = await openPage(browser, "/lessons/neurons-and-layers/", { serviceWorkers: "allow" });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await context.setOffline(true);
    await page.goto(`${baseUrl()}/search/`);
    await page.locator("#search-query").focus();
    await searchFor(page, "stride");
    const first = page.locator("[data-search-results] li a").first();
    expect(await first.getAttribute("href")).toBe("/lessons/convolutional-networks/");
    await first.focus();
    await Promise.all([page.waitForURL(/\/lessons\/convolutional-networks\/$/), page.keyboard.press("Enter")]);
    expect(problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
    await context.close();
  }, 120_000);
});
