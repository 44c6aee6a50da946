// The CNN lesson's upload form: how big a pixel is (auto-framing by default, a survey, arcsec/px or a
// field of view), the crop the network saw outlined on the picture, warnings for inverted pictures,
// clear errors for bad values — keyboard operable, axe clean, at 1280 and 360 px.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { invertRgba } from "../../src/lib/astro/index.ts";
import { skyScene } from "../../src/lib/astro/skyScene.test-util.ts";
import { encodePng } from "../../models/training/shared/png.ts";
import { SCREENSHOT_DIR, hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, seriousAxeViolations } from "./harness.ts";

const CNN = "/lessons/convolutional-networks/";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const demo = (page: Page) => page.locator('[data-widget="cnn-classifier"]');
const framing = (page: Page) => page.locator('[data-testid="upload-framing"]');

/** The test scene (a spiral in the centre, a brighter star, a brighter neighbour, a caption) as PNG bytes. */
function scenePng(invert = false): Buffer {
  const s = skyScene();
  const rgba = invert ? invertRgba(s.rgba, s.size * s.size) : s.rgba;
  const rgb = new Uint8Array(s.size * s.size * 3);
  for (let p = 0; p < s.size * s.size; p++) rgb.set([rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]], 3 * p);
  return Buffer.from(encodePng(rgb, s.size, s.size));
}

const cropOf = async (page: Page) => ((await framing(page).getAttribute("data-crop")) ?? "").split(",").map(Number);

describe("CNN lesson: the upload's pixel scale and framing", () => {
  for (const width of [1280, 360]) {
    it(`auto-frames an upload on its central galaxy, takes a pixel scale from the keyboard, explains bad values and inverted pictures (${width} px)`, async () => {
      const { page, problems, context } = await openPage(browser, `${CNN}?cnn.ep=wasm`, { width });
      await hydrateIslands(page);
      await demo(page).scrollIntoViewIfNeeded();
      // Auto-framing is the default for a picture of unknown scale.
      await expect.poll(() => page.getByRole("radio", { name: /frame the central object automatically/ }).isChecked()).toBe(true);
      await page.locator('[data-testid="upload"]').setInputFiles({ name: "scene.png", mimeType: "image/png", buffer: scenePng() });
      await expect.poll(() => framing(page).getAttribute("data-framing"), { timeout: 10_000 }).toBe("auto");
      const [x, y, side] = await cropOf(page);
      // Centred on the spiral (pixel 95.5 of 192; pixel centres at i + ½), not the star or the neighbour.
      expect(Math.abs(x + side / 2 - 96)).toBeLessThan(3);
      expect(Math.abs(y + side / 2 - 96)).toBeLessThan(3);
      expect(await framing(page).textContent()).toMatch(/Auto-framed: the outlined \d+-pixel square is centred on the central object/);
      await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("ready");

      // Keyboard: arrow to "Pixel scale" in the radio group, type a value, Tab away (change event).
      await page.getByRole("radio", { name: /frame the central object automatically/ }).focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      expect(await page.getByRole("radio", { name: "Pixel scale (arcsec per pixel)" }).isChecked()).toBe(true);
      const value = page.getByLabel("Arcsec per pixel", { exact: true });
      await value.focus();
      await page.keyboard.type("0.262");
      await page.keyboard.press("Tab");
      await expect.poll(() => framing(page).getAttribute("data-framing"), { timeout: 10_000 }).toBe("pixel-scale");
      // At the models' own 0.262″/px the crop is their 64-pixel field around the centre. Poll: the
      // framing turns to "pixel-scale" already at a partly typed value ("0.2"), before the last digits.
      await expect.poll(() => cropOf(page), { timeout: 10_000 }).toEqual([64, 64, 64]);
      if (width === 1280) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.locator('[data-testid="upload-scale"]').scrollIntoViewIfNeeded();
      }
      await value.fill("-1");
      await value.press("Tab");
      await expect
        .poll(() => page.locator('[data-testid="upload-error"]').textContent(), { timeout: 10_000 })
        .toMatch(/The pixel scale must be a positive number of arcseconds, got -1/);

      // Back to auto-framing; an inverted picture is inverted back, with a warning.
      await page.getByRole("radio", { name: /frame the central object automatically/ }).check();
      await page.locator('[data-testid="upload"]').setInputFiles({ name: "negative.png", mimeType: "image/png", buffer: scenePng(true) });
      await expect.poll(() => page.locator('[data-testid="upload-warnings"]').textContent(), { timeout: 10_000 }).toMatch(/inverted back/);
      await expect.poll(() => framing(page).getAttribute("data-framing")).toBe("auto");
      await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 60_000 }).toBe("ready");

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.locator('[data-testid="upload-scale"]').scrollIntoViewIfNeeded();
      await demo(page).screenshot({ path: `${SCREENSHOT_DIR}/sky-upload-framing-${width}.png` });
      expect(await seriousAxeViolations(page, '[data-widget="cnn-classifier"]')).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(problems).toEqual([]);
      await context.close();
    }, 240_000);
  }

  it("refuses a nonsensical pixel scale at once, shows the newest of two uploads, re-frames on a model switch, wraps a long name (360 px)", async () => {
    const { page, problems, context } = await openPage(browser, `${CNN}?cnn.ep=wasm`, { width: 360 });
    await hydrateIslands(page);
    await demo(page).scrollIntoViewIfNeeded();
    const input = page.locator('[data-testid="upload"]');
    const longName = `${"ngc4414-hst-acs-wfc-f814w-drizzled-cutout-".repeat(4)}scene.png`;
    await input.setInputFiles({ name: longName, mimeType: "image/png", buffer: scenePng() });
    await expect.poll(() => framing(page).getAttribute("data-framing"), { timeout: 10_000 }).toBe("auto");
    expect(await hasHorizontalScroll(page)).toBe(false);

    // A mistyped scale: 0.0001″/px asks for a 167 680-pixel field around a 192-pixel picture.
    await page.getByRole("radio", { name: "Pixel scale (arcsec per pixel)" }).check();
    const value = page.getByLabel("Arcsec per pixel", { exact: true });
    await value.fill("0.0001");
    await value.press("Tab");
    await expect
      .poll(() => page.locator('[data-testid="upload-error"]').textContent(), { timeout: 10_000 })
      .toMatch(/spans only 0\.0192″, under an eighth of the network's 16\.8″ field/);
    expect(await hasHorizontalScroll(page)).toBe(false);

    // Two files picked 50 ms apart from inside the page (a person changing their mind), so the second
    // arrives while the first, a 3000 × 3000 noise PNG, is still being decoded. The second must win.
    await page.getByRole("radio", { name: /frame the central object automatically/ }).check();
    await page.evaluate(async (sceneBase64) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 3000;
      const ctx = canvas.getContext("2d")!;
      const noise = ctx.createImageData(3000, 3000);
      for (let p = 0; p < noise.data.length; p++) noise.data[p] = p % 4 === 3 ? 255 : (p * 2654435761) >>> 24;
      ctx.putImageData(noise, 0, 0);
      const big = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
      const scene = Uint8Array.from(atob(sceneBase64), (c) => c.charCodeAt(0));
      const field = document.querySelector<HTMLInputElement>('[data-testid="upload"]')!;
      const pick = (file: File) => {
        const transfer = new DataTransfer();
        transfer.items.add(file);
        field.files = transfer.files;
        field.dispatchEvent(new Event("change", { bubbles: true }));
      };
      pick(new File([big], "big.png", { type: "image/png" }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      pick(new File([scene], "scene.png", { type: "image/png" }));
    }, scenePng().toString("base64"));
    await expect.poll(() => page.locator('[data-testid="upload-info"]').textContent(), { timeout: 20_000 }).toMatch(/scene\.png/);
    await page.waitForTimeout(4000); // long enough for the big file to finish decoding
    expect(await page.locator('[data-testid="upload-info"]').textContent()).toMatch(/scene\.png \(PNG, 192 × 192/);

    // Auto-framing follows the model: switching to the lens finder frames as a fresh upload under it.
    const morphologyCrop = await cropOf(page);
    await page.getByRole("radio", { name: "Lens finder" }).check();
    await expect.poll(() => cropOf(page), { timeout: 10_000 }).not.toEqual(morphologyCrop);
    const switched = await cropOf(page);
    await input.setInputFiles({ name: "again.png", mimeType: "image/png", buffer: scenePng() });
    await expect.poll(() => page.locator('[data-testid="upload-info"]').textContent(), { timeout: 10_000 }).toMatch(/again\.png/);
    expect(await cropOf(page)).toEqual(switched);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
