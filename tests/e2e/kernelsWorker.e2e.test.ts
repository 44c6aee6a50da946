// The engine's WebAssembly kernels in the browser: the training worker loads them under the site's
// Content-Security-Policy (no violation, no console error) and trains with them, with no code in the
// widget; and a lesson page downloads them only when training starts (they travel in the worker's
// chunk, not in the page's JavaScript).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KERNELS_WASM_BASE64 } from "../../src/lib/kernels/kernelsWasm.ts";
import { hydrateIslands, launchBrowser, openPage } from "./harness.ts";

const TRAINER = "/lessons/learning-curves/";
/** A stretch of the kernels' base64 past the WebAssembly header: present only where the bytes are. */
const KERNEL_BYTES = KERNELS_WASM_BASE64.slice(200, 260);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records CSP violations on the page and the `kernels` field of every fit worker's done message. */
function recordKernels(): void {
  const w = window as unknown as { cspViolations: string[]; fitKernels: string[] };
  w.cspViolations = [];
  w.fitKernels = [];
  document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener("message", (event: MessageEvent) => {
        if (event.data?.type === "done") w.fitKernels.push(event.data.kernels);
      });
    }
  };
}

/** What recordKernels saw so far. */
const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { cspViolations: string[]; fitKernels: string[] };
    return { cspViolations: w.cspViolations, fitKernels: w.fitKernels };
  });

describe("WebAssembly kernels in the browser", () => {
  it("the trainer's worker trains on the WebAssembly kernels, with no CSP violation or console error; the page fetched them only when training started", async () => {
    const { page, context, problems } = await openPage(browser, TRAINER);
    await context.addInitScript(recordKernels);
    // Every script the page and its worker fetch, with whether it carries the kernels' bytes.
    const scripts: { url: string; kernels: boolean; phase: "load" | "train" }[] = [];
    let phase: "load" | "train" = "load";
    page.on("response", async (response) => {
      if (!/\.m?js$/.test(new URL(response.url()).pathname)) return;
      const at = phase;
      const body = await response.text().catch(() => "");
      scripts.push({ url: response.url(), kernels: body.includes(KERNEL_BYTES), phase: at });
    });
    await page.reload({ waitUntil: "networkidle" });
    await hydrateIslands(page);
    const trainer = page.locator('[data-widget="network-trainer"]');
    await trainer.scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    expect(scripts.filter((s) => s.phase === "load").length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.kernels)).toEqual([]);
    phase = "train";
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => trainer.getAttribute("data-status"), { timeout: 60_000 }).toBe("finished");
    const { cspViolations, fitKernels } = await recorded(page);
    expect(fitKernels).toEqual(["wasm"]);
    expect(cspViolations).toEqual([]);
    expect(problems).toEqual([]);
    // The bytes came with the training worker's chunks, after Train was pressed.
    expect(scripts.filter((s) => s.kernels).map((s) => s.phase)).toContain("train");
    expect(scripts.filter((s) => s.kernels && s.phase === "load")).toEqual([]);
    await context.close();
  }, 120_000);
});
