// Saved progress in real Chromium: it survives a reload, travels by export/import, survives a
// corrupted localStorage entry (notice shown, backup kept, nothing breaks), resets only after a
// confirm, and shows on the course map as each lesson's state — in words, not colour alone.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExercise } from "../../exercises/registry.ts";
import { answerText } from "../../src/lib/grading/index.ts";
import { lessonFacts } from "../../src/course/lessonFacts.ts";
import { memoryStorage } from "../../src/game/storage.ts";
import { BACKUP_PREFIX, ProgressStore, STORAGE_KEY } from "../../src/game/store.ts";
import { XP_PER_LEVEL } from "../../src/game/xp.ts";
import { launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const FAMILY = "neuron-output";
const SEED = "777001";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function waitForExercise(page: Page) {
  await page.locator('[data-widget="practice-session"][data-ready] [data-widget="exercise"] [data-testid="prompt"] p').first().waitFor();
}

/** Answers (FAMILY, SEED, level 1) correctly on the practice page. */
async function solveOne(page: Page) {
  await waitForExercise(page);
  const exercise = createExercise(FAMILY, SEED, 1);
  for (const [part, spec] of Object.entries(exercise.answer)) {
    await page.locator(`[data-widget="exercise"] input[name="${part}"]`).fill(answerText(spec));
  }
  await page.getByRole("button", { name: "Check" }).click();
  await expect.poll(() => page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));
}

const rawProgress = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

describe("saved progress", () => {
  it("survives a reload: XP, answers and badges are still there", async () => {
    const { page, problems, context } = await openPage(browser, `/practice/?family=${FAMILY}&seed=${SEED}&level=1`);
    await solveOne(page);
    await page.reload({ waitUntil: "networkidle" });
    await waitForExercise(page);
    expect(await page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));
    expect(await page.locator('[data-testid="answers"]').textContent()).toBe("1");
    expect(await page.locator('[data-testid="streak"]').textContent()).toBe("1 day");
    expect(await page.locator('[data-badge="first-light"]').count()).toBe(1);
    expect(await page.locator('[data-testid="mastery"] li').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("exports to a file, and importing that file after clearing restores it", async () => {
    const { page, problems, context } = await openPage(browser, `/practice/?family=${FAMILY}&seed=${SEED}&level=1`);
    await solveOne(page);
    const before = JSON.parse((await rawProgress(page))!);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export progress" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^deep-sky-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ format: "deep-sky-progress", progress: { xp: XP_PER_LEVEL } });

    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: "networkidle" });
    await waitForExercise(page);
    expect(await page.locator('[data-testid="xp"]').textContent()).toBe("0");

    // A file that is not progress is refused with a message and changes nothing.
    await page
      .getByLabel("Import progress from a file")
      .setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="data-status"]').getAttribute("data-kind")).toBe("error");
    expect(await page.locator('[data-testid="xp"]').textContent()).toBe("0");

    await page.getByLabel("Import progress from a file").setInputFiles(file);
    await page.getByLabel(/Replace the progress here/).check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));
    expect(await page.locator('[data-testid="data-status"]').textContent()).toMatch(/Replaced: 1 answers/);
    const after = JSON.parse((await rawProgress(page))!);
    expect(after.attempts).toEqual(before.attempts);
    expect(after.badges).toEqual(before.badges);

    // Merging the same file again changes nothing (attempts are de-duplicated).
    await page.getByLabel("Import progress from a file").setInputFiles(file);
    await page.getByLabel(/Merge with the progress here/).check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="data-status"]').textContent()).toMatch(/Merged: 1 answers/);
    expect(await page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps a corrupted entry as a backup, tells the learner, and nothing breaks", async () => {
    const garbage = '{"schema":1,"xp":';
    const { page, problems, context } = await openPage(browser, "/");
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, garbage]);

    // The course map still works (its progress script backs the data up instead of throwing).
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.locator(".lesson-item").count()).toBeGreaterThan(0);
    expect(await page.locator('.lesson-item[data-progress="available"]').count()).toBeGreaterThan(0);
    // Every page's header points to the practice page, where the notice explains (not a bare 0 XP).
    const headerNotice = page.locator("header [data-game-status] [data-game-notice]");
    await expect.poll(() => headerNotice.isVisible()).toBe(true);
    expect(await page.locator("header [data-game-status]").getAttribute("title")).toMatch(/needs attention: see the practice page/);
    expect(await page.locator("header [data-game-status]").textContent()).toMatch(/Your saved progress needs attention/);

    await page.goto(page.url() + "practice/", { waitUntil: "networkidle" });
    await waitForExercise(page);
    const notice = page.locator('[data-testid="progress-notice"]');
    expect(await notice.count()).toBe(1);
    expect(await notice.getAttribute("data-kind")).toBe("corrupt");
    expect(await notice.textContent()).toMatch(/backup/i);
    const backups = await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), BACKUP_PREFIX);
    expect(backups).toHaveLength(1);
    expect(await page.evaluate((key) => localStorage.getItem(key), backups[0]!)).toBe(garbage);
    expect(JSON.parse((await rawProgress(page))!).schema).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "practice-corrupt-notice-1280-light");

    // The backup can be downloaded, and dismissing the notice keeps it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      notice.getByRole("button", { name: /Download the backup/ }).click(),
    ]);
    expect(readFileSync(await download.path(), "utf8")).toBe(garbage);
    await notice.getByRole("button", { name: /Dismiss/ }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.reload({ waitUntil: "networkidle" });
    expect(await notice.count()).toBe(0);
    expect(await page.locator("header [data-game-notice]").isVisible()).toBe(false);
    expect(await page.evaluate((key) => localStorage.getItem(key), backups[0]!)).toBe(garbage);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("resets only after confirming, keeping a backup", async () => {
    const { page, problems, context } = await openPage(browser, `/practice/?family=${FAMILY}&seed=${SEED}&level=1`);
    await solveOne(page);
    await page.getByRole("button", { name: "Reset progress…" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset all progress?" });
    expect(await dialog.isVisible()).toBe(true);
    await screenshot(page, "practice-reset-dialog-1280-light");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));

    await page.getByRole("button", { name: "Reset progress…" }).click();
    await page.keyboard.press("Escape");
    expect(await page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));

    await page.getByRole("button", { name: "Reset progress…" }).click();
    await dialog.getByRole("button", { name: "Reset progress" }).click();
    await expect.poll(() => page.locator('[data-testid="xp"]').textContent()).toBe("0");
    const backups = await page.evaluate(
      (prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix) && k.endsWith(":reset")),
      BACKUP_PREFIX,
    );
    expect(backups).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the course map's progress", () => {
  /** Progress (built in Node with the real store) in which `mastered` is mastered and `visited` only opened. */
  function progressFor(mastered: string, practice: string[], challenge: string | undefined, visited: string): string {
    const storage = memoryStorage();
    let now = Date.UTC(2026, 4, 10, 12);
    const store = new ProgressStore({ storage, clock: () => now++, timeZone: "UTC" });
    const facts = lessonFacts(mastered, practice, challenge);
    for (let i = 0; i < 8; i++) {
      store.recordAttempt({
        family: facts.families[0]!,
        version: 1,
        seed: String(i),
        level: 1,
        skills: facts.skills,
        earned: 1,
        total: 1,
        hints: 0,
        lesson: mastered,
      });
    }
    if (challenge) store.completeChallenge(challenge);
    store.visitLesson(visited);
    return storage.getItem(STORAGE_KEY)!;
  }

  it("marks lessons available, in progress and mastered, on stars and list items, in words", async () => {
    const { page, problems, context } = await openPage(browser, "/");
    expect(await page.locator('.lesson-item[data-progress="available"] [data-progress-text]').first().textContent()).toBe("Not started");

    const saved = progressFor("why-deep-learning", ["survey-arithmetic"], undefined, "activation-functions");
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, saved]);
    await page.reload({ waitUntil: "networkidle" });

    const mastered = page.locator('.lesson-item[data-lesson="why-deep-learning"]');
    expect(await mastered.getAttribute("data-progress")).toBe("mastered");
    expect(await mastered.locator("[data-progress-text]").textContent()).toBe("Mastered");
    const star = page.locator('.chart-wide .star-link[data-lesson="why-deep-learning"]');
    expect(await star.getAttribute("data-progress")).toBe("mastered");
    expect(await star.getAttribute("aria-label")).toMatch(/— Mastered$/);

    const started = page.locator('.lesson-item[data-lesson="activation-functions"]');
    expect(await started.getAttribute("data-progress")).toBe("in-progress");
    expect(await started.locator("[data-progress-text]").textContent()).toMatch(/^In progress: challenge open, 0 of \d+ skills mastered$/);
    expect(await page.locator('.chart-tall .star-link[data-lesson="activation-functions"]').getAttribute("data-progress")).toBe(
      "in-progress",
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("looks right with progress at 1280 and 360 px in both themes (screenshots)", async () => {
    const saved = progressFor("why-deep-learning", ["survey-arithmetic"], undefined, "activation-functions");
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 360]) {
        const shot = await openPage(browser, "/", { width, colorScheme });
        await shot.page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, saved]);
        await shot.page.reload({ waitUntil: "networkidle" });
        await screenshot(shot.page, `home-progress-${width}-${colorScheme}`);
        await shot.context.close();
      }
    }
  });

  it("marks a lesson in progress once it is opened, and shows a done challenge on its page", async () => {
    const { page, problems, context } = await openPage(browser, "/lessons/activation-functions/");
    const saved = progressFor("why-deep-learning", [], undefined, "backpropagation");
    const withChallenge = JSON.parse(saved);
    withChallenge.challenges["activation-vanishing-gradient"] = { at: Date.UTC(2026, 4, 10, 13) };
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, JSON.stringify(withChallenge)]);
    await page.reload({ waitUntil: "networkidle" });
    const box = page.locator('[data-challenge="activation-vanishing-gradient"]');
    await expect.poll(() => box.getAttribute("data-state")).toBe("done");
    expect(await box.locator("[data-challenge-status]").textContent()).toMatch(/Completed/);

    await page.goto(page.url().replace(/lessons\/.*$/, ""), { waitUntil: "networkidle" });
    expect(await page.locator('.lesson-item[data-lesson="activation-functions"]').getAttribute("data-progress")).toBe("in-progress");
    expect(problems).toEqual([]);
    await context.close();
  });
});
