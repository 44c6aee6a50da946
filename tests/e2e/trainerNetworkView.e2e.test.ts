import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, seriousAxeViolations } from "./harness.ts";

// The trainer's "Inside the network" view: unit thumbnails, weights as lines, the unit readout and
// table, and the loss-settled line (src/widgets/network-trainer/NetworkDiagram.tsx).
const TRAINER = "/lessons/learning-curves/";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const trainer = (page: Page) => page.locator('[data-widget="network-trainer"]');
const diagram = (page: Page) => page.locator('[data-testid="network-diagram"]');
const statusOf = async (page: Page) => trainer(page).getAttribute("data-status");
const epochOf = async (page: Page) => Number(await trainer(page).getAttribute("data-epoch"));

async function openTrainer(query = "", options: { width?: number; colorScheme?: "light" | "dark" } = {}) {
  const opened = await openPage(browser, TRAINER + query, options);
  await hydrateIslands(opened.page);
  await trainer(opened.page).scrollIntoViewIfNeeded();
  return opened;
}

describe("the trainer's network view", () => {
  it("updates the unit thumbnails while training, from the weights the worker sends with its progress", async () => {
    const { page, problems, context } = await openTrainer("?net.epochs=3000");
    // The diagram's code is fetched with the first Train press; before that a hint stands in for it.
    expect(await diagram(page).count()).toBe(0);
    expect(await trainer(page).textContent()).toContain("Press Train to see each hidden unit's activation");
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => diagram(page).locator("svg").getAttribute("data-ready"), { timeout: 15_000 }).toBe("true");
    expect(await statusOf(page)).toBe("running");
    const first = await diagram(page).locator('[data-unit="0-0"] image').getAttribute("href");
    await expect.poll(() => epochOf(page), { timeout: 15_000 }).toBeGreaterThan(100);
    // Still running, and the first unit's picture has changed as its weights moved.
    expect(await statusOf(page)).toBe("running");
    await expect.poll(() => diagram(page).locator('[data-unit="0-0"] image').getAttribute("href"), { timeout: 5_000 }).not.toBe(first);
    await page.locator('[data-action="pause"]').click();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("draws every hidden unit and weight, and reads units out by pointer and by arrow keys", async () => {
    const { page, problems, context } = await openTrainer("?net.epochs=60&net.layers=4,3");
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("finished");
    await expect.poll(() => diagram(page).locator("svg").getAttribute("data-ready")).toBe("true");
    // 2 inputs → 4 → 3 → 1: 7 hidden units, each with a heatmap, and 2·4 + 4·3 + 3·1 = 23 weight lines.
    expect(await diagram(page).locator("[data-unit]").count()).toBe(7);
    expect(await diagram(page).locator("[data-unit] image").count()).toBe(7);
    expect(await diagram(page).locator("line").count()).toBe(23);
    const readout = diagram(page).locator('[data-testid="unit-readout"]');
    await expect.poll(() => readout.textContent()).toMatch(/^Hidden layer 1, unit 1: bias -?\d/);

    // Pointer: click layer 2, unit 3.
    await diagram(page).locator('[data-unit="1-2"]').click();
    expect(await diagram(page).locator('[data-unit="1-2"]').getAttribute("aria-pressed")).toBe("true");
    expect(await readout.textContent()).toMatch(/^Hidden layer 2, unit 3: bias .*weights in unit 1\.1 /);

    // Keyboard: one tab stop; arrows move the selection and focus.
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-unit"))).toBe("1-1");
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-unit"))).toBe("0-0");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-unit"))).toBe("0-2");
    expect(await readout.textContent()).toMatch(/^Hidden layer 1, unit 3: bias .*weights in x/);
    expect(await diagram(page).locator('[data-unit][tabindex="0"]').count()).toBe(1);

    // The table lists every unit (7 hidden + output) with its weights, and the readout's bias matches it.
    await diagram(page).locator("summary", { hasText: "Weights and units as a table" }).click();
    const rows = diagram(page).locator('[data-testid="weights-table"] tbody tr');
    expect(await rows.count()).toBe(8);
    const bias = (await rows.nth(2).locator("td").first().textContent())!.trim();
    expect(await readout.textContent()).toContain(`bias ${bias};`);

    // The loss-settled line judges 60 epochs and states its rule.
    const settled = page.locator('[data-testid="loss-settled"]');
    expect(["true", "false"]).toContain(await settled.getAttribute("data-settled"));
    expect(await settled.textContent()).toMatch(/smoothed validation loss moved less than 1 % over the last 20 epochs/);
    expect(await seriousAxeViolations(page, '[data-widget="network-trainer"]')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("draws the 1-D curve's units as lines, fits 360 px, and is axe clean (screenshots)", async () => {
    for (const width of [1280, 360]) {
      const { page, problems, context } = await openTrainer("?net.data=reg1d&net.epochs=80", { width });
      await page.locator('[data-action="play"]').click();
      await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("finished");
      await expect.poll(() => diagram(page).locator("svg").getAttribute("data-ready")).toBe("true");
      expect(await diagram(page).locator("[data-unit] polyline").count()).toBe(16);
      if (width === 360) expect(await hasHorizontalScroll(page)).toBe(false);
      await diagram(page).screenshot({ path: `test-results/screenshots/playground-diagram-reg1d-${width}.png` });
      expect(await seriousAxeViolations(page, '[data-widget="network-trainer"]')).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
    const { page, context } = await openTrainer("?net.data=spirals&net.epochs=60", { width: 360 });
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("finished");
    await expect.poll(() => diagram(page).locator("svg").getAttribute("data-ready")).toBe("true");
    await diagram(page).screenshot({ path: "test-results/screenshots/playground-diagram-spirals-360.png" });
    await context.close();
    const wide = await openTrainer("?net.data=spirals&net.epochs=60", { width: 1280 });
    await wide.page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(wide.page), { timeout: 30_000 }).toBe("finished");
    await expect.poll(() => diagram(wide.page).locator("svg").getAttribute("data-ready")).toBe("true");
    await diagram(wide.page).screenshot({ path: "test-results/screenshots/playground-diagram-spirals-1280.png" });
    await wide.context.close();
  });
});
