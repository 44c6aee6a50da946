// The network trainer on a phone (networkTrainer.module.css, @media max-width 40rem): Train, the
// status and the charts stay at the top of the screen while the learner changes a control further
// down, so the control and the chart it changes are on screen together; the charts scroll sideways
// as one row with a fade cue. At desktop width the layout is as before (charts below the controls).
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, hasHorizontalScroll, launchBrowser, openPage, seriousAxeViolations } from "./harness.ts";

const LESSON = "/lessons/learning-curves/";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function trainer(page: Page): Promise<Locator> {
  const root = page.locator('[data-widget="network-trainer"]');
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => !document.querySelector('[data-widget="network-trainer"]')!.closest("astro-island")!.hasAttribute("ssr"),
  );
  await root.locator('[data-testid="prediction-chart"]').waitFor();
  return root;
}

/** The element's box in the viewport: top and bottom, in CSS px. */
const box = (locator: Locator) =>
  locator.evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom }));

describe("the network trainer at 360 px", () => {
  it("keeps the prediction chart on screen, above the control being changed, and trains from there", async () => {
    const { page, context, problems } = await openPage(browser, LESSON, { width: 360, height: 740 });
    const root = await trainer(page);
    const output = root.locator('[data-testid="trainer-output"]');
    const chart = root.locator('[data-testid="prediction-chart"]');
    const control = root.getByLabel("Dropout rate");
    // Reach the control by keyboard, as a learner would, and change it.
    await control.focus();
    await control.selectOption({ index: 1 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/trainer-phone-360.png` });
    const outputBox = await box(output);
    const chartBox = await box(chart);
    const controlBox = await box(control);
    expect(outputBox.top).toBeGreaterThanOrEqual(0);
    expect(chartBox.bottom).toBeLessThanOrEqual(740);
    // The control is visible below the sticky block, not hidden under it.
    expect(controlBox.top).toBeGreaterThanOrEqual(outputBox.bottom);
    expect(controlBox.bottom).toBeLessThanOrEqual(740);
    expect(outputBox.bottom - outputBox.top).toBeLessThan(740 * 0.6);

    await root.locator('[data-action="play"]').click();
    await expect.poll(() => root.getAttribute("data-epoch"), { timeout: 30_000 }).not.toBe("0");
    expect((await box(chart)).bottom).toBeLessThanOrEqual(740);

    const strip = root.locator('[role="region"][aria-label="Charts"]');
    expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousAxeViolations(page, '[data-widget="network-trainer"]')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});

describe("the network trainer at 1280 px", () => {
  it("keeps the charts below the controls, not sticky, and passes axe", async () => {
    const { page, context, problems } = await openPage(browser, LESSON);
    const root = await trainer(page);
    const output = root.locator('[data-testid="trainer-output"]');
    expect(await output.evaluate((el) => getComputedStyle(el).position)).toBe("static");
    // Below the Data and Network sections, as in the DOM.
    const gap = await root.evaluate((r) => {
      const out = r.querySelector('[data-testid="trainer-output"]')!.getBoundingClientRect();
      const before = [...r.children].slice(0, [...r.children].indexOf(r.querySelector('[data-testid="trainer-output"]')!));
      const sections = before.filter((c) => c.tagName === "DETAILS").map((c) => c.getBoundingClientRect().bottom);
      return { sections: sections.length, gap: out.top - Math.max(...sections) };
    });
    expect(gap.sections).toBe(2);
    expect(gap.gap).toBeGreaterThanOrEqual(0);
    expect(await seriousAxeViolations(page, '[data-widget="network-trainer"]')).toEqual([]);
    await root.screenshot({ path: `${SCREENSHOT_DIR}/trainer-1280.png` });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
