// Offline use (src/pwa, src/build/serviceWorkerIntegration.ts): after one visit every lesson reloads
// and links work with the network off, an address that was never saved gets the offline page, a
// model page's onnxruntime and model files come from the cache the second time, embeds stay with
// the network, and a new build is announced, installed only when all its files are its own, and
// leaves no cache of the old build behind.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, builtPages, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";
import { serveStatic } from "./staticServer.mjs";

const LESSON = "/lessons/neurons-and-layers/";
const OTHER = "/lessons/backpropagation/";
const CNN = "/lessons/convolutional-networks/";
const LESSON_COUNT = builtPages().filter((p) => /^\/lessons\/[^/]+\/$/.test(p)).length;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until the worker has installed (its precache is complete) and controls the page. */
async function untilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
}

/** The cache names and, per cache, the paths it holds. */
async function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });
}

describe("where the browser refuses service workers", () => {
  it("a page works online as before and logs no error (the other browser suites run this way)", async () => {
    const { page, context, problems } = await openPage(browser, LESSON);
    await hydrateIslands(page);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(await page.locator("[data-offline-line]").isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("after one visit", () => {
  it("a lesson reloads offline, another lesson opens from its link, and the footer says what is saved", async () => {
    const { page, context, problems } = await openPage(browser, LESSON, { serviceWorkers: "allow" });
    await untilOfflineReady(page);
    const line = page.locator("[data-offline-line] a");
    await expect
      .poll(() => line.textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^Offline: ${LESSON_COUNT} lessons, \\d+\\.\\d MB$`));
    console.log(`after one visit: ${await line.textContent()}`);

    await context.setOffline(true);
    const reloaded = (await page.reload({ waitUntil: "load" })) as Response;
    expect(reloaded.fromServiceWorker()).toBe(true);
    await expect.poll(() => page.locator("h1").first().textContent()).toMatch(/neuron/i);
    await hydrateIslands(page);
    await expect.poll(() => line.textContent()).toMatch(/^You are offline\. Offline: /);

    // The lesson's own link to another lesson (its "next" link), clicked as a learner would.
    const link = page.locator(`main a[href^="/lessons/"]:not([href^="${LESSON}"])`).first();
    const href = (await link.getAttribute("href"))!;
    const [navigation] = await Promise.all([page.waitForNavigation(), link.click()]);
    expect(navigation?.fromServiceWorker()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(href);
    await hydrateIslands(page);
    expect(await page.locator("astro-island").count()).toBeGreaterThan(0);
    // Query strings (widget state in the URL) and an address without its trailing slash find the saved page too.
    const withState = (await page.goto(`${baseUrl()}${LESSON.slice(0, -1)}?x=1`)) as Response;
    expect(withState.fromServiceWorker()).toBe(true);
    expect(await page.title()).toMatch(/Deep Sky/);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("an address that was never saved gets the offline page, which lists the saved lessons", async () => {
    const { page, context } = await openPage(browser, "/", { serviceWorkers: "allow" });
    await untilOfflineReady(page);
    await context.setOffline(true);
    await page.goto(`${baseUrl()}/no-such-page/`);
    expect(await page.locator("h1").textContent()).toBe("Offline use");
    expect(await page.locator("[data-offline-fallback]").isVisible()).toBe(true);
    expect(await page.locator("[data-offline-address]").textContent()).toBe("/no-such-page/");
    await expect.poll(() => page.locator('[data-lesson-url][data-saved="true"]').count(), { timeout: 15_000 }).toBe(LESSON_COUNT);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "offline-fallback-1280");
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, "offline-fallback-360");
    await context.close();
  }, 90_000);

  it("a model page's onnxruntime and model files are cached on first use and come from the cache offline", async () => {
    const { page, context, problems } = await openPage(browser, `${CNN}?cnn.ep=wasm`, { serviceWorkers: "allow" });
    await untilOfflineReady(page);
    const demo = page.locator('[data-widget="cnn-classifier"]');
    const classify = async () => {
      await hydrateIslands(page);
      await demo.scrollIntoViewIfNeeded();
      await page.locator('[data-action="classify"]').click();
      await expect.poll(() => demo.getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("ready");
    };
    await classify();
    const top = await demo.getAttribute("data-top");
    const runtimeFile = /\.(wasm|onnx)$|\/ort[.-][^/]*\.m?js$/;
    await expect
      .poll(
        async () =>
          Object.entries(await cacheContents(page))
            .filter(([name]) => name.endsWith("-runtime"))
            .flatMap(([, paths]) => paths),
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining([expect.stringMatching(/ort-wasm-simd-threaded\.[^/]*\.wasm$/), expect.stringMatching(/\.onnx$/)]));

    await context.setOffline(true);
    const fromNetwork: string[] = [];
    const fromWorker: string[] = [];
    page.on("response", (r) => {
      if (runtimeFile.test(new URL(r.url()).pathname)) (r.fromServiceWorker() ? fromWorker : fromNetwork).push(new URL(r.url()).pathname);
    });
    await page.reload({ waitUntil: "load" });
    await classify();
    expect(await demo.getAttribute("data-top")).toBe(top);
    expect(fromNetwork).toEqual([]);
    expect(fromWorker).toEqual(
      expect.arrayContaining([expect.stringMatching(/ort-wasm-simd-threaded\.[^/]*\.wasm$/), expect.stringMatching(/model\.[^/]*\.onnx$/)]),
    );

    await page.goto(`${baseUrl()}/offline/`);
    await expect.poll(() => page.locator("[data-runtime-list] li").count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const runtimeList = await page.locator("[data-runtime-list]").textContent();
    expect(runtimeList).toMatch(/ort-wasm-simd-threaded\.wasm: 14\.\d MB/);
    console.log(
      `after one model run: ${await page.locator("[data-offline-summary]").textContent()} | ${await page.locator("[data-runtime-summary]").textContent()} | ${await page.locator("[data-storage-estimate]").textContent()}`,
    );
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it("embeds are left to the network: the worker answers none of their requests", async () => {
    const { page, context } = await openPage(browser, LESSON, { serviceWorkers: "allow" });
    await untilOfflineReady(page);
    const responses: Response[] = [];
    page.on("response", (r) => responses.push(r));
    const embed = (await page.goto(`${baseUrl()}/embed/gradient-descent/`, { waitUntil: "networkidle" })) as Response;
    expect(embed.ok()).toBe(true);
    expect(embed.fromServiceWorker()).toBe(false);
    // Its scripts are the build's, so the worker may answer those from the precache; the page itself is not.
    expect(responses.filter((r) => r.fromServiceWorker() && /\/embed\//.test(new URL(r.url()).pathname))).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("a new build", () => {
  it("is not installed while any of its files is another build's; once whole it is announced, and Reload switches to it and drops the old caches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deep-sky-offline-"));
    cpSync(siteDir(), dir, { recursive: true });
    const server = await serveStatic(dir);
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "allow" });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(server.url + LESSON, { waitUntil: "load" });
      await untilOfflineReady(page);
      const oldCaches = Object.keys(await cacheContents(page));

      const swPath = join(dir, "sw.js");
      const oldWorker = readFileSync(swPath, "utf8");
      const version = /"version":"([0-9a-f]+)"/.exec(oldWorker)![1]!;
      const next = `${version}next`;
      writeFileSync(swPath, oldWorker.replaceAll(version, next));
      const lessonFile = join(dir, OTHER, "index.html");
      const lessonHtml = readFileSync(lessonFile, "utf8");
      writeFileSync(lessonFile, lessonHtml.replace("</body>", "<!-- another deploy --></body>"));

      const update = () =>
        page.evaluate(async () => {
          const registration = (await navigator.serviceWorker.getRegistration())!;
          await registration.update().catch(() => undefined);
          const worker = registration.installing;
          if (worker)
            await new Promise<void>((resolve) => {
              const settled = () => ["installed", "activated", "redundant"].includes(worker.state) && resolve();
              worker.addEventListener("statechange", settled);
              settled();
            });
          return { waiting: registration.waiting !== null };
        });
      // A lesson page that is not the one this sw.js names: the install fails, nothing changes.
      expect(await update()).toEqual({ waiting: false });
      expect(await page.locator("[data-update-notice]").isVisible()).toBe(false);
      expect(Object.keys(await cacheContents(page)).sort()).toEqual(oldCaches.sort());

      writeFileSync(lessonFile, lessonHtml);
      expect(await update()).toEqual({ waiting: true });
      const notice = page.locator("[data-update-notice]");
      await expect.poll(() => notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toMatch(/A new version of Deep Sky is ready\.\s*Reload/);
      expect(await seriousAxeViolations(page, "[data-update-notice]")).toEqual([]);
      await screenshot(page, "offline-update-notice");
      await Promise.all([page.waitForNavigation(), notice.getByRole("button", { name: "Reload" }).press("Enter")]);
      await untilOfflineReady(page);
      await expect
        .poll(async () => Object.keys(await cacheContents(page)).every((name) => name.includes(next)), { timeout: 15_000 })
        .toBe(true);
      expect(Object.keys(await cacheContents(page))).toContain(`deep-sky-${next}-pages`);
      expect(await page.locator("[data-update-notice]").isVisible()).toBe(false);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
