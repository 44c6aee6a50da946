// The CNN lesson: convolution explorer, classifier demo on WebGPU and on WASM (same answers),
// uploads (PNG, FITS, not an image), feature maps, the challenge, accessibility — and onnxruntime
// staying off pages that run no model.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/lib/random/index.ts";
import { simulateCutout } from "../../src/lib/astro/index.ts";
import { writeFits } from "../../src/lib/astro/fitsWriter.test-util.ts";
import { encodePng } from "../../models/training/shared/png.ts";
import { bytesFetched, hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const CNN = "/lessons/convolutional-networks/";
/** Requests that belong to model inference: onnxruntime's JS and wasm, model files, engine weights. */
const MODEL_ASSET = /\/(ort[.-][^/]*|model\.[^/]*\.onnx|weights\.[^/]*\.json)$/;

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

const demo = (page: Page) => page.locator('[data-widget="cnn-classifier"]');

/** onnxruntime's JS and wasm. */
const ORT_BYTES = /\/ort[.-]|\.wasm$/;

async function readResult(page: Page) {
  const d = demo(page);
  return {
    ep: await d.getAttribute("data-ep"),
    top: await d.getAttribute("data-top"),
    truth: await d.getAttribute("data-truth"),
    probs: ((await d.getAttribute("data-probs")) ?? "").split(",").map(Number),
    latency: Number(await d.getAttribute("data-latency")),
    agreement: Number(await d.getAttribute("data-agreement")),
  };
}

/** Opens the lesson, scrolls to the demo and presses Classify; resolves when the first prediction is shown. */
async function classifyFirst(b: Browser, query = "", options: { width?: number; colorScheme?: "light" | "dark" } = {}) {
  const opened = await openPage(b, CNN + query, options);
  const assets: string[] = [];
  opened.page.on("request", (r) => {
    if (MODEL_ASSET.test(new URL(r.url()).pathname) || r.url().endsWith(".wasm")) assets.push(r.url());
  });
  await hydrateIslands(opened.page);
  await demo(opened.page).scrollIntoViewIfNeeded();
  expect(assets).toEqual([]); // nothing of the model before the learner asks
  const t0 = Date.now();
  await opened.page.locator('[data-action="classify"]').click();
  await expect.poll(() => demo(opened.page).getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("ready");
  const firstMs = Date.now() - t0;
  const bytes = await bytesFetched(opened.page, ORT_BYTES);
  return { ...opened, assets, firstMs, bytes };
}

let webgpuResult: Awaited<ReturnType<typeof readResult>> | null = null;

describe("onnxruntime stays off pages without a model", () => {
  for (const path of ["/", "/lessons/why-deep-learning/", CNN]) {
    it(`${path} fetches no onnxruntime, wasm or model bytes${path === CNN ? " until the demo is asked to classify" : ""}`, async () => {
      const { page, context } = await openPage(browser, path);
      const seen: string[] = [];
      page.on("request", (r) => {
        if (MODEL_ASSET.test(new URL(r.url()).pathname) || r.url().endsWith(".wasm")) seen.push(r.url());
      });
      await hydrateIslands(page);
      await page.waitForTimeout(300);
      const entries = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
      expect(entries.filter((u) => MODEL_ASSET.test(new URL(u).pathname) || u.endsWith(".wasm"))).toEqual([]);
      expect(seen).toEqual([]);
      await context.close();
    });
  }
});

describe("the CNN classifier demo", () => {
  it("runs with the WebGPU execution provider (SwiftShader), shows probabilities, the provider, the latency and every conv layer's feature maps", async () => {
    const { page, problems, context, assets, firstMs, bytes } = await classifyFirst(gpuBrowser);
    const r = await readResult(page);
    expect(r.ep).toBe("webgpu");
    expect(r.probs).toHaveLength(5);
    expect(r.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(r.agreement).toBeLessThan(1e-3);
    expect(await page.locator('[data-testid="runtime"]').textContent()).toMatch(/Ran on WebGPU in [\d.]+ ms/);
    expect(await page.locator('[data-testid="ep-notice"]').count()).toBe(0);
    expect(assets.some((u) => /ort-wasm-simd-threaded\.asyncify\.[^/]*\.wasm$/.test(u))).toBe(true);
    expect(assets.every((u) => u.startsWith(new URL(page.url()).origin))).toBe(true); // served by the site, no CDN
    // Feature maps: 12 + 24 + 48 tiles, and the first layer's are not blank.
    const maps = page.locator('[data-testid="feature-maps"] canvas');
    expect(await maps.count()).toBe(12 + 24 + 48);
    const lit = await page.evaluate(() => {
      const c = document.querySelector('[data-layer="conv1"] canvas') as HTMLCanvasElement;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 0) n++;
      return { n, w: c.width };
    });
    expect(lit.w).toBe(32);
    expect(lit.n).toBeGreaterThan(10);
    // A second image: the session is cached, only the run is timed.
    await page.locator('[data-testid="gallery-1"]').click();
    await expect.poll(async () => (await readResult(page)).truth, { timeout: 30_000 }).toBe("spiral");
    await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 60_000 }).toBe("ready");
    const warm = await readResult(page);
    console.log(
      `WebGPU: first prediction ${firstMs} ms after the click (first run ${r.latency.toFixed(1)} ms), warm run ${warm.latency.toFixed(1)} ms; ` +
        `bytes fetched before the first prediction: ${(bytes.total / 1e6).toFixed(2)} MB (onnxruntime ${(bytes.heavy / 1e6).toFixed(2)} MB)`,
    );
    await page.locator('[data-testid="gallery-0"]').click();
    await expect.poll(async () => (await readResult(page)).truth, { timeout: 30_000 }).toBe("elliptical");
    await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 60_000 }).toBe("ready");
    webgpuResult = await readResult(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("runs with the WASM provider when forced (?cnn.ep=wasm) and gets the same top class and probabilities within 1e-3", async () => {
    const { page, problems, context, assets, firstMs, bytes } = await classifyFirst(browser, "?cnn.ep=wasm");
    const r = await readResult(page);
    expect(r.ep).toBe("wasm");
    expect(await page.locator('[data-testid="runtime"]').textContent()).toMatch(/Ran on WebAssembly \(CPU\) in [\d.]+ ms/);
    expect(assets.some((u) => /ort-wasm-simd-threaded\.[^a/][^/]*\.wasm$/.test(u) && !u.includes("asyncify"))).toBe(true);
    expect(r.agreement).toBeLessThan(1e-4);
    await page.locator('[data-testid="gallery-1"]').click();
    await expect.poll(async () => (await readResult(page)).truth, { timeout: 30_000 }).toBe("spiral");
    await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 60_000 }).toBe("ready");
    const warm = await readResult(page);
    console.log(
      `WASM: first prediction ${firstMs} ms after the click (first run ${r.latency.toFixed(1)} ms), warm run ${warm.latency.toFixed(1)} ms; ` +
        `bytes fetched before the first prediction: ${(bytes.total / 1e6).toFixed(2)} MB (onnxruntime ${(bytes.heavy / 1e6).toFixed(2)} MB)`,
    );
    if (webgpuResult) {
      expect(r.top).toBe(webgpuResult.top);
      for (let i = 0; i < r.probs.length; i++) expect(Math.abs(r.probs[i] - webgpuResult.probs[i])).toBeLessThan(1e-3);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("falls back to WASM and says so when the browser has no WebGPU", async () => {
    const { page, problems, context } = await openPage(browser, CNN);
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "gpu", { get: () => undefined }));
    await page.reload({ waitUntil: "networkidle" });
    await hydrateIslands(page);
    await demo(page).scrollIntoViewIfNeeded();
    await page.locator('[data-action="classify"]').click();
    await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 60_000 }).toBe("ready");
    expect(await demo(page).getAttribute("data-ep")).toBe("wasm");
    expect(await page.locator('[data-testid="ep-notice"]').textContent()).toMatch(
      /WebGPU is not available: this browser has no WebGPU.*WebAssembly instead/,
    );
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it("classifies an uploaded PNG and FITS file and explains why a text file cannot be used", async () => {
    const { page, problems, context } = await classifyFirst(browser, "?cnn.ep=wasm");
    const { image, flux } = simulateCutout("edge-on", new Rng("e2e-upload"));
    const rgb = new Uint8Array(64 * 64 * 3);
    for (let p = 0; p < 4096; p++) for (let c = 0; c < 3; c++) rgb[p * 3 + c] = Math.round(image[c * 4096 + p] * 255);
    const upload = page.locator('[data-testid="upload"]');
    await upload.setInputFiles({ name: "edge-on.png", mimeType: "image/png", buffer: Buffer.from(encodePng(rgb, 64, 64)) });
    await expect
      .poll(() => page.locator('[data-testid="upload-info"]').textContent(), { timeout: 10_000 })
      .toMatch(/edge-on\.png \(PNG, 64 × 64 pixels\)/);
    await expect.poll(() => demo(page).getAttribute("data-truth")).toBe("");
    await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 30_000 }).toBe("ready");
    const png = await readResult(page);
    expect(png.probs).toHaveLength(5);

    // A 3-plane cube (g, r, z fluxes; FITS rows bottom first): the first plane, then the third.
    const cube = new Float32Array(3 * 4096);
    for (let b = 0; b < 3; b++)
      for (let y = 0; y < 64; y++) cube.set(flux.subarray(b * 4096 + (63 - y) * 64, b * 4096 + (64 - y) * 64), b * 4096 + y * 64);
    await upload.setInputFiles({
      name: "cube.fits",
      mimeType: "application/fits",
      buffer: Buffer.from(writeFits({ bitpix: -32, width: 64, height: 64, depth: 3, values: cube })),
    });
    await expect
      .poll(() => page.locator('[data-testid="upload-info"]').textContent(), { timeout: 10_000 })
      .toMatch(/cube\.fits \(FITS, 64 × 64 pixels, plane 1 of 3\)/);
    await expect.poll(() => demo(page).getAttribute("data-status"), { timeout: 30_000 }).toBe("ready");
    await expect.poll(async () => (await readResult(page)).probs.join(","), { timeout: 30_000 }).not.toBe(png.probs.join(","));
    await page.locator('[data-testid="upload-info"] input[type="number"]').fill("3");
    await page.locator('[data-testid="upload-info"] input[type="number"]').press("Enter");
    await expect.poll(() => page.locator('[data-testid="upload-info"]').textContent(), { timeout: 10_000 }).toMatch(/plane 3 of 3/);

    await upload.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("these are not pixels\n") });
    await expect
      .poll(() => page.locator('[data-testid="upload-error"]').textContent(), { timeout: 10_000 })
      .toMatch(/notes\.txt is not a PNG, JPEG or FITS image/);
    await upload.setInputFiles({
      name: "table.fits",
      mimeType: "application/fits",
      buffer: Buffer.from(writeFits({ bitpix: -32, width: 4, height: 4, values: new Float32Array(16), naxis: 0 })),
    });
    await expect
      .poll(() => page.locator('[data-testid="upload-error"]').textContent(), { timeout: 10_000 })
      .toMatch(/table\.fits is a FITS file this reader does not support/);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("predicts lenses from the average of the image's 8 flips and turns (test-time augmentation), checked against the engine on the image as shown", async () => {
    const { page, problems, context } = await classifyFirst(browser, "?cnn.ep=wasm&cnn.model=lens-finder");
    const r = await readResult(page);
    expect(r.probs).toHaveLength(2);
    expect(r.probs[0] + r.probs[1]).toBeCloseTo(1, 4);
    expect(r.agreement).toBeLessThan(1e-4);
    expect(await page.locator('[data-testid="runtime"]').textContent()).toMatch(/average over the image's 8 flips and quarter turns/);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("makes the picture grey on request (?cnn.colour=grey, or the arrow keys): the network sees grey, the probabilities change, and come back exactly in colour", async () => {
    const { page, problems, context } = await classifyFirst(browser, "?cnn.ep=wasm&cnn.model=lens-finder&cnn.colour=grey", { width: 360 });
    /** Largest difference between a pixel's R, G and B on the "what the network sees" canvas (0–255). */
    const colourSpread = () =>
      page.locator('[data-testid="seen-image"]').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
        let spread = 0;
        for (let i = 0; i < data.length; i += 4)
          spread = Math.max(spread, Math.abs(data[i] - data[i + 1]), Math.abs(data[i + 1] - data[i + 2]));
        return spread;
      });
    const greyRadio = page.locator('[data-control="colour"] input[value="grey"]');
    expect(await greyRadio.isChecked()).toBe(true);
    expect(await colourSpread()).toBe(0);
    expect(await page.locator('[data-testid="seen-note"]').textContent()).toMatch(/made grey: each pixel is the mean of its R, G and B/);
    const grey = await readResult(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await demo(page).screenshot({ path: "test-results/screenshots/cnn-demo-grey-360.png" });

    // The keyboard: from "Made grey", the left arrow picks "In colour" and the model runs again.
    await greyRadio.focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.locator('[data-control="colour"] input[value="colour"]').isChecked()).toBe(true);
    await expect
      .poll(async () => (await demo(page).getAttribute("data-status")) === "ready" && (await readResult(page)).probs[1] !== grey.probs[1], {
        timeout: 30_000,
      })
      .toBe(true);
    expect(await colourSpread()).toBeGreaterThan(20);
    expect(page.url()).not.toContain("colour=grey");
    expect(await page.locator('[data-testid="seen-note"]').textContent()).toBe("64 × 64 pixels, R = z, G = r, B = g.");

    // And back: the same grey picture gives the same probabilities (nothing was cached from the colour run).
    await page.keyboard.press("ArrowRight");
    await expect
      .poll(async () => (await demo(page).getAttribute("data-status")) === "ready" && (await readResult(page)).probs[1] === grey.probs[1], {
        timeout: 30_000,
      })
      .toBe(true);
    expect(page.url()).toContain("cnn.colour=grey");
    expect(await colourSpread()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("never calls the previous image's prediction right or wrong for the next gallery image while it is being predicted", async () => {
    const { page, problems, context } = await classifyFirst(browser, "?cnn.ep=wasm");
    // Record every text the verdict line shows, from the click until the new prediction is in.
    await page.evaluate(() => {
      const w = window as unknown as { verdicts: string[] };
      w.verdicts = [];
      const root = document.querySelector('[data-widget="cnn-classifier"]')!;
      new MutationObserver(() => {
        const text = root.querySelector('[data-testid="verdict"]')?.textContent ?? "";
        if (w.verdicts.at(-1) !== text) w.verdicts.push(text);
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    for (const i of [1, 2, 3, 4]) {
      await page.evaluate(() => ((window as unknown as { verdicts: string[] }).verdicts = []));
      await page.locator(`[data-testid="gallery-${i}"]`).click();
      await expect
        .poll(
          async () =>
            (await demo(page).getAttribute("data-status")) === "ready" &&
            (await page.locator(`[data-testid="gallery-${i}"]`).getAttribute("aria-pressed")) === "true",
          { timeout: 30_000 },
        )
        .toBe(true);
      await expect.poll(() => page.locator('[data-testid="verdict"]').getAttribute("data-verdict")).not.toBe("");
      const final = await readResult(page);
      const seen = await page.evaluate(() => (window as unknown as { verdicts: string[] }).verdicts);
      const claimed = seen.filter((t) => /✓ right|✗ the model got this one wrong/.test(t));
      // Every right/wrong shown after the click is the verdict on this image's own prediction.
      const expected = final.top === final.truth ? "✓ right" : "✗ the model got this one wrong";
      expect(
        claimed.every((t) => t.includes(expected) && t.includes(`true class: ${final.truth}`)),
        seen.join(" | "),
      ).toBe(true);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("completes the challenge when the learner finds a gallery image the model gets wrong", async () => {
    const { page, problems, context } = await classifyFirst(browser, "?cnn.ep=wasm");
    let found = false;
    for (let round = 0; round < 6 && !found; round++) {
      for (let i = 0; i < 10 && !found; i++) {
        await page.locator(`[data-testid="gallery-${i}"]`).click();
        await expect
          .poll(
            async () =>
              (await demo(page).getAttribute("data-status")) === "ready" &&
              (await page.locator(`[data-testid="gallery-${i}"]`).getAttribute("aria-pressed")) === "true",
            { timeout: 30_000 },
          )
          .toBe(true);
        await page.waitForTimeout(50);
        const r = await readResult(page);
        found = r.top !== r.truth;
      }
      if (!found) await page.locator('[data-action="more"]').click();
    }
    expect(found).toBe(true);
    expect(await page.locator('[data-testid="verdict"]').textContent()).toMatch(/the model got this one wrong/);
    await expect
      .poll(() => page.locator('[data-challenge="cnn-misclassified"]').getAttribute("data-state"), { timeout: 5_000 })
      .toBe("done");
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

describe("the convolution explorer", () => {
  it("moves the focused pixel with the keyboard and shows the nine products whose sum is the feature map's value", async () => {
    const { page, problems, context } = await openPage(browser, CNN);
    await hydrateIslands(page);
    const explorer = page.locator('[data-widget="conv-explorer"]');
    const image = page.locator('[data-testid="conv-input"]');
    await image.focus();
    const x0 = Number(await explorer.getAttribute("data-x"));
    const y0 = Number(await explorer.getAttribute("data-y"));
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+ArrowDown");
    expect(Number(await explorer.getAttribute("data-x"))).toBe(x0 + 2);
    expect(Number(await explorer.getAttribute("data-y"))).toBe(y0 + 8);
    expect(await page.url()).toContain(`conv.x=${x0 + 2}`);
    const products = await page.locator('[data-testid="conv-terms"] td').count();
    expect(products).toBe(9);
    const sum = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="conv-terms"] td')].reduce((s, td) => {
        const [w, p] = td
          .querySelector("span")!
          .textContent!.replace(/\u2212/g, "-")
          .split("×")
          .map(Number);
        return s + w * p;
      }, 0),
    );
    expect(Math.abs(sum - Number(await explorer.getAttribute("data-value")))).toBeLessThan(0.02);
    // Blur, then a custom weight.
    await explorer.locator('[data-control="kernel"] label', { hasText: "Blur" }).click();
    expect(await page.locator('[data-control="weights"] input').first().inputValue()).toBe("0.0625");
    await page.locator('[data-control="weights"] input').nth(4).fill("2");
    await page.locator('[data-control="weights"] input').nth(4).press("Enter");
    await expect.poll(() => page.url()).toContain("conv.kernel=custom");
    expect(await explorer.locator('[data-control="kernel"] input:checked').getAttribute("value")).toBe("custom");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the CNN lesson page", () => {
  for (const width of [1280, 360]) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`after a prediction at ${width} px (${colorScheme}): axe finds nothing serious, no horizontal scroll, no console errors`, async () => {
        const { page, problems, context } = await classifyFirst(browser, "?cnn.ep=wasm", { width, colorScheme });
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(await hasHorizontalScroll(page)).toBe(false);
        await screenshot(page, `cnn-${width}-${colorScheme}`);
        await demo(page).screenshot({ path: `test-results/screenshots/cnn-demo-${width}-${colorScheme}.png` });
        await page
          .locator('[data-widget="conv-explorer"]')
          .screenshot({ path: `test-results/screenshots/cnn-conv-${width}-${colorScheme}.png` });
        expect(problems).toEqual([]);
        await context.close();
      }, 120_000);
    }
  }
});
