// Bytes per model page: each page that runs a model is opened on a device with a WebGPU adapter
// (SwiftShader) and on one without (navigator.gpu removed), its model is run once, and every response
// is counted by kind. One onnxruntime build per page — the asyncify (WebGPU) wasm only where an
// adapter exists, the plain wasm otherwise, never both — and no JSON of weights.
// RUNTIME_BYTES_REPORT=1 prints the table (the figures in the note come from it).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hydrateIslands, launchBrowser, openPage } from "./harness.ts";

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

interface ModelPage {
  name: string;
  path: string;
  widget: string;
  /** Presses the widget's button and waits until its first model run has finished. */
  run: (w: ReturnType<Page["locator"]>) => Promise<void>;
}

const ready = (w: ReturnType<Page["locator"]>, attr: string, value: string) =>
  expect.poll(() => w.getAttribute(attr), { timeout: 240_000, interval: 250 }).toBe(value);

const PAGES: ModelPage[] = [
  {
    name: "CNN classifier",
    path: "/lessons/convolutional-networks/",
    widget: '[data-widget="cnn-classifier"]',
    run: async (w) => {
      await w.locator('[data-action="classify"]').click();
      await ready(w, "data-status", "ready");
    },
  },
  {
    name: "autoencoder",
    path: "/lessons/autoencoders/",
    widget: '[data-widget="autoencoder"]',
    run: async (w) => {
      await w.locator('[data-action="start"]').click();
      await ready(w, "data-status", "ready");
      // The explorer and the sliders decode too (the decoder's second session).
      await expect.poll(() => w.getAttribute("data-sliders-sum"), { timeout: 60_000 }).not.toBe("");
    },
  },
  {
    name: "diffusion denoiser",
    path: "/lessons/diffusion-models/?dn.t=400&dn.steps=4",
    widget: '[data-widget="galaxy-denoiser"]',
    run: async (w) => {
      await w.locator('[data-action="denoise"]').click();
      await ready(w, "data-status", "ready");
    },
  },
  {
    name: "transfer learning",
    path: "/lessons/transfer-learning/?tl.n=30&tl.seed=4",
    widget: '[data-widget="transfer-learning"]',
    run: async (w) => {
      // The backbone runs first (onnxruntime); the heads then train in the engine, which is not measured here.
      await w.locator('[data-action="train"]').click();
      await expect.poll(() => w.getAttribute("data-ep"), { timeout: 240_000, interval: 250 }).toMatch(/^(webgpu|wasm)$/);
    },
  },
];

type Kind = "ortWasm" | "ortJs" | "model" | "weightsJson" | "other";

function kindOf(url: string): Kind {
  const path = new URL(url).pathname;
  if (/\/ort-wasm[^/]*\.wasm$/.test(path)) return "ortWasm";
  if (/\/ort[.-][^/]*\.m?js$/.test(path)) return "ortJs";
  if (/\/weights[.-][^/]*\.json$/.test(path)) return "weightsJson";
  if (/\.onnx$|\/latent-map[.-][^/]*\.json$/.test(path)) return "model";
  return "other";
}

/** Every resource the page fetched (decoded body bytes, as the static server sends them uncompressed). */
async function resources(page: Page): Promise<{ url: string; bytes: number }[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({
      url: e.name,
      bytes: e.encodedBodySize || e.transferSize,
    })),
  );
}

const rows: string[] = [];
afterAll(() => {
  if (process.env.RUNTIME_BYTES_REPORT && rows.length > 0) {
    console.log(
      [
        "| page | device | ORT wasm | ORT JS | model files | weights.json | total after the run |",
        "|---|---|---|---|---|---|---|",
        ...rows,
      ].join("\n"),
    );
  }
});

const MB = (n: number) => (n / 1e6).toFixed(2);

describe("one onnxruntime download per model page", () => {
  for (const p of PAGES) {
    for (const device of ["webgpu", "no-webgpu"] as const) {
      it(`${p.name}, ${device === "webgpu" ? "a device with a WebGPU adapter" : "a device without WebGPU"}: one ORT wasm (${device === "webgpu" ? "asyncify" : "plain"}), no weights.json`, async () => {
        const { page, context, problems } = await openPage(device === "webgpu" ? gpuBrowser : browser, p.path);
        if (device === "no-webgpu") {
          await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "gpu", { get: () => undefined }));
          await page.reload({ waitUntil: "networkidle" });
        }
        await page.evaluate(() => performance.setResourceTimingBufferSize(10_000));
        await hydrateIslands(page);
        const w = page.locator(p.widget).first();
        await w.scrollIntoViewIfNeeded();
        await p.run(w);
        await page.waitForLoadState("networkidle");
        const all = await resources(page);
        const sum: Record<Kind, number> = { ortWasm: 0, ortJs: 0, model: 0, weightsJson: 0, other: 0 };
        for (const r of all) sum[kindOf(r.url)] += r.bytes;
        const wasms = [...new Set(all.filter((r) => kindOf(r.url) === "ortWasm").map((r) => new URL(r.url).pathname.split("/").pop()))];
        const total = Object.values(sum).reduce((a, b) => a + b, 0);
        rows.push(
          `| ${p.name} | ${device} | ${MB(sum.ortWasm)} MB (${wasms.join(", ")}) | ${(sum.ortJs / 1e3).toFixed(0)} kB | ${(sum.model / 1e3).toFixed(0)} kB | ${(sum.weightsJson / 1e3).toFixed(0)} kB | ${MB(total)} MB |`,
        );
        expect(wasms).toHaveLength(1);
        expect(wasms[0]).toMatch(device === "webgpu" ? /asyncify/ : /^ort-wasm-simd-threaded\.(?!asyncify)/);
        expect(all.filter((r) => kindOf(r.url) === "weightsJson").map((r) => r.url)).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      }, 420_000);
    }
  }
});
