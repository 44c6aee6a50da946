// The transfer-learning lesson: the frozen morphology backbone (ONNX Runtime, WASM and WebGPU) turns
// simulated cutouts into features, a new head and a CNN from scratch train in workers on the same
// few examples, and with the default seed the transferred head wins on held-out cutouts. Also: nothing
// of onnxruntime before the learner starts (checked before every Train click), the parameter table,
// the challenge, the WASM fallback notice, a failed model load, accessibility.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesFetched, hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const LESSON = "/lessons/transfer-learning/";
/** Requests that belong to model inference: onnxruntime's JS and wasm, the backbone. */
const MODEL_ASSET = /\/(ort[.-][^/]*|backbone\.[^/]*\.onnx)$/;

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

const widget = (page: Page) => page.locator('[data-widget="transfer-learning"]');

async function readResult(page: Page) {
  const w = widget(page);
  return {
    ep: await w.getAttribute("data-ep"),
    head: Number(await w.getAttribute("data-head-acc")),
    scratch: Number(await w.getAttribute("data-scratch-acc")),
    featureMs: Number(await w.getAttribute("data-feature-ms")),
    headMs: Number(await w.getAttribute("data-head-ms")),
    scratchMs: Number(await w.getAttribute("data-scratch-ms")),
  };
}

/** Opens the lesson (nothing of the model may load yet), presses Train and waits for the comparison. */
async function trainBoth(b: Browser, query: string, options: { width?: number } = {}) {
  const opened = await openPage(b, LESSON + query, options);
  const assets: string[] = [];
  opened.page.on("request", (r) => {
    if (MODEL_ASSET.test(new URL(r.url()).pathname) || r.url().endsWith(".wasm")) assets.push(r.url());
  });
  await hydrateIslands(opened.page);
  await widget(opened.page).scrollIntoViewIfNeeded();
  expect(assets).toEqual([]);
  const t0 = Date.now();
  await opened.page.locator('[data-action="train"]').click();
  // The progress bar is there while it runs.
  await expect.poll(() => opened.page.locator('[data-testid="progress"]').count()).toBe(1);
  await expect.poll(() => widget(opened.page).getAttribute("data-phase"), { timeout: 150_000, interval: 250 }).toBe("done");
  return { ...opened, assets, totalMs: Date.now() - t0 };
}

let wasmFeatureSum: number | null = null;

describe("the transfer-learning widget", () => {
  it("on WASM with the default seed (lens task, 20 examples): the head on the frozen backbone beats the CNN from scratch on 200 held-out cutouts; with 10 examples of set 3 the challenge is met", async () => {
    const { page, problems, context, assets, totalMs } = await trainBoth(browser, "?tl.ep=wasm");
    const r = await readResult(page);
    wasmFeatureSum = Number(await widget(page).getAttribute("data-feature-sum"));
    expect(r.ep).toBe("wasm");
    expect(assets.some((u) => /ort-wasm-simd-threaded\.[^a/][^/]*\.wasm$/.test(u) && !u.includes("asyncify"))).toBe(true);
    expect(r.head).toBeGreaterThan(r.scratch);
    expect(r.head).toBeGreaterThanOrEqual(0.65);
    expect(await page.locator('[data-testid="runtime"]').textContent()).toMatch(
      /Backbone ran on WebAssembly \(CPU\): 220 images in [\d.,]+ ms/,
    );
    expect(await page.locator('[data-testid="results"]').textContent()).toMatch(/New head on the frozen backbone: [\d.]+ %/);
    // Both curves were drawn, with a text alternative that gives the final values.
    expect(await page.locator('[data-testid="accuracy-chart"] [data-series] circle').count()).toBe(40); // the head: every epoch
    expect(await page.locator('[data-testid="accuracy-chart"] [data-series] rect').count()).toBeGreaterThan(2); // the CNN: every few epochs
    expect(await page.locator('[data-testid="accuracy-chart"] desc').textContent()).toMatch(
      /New head on the frozen backbone: [\d.]+ % after epoch 40/,
    );
    const bytes = await bytesFetched(page, /\/ort[.-]|\.wasm$|backbone\.[^/]*\.onnx$/);
    console.log(
      `WASM: whole run ${(totalMs / 1000).toFixed(1)} s; backbone ${r.featureMs.toFixed(2)} ms per image; head trained in ${(r.headMs / 1000).toFixed(1)} s, ` +
        `scratch CNN in ${(r.scratchMs / 1000).toFixed(1)} s; held-out accuracy head ${(r.head * 100).toFixed(1)} %, scratch ${(r.scratch * 100).toFixed(1)} %; ` +
        `bytes fetched ${(bytes.total / 1e6).toFixed(2)} MB (onnxruntime + backbone ${(bytes.heavy / 1e6).toFixed(2)} MB)`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await widget(page).screenshot({ path: "test-results/screenshots/transfer-learning-done.png" });
    expect(await page.locator('[data-challenge="transfer-few-labels"]').getAttribute("data-state")).not.toBe("done"); // 20 examples are not the challenge

    // The challenge, from the keyboard: 10 examples (the slider's arrow key), the third draw of examples.
    // The held-out cutouts and their features are cached, so only 10 new cutouts go through the backbone.
    await widget(page).locator('[data-control="examples"] input[type="range"]').focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.url()).toContain("tl.n=10");
    for (let i = 0; i < 2; i++) await widget(page).locator('[data-action="new-examples"]').click();
    await expect.poll(() => page.url()).toContain("tl.seed=3");
    await widget(page).locator('[data-action="train"]').focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => widget(page).getAttribute("data-phase"), { timeout: 10_000 }).not.toBe("done");
    await expect.poll(() => widget(page).getAttribute("data-phase"), { timeout: 120_000, interval: 250 }).toBe("done");
    const few = await readResult(page);
    expect(few.head - few.scratch).toBeGreaterThanOrEqual(0.1);
    await expect
      .poll(() => page.locator('[data-challenge="transfer-few-labels"]').getAttribute("data-state"), { timeout: 5_000 })
      .toBe("done");
    console.log(
      `WASM, 10 examples (set 3): held-out accuracy head ${(few.head * 100).toFixed(1)} %, scratch ${(few.scratch * 100).toFixed(1)} %`,
    );
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("on WebGPU (SwiftShader) the backbone computes the same features as on WASM", async () => {
    // Same features → the same head training (the worker is deterministic) → the same held-out
    // accuracy; so the GPU run checks the features and stops instead of training again.
    const { page, problems, context } = await openPage(gpuBrowser, LESSON);
    await hydrateIslands(page);
    await widget(page).scrollIntoViewIfNeeded();
    const t0 = Date.now();
    await page.locator('[data-action="train"]').click();
    await expect.poll(() => widget(page).getAttribute("data-phase"), { timeout: 150_000, interval: 250 }).toBe("training");
    const featuresMs = Date.now() - t0;
    await page.locator('[data-action="stop"]').click();
    const r = await readResult(page);
    expect(r.ep).toBe("webgpu");
    expect(await page.locator('[data-testid="ep-notice"]').count()).toBe(0);
    expect(await page.locator('[data-testid="runtime"]').textContent()).toMatch(/Backbone ran on WebGPU: 220 images/);
    const sum = Number(await widget(page).getAttribute("data-feature-sum"));
    expect(sum).toBeGreaterThan(0);
    if (wasmFeatureSum !== null) expect(Math.abs(sum - wasmFeatureSum) / wasmFeatureSum).toBeLessThan(1e-4);
    console.log(
      `WebGPU: click to features ${(featuresMs / 1000).toFixed(1)} s; backbone ${r.featureMs.toFixed(2)} ms per image (SwiftShader, a software GPU)`,
    );
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("without WebGPU it falls back to WASM and says so; Stop keeps the features for the next run", async () => {
    const { page, problems, context } = await openPage(browser, LESSON);
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "gpu", { get: () => undefined }));
    await page.reload({ waitUntil: "networkidle" });
    await hydrateIslands(page);
    await widget(page).scrollIntoViewIfNeeded();
    await page.locator('[data-action="train"]').click();
    await expect.poll(() => widget(page).getAttribute("data-phase"), { timeout: 60_000, interval: 200 }).toBe("training");
    expect(await widget(page).getAttribute("data-ep")).toBe("wasm");
    expect(await page.locator('[data-testid="ep-notice"]').textContent()).toMatch(
      /WebGPU is not available: this browser has no WebGPU.*WebAssembly instead/,
    );
    await page.locator('[data-action="stop"]').click();
    await expect.poll(() => widget(page).getAttribute("data-phase")).toBe("stopped");
    // Training again skips the simulation and the backbone: straight to training.
    await page.locator('[data-action="train"]').click();
    const phases = new Set<string>();
    await expect
      .poll(
        async () => {
          phases.add((await widget(page).getAttribute("data-phase")) ?? "");
          return phases.has("training");
        },
        { timeout: 5_000, interval: 20 },
      )
      .toBe(true);
    expect(phases.has("features")).toBe(false);
    await page.locator('[data-action="stop"]').click();
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it("explains a backbone that fails to load, keeps the settings and offers to try again", async () => {
    const { page, problems, context } = await openPage(browser, `${LESSON}?tl.ep=wasm&tl.n=30&tl.seed=4`);
    await page.route(/backbone\.[^/]*\.onnx$/, (route) => route.fulfill({ status: 503, body: "unavailable" }));
    await hydrateIslands(page);
    await widget(page).scrollIntoViewIfNeeded();
    await page.locator('[data-action="train"]').click();
    await expect
      .poll(() => page.locator('[data-testid="run-error"]').textContent(), { timeout: 60_000 })
      .toMatch(/Could not load the model galaxy-morphology-backbone/);
    expect(await widget(page).getAttribute("data-phase")).toBe("error");
    expect(page.url()).toContain("tl.n=30");
    expect(page.url()).toContain("tl.seed=4");
    expect(await page.locator('[data-action="retry"]').isVisible()).toBe(true);
    expect(await seriousAxeViolations(page, '[data-widget="transfer-learning"]')).toEqual([]);
    // The only problems the page logged are the refused model request itself (as a response and as Chromium's console line).
    expect(problems.filter((p) => !/backbone\.[^/]*\.onnx|status of 503/.test(p))).toEqual([]);
    await context.close();
  }, 90_000);

  it("at 360 px before training: nothing of onnxruntime loaded, the parameter table from the engine, axe finds nothing serious, no horizontal scroll, controls are keyboard operable", async () => {
    const { page, problems, context } = await openPage(browser, LESSON, { width: 360 });
    await hydrateIslands(page);
    await page.waitForTimeout(300);
    const entries = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    expect(entries.filter((u) => MODEL_ASSET.test(new URL(u).pathname) || u.endsWith(".wasm"))).toEqual([]);
    // Freezing made concrete: the table's totals come from the engine.
    expect(await page.locator('[data-testid="frozen-count"]').textContent()).toBe("62,584");
    expect(await page.locator('[data-testid="trainable-count"]').textContent()).toBe("130");
    expect(await page.locator('[data-testid="param-table"] tbody tr[data-role="frozen"]').count()).toBe(4);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    // The task choice is a radio group: arrow keys move between tasks and the URL follows.
    await widget(page).locator('[data-control="task"] input').first().focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.url()).toContain("tl.task=bar");
    await expect.poll(() => widget(page).locator('[role="listitem"]').first().getAttribute("aria-label")).toBe("Example 1: unbarred");
    await screenshot(page, "transfer-learning-360");
    expect(problems).toEqual([]);
    await context.close();
  });
});
