/**
 * The browser test harness every e2e suite uses: launches the system Chromium (never a downloaded
 * one), opens pages of the built site, records console errors and failed requests, runs axe-core,
 * and saves screenshots under test-results/screenshots (git-ignored).
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_ARGS, WEBGPU_ARGS, findChromium } from "./chromium.mjs";
import { siteDir } from "./siteDir.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const SCREENSHOT_DIR = "test-results/screenshots";

export function baseUrl(): string {
  return inject("baseUrl");
}

/** The system Chromium, headless; `webgpu: true` adds the SwiftShader WebGPU flags (slow painting). */
export async function launchBrowser(options: { webgpu?: boolean } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium found (set CHROMIUM_PATH).");
  const args = options.webgpu ? [...CHROMIUM_ARGS, ...WEBGPU_ARGS] : CHROMIUM_ARGS;
  return chromium.launch({ executablePath, args, headless: true });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed requests seen since the page opened. */
  problems: string[];
}

export interface OpenOptions {
  width?: number;
  height?: number;
  colorScheme?: "light" | "dark";
  /**
   * "block" (the default) keeps the site's service worker out, so a suite sees the network as it is
   * and `page.route` sees every request (routes never see requests a service worker answers);
   * tests/e2e/offline.e2e.test.ts allows it.
   */
  serviceWorkers?: "allow" | "block";
}

/** Opens `path` of the built site in a fresh context and waits until the network is quiet. */
export async function openPage(browser: Browser, path: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? "light",
    serviceWorkers: options.serviceWorkers ?? "block",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => {
    // The 404 page itself is expected to answer 404; anything else that fails is a broken asset.
    if (response.status() >= 400 && !path.includes("does-not-exist")) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(baseUrl() + path, { waitUntil: "networkidle" });
  return { page, context, problems };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/** Runs axe-core in the page (or only inside the `within` selector); returns serious/critical violations. */
export async function seriousAxeViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  // Evaluated through DevTools rather than added as an inline <script>, which the site's
  // Content-Security-Policy (src/build/csp.ts) rightly blocks.
  await page.evaluate(AXE_SOURCE);
  // Let short entrance animations (a toast fading in) end first: axe measures colour contrast with
  // the opacity of the moment, and a half-faded text is not what the learner reads. Endless or long
  // animations (spinners, progress bars) are not waited for, and the wait is capped at a second.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => {
            const t = a.effect?.getComputedTiming();
            return a.playState === "running" && t !== undefined && t.iterations !== Infinity && Number(t.endTime) <= 1000;
          })
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((done) => setTimeout(done, 1000)),
    ]),
  );
  const violations = await page.evaluate(async (selector) => {
    // @ts-expect-error axe is injected above as a global
    const result = await window.axe.run(selector ?? document, { resultTypes: ["violations"] });
    return result.violations.map((v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  }, within ?? null);
  return violations.filter((v: AxeViolation) => v.impact === "serious" || v.impact === "critical");
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** True when the page is wider than its viewport (a horizontal scrollbar). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Every HTML page in the built site, as site paths ("/", "/lessons/x/"). */
export function builtPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const full = `${dir}/${name}`;
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else if (name === "index.html") pages.push(prefix || "/");
      else if (name.endsWith(".html")) pages.push(`${prefix}${name}`);
    }
  };
  walk(siteDir(), "/");
  return pages;
}

/**
 * Scrolls every island into view (client:visible loads on sight) and waits until Astro has hydrated
 * them all (it removes the `ssr` attribute from an <astro-island> once its component is running).
 * Scrolling past an island quickly can miss its visibility callback on a busy machine (a learner's
 * scroll lingers), so islands still waiting are scrolled to again, for up to 30 s in all.
 */
export async function hydrateIslands(page: Page): Promise<void> {
  const islands = page.locator("astro-island");
  for (let i = 0; i < (await islands.count()); i++) await islands.nth(i).scrollIntoViewIfNeeded();
  const allHydrated = () => document.querySelectorAll("astro-island[ssr]").length === 0;
  const settled = () => page.waitForFunction(allHydrated, undefined, { timeout: 5_000 }).then(Boolean, () => false);
  const deadline = Date.now() + 30_000;
  while (!(await settled())) {
    const waiting = page.locator("astro-island[ssr]");
    if (Date.now() > deadline) throw new Error(`${await waiting.count()} islands were never hydrated`);
    for (let i = 0; i < (await waiting.count()); i++) {
      await waiting
        .nth(i)
        .scrollIntoViewIfNeeded({ timeout: 2_000 })
        .catch(() => undefined); // hydrated (and gone from the list) meanwhile
      await page.waitForTimeout(100);
    }
  }
}

/**
 * Bytes the page has fetched so far (document + every resource, as transferred or else decoded), and
 * how many of them came from URLs matching `heavy` (e.g. onnxruntime's JS and wasm, model files).
 */
export async function bytesFetched(page: Page, heavy: RegExp): Promise<{ total: number; heavy: number }> {
  return page.evaluate((pattern) => {
    const re = new RegExp(pattern);
    let total = 0;
    let matched = 0;
    for (const e of [
      ...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource"),
    ] as PerformanceResourceTiming[]) {
      const size = e.transferSize || e.encodedBodySize;
      total += size;
      if (re.test(e.name)) matched += size;
    }
    return { total, heavy: matched };
  }, heavy.source);
}
