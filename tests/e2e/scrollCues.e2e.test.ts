// Scroll cues (src/styles/global.css): a table that scrolls sideways on a phone fades at the edge
// where more columns wait, the fade moves as it scrolls and is gone at the end; a table that fits
// shows none. CSS only (a scroll-driven animation), so the test reads the animated lengths.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, launchBrowser, openPage } from "./harness.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("scroll cues on wide tables", () => {
  const LESSON = "/lessons/sgd-and-minibatches/";
  const cue = (page: Page) =>
    page
      .locator(".lesson-body .table-scroll")
      .first()
      .evaluate((el) => {
        const style = getComputedStyle(el);
        return {
          start: parseFloat(style.getPropertyValue("--scroll-cue-start")),
          end: parseFloat(style.getPropertyValue("--scroll-cue-end")),
          overflows: el.scrollWidth > el.clientWidth,
        };
      });

  it("at 360 px an overflowing table fades at its right edge, and the fade moves to the left once scrolled to the end", async () => {
    const { page, context, problems } = await openPage(browser, LESSON, { width: 360, height: 740 });
    const region = page.locator(".lesson-body .table-scroll").first();
    await region.scrollIntoViewIfNeeded();
    expect(await cue(page)).toEqual({ start: 0, end: 40, overflows: true });
    await region.screenshot({ path: `${SCREENSHOT_DIR}/scroll-cue-table-start-360.png` });
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => cue(page)).toEqual({ start: 40, end: 0, overflows: true });
    await region.screenshot({ path: `${SCREENSHOT_DIR}/scroll-cue-table-end-360.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("at 1280 px the same table fits and shows no fade", async () => {
    const { page, context } = await openPage(browser, LESSON);
    expect(await cue(page)).toEqual({ start: 0, end: 0, overflows: false });
    await context.close();
  });
});
