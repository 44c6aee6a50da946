// The autoencoder lesson: nothing of the model loads before the learner starts; then the encoder and
// decoder reconstruct a gallery galaxy (on WebGPU and on WASM, same numbers), the latent map's point
// follows the keyboard and the pointer and the decoded galaxy changes, the semantic sliders redraw
// the galaxy, a non-image upload is refused clearly, an image unlike any galaxy completes the anomaly
// challenge, and axe finds nothing serious.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePng } from "../../models/training/shared/png.ts";
import { Rng } from "../../src/lib/random/index.ts";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const LESSON = "/lessons/autoencoders/";
const ANOMALY_THRESHOLD = (
  JSON.parse(readFileSync("models/galaxy-autoencoder/metrics.json", "utf8")) as { heldOut: { anomalyThreshold: number } }
).heldOut.anomalyThreshold;
/** Requests that belong to model inference: onnxruntime's JS and wasm, the ONNX files, the latent map. */
const MODEL_ASSET = /\/(ort[.-][^/]*|[^/]*\.onnx|latent-map\.[^/]*\.json)$/;

let browser: Browser;
let gpuBrowser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  gpuBrowser = await launchBrowser({ webgpu: true });
});
afterAll(async () => {
  await browser?.close();
  await gpuBrowser?.close();
});

const lab = (page: Page) => page.locator('[data-widget="autoencoder"]');
const attr = (page: Page, name: string) => lab(page).getAttribute(name);

/** Opens the lesson, checks nothing of the model loaded yet, presses Start and waits for the first reconstruction. */
async function start(b: Browser, query = "") {
  const opened = await openPage(b, LESSON + query);
  const assets: string[] = [];
  opened.page.on("request", (r) => {
    if (MODEL_ASSET.test(new URL(r.url()).pathname) || r.url().endsWith(".wasm")) assets.push(r.url());
  });
  await hydrateIslands(opened.page);
  await lab(opened.page).scrollIntoViewIfNeeded();
  expect(assets).toEqual([]);
  const t0 = Date.now();
  await opened.page.locator('[data-action="start"]').click();
  await expect.poll(() => attr(opened.page, "data-status"), { timeout: 150_000, interval: 250 }).toBe("ready");
  const firstMs = Date.now() - t0;
  // The explorer and the sliders decode as soon as the latent map has arrived.
  await expect.poll(() => attr(opened.page, "data-explorer-sum"), { timeout: 60_000 }).not.toBe("");
  await expect.poll(() => attr(opened.page, "data-sliders-sum"), { timeout: 60_000 }).not.toBe("");
  return { ...opened, assets, firstMs };
}

/** Reconstructs gallery image `index` and returns its MSE and the encoder/decoder run times. */
async function reconstruct(page: Page, index: number) {
  const before = await attr(page, "data-recon-sum");
  await page.locator(`[data-testid="ae-gallery-${index}"]`).click();
  await expect.poll(() => attr(page, "data-recon-sum"), { timeout: 60_000 }).not.toBe(before);
  await expect.poll(() => attr(page, "data-status"), { timeout: 60_000 }).toBe("ready");
  return {
    mse: Number(await attr(page, "data-mse")),
    encodeMs: Number(await attr(page, "data-encode-ms")),
    decodeMs: Number(await attr(page, "data-decode-ms")),
  };
}

let webgpuMse: number | null = null;

describe("the autoencoder lab", () => {
  it("on WebGPU: reconstructs a gallery galaxy with a small error, shows the provider, and the explorer and sliders redraw the galaxy", async () => {
    const { page, context, problems, assets, firstMs } = await start(gpuBrowser);
    expect(await attr(page, "data-ep")).toBe("webgpu");
    expect(assets.some((u) => /asyncify\.[^/]*\.wasm$/.test(u))).toBe(true);
    expect(await page.locator('[data-testid="ae-runtime"]').textContent()).toMatch(/Ran on WebGPU: encoder [\d.]+ ms, decoder [\d.]+ ms/);
    const first = {
      mse: Number(await attr(page, "data-mse")),
      encodeMs: Number(await attr(page, "data-encode-ms")),
      decodeMs: Number(await attr(page, "data-decode-ms")),
    };
    expect(first.mse).toBeGreaterThan(0);
    // Small: below the model's anomaly threshold (the error 99% of held-out galaxies stay under).
    expect(first.mse).toBeLessThan(ANOMALY_THRESHOLD);
    expect(await page.locator('[data-testid="ae-params"] tbody tr').count()).toBe(4);
    const warm = await reconstruct(page, 1);
    webgpuMse = warm.mse;
    console.log(
      `WebGPU: first reconstruction ${firstMs} ms after the click (encoder ${first.encodeMs.toFixed(1)} ms, decoder ${first.decodeMs.toFixed(1)} ms); warm: encoder ${warm.encodeMs.toFixed(1)} ms, decoder ${warm.decodeMs.toFixed(1)} ms`,
    );

    // Latent explorer: arrow keys move the point and the decoded galaxy changes.
    const handle = page.locator('[data-testid="ae-handle"]');
    let sum = await attr(page, "data-explorer-sum");
    await handle.focus();
    await page.keyboard.press("Shift+ArrowRight");
    await expect.poll(() => attr(page, "data-explorer-sum"), { timeout: 30_000 }).not.toBe(sum);
    expect(page.url()).toContain("ae.lx=");
    // …and so does a pointer drag across the map.
    sum = await attr(page, "data-explorer-sum");
    const box = (await page.locator('[data-testid="ae-map"]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.3, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => attr(page, "data-explorer-sum"), { timeout: 30_000 }).not.toBe(sum);

    // Semantic sliders: a new position angle draws a different galaxy.
    sum = await attr(page, "data-sliders-sum");
    const angle = page.locator('[data-control="ae-pa"] input[type="range"]');
    await angle.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => attr(page, "data-sliders-sum"), { timeout: 30_000 }).not.toBe(sum);
    await expect
      .poll(() => page.locator('[data-testid="ae-readback"]').textContent(), { timeout: 30_000 })
      .toMatch(/reads this drawing back as n [\d.]+/);

    await screenshot(page, "autoencoder-webgpu");
    expect(await seriousAxeViolations(page, '[data-widget="autoencoder"]')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("without WebGPU it falls back to WASM and says so, gets the same reconstruction error as WebGPU, refuses a non-image upload clearly, and flags a checkerboard as an anomaly (the challenge)", async () => {
    const { page, context, problems, firstMs } = await start(browser);
    expect(await attr(page, "data-ep")).toBe("wasm");
    expect(await page.locator('[data-testid="ae-ep-notice"]').textContent()).toMatch(/WebGPU is not available.*WebAssembly instead/);
    expect(await page.locator('[data-testid="ae-runtime"]').textContent()).toMatch(/Ran on WebAssembly \(CPU\)/);
    const first = { encodeMs: Number(await attr(page, "data-encode-ms")), decodeMs: Number(await attr(page, "data-decode-ms")) };
    const warm = await reconstruct(page, 1);
    console.log(
      `WASM: first reconstruction ${firstMs} ms after the click (encoder ${first.encodeMs.toFixed(1)} ms, decoder ${first.decodeMs.toFixed(1)} ms); warm: encoder ${warm.encodeMs.toFixed(1)} ms, decoder ${warm.decodeMs.toFixed(1)} ms`,
    );
    if (webgpuMse !== null) expect(Math.abs(warm.mse - webgpuMse)).toBeLessThan(1e-4);
    // The strong lens, a kind of object the model never saw, reconstructs too (anomaly or not).
    await reconstruct(page, 5);
    expect(await page.locator('[data-testid="ae-verdict"]').textContent()).toMatch(/Anomaly|Pixel error within the range/);

    const upload = page.locator('[data-testid="ae-upload"]');
    await upload.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
    await expect
      .poll(() => page.locator('[data-testid="ae-upload-error"]').textContent(), { timeout: 10_000 })
      .toMatch(/notes\.txt is not a PNG, JPEG or FITS image/);

    // A star field is cut and stretched into mostly dark sky: not flagged.
    const stars = new Uint8Array(200 * 200 * 3).fill(8);
    const starRng = new Rng("e2e-stars");
    for (let k = 0; k < 100; k++) {
      const [sx, sy, flux] = [starRng.uniform(3, 197), starRng.uniform(3, 197), 255 * Math.exp(starRng.uniform(-3, 0))];
      for (let y = Math.floor(sy) - 3; y <= Math.floor(sy) + 3; y++)
        for (let x = Math.floor(sx) - 3; x <= Math.floor(sx) + 3; x++)
          stars.fill(
            Math.min(255, 8 + Math.round(flux * Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / 2.88))),
            (y * 200 + x) * 3,
            (y * 200 + x + 1) * 3,
          );
    }
    await upload.setInputFiles({ name: "stars.png", mimeType: "image/png", buffer: Buffer.from(encodePng(stars, 200, 200)) });
    await expect.poll(() => page.locator('[data-testid="ae-upload-info"]').textContent(), { timeout: 10_000 }).toMatch(/stars\.png/);
    await expect
      .poll(() => page.locator('[data-testid="ae-verdict"]').textContent(), { timeout: 30_000 })
      .toBe("Pixel error within the range of the training galaxies.");
    expect(await page.locator('[data-testid="ae-clamped"]').count()).toBe(0);

    // A bright straight streak (a satellite trail) across dark sky: the encoder's read-outs of b/a and
    // n overshoot below 0, so they are shown clamped with the raw value (not "b/a −0.67").
    const streak = new Uint8Array(100 * 100 * 3).fill(5);
    for (let y = 47; y < 53; y++) for (let x = 10; x < 90; x++) streak.fill(240, (y * 100 + x) * 3, (y * 100 + x + 1) * 3);
    await upload.setInputFiles({ name: "streak.png", mimeType: "image/png", buffer: Buffer.from(encodePng(streak, 100, 100)) });
    await expect.poll(() => page.locator('[data-testid="ae-upload-info"]').textContent(), { timeout: 10_000 }).toMatch(/streak\.png/);
    await expect.poll(() => page.locator('[data-testid="ae-clamped"]').count(), { timeout: 30_000 }).toBe(1);
    const table = await page.locator('[data-testid="ae-clamped"]').locator("xpath=preceding-sibling::table[1]").innerText();
    expect(table).toMatch(/read-out −\d/);
    expect(table).not.toMatch(/\t−\d/);

    // A checkerboard is nothing like a galaxy: the reconstruction error flags it and the challenge completes.
    const rgb = new Uint8Array(64 * 64 * 3);
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) rgb.fill(((x >> 3) + (y >> 3)) % 2 ? 255 : 0, (y * 64 + x) * 3, (y * 64 + x + 1) * 3);
    const before = await attr(page, "data-recon-sum");
    await upload.setInputFiles({ name: "checkerboard.png", mimeType: "image/png", buffer: Buffer.from(encodePng(rgb, 64, 64)) });
    await expect
      .poll(() => page.locator('[data-testid="ae-upload-info"]').textContent(), { timeout: 10_000 })
      .toMatch(/checkerboard\.png \(PNG, 64 × 64 pixels\)/);
    await expect.poll(() => attr(page, "data-recon-sum"), { timeout: 30_000 }).not.toBe(before);
    await expect.poll(() => page.locator('[data-testid="ae-verdict"]').textContent(), { timeout: 30_000 }).toMatch(/^Anomaly/);
    await expect
      .poll(() => page.locator('[data-challenge="autoencoder-anomaly"]').getAttribute("data-done-message"), { timeout: 10_000 })
      .toMatch(/anomaly/);

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("fits a 360-pixel-wide phone screen without sideways scrolling", async () => {
    const { page, context } = await openPage(browser, LESSON, { width: 360 });
    await hydrateIslands(page);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await context.close();
  });
});
