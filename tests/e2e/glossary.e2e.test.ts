// The glossary: one anchor per term, reachable from the header; every lesson links its first use of
// a term there (src/build/rehypeGlossaryLinks.ts) and every such link lands on an entry.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GLOSSARY } from "../../src/course/glossary.ts";
import { builtPages, hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";

const LESSONS = builtPages().filter((p) => /^\/lessons\/[^/]+\/$/.test(p));
const GLOSSARY_LINK = /<a href="\/glossary\/#([^"]+)" class="glossary-link">/g;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("glossary links in the built lessons", () => {
  it("every lesson links some terms, each at most once, and every link names an entry", () => {
    const ids = new Set(GLOSSARY.map((e) => e.id));
    for (const lesson of LESSONS) {
      const html = readFileSync(`${siteDir()}${lesson}index.html`, "utf8");
      const linked = [...html.matchAll(GLOSSARY_LINK)].map((m) => m[1]!);
      expect(linked.length, lesson).toBeGreaterThan(3);
      expect(new Set(linked).size, `${lesson} links a term twice`).toBe(linked.length);
      for (const id of linked) expect(ids.has(id), `${lesson} → #${id}`).toBe(true);
    }
  });
});

describe("the glossary page", () => {
  for (const width of [1280, 360]) {
    it(`lists every term with its anchor and lesson, passes axe and fits ${width} px`, async () => {
      const { page, context, problems } = await openPage(browser, "/glossary/", { width });
      expect(await page.locator("dl .entry").count()).toBe(GLOSSARY.length);
      for (const entry of GLOSSARY) expect(await page.locator(`[id="${entry.id}"] dfn`).textContent()).toBe(entry.term);
      expect(await page.locator(".entry .katex").count()).toBeGreaterThan(10);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      await screenshot(page, `glossary-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("a lesson's first 'neuron' leads by keyboard to the highlighted entry, whose lesson link leads back", async () => {
    const { page, context, problems } = await openPage(browser, "/lessons/neurons-and-layers/");
    const link = page.locator("main a.glossary-link").first();
    expect(await link.textContent()).toBe("neuron");
    await link.focus();
    await Promise.all([page.waitForURL(/\/glossary\/#neuron$/), page.keyboard.press("Enter")]);
    const entry = page.locator('[id="neuron"]');
    expect(await entry.evaluate((el) => el.matches(":target"))).toBe(true);
    expect(await entry.evaluate((el) => getComputedStyle(el).borderLeftColor)).not.toBe("rgba(0, 0, 0, 0)");
    await entry.locator(".source a").click();
    await page.waitForURL(/\/lessons\/neurons-and-layers\/$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
