// Model cards as site pages (issue 15, item 10): /models/ lists every models/<id>/CARD.md, each card
// renders as its own page, the lessons link to them, and the CNN lesson quotes the morphology model's
// accuracy from its metrics file. Also the course map's words for a lesson whose challenge is done
// (item 8). All against the built site.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessonFacts } from "../../src/course/lessonFacts.ts";
import { memoryStorage } from "../../src/game/storage.ts";
import { ProgressStore, STORAGE_KEY } from "../../src/game/store.ts";
import { hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const CARDS = readdirSync("models").filter((id) => existsSync(`models/${id}/CARD.md`));
const morphology = JSON.parse(readFileSync("models/galaxy-morphology/metrics.json", "utf8")) as { accuracy: number; testImages: number };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("model cards", () => {
  it("lists every card on /models/ and each link opens that card's page", async () => {
    const { page, problems, context } = await openPage(browser, "/models/");
    expect(await page.locator("h1").textContent()).toBe("Models");
    const links = page.locator(".card-list a");
    expect(await links.count()).toBe(CARDS.length);
    for (const id of CARDS) expect(await page.locator(`.card-list a[href$="/models/${id}/"]`).count()).toBe(1);
    await page.locator('.card-list a[href$="/models/galaxy-morphology/"]').click();
    await page.waitForURL(/\/models\/galaxy-morphology\/$/);
    expect(await page.locator("h1").textContent()).toBe("Model card: galaxy-morphology");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("renders each card's Markdown: its heading, its accuracy line, its tables in keyboard-scrollable regions", async () => {
    for (const id of CARDS) {
      const { page, problems, context } = await openPage(browser, `/models/${id}/`);
      expect(await page.locator("h1").count()).toBe(1);
      expect(await page.locator("h1").textContent()).toBe(`Model card: ${id}`);
      expect(await page.locator("h2").count()).toBeGreaterThan(2);
      const regions = page.locator(".card-body .table-scroll[tabindex='0']");
      expect(await regions.count()).toBeGreaterThan(0);
      expect(await page.title()).toBe(`Model card: ${id} · Deep Sky`);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it("fits a 360 px phone without horizontal scrolling and is axe clean (screenshots at 1280 and 360 px)", async () => {
    for (const width of [1280, 360]) {
      const { page, problems, context } = await openPage(browser, "/models/galaxy-morphology/", { width, height: 900 });
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `model-card-galaxy-morphology-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it("is linked from the lessons that use the models, and the CNN lesson quotes the morphology accuracy from metrics.json", async () => {
    const { page, problems, context } = await openPage(browser, "/lessons/convolutional-networks/");
    // Linked where the lesson first names each model, and again from "Simulation versus the sky".
    expect(await page.locator('a[data-model-card-link="galaxy-morphology"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('a[data-model-card-link="lens-finder"]').count()).toBeGreaterThanOrEqual(1);
    const body = (await page.locator("article").textContent()) ?? "";
    expect(body).toContain(`On ${morphology.testImages} held-out cutouts the morphology classifier picks the right class`);
    expect(body.replace(/\s+/g, " ")).toContain(`${(100 * morphology.accuracy).toFixed(1)} % of the time`);
    expect(body).not.toContain("CARD.md");
    await page.locator('a[data-model-card-link="galaxy-morphology"]').first().click();
    await page.waitForURL(/\/models\/galaxy-morphology\/$/);
    expect(problems).toEqual([]);
    await context.close();
    for (const [lesson, id] of [
      ["autoencoders", "galaxy-autoencoder"],
      ["diffusion-models", "galaxy-denoiser"],
    ]) {
      const opened = await openPage(browser, `/lessons/${lesson}/`);
      expect(await opened.page.locator(`a[data-model-card-link="${id}"]`).getAttribute("href")).toMatch(new RegExp(`/models/${id}/$`));
      await opened.context.close();
    }
  });
});

describe("the course map after a lesson's challenge", () => {
  /** Progress in which the CNN lesson's challenge is done (no practice) and the why lesson mastered. */
  function saved(): string {
    const storage = memoryStorage();
    let now = Date.UTC(2026, 4, 10, 12);
    const store = new ProgressStore({ storage, clock: () => now++, timeZone: "UTC" });
    store.completeChallenge("cnn-misclassified");
    const why = lessonFacts("why-deep-learning", ["survey-days", "survey-growth"]);
    for (const family of why.families) {
      for (let i = 0; i < 8; i++)
        store.recordAttempt({
          family,
          version: 1,
          seed: String(i),
          level: 1,
          skills: why.skills,
          earned: 1,
          total: 1,
          hints: 0,
          lesson: "why-deep-learning",
        });
    }
    return storage.getItem(STORAGE_KEY)!;
  }

  it("says the challenge counted and what is left, marks the mastered lesson, and separates minutes from the state", async () => {
    for (const width of [1280, 360]) {
      const { page, problems, context } = await openPage(browser, "/", { width, height: 900 });
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, saved()]);
      await page.reload({ waitUntil: "networkidle" });
      const cnn = page.locator('.lesson-item[data-lesson="convolutional-networks"]');
      expect(await cnn.getAttribute("data-progress")).toBe("in-progress");
      expect(await cnn.locator("[data-progress-text]").textContent()).toMatch(/^In progress: challenge done, 0 of \d+ skills mastered$/);
      expect(await cnn.locator(".meta").textContent()).toMatch(/\d+ min In progress/);
      const why = page.locator('.lesson-item[data-lesson="why-deep-learning"]');
      expect(await why.locator("[data-progress-text]").textContent()).toBe("Mastered");
      const chart = width === 1280 ? ".chart-wide" : ".chart-tall";
      const star = page.locator(`${chart} .star-link[data-lesson="why-deep-learning"]`);
      expect(await star.getAttribute("data-progress")).toBe("mastered");
      expect(await star.getAttribute("aria-label")).toMatch(/minutes — Mastered$/);
      // The check mark is drawn only on the mastered star.
      expect(await star.locator(".mastered-mark").evaluate((el) => getComputedStyle(el).stroke)).not.toBe("rgba(0, 0, 0, 0)");
      expect(
        await page
          .locator(`${chart} .star-link[data-lesson="convolutional-networks"] .mastered-mark`)
          .evaluate((el) => getComputedStyle(el).stroke),
      ).toBe("rgba(0, 0, 0, 0)");
      if (width === 1280) {
        await page.locator('.chart-wide .star-link[data-lesson="convolutional-networks"]').focus();
        await expect.poll(() => page.locator("[data-map-detail]").first().textContent()).toMatch(/— \d+ min · In progress: challenge done/);
      }
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `course-map-progress-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
