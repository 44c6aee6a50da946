// The practice page and the lesson practice block in real Chromium: exercises answered right,
// wrong (misconception feedback) and with garbage (no attempt), hints with their XP cost, choice
// and keyboard-operated ordering parts, "another one like this", axe, and screenshots.
// Answers are computed here in Node from the same registry and seed the page uses.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExercise, exerciseParams, getFamily } from "../../exercises/registry.ts";
import { answerText } from "../../src/lib/grading/index.ts";
import { HINT_COST, XP_PER_LEVEL } from "../../src/game/xp.ts";
import { hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

/** Serious or critical axe violations inside one element (the lesson's own content is not ours to judge here). */
async function axeWithin(page: Page, selector: string): Promise<string[]> {
  return (await seriousAxeViolations(page, selector)).map((v) => `${v.id}: ${v.targets.join(", ")}`);
}

const SEED = "424242";
const NUMBER_FAMILY = "neuron-output";
const CHOICE_FAMILY = "activation-property";
const ORDERING_FAMILY = "training-step-order";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const exerciseUrl = (family: string, level = 1, seed = SEED) => `/practice/?family=${family}&seed=${seed}&level=${level}`;

/** The correct raw input for every part of (family, seed, level). */
function correctInput(family: string, level = 1, seed = SEED): Record<string, string> {
  const exercise = createExercise(family, seed, level);
  return Object.fromEntries(Object.entries(exercise.answer).map(([id, spec]) => [id, answerText(spec)]));
}

/** Saved progress as the page stored it. */
async function saved(
  page: Page,
): Promise<{ xp: number; attempts: { family: string; lesson?: string; hints: number; xp: number }[] } | null> {
  return page.evaluate(() => {
    const raw = localStorage.getItem("deep-sky:progress");
    return raw ? JSON.parse(raw) : null;
  });
}

/** Waits until the session has loaded KaTeX and shows an exercise with its prompt. */
async function waitForExercise(page: Page) {
  await page.locator('[data-widget="practice-session"][data-ready] [data-widget="exercise"] [data-testid="prompt"] p').first().waitFor();
}

/** Types into the named parts of the exercise card `within` (a lesson page also has check-in exercises). */
async function fillText(page: Page, input: Record<string, string>, within = '[data-widget="exercise"]') {
  for (const [part, value] of Object.entries(input)) await page.locator(`${within} input[name="${part}"]`).fill(value);
}

describe("the practice page", () => {
  it("grades a right answer: full points, XP in a polite toast and on the level panel, one attempt saved", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    expect(await card.getAttribute("data-family")).toBe(NUMBER_FAMILY);
    expect(await card.getAttribute("data-seed")).toBe(SEED);
    // The prompt is the registry's prompt for this seed (its numbers appear in the page).
    expect(await card.locator("h2, h3").first().textContent()).toBe(createExercise(NUMBER_FAMILY, SEED, 1).title);

    await fillText(page, correctInput(NUMBER_FAMILY));
    await card.getByRole("button", { name: "Check" }).click();
    await expect.poll(() => card.locator('[data-testid="result"]').textContent()).toMatch(/All right/);
    expect(await card.locator('[data-verdict="correct"]').count()).toBeGreaterThan(0);
    const toast = card.locator('[data-testid="xp-toast"]');
    expect(await toast.getAttribute("aria-live")).toBe("polite");
    expect(await toast.textContent()).toContain(`+${XP_PER_LEVEL} XP`);
    expect(await toast.textContent()).toContain("First light");
    await expect.poll(() => page.locator('[data-testid="xp"]').textContent()).toBe(String(XP_PER_LEVEL));
    expect((await saved(page))?.attempts).toHaveLength(1);
    // Solved: the Check button is done; the next step is offered.
    expect(await card.getByRole("button", { name: "Check" }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("names a misconception for a typical wrong answer, and shows the accepted interval only once the learner gives up", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY));
    await waitForExercise(page);
    const misconception = getFamily(NUMBER_FAMILY).misconceptions(exerciseParams(NUMBER_FAMILY, SEED, 1))[0]!;
    await fillText(page, { ...correctInput(NUMBER_FAMILY), ...misconception.input });
    const card = page.locator('[data-widget="exercise"]');
    await card.getByRole("button", { name: "Check" }).click();
    const feedback = card.locator('[data-testid="feedback-y"] [data-verdict="misconception"]');
    await feedback.waitFor();
    expect(await feedback.textContent()).toMatch(/A common mistake/);
    // Open exercise: the accepted interval would be typed back for full points, so it is not shown.
    expect(await card.locator('[data-testid="accepted"]').count()).toBe(0);
    expect(await feedback.textContent()).not.toMatch(/accepted|±/);
    expect(await card.locator('input[name="y"]').getAttribute("aria-invalid")).toBe("true");
    // A wrong answer is an attempt but pays nothing.
    const progress = await saved(page);
    expect(progress?.attempts).toHaveLength(1);
    expect(progress?.xp).toBe(0);
    expect(await card.locator('[data-testid="xp-toast"]').textContent()).toBe("");
    // After an attempt the worked solution can be opened.
    await card.getByRole("button", { name: "Show worked solution" }).click();
    expect(await card.locator('[data-testid="solution"] li').count()).toBe(createExercise(NUMBER_FAMILY, SEED, 1).solution.length);
    // Given up, the exercise is closed: now the accepted interval shows under the wrong part.
    expect(await card.locator('[data-testid="feedback-y"] [data-testid="accepted"]').textContent()).toMatch(/accepted: .*±/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers unreadable input with a message and does not count an attempt", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    await fillText(page, { y: "banana" });
    await card.locator('input[name="y"]').press("Enter");
    const message = card.locator('[data-testid="invalid-message"]');
    await expect.poll(() => message.textContent()).not.toBe("");
    expect(await message.getAttribute("aria-live")).toBe("polite");
    expect(await card.locator('[data-testid="result"]').count()).toBe(0);
    expect((await saved(page))?.attempts ?? []).toHaveLength(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps a long pasted answer's message short and inside a 360 px screen", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY), { width: 360, height: 780 });
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    await fillText(page, { y: "w1*x1+w2*x2+b".repeat(300) });
    await card.locator('input[name="y"]').press("Enter");
    const message = card.locator('[data-testid="invalid-message"]');
    await expect.poll(() => message.textContent()).toMatch(/^⚠ “w1\*x1\+w2\*x2\+b.*…” is not a number/);
    expect(((await message.textContent()) ?? "").length).toBeLessThan(120);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "practice-long-answer-360");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("pays a right answer after a wrong one half, less than a hint costs", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    await fillText(page, { y: "12345" });
    await card.getByRole("button", { name: "Check" }).click();
    await card.locator('[data-testid="feedback-y"] [data-verdict]').first().waitFor();
    await fillText(page, correctInput(NUMBER_FAMILY));
    await card.getByRole("button", { name: "Check" }).click();
    await expect
      .poll(() => card.locator('[data-testid="xp-toast"]').textContent())
      .toMatch(new RegExp(`^\\+${XP_PER_LEVEL / 2} XP \\(try 2 pays 1/2\\)`));
    expect((await saved(page))?.attempts.map((a) => a.xp)).toEqual([0, XP_PER_LEVEL / 2]);
    expect(XP_PER_LEVEL / 2).toBeLessThan(XP_PER_LEVEL - HINT_COST);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("names the unreadable part of a several-part answer by its typeset label, not its TeX", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl("activation-value"));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    await fillText(page, { value: "banana", derivative: "0.5" });
    await card.getByRole("button", { name: "Check" }).click();
    const message = card.locator('[data-testid="invalid-message"]');
    await expect.poll(() => message.textContent()).toMatch(/banana/);
    expect(await message.textContent()).not.toContain("$");
    expect(await message.locator(".katex").count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("says what a hint costs, shows hints one at a time, and pays less after one", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    const hintButton = card.getByRole("button", { name: /hint/i });
    expect(await hintButton.textContent()).toContain(`−${HINT_COST} XP`);
    await hintButton.click();
    expect(await card.locator("section li").count()).toBe(1);
    expect(await card.getByRole("button", { name: /hint 2 of/i }).textContent()).toContain(`−${HINT_COST} XP`);
    await fillText(page, correctInput(NUMBER_FAMILY));
    await card.getByRole("button", { name: "Check" }).click();
    await expect.poll(() => card.locator('[data-testid="xp-toast"]').textContent()).toContain(`+${XP_PER_LEVEL - HINT_COST} XP`);
    const progress = await saved(page);
    expect(progress?.attempts[0]).toMatchObject({ hints: 1, xp: XP_PER_LEVEL - HINT_COST });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps hints and a shown solution across a reload: no refund of their cost", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY));
    await waitForExercise(page);
    let card = page.locator('[data-widget="exercise"]');
    await card.getByRole("button", { name: /hint/i }).click();
    await card.getByRole("button", { name: /hint 2 of/i }).click();
    // A learner reloads, hoping the hints are forgotten.
    await page.reload({ waitUntil: "networkidle" });
    await waitForExercise(page);
    card = page.locator('[data-widget="exercise"]');
    await expect.poll(() => card.locator("section li").count()).toBe(2);
    await fillText(page, correctInput(NUMBER_FAMILY));
    await card.getByRole("button", { name: "Check" }).click();
    await expect.poll(() => card.locator('[data-testid="xp-toast"]').textContent()).toContain(`+${XP_PER_LEVEL - 2 * HINT_COST} XP`);
    expect((await saved(page))?.attempts[0]).toMatchObject({ hints: 2, xp: XP_PER_LEVEL - 2 * HINT_COST });

    // Giving up on another exercise, then reloading it: the solution is still open and the card closed.
    const other = exerciseUrl(NUMBER_FAMILY, 1, "515151");
    await page.goto(new URL(other, page.url()).href, { waitUntil: "networkidle" });
    await waitForExercise(page);
    await page.getByRole("button", { name: "Give up: show the solution" }).click();
    await page.reload({ waitUntil: "networkidle" });
    await waitForExercise(page);
    card = page.locator('[data-widget="exercise"]');
    await card.locator('[data-testid="solution"]').waitFor();
    expect(await card.getByRole("button", { name: "Check" }).isDisabled()).toBe(true);
    const progress = await saved(page);
    expect(progress?.attempts.filter((a) => a.family === NUMBER_FAMILY)).toHaveLength(2);
    expect(progress?.xp).toBe(XP_PER_LEVEL - 2 * HINT_COST);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("grades a choice part answered with the keyboard", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(CHOICE_FAMILY));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    const [[part, optionId]] = Object.entries(correctInput(CHOICE_FAMILY)) as [[string, string]];
    const radios = card.locator(`fieldset input[type="radio"]`);
    expect(await radios.count()).toBeGreaterThanOrEqual(2);
    await radios.first().focus();
    await page.keyboard.press("Space");
    const ids = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const steps = ids.indexOf(optionId);
    for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
    expect(await card.locator(`input[type="radio"][value="${optionId}"]`).isChecked()).toBe(true);
    await card.getByRole("button", { name: "Check" }).click();
    await expect
      .poll(() => card.locator(`[data-testid="feedback-${part}"] [data-verdict]`).first().getAttribute("data-verdict"))
      .toBe("correct");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("orders items with the keyboard alone (move up buttons), keeping focus on the moved item", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(ORDERING_FAMILY));
    await waitForExercise(page);
    const card = page.locator('[data-widget="exercise"]');
    const [[part, answer]] = Object.entries(correctInput(ORDERING_FAMILY)) as [[string, string]];
    const target = answer.split(", ");
    const current = () => card.locator("ol li[data-item]").evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.item!));
    for (let i = 0; i < target.length; i++) {
      let index = (await current()).indexOf(target[i]!);
      while (index > i) {
        await card.locator(`li[data-item="${target[i]}"] [data-move="up"]`).focus();
        await page.keyboard.press("Enter");
        index--;
        await expect.poll(async () => (await current()).indexOf(target[i]!)).toBe(index);
        // Focus stays with the item that moved.
        expect(await page.evaluate(() => (document.activeElement?.closest("[data-item]") as HTMLElement | null)?.dataset.item)).toBe(
          target[i],
        );
      }
    }
    expect(await current()).toEqual(target);
    await card.getByRole("button", { name: "Check" }).click();
    await expect
      .poll(() => card.locator(`[data-testid="feedback-${part}"] [data-verdict]`).first().getAttribute("data-verdict"))
      .toBe("correct");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("makes another one like this: same family and level, a new seed, in the URL", async () => {
    const { page, problems, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY, 2));
    await waitForExercise(page);
    await page.getByRole("button", { name: "Another one like this" }).click();
    const card = page.locator('[data-widget="exercise"]');
    await expect.poll(() => card.getAttribute("data-seed")).not.toBe(SEED);
    expect(await card.getAttribute("data-family")).toBe(NUMBER_FAMILY);
    expect(await card.getAttribute("data-level")).toBe("2");
    const seed = await card.getAttribute("data-seed");
    expect(page.url()).toContain(`seed=${seed}`);
    // Focus moved to the new exercise's title, so keyboard users carry on from there.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/^H[23]$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("chooses what to practise by lesson, and by mastery when asked", async () => {
    const { page, problems, context } = await openPage(browser, "/practice/");
    await waitForExercise(page);
    await page.getByLabel("What to practise").selectOption("lesson:backpropagation");
    await expect
      .poll(() => page.locator('[data-widget="exercise"]').getAttribute("data-family"))
      .toMatch(/chain-rule|gradient-vector|graph-gradients|training-step-order/);
    expect(page.url()).toContain("focus=lesson");
    await page.getByLabel("What to practise").selectOption("all");
    await waitForExercise(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("passes axe with an exercise graded, in light and dark, and fits 360 px", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { page, context, problems } = await openPage(browser, exerciseUrl(NUMBER_FAMILY), { colorScheme });
      await waitForExercise(page);
      const misconception = getFamily(NUMBER_FAMILY).misconceptions(exerciseParams(NUMBER_FAMILY, SEED, 1))[0]!;
      await fillText(page, misconception.input);
      await page.getByRole("button", { name: "Check" }).click();
      await page.getByRole("button", { name: /hint/i }).click();
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
    const { page, context } = await openPage(browser, exerciseUrl(CHOICE_FAMILY), { width: 360, height: 780 });
    await waitForExercise(page);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await context.close();
  });

  it("looks right at 1280 and 360 px in both themes (screenshots)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 360]) {
        const { page, context } = await openPage(browser, exerciseUrl(NUMBER_FAMILY), { width, colorScheme });
        await waitForExercise(page);
        const misconception = getFamily(NUMBER_FAMILY).misconceptions(exerciseParams(NUMBER_FAMILY, SEED, 1))[0]!;
        await fillText(page, misconception.input);
        await page.getByRole("button", { name: "Check" }).click();
        await page.getByRole("button", { name: /hint/i }).click();
        await page.waitForTimeout(300);
        await screenshot(page, `practice-${width}-${colorScheme}`);
        await context.close();
      }
      const { page, context } = await openPage(browser, exerciseUrl(ORDERING_FAMILY), { width: 360, colorScheme });
      await waitForExercise(page);
      await screenshot(page, `practice-ordering-360-${colorScheme}`);
      await context.close();
    }
  });
});

describe("a lesson's practice block", () => {
  const LESSON = "neurons-and-layers";

  it("shows one exercise from the lesson's families and records attempts with the lesson", async () => {
    const { page, problems, context } = await openPage(browser, `/lessons/${LESSON}/`);
    // Reading the lesson loads no exercise code; "Start practising" does, and focuses the exercise.
    expect(
      await page.evaluate(() => performance.getEntriesByType("resource").some((e) => /ExerciseCard|katex\.[^/]*\.js/.test(e.name))),
    ).toBe(false);
    await page.locator("#practice").getByRole("button", { name: "Start practising" }).click();
    await waitForExercise(page);
    expect(await page.evaluate(() => document.activeElement?.closest("[data-widget=exercise]") !== null)).toBe(true);
    const card = page.locator('#practice [data-widget="exercise"]');
    const family = (await card.getAttribute("data-family"))!;
    expect(getFamily(family).lesson).toBe(LESSON);
    const level = Number(await card.getAttribute("data-level"));
    const seed = (await card.getAttribute("data-seed"))!;
    await fillText(page, correctInput(family, level, seed), '#practice [data-widget="exercise"]');
    await card.getByRole("button", { name: "Check" }).click();
    await expect.poll(() => card.locator('[data-testid="result"]').textContent()).toMatch(/All right/);
    const progress = await saved(page);
    expect(progress?.attempts[0]).toMatchObject({ family, lesson: LESSON });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("passes axe and fits 360 px with an exercise open (screenshots)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { page, context, problems } = await openPage(browser, `/lessons/${LESSON}/`, { width: 360, height: 780, colorScheme });
      await page.locator("#practice").getByRole("button", { name: "Start practising" }).click();
      await waitForExercise(page);
      expect(await hasHorizontalScroll(page)).toBe(false);
      await page.locator("#practice").getByRole("button", { name: /hint/i }).click();
      expect(await axeWithin(page, "#practice")).toEqual([]);
      await page.locator("#practice").screenshot({ path: `test-results/screenshots/lesson-practice-360-${colorScheme}.png` });
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
