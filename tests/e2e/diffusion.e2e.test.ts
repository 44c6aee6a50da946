// The diffusion lesson: forward noising on a galaxy, 2-D diffusion trained in a worker and its reverse
// process, the galaxy denoiser on WASM and on WebGPU (same noise estimate), accessibility.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";
import { coefficients, makeSchedule } from "../../src/lib/diffusion/index.ts";
import { DENOISER_SPEC } from "../../src/lib/zoo/index.ts";
import { formatNumber } from "../../src/widgets/shared/chartLayout.ts";

const LESSON = "/lessons/diffusion-models/";

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

const widget = (page: Page, name: string) => page.locator(`[data-widget="${name}"]`);

describe("the diffusion lesson", () => {
  it("moves the forward process with the step slider (the image and the numbers change), has no serious axe violations and no horizontal scroll at 360 px", async () => {
    const { page, problems, context } = await openPage(browser, LESSON, { width: 360 });
    await hydrateIslands(page);
    const fwd = widget(page, "forward-noising");
    await fwd.scrollIntoViewIfNeeded();
    await expect.poll(() => fwd.getAttribute("data-checksum")).not.toBe("");
    const before = await fwd.getAttribute("data-checksum");
    const numbers = await page.locator('[data-testid="forward-numbers"]').textContent();
    const slider = fwd.locator('[data-control="t"] input[type="range"]');
    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press("PageUp");
    await expect.poll(() => fwd.getAttribute("data-checksum")).not.toBe(before);
    expect(Number(await fwd.getAttribute("data-t"))).toBeGreaterThan(250);
    expect(await page.locator('[data-testid="forward-numbers"]').textContent()).not.toBe(numbers);
    await expect.poll(() => page.locator('[data-testid="forward-tex"] .katex').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/fwd\.t=\d+/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "diffusion-360");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("a whole-number box refuses 2.5 and out-of-range values with a line saying what it takes, and keeps the link's value", async () => {
    const { page, problems, context } = await openPage(browser, LESSON, { width: 360 });
    await hydrateIslands(page);
    const root = widget(page, "diffusion-2d");
    const box = root.locator('[data-control="epochs"] input[type="text"]');
    await box.scrollIntoViewIfNeeded();
    const before = await box.inputValue();
    for (const typed of ["2.5", "0", "1e9"]) {
      await box.fill(typed);
      expect(await box.getAttribute("aria-invalid")).toBe("true");
      expect(await root.locator('[data-control="epochs"] [role="status"]').textContent()).toBe("A whole number from 1 to 200");
      expect(new URL(page.url()).searchParams.get("d2.epochs")).toBeNull();
    }
    await box.press("Tab");
    expect(await box.inputValue()).toBe(before);
    expect(await root.locator('[data-control="epochs"] [role="status"]').count()).toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("trains the 2-D noise predictor in a worker and the reverse process puts the points on the ring", async () => {
    const { page, problems, context } = await openPage(browser, `${LESSON}?d2.dist=ring&d2.epochs=25`);
    await hydrateIslands(page);
    const d2 = widget(page, "diffusion-2d");
    await d2.scrollIntoViewIfNeeded();
    const t0 = Date.now();
    await d2.locator('[data-action="train"]').click();
    await expect.poll(() => d2.getAttribute("data-status"), { timeout: 120_000, interval: 250 }).toBe("done");
    const ms = Date.now() - t0;
    expect(Number(await d2.getAttribute("data-points"))).toBe(400);
    expect(await page.locator('[data-testid="d2-samples"] circle').count()).toBe(400);
    const nearEnd = Number(await d2.getAttribute("data-near"));
    // Scrub back to pure noise: fewer points on the ring.
    const slider = d2.locator('[data-control="frame"] input[type="range"]');
    await slider.focus();
    await slider.press("Home");
    await expect.poll(() => d2.getAttribute("data-frame")).toBe("0");
    const nearStart = Number(await d2.getAttribute("data-near"));
    expect(nearEnd).toBeGreaterThan(nearStart + 0.2);
    console.log(
      `2-D diffusion: 25 epochs + sampling in ${ms} ms; ${(nearEnd * 100).toFixed(0)} % of points near the ring (noise: ${(nearStart * 100).toFixed(0)} %). ${await page.locator('[data-testid="d2-time"]').textContent()}`,
    );
    await d2.locator('[data-action="play"]').click();
    await expect.poll(async () => Number(await d2.getAttribute("data-frame")), { timeout: 10_000 }).toBeGreaterThan(5);
    expect(await seriousAxeViolations(page, '[data-widget="diffusion-2d"]')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 150_000);

  it("switching the sampler after training re-samples the same trained network, and switching back restores the first result", async () => {
    // The lesson says "try both samplers": the network must survive the switch (it once reset to
    // "0 epochs trained … final loss NaN" and lost its frames and Play button).
    const { page, problems, context } = await openPage(browser, `${LESSON}?d2.dist=moons&d2.epochs=8`);
    await hydrateIslands(page);
    const d2 = widget(page, "diffusion-2d");
    await d2.scrollIntoViewIfNeeded();
    await d2.locator('[data-action="train"]').click();
    await expect.poll(() => d2.getAttribute("data-status"), { timeout: 120_000, interval: 250 }).toBe("done");
    const trained = await page.locator('[data-testid="d2-time"]').textContent();
    expect(trained).toMatch(/^8 epochs trained/);
    const ddpmNear = await d2.getAttribute("data-near");

    await d2.locator('[data-control="sampler"] input[value="ddim"]').check();
    await expect.poll(() => page.url()).toContain("d2.sampler=ddim");
    await expect.poll(() => d2.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    expect(await page.locator('[data-testid="d2-time"]').textContent()).toBe(trained);
    expect(await d2.locator('[data-action="play"]').count()).toBe(1);
    expect(Number(await d2.getAttribute("data-points"))).toBe(400);
    expect(await d2.textContent()).not.toMatch(/NaN|0 epochs trained/);

    await d2.locator('[data-control="sampler"] input[value="ddpm"]').check();
    await expect.poll(() => d2.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    // Same network, same seed: DDPM gives exactly the first result again.
    await expect.poll(() => d2.getAttribute("data-near")).toBe(ddpmNear);
    expect(await page.locator('[data-testid="d2-time"]').textContent()).toBe(trained);
    await d2.locator('[data-action="play"]').click();
    await expect.poll(async () => Number(await d2.getAttribute("data-frame")), { timeout: 10_000 }).toBeLessThan(40);
    expect(problems).toEqual([]);
    await context.close();
  }, 150_000);

  it("says how much the one-step x̂₀ magnifies the network's errors at the chosen t: speckle at high noise, a blurry galaxy at moderate noise", async () => {
    const schedule = makeSchedule(DENOISER_SPEC.schedule.kind, DENOISER_SPEC.schedule.T);
    for (const [t, reading] of [
      [950, /expect coloured speckle, not a smooth blob/],
      [250, /blurry but recognisable/],
    ] as const) {
      const { page, problems, context } = await openPage(browser, `${LESSON}?dn.t=${t}`);
      await hydrateIslands(page);
      const gain = page.locator('[data-testid="dn-gain"]');
      await gain.scrollIntoViewIfNeeded();
      const c = coefficients(schedule, t);
      const expected = formatNumber(c.noiseScale / c.signalScale, 2);
      await expect
        .poll(() => gain.textContent())
        .toContain(`At t = ${t} every error of ε̂ reaches x̂₀ multiplied by √(1 − ᾱ)/√ᾱ = ${expected}`);
      expect(await gain.textContent()).toMatch(reading);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it("lets the learner draw points with the keyboard", async () => {
    const { page, problems, context } = await openPage(browser, `${LESSON}?d2.dist=drawn`);
    await hydrateIslands(page);
    const d2 = widget(page, "diffusion-2d");
    await d2.scrollIntoViewIfNeeded();
    expect(await d2.locator('[data-action="train"]').isDisabled()).toBe(true);
    const pad = d2.locator('rect[role="button"]');
    await pad.focus();
    await pad.press("ArrowRight");
    await pad.press("Enter");
    await pad.press("ArrowUp");
    await pad.press(" ");
    await expect.poll(() => d2.textContent()).toMatch(/2 points drawn/);
    expect(await d2.locator('[data-action="train"]').isDisabled()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  let wasmEps: string | null = null;
  for (const ep of ["wasm", "webgpu"] as const) {
    it(`denoises a galaxy and generates from noise with the ${ep === "wasm" ? "WASM" : "WebGPU"} execution provider`, async () => {
      const { page, problems, context } = await openPage(
        ep === "webgpu" ? gpuBrowser : browser,
        `${LESSON}?dn.ep=${ep}&dn.t=400&dn.steps=4`,
      );
      const assets: string[] = [];
      page.on("request", (r) => {
        if (/\.onnx$|\.wasm$/.test(new URL(r.url()).pathname)) assets.push(r.url());
      });
      await hydrateIslands(page);
      const dn = widget(page, "galaxy-denoiser");
      await dn.scrollIntoViewIfNeeded();
      expect(assets).toEqual([]); // nothing of the model before the learner asks
      await dn.locator('[data-action="denoise"]').click();
      await expect.poll(() => dn.getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("ready");
      expect(await dn.getAttribute("data-ep")).toBe(ep);
      const noisy = Number(await dn.getAttribute("data-noisy-mse"));
      const denoised = Number(await dn.getAttribute("data-denoised-mse"));
      expect(denoised).toBeGreaterThan(0);
      expect(denoised).toBeLessThan(noisy); // at t = 400 the network beats the rescaled noisy image
      const errors = await page.locator('[data-testid="dn-errors"]').textContent();
      if (ep === "wasm") wasmEps = errors;
      else if (wasmEps) expect(errors).toBe(wasmEps); // same numbers to the digits shown
      await dn.locator('[data-action="generate"]').click();
      await expect.poll(() => dn.getAttribute("data-generated"), { timeout: 120_000, interval: 250 }).toBe("4");
      // The verdict is measured on the images shown, against clean simulated cutouts.
      expect(await page.locator('[data-testid="dn-verdict"]').textContent()).toMatch(
        /^Measured on these images: (brighter|darker|about as bright) .*mean pixel 0\.\d\d against 0\.\d\d.*, and .*(as rough|smoother) pixel to pixel/,
      );
      const runtime = await page.locator('[data-testid="dn-runtime"]').textContent();
      expect(runtime).toMatch(
        ep === "wasm"
          ? /Ran on WebAssembly \(CPU\): first run [\d.]+ ms, latest [\d.]+ ms/
          : /Ran on WebGPU: first run [\d.]+ ms, latest [\d.]+ ms/,
      );
      console.log(`galaxy-denoiser on ${ep}: ${runtime}`);
      expect(await page.locator('[data-testid="dn-notice"]').count()).toBe(0);
      expect(assets.every((u) => u.startsWith(new URL(page.url()).origin))).toBe(true);
      expect(await seriousAxeViolations(page, '[data-widget="galaxy-denoiser"]')).toEqual([]);
      await screenshot(page, `diffusion-denoiser-${ep}`);
      expect(problems).toEqual([]);
      await context.close();
    }, 240_000);
  }

  it("says so when the model cannot be loaded", async () => {
    const { page, context } = await openPage(browser, `${LESSON}?dn.ep=wasm`);
    await page.route(/\.onnx$/, (route) => route.fulfill({ status: 404, body: "missing" }));
    await hydrateIslands(page);
    const dn = widget(page, "galaxy-denoiser");
    await dn.scrollIntoViewIfNeeded();
    await dn.locator('[data-action="denoise"]').click();
    await expect.poll(() => dn.getAttribute("data-status"), { timeout: 60_000 }).toBe("error");
    expect(await page.locator('[data-testid="dn-error"]').textContent()).toMatch(/Could not load the model galaxy-denoiser/);
    await context.close();
  }, 90_000);
});
