import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages, hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the course map (home page)", () => {
  it("loads with no console errors and draws one star per lesson", async () => {
    const { page, problems, context } = await openPage(browser, "/");
    expect(await page.locator("h1").textContent()).toMatch(/deep learning/i);
    const stars = await page.locator(".chart-wide .star-link").count();
    const listed = await page.locator(".lesson-item").count();
    expect(stars).toBe(listed);
    expect(stars).toBeGreaterThanOrEqual(13);
    // Ready lessons are links (all available to a new learner); placeholders say "coming soon".
    const available = await page.locator('.chart-wide a.star-link[data-state="available"]').count();
    expect(available).toBeGreaterThanOrEqual(1);
    expect(available + (await page.locator(".soon-badge").count())).toBe(stars);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("describes a star's lesson when it is focused from the keyboard, and opens it with Enter", async () => {
    const { page, problems, context } = await openPage(browser, "/");
    const star = page.locator('.chart-wide a.star-link[data-state="available"]').first();
    await star.focus();
    await expect.poll(() => page.locator("[data-map-detail]").textContent()).toMatch(/min/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/lessons\//);
    expect(await page.locator("h1").count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits a 360 px phone without horizontal scrolling, using the tall chart", async () => {
    const { page, problems, context } = await openPage(browser, "/", { width: 360, height: 780 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await page.locator(".chart-tall").isVisible()).toBe(true);
    expect(await page.locator(".chart-wide").isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("follows the system's dark preference and the toggle overrides it, remembered across pages", async () => {
    const { page, context } = await openPage(browser, "/", { colorScheme: "dark" });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.getByRole("button", { name: /dark theme/i }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await context.close();
  });

  it("looks right at desktop and phone widths in both themes (screenshots)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 360]) {
        const { page, context } = await openPage(browser, "/", { width, colorScheme });
        await screenshot(page, `home-${width}-${colorScheme}`);
        await context.close();
      }
    }
  });
});

/** Pages this suite checks: everything but /embed/…, which embed.e2e.test.ts checks in its own chrome. */
const sitePages = () => builtPages().filter((path) => !path.startsWith("/embed/"));

describe("every built page", () => {
  it("passes axe-core with no serious or critical violations, in light and dark", async () => {
    const report: string[] = [];
    for (const path of sitePages()) {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page, context } = await openPage(browser, path, { colorScheme });
        for (const v of await seriousAxeViolations(page)) {
          report.push(`${path} [${colorScheme}] ${v.impact} ${v.id}: ${v.help} (${v.nodes}× e.g. ${v.targets.join(", ")})`);
        }
        await context.close();
      }
    }
    expect(report).toEqual([]);
  }, 600_000);

  it("has no horizontal scroll at 360 px and no console errors", async () => {
    const report: string[] = [];
    for (const path of sitePages()) {
      const { page, problems, context } = await openPage(browser, path, { width: 360, height: 780 });
      if (await hasHorizontalScroll(page)) report.push(`${path}: scrolls horizontally at 360 px`);
      for (const problem of problems) if (!(path === "/404.html" && problem.includes("HTTP 404"))) report.push(`${path}: ${problem}`);
      await context.close();
    }
    expect(report).toEqual([]);
  }, 300_000);
});

describe("the 404 page", () => {
  it("answers an unknown address with status 404 and a way back to the map", async () => {
    const { page, context } = await openPage(browser, "/does-not-exist/");
    expect(await page.locator("h1").textContent()).toMatch(/lost/i);
    expect(await page.getByRole("link", { name: /course map/i }).count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("the browser under test", () => {
  it("offers a WebGPU adapter under the WebGPU flags (model pages rely on it)", async () => {
    const gpuBrowser = await launchBrowser({ webgpu: true });
    const { page, context } = await openPage(gpuBrowser, "/");
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) return "navigator.gpu missing";
      return (await gpu.requestAdapter()) ? "adapter" : "no adapter";
    });
    expect(adapter).toBe("adapter");
    await context.close();
    await gpuBrowser.close();
  });
});
