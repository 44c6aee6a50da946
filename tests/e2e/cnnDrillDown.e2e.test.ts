// The CNN lesson's drill-down (src/widgets/cnn-classifier/DrillDown.tsx): pick a feature map by
// pointer or keyboard → its kernel arithmetic at a chosen pixel, the dense head, the logits → softmax
// breakdown next to onnxruntime's probabilities, and the out-of-distribution note.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, seriousAxeViolations } from "./harness.ts";

const CNN = "/lessons/convolutional-networks/";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const demo = (page: Page) => page.locator('[data-widget="cnn-classifier"]');
const drill = (page: Page) => page.locator('[data-testid="drill-down"]');

async function classify(query = "?cnn.ep=wasm", options: { width?: number } = {}) {
  const opened = await openPage(browser, CNN + query, options);
  await hydrateIslands(opened.page);
  await demo(opened.page).scrollIntoViewIfNeeded();
  await opened.page.locator('[data-action="classify"]').click();
  await expect.poll(() => demo(opened.page).getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("ready");
  return opened;
}

describe("the classifier drill-down", () => {
  it("opens a map's arithmetic by pointer; the pixel's Σ w·x + b then ReLU is the map's value; softmax equals onnxruntime within 1e-4", async () => {
    const { page, problems, context } = await classify();
    expect(await drill(page).count()).toBe(0);
    await page.locator('[data-map="conv2-4"]').click();
    await expect.poll(() => drill(page).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-map="conv2-4"]').getAttribute("aria-pressed")).toBe("true");
    expect(await drill(page).locator("h3").first().textContent()).toBe("Inside conv2, map 5");
    const arith = drill(page).locator('[data-testid="pixel-arithmetic"]');
    const relu = Number(await arith.getAttribute("data-relu"));
    expect(relu).toBeCloseTo(Number(await arith.getAttribute("data-map-value")), 4);
    expect(relu).toBe(Math.max(0, Number(await arith.getAttribute("data-z"))));
    // conv2 reads 12 input channels: one partial sum per channel.
    expect(await arith.locator("tbody tr").count()).toBe(12);
    // Softmax: the engine's breakdown against onnxruntime's probabilities for the image as shown.
    expect(Number(await drill(page).locator('[data-testid="softmax-table"]').getAttribute("data-max-diff"))).toBeLessThan(1e-4);
    expect(await drill(page).locator('[data-testid="softmax-table"] tbody tr').count()).toBe(5);
    expect(await drill(page).locator('[data-testid="logit-terms"]').textContent()).toMatch(/\+ 59 smaller terms/);
    expect(["true", "false"]).toContain(await drill(page).locator('[data-testid="ood-note"]').getAttribute("data-flagged"));
    // A click on the enlarged map picks that pixel (top-left corner → row 1, column 1).
    const picker = drill(page).locator('[data-testid="pixel-picker"]');
    await picker.scrollIntoViewIfNeeded();
    const box = (await picker.boundingBox())!;
    await page.mouse.click(box.x + 2, box.y + 2);
    expect(await picker.getAttribute("aria-label")).toContain("now row 1, column 1");
    expect(Number(await arith.getAttribute("data-relu"))).toBeCloseTo(Number(await arith.getAttribute("data-map-value")), 4);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works by keyboard: Tab to a layer's maps, arrows and Enter pick one, arrows move the pixel", async () => {
    const { page, problems, context } = await classify();
    await page.locator('[data-map="conv1-0"]').focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-map"))).toBe("conv1-2");
    await page.keyboard.press("Enter");
    await expect.poll(() => drill(page).count(), { timeout: 15_000 }).toBe(1);
    expect(await drill(page).locator("h3").first().textContent()).toBe("Inside conv1, map 3");
    // conv1 reads the 3 bands: 27 products, term by term.
    const arith = drill(page).locator('[data-testid="pixel-arithmetic"]');
    expect(await arith.locator("tbody tr").count()).toBe(27);
    const picker = drill(page).locator('[data-testid="pixel-picker"]');
    await picker.focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowUp");
    for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    expect(await picker.getAttribute("aria-label")).toContain("now row 2, column 2");
    expect(Number(await arith.getAttribute("data-relu"))).toBeCloseTo(Number(await arith.getAttribute("data-map-value")), 4);
    // Only one map per layer is in the tab order.
    expect(await page.locator('[data-map^="conv1-"][tabindex="0"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is axe clean and fits 360 px (screenshots at 1280 and 360 px)", async () => {
    for (const width of [1280, 360]) {
      const { page, problems, context } = await classify("?cnn.ep=wasm", { width });
      await page.locator('[data-map="conv3-0"]').click();
      await expect.poll(() => drill(page).count(), { timeout: 15_000 }).toBe(1);
      if (width === 360) expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await seriousAxeViolations(page, '[data-widget="cnn-classifier"]')).toEqual([]);
      await drill(page).screenshot({ path: `test-results/screenshots/playground-drilldown-${width}.png` });
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
