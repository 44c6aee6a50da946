// The game loop while learning, in real Chromium: the header's level, XP and streak on every page
// (not in embeds), updated live and across tabs; a check-in inside a lesson answered wrong then
// right, recorded like practice; the level-up / badge moment, shown once; a widget's challenge met
// and its reward shown in place in the lesson's challenge box. Axe clean, looked at 1280 and 360 px.
import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExercise } from "../../exercises/registry.ts";
import { answerText, type AnswerSpec } from "../../src/lib/grading/index.ts";
import { checkInSeed } from "../../src/components/checkInSeed.ts";
import { badgeInfo } from "../../src/game/badgeInfo.ts";
import { LEVELS } from "../../src/game/levels.ts";
import { challengeReward } from "../../src/game/moments.ts";
import { STORAGE_KEY } from "../../src/game/store.ts";
import { answer, makeStore } from "../../src/game/testing.ts";
import { CHALLENGE_XP, exerciseValue } from "../../src/game/xp.ts";
import { SCREENSHOT_DIR, hasHorizontalScroll, launchBrowser, openPage, seriousAxeViolations } from "./harness.ts";

const LESSON = "neurons-and-layers";
const NEURONS = `/lessons/${LESSON}/`;
/** The lesson's check-ins in page order (src/content/lessons/neurons-and-layers.mdx). */
const CHECK_INS = ["neuron-output", "dense-params"] as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The exercise a check-in shows: the family's level 1, seeded by lesson and position. */
const checkInExercise = (position: number) => createExercise(CHECK_INS[position]!, checkInSeed(LESSON, position), 1);

/** The check-in at `position`, scrolled into view, pointed at (which loads the live card) and ready. */
async function checkIn(page: Page, position: number): Promise<Locator> {
  const box = page.locator("[data-check-in]").nth(position);
  await box.scrollIntoViewIfNeeded();
  await box.hover();
  await page.locator(`[data-check-in][data-ready][data-family="${CHECK_INS[position]}"]`).waitFor();
  return box;
}

/** Scripts the page has fetched so far, by file name. */
const scriptsFetched = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith(".js")),
  );

/** A value that is readable but wrong for a numeric part. */
function wrongText(spec: AnswerSpec): string {
  const right = Number(answerText(spec));
  return String(Number.isFinite(right) ? right * 3 + 7 : 12345);
}

async function answerCheckIn(box: Locator, position: number, right: boolean) {
  const exercise = checkInExercise(position);
  for (const [part, spec] of Object.entries(exercise.answer)) {
    const field = box.locator(`input[name="${part}"]`);
    await field.fill(right ? answerText(spec) : wrongText(spec));
  }
  // Submit with the keyboard (Enter in the field), as a learner would.
  await box.locator("input").first().press("Enter");
}

const headerXp = (page: Page) => page.locator("[data-game-status] [data-game-xp]").textContent();

/** Records the id of every moment shown on the page, so a test can count them after they are gone. */
async function watchMoments(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __moments: string[] }).__moments = seen;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLElement) for (const li of n.querySelectorAll<HTMLElement>("[data-moment]")) seen.push(li.dataset.moment!);
    }).observe(document, { childList: true, subtree: true });
  });
}
const momentsSeen = (page: Page) => page.evaluate(() => (window as unknown as { __moments: string[] }).__moments);

/** Progress worth `xp` XP (level-3 answers), saved as the store saves it, to start a page from. */
function progressWith(xp: number): string {
  const { store, storage } = makeStore();
  const each = exerciseValue(3, 1, 1, 0);
  for (let i = 0; i < xp / each; i++) store.recordAttempt(answer({ seed: i, level: 3 }));
  expect(store.get().xp).toBe(xp);
  return storage.getItem(STORAGE_KEY)!;
}

async function startWith(page: Page, saved: string | null) {
  await page.evaluate(
    ([key, value]) => (value === null ? localStorage.removeItem(key!) : localStorage.setItem(key!, value)),
    [STORAGE_KEY, saved],
  );
  await page.reload({ waitUntil: "networkidle" });
}

function shot(name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}/${name}.png`;
}

describe("the game loop in the header", () => {
  it("shows level, XP and streak on lesson, map and practice pages, and not in embeds", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS);
    const status = page.locator("header [data-game-status]");
    await expect.poll(() => status.getAttribute("data-ready")).toBe("");
    expect(await page.locator("[data-game-level]").textContent()).toBe(LEVELS[0]!.name);
    expect(await headerXp(page)).toBe("0");
    expect(await page.locator("[data-game-streak]").textContent()).toBe("0-day streak");
    expect(await status.getAttribute("title")).toMatch(/Level .*, 0 XP, 100 XP to /);
    for (const path of ["/", "/practice/"]) {
      await page.goto(`${new URL(page.url()).origin}${path}`, { waitUntil: "networkidle" });
      expect(await page.locator("header [data-game-status][data-ready]").count()).toBe(1);
    }
    await page.goto(`${new URL(page.url()).origin}/embed/neuron-explorer/`, { waitUntil: "networkidle" });
    expect(await page.locator("[data-widget]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-game-status], [data-game-moment]").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("check-ins inside a lesson", () => {
  it("a wrong then a right answer is graded, recorded, and moves the header's XP; the badge moment shows once", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS);
    await watchMoments(page);
    await startWith(page, null);
    expect(await page.locator("[data-check-in]").count()).toBe(CHECK_INS.length);
    const box = page.locator("[data-check-in]").first();
    const exercise = checkInExercise(0);
    expect(await box.getAttribute("data-seed")).toBe(exercise.seed);
    // The question is in the page as built (typeset with KaTeX at build time); reading costs no
    // script: the live card loads only when the learner reaches for it.
    expect(await box.getByTestId("prompt").locator(".katex").count()).toBeGreaterThan(0);
    await box.scrollIntoViewIfNeeded();
    expect((await scriptsFetched(page)).filter((p) => /CheckInCard|mountCheckIn/.test(p))).toEqual([]);

    // Type into the static copy and press Enter at once: the live card takes over the answer and grades it.
    await answerCheckIn(box, 0, false);
    await expect.poll(() => box.getByTestId("result").innerText()).toMatch(/0 of/);
    expect(await box.getAttribute("data-ready")).toBe("");
    expect((await scriptsFetched(page)).filter((p) => /CheckInCard|mountCheckIn/.test(p)).length).toBeGreaterThan(0);
    expect(await headerXp(page)).toBe("0");

    await answerCheckIn(box, 0, true);
    const total = Object.keys(exercise.answer).length;
    const xp = exerciseValue(1, total, total, 0, 1); // a second try pays half
    await expect.poll(() => headerXp(page)).toBe(String(xp));
    expect(await box.getByTestId("xp-toast").innerText()).toContain(`+${xp} XP`);
    // Recorded like practice: two graded attempts at this exercise, with the lesson.
    const saved = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY))!);
    const attempts = saved.attempts.filter((a: { family: string; seed: string }) => a.family === exercise.id && a.seed === exercise.seed);
    expect(attempts.map((a: { earned: number; lesson: string }) => [a.earned, a.lesson])).toEqual([
      [0, LESSON],
      [total, LESSON],
    ]);

    // The first fully right answer is the "First light" moment, in a polite live region.
    const moment = page.locator("[data-game-moment] [data-moment='first-light']");
    await moment.waitFor();
    expect(await moment.innerText()).toContain(badgeInfo("first-light").title);
    expect(await page.locator("[data-game-moment]").getAttribute("aria-live")).toBe("polite");
    // It stays while the pointer is on it (it hides itself after a few seconds otherwise).
    await moment.hover();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("gameLoop-checkin-1280") });

    // Dismissed with its button; a reload does not bring it back.
    await page.locator("[data-game-moment]").getByRole("button", { name: "Dismiss" }).click();
    expect(await page.locator("[data-game-moment] [data-moment]").count()).toBe(0);
    await page.reload({ waitUntil: "networkidle" });
    await checkIn(page, 0);
    expect(await momentsSeen(page)).toEqual([]);
    expect(await headerXp(page)).toBe(String(xp));
    expect(problems).toEqual([]);
    await context.close();
  });

  it("crossing a level threshold shows the level-up moment once; further answers don't repeat it", async () => {
    const start = LEVELS[1]!.minXp - exerciseValue(1, 1, 1, 0);
    const { page, problems, context } = await openPage(browser, NEURONS);
    await watchMoments(page);
    await startWith(page, progressWith(start));
    expect(await headerXp(page)).toBe(String(start));

    await answerCheckIn(await checkIn(page, 0), 0, true);
    const level = page.locator(`[data-game-moment] [data-moment="level:${LEVELS[1]!.survey}"]`);
    await level.waitFor();
    expect(await level.innerText()).toContain(`Level up: ${LEVELS[1]!.name}`);
    expect(await page.locator("[data-game-level]").textContent()).toBe(LEVELS[1]!.name);

    await answerCheckIn(await checkIn(page, 1), 1, true);
    await expect.poll(() => headerXp(page)).toBe(String(LEVELS[1]!.minXp + exerciseValue(1, 1, 1, 0)));
    expect((await momentsSeen(page)).filter((id) => id.startsWith("level:"))).toEqual([`level:${LEVELS[1]!.survey}`]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the moment does not animate when the learner asks for reduced motion", async () => {
    const { page, context } = await openPage(browser, NEURONS);
    await page.emulateMedia({ reducedMotion: "reduce" });
    await startWith(page, null);
    await answerCheckIn(await checkIn(page, 0), 0, true);
    const card = page.locator("[data-game-moment] .moment");
    await card.waitFor();
    expect(await card.evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
    await context.close();
  });

  it("fits 360 px: check-in, header and moment (screenshots)", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS, { width: 360, height: 780 });
    await startWith(page, null);
    const box = await checkIn(page, 0);
    await answerCheckIn(box, 0, true);
    await page.locator("[data-game-moment] [data-moment]").first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await box.screenshot({ path: shot("gameLoop-checkin-360") });
    await page.screenshot({ path: shot("gameLoop-moment-360") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot("gameLoop-header-360") });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("every lesson's check-ins", () => {
  it.each([1280, 360])(
    "are axe clean as built and once live at %i px (wide formulas get a tab stop)",
    async (width) => {
      const lessons = [
        "why-deep-learning",
        "neurons-and-layers",
        "activation-functions",
        "loss-and-gradient-descent",
        "backpropagation",
        "sgd-and-minibatches",
        "optimizers",
        "learning-curves",
        "convolutional-networks",
        "transfer-learning",
        "autoencoders",
        "diffusion-models",
        "keras-styles",
      ];
      {
        const { page, problems, context } = await openPage(browser, "/", { width });
        for (const slug of lessons) {
          await page.goto(new URL(`/lessons/${slug}/`, page.url()).href, { waitUntil: "networkidle" });
          const boxes = page.locator("[data-check-in-root]");
          expect(await boxes.count(), slug).toBeGreaterThanOrEqual(2);
          expect(await seriousAxeViolations(page, "[data-check-in-root]"), `${slug} at ${width} px, as built`).toEqual([]);
          await boxes.first().scrollIntoViewIfNeeded();
          await boxes.first().hover();
          await page.locator("[data-check-in][data-ready]").first().waitFor();
          expect(await seriousAxeViolations(page, "[data-check-in-root]"), `${slug} at ${width} px, live`).toEqual([]);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
    },
    240_000,
  );
});

describe("a widget's challenge, shown in place", () => {
  it("the challenge box names the XP and badge earned, the header adds them, and another tab sees them", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS);
    await startWith(page, null);
    const other = await context.newPage();
    await other.goto(new URL("/practice/", page.url()).href, { waitUntil: "networkidle" });
    await expect.poll(() => headerXp(other)).toBe("0");

    const widget = page.locator('[data-widget="neuron-explorer"]');
    await widget.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) [data-widget="neuron-explorer"]').waitFor();
    for (const [name, value] of [
      ["w1", "1.5"],
      ["w2", "-1.5"],
      ["b", "0"],
    ]) {
      const field = widget.locator(`[data-control="${name}"] input[type="text"]`);
      await field.fill(value);
      await field.press("Enter");
    }
    const box = page.locator('[data-challenge="neuron-separate-clusters"]');
    await expect.poll(() => box.getAttribute("data-state")).toBe("done");
    const status = await box.locator("[data-challenge-status]").innerText();
    expect(status).toContain(challengeReward("neuron-separate-clusters").text);
    expect(status).not.toContain("practice page");
    await expect.poll(() => headerXp(page)).toBe(String(CHALLENGE_XP));
    const moment = page.locator(`[data-game-moment] [data-moment="challenge:neuron-separate-clusters"]`);
    await moment.waitFor();
    expect(await moment.innerText()).toContain(badgeInfo("challenge:neuron-separate-clusters").title);
    // The other tab hears it through the storage event.
    await expect.poll(() => headerXp(other)).toBe(String(CHALLENGE_XP));
    expect(await other.locator("[data-game-moment] [data-moment]").count()).toBe(0);
    await box.scrollIntoViewIfNeeded();
    await box.screenshot({ path: shot("gameLoop-challenge-1280") });
    expect(problems).toEqual([]);
    await context.close();
  });
});
