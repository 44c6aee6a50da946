/**
 * Embedding: /embed pages framed by pages on other origins through /embed.js. The site runs on
 * http://localhost:P (the global setup); this file serves host pages on a second origin
 * (http://localhost:Q) and a third one (http://127.0.0.1:Q — another host, so another origin).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, builtPages, hasHorizontalScroll, launchBrowser, screenshot, seriousAxeViolations } from "./harness.ts";
import { siteDir } from "./siteDir.mjs";

let browser: Browser;
let hostServer: Server;
let hostPort = 0;
const pages = new Map<string, string>();

/** Host origin (named as `parent` by the loader) and a third origin nobody names. */
const host = () => `http://localhost:${hostPort}`;
const third = () => `http://127.0.0.1:${hostPort}`;

const RECORDER = `
  window.__messages = [];
  window.__events = [];
  window.addEventListener("message", (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  for (const name of ["deep-sky-ready", "deep-sky-resize", "deep-sky-result"]) {
    document.addEventListener(name, (e) => window.__events.push({ name, target: e.target.id, detail: e.detail }));
  }
`;

beforeAll(async () => {
  browser = await launchBrowser();
  const site = baseUrl();
  pages.set(
    "/host.html",
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course</title><script>${RECORDER}</script></head><body><main>
      <h1>A course page</h1>
      <div id="race" data-deep-sky-embed="optimizer-race" data-state="race.s=rosenbrock&amp;race.lr.adam=0.05" data-height="300"><iframe src="${site}/embed/optimizer-race/" title="fallback"></iframe></div>
      <deep-sky-embed id="exercise" name="exercise/neuron-output" state="seed=12&level=1" title="Neuron output exercise"></deep-sky-embed>
      <div id="bad" data-deep-sky-embed="../../<img src=x onerror=window.__pwned=1>"></div>
      <script src="${site}/embed.js" async></script>
    </main></body></html>`,
  );
  // A third origin framing the exercise directly, naming the host (not itself) as parent, and
  // once naming no parent at all: neither may receive a result.
  pages.set(
    "/third.html",
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Third</title><script>${RECORDER}</script></head><body><main>
      <iframe id="named-other" title="a" width="800" height="700" src="${site}/embed/exercise/neuron-output/?seed=12&level=1&parent=${encodeURIComponent(host())}"></iframe>
      <iframe id="no-parent" title="b" width="800" height="700" src="${site}/embed/exercise/neuron-output/?seed=12&level=1"></iframe>
    </main></body></html>`,
  );
  hostServer = createServer((request, response) => {
    const body = pages.get((request.url ?? "/").split("?")[0]!);
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => hostServer.listen(0, "127.0.0.1", resolve));
  hostPort = (hostServer.address() as { port: number }).port;
  pages.set("/third.html", pages.get("/third.html")!.replaceAll("localhost%3A0", `localhost%3A${hostPort}`));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => hostServer?.close(resolve));
});

type Recorded = { messages: { origin: string; data: unknown }[]; events: { name: string; target: string; detail: unknown }[] };

async function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => {
    const w = window as unknown as { __messages: Recorded["messages"]; __events: Recorded["events"] };
    return { messages: w.__messages, events: w.__events };
  });
}

/** A context whose pages report uncaught errors, console errors, dialogs and CSP violations. */
async function openWatched(url: string, options: { width?: number; colorScheme?: "light" | "dark" } = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1000, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: "networkidle" });
  return { page, context, problems };
}

async function answerExercise(frame: Frame): Promise<void> {
  const input = frame.locator("form input:not([type=hidden]):not([type=radio]):not([type=checkbox])").first();
  await input.waitFor({ timeout: 15_000 });
  await input.fill("0");
  await frame.getByRole("button", { name: "Check" }).click();
}

describe("embedding through /embed.js on another origin", () => {
  it("turns placeholders into auto-resizing iframes that announce themselves and report results to the host", async () => {
    const { page, context, problems } = await openWatched(`${host()}/host.html`);
    const race = page.locator("#race iframe");
    const exercise = page.locator("#exercise iframe");
    await expect
      .poll(async () => (await recorded(page)).events.filter((e) => e.name === "deep-sky-ready").length, { timeout: 20_000 })
      .toBe(2);
    expect(await race.getAttribute("sandbox")).toBe(
      "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox",
    );
    expect(await race.getAttribute("src")).toBe(
      `${baseUrl()}/embed/optimizer-race/?race.s=rosenbrock&race.lr.adam=0.05&parent=${encodeURIComponent(host())}`,
    );
    // The widget read its state from the URL through its own schema.
    const raceFrame = page.frame({ url: /\/embed\/optimizer-race\// })!;
    await expect.poll(() => raceFrame.evaluate(() => new URLSearchParams(location.search).get("race.lr.adam"))).toBe("0.05");
    expect(await raceFrame.evaluate(() => document.body.textContent)).toMatch(/Rosenbrock/);
    // Resized to the content (not the 300 px asked for), within a pixel of the content's height.
    await expect.poll(async () => (await race.boundingBox())?.height ?? 0, { timeout: 10_000 }).toBeGreaterThan(400);
    const contentHeight = await raceFrame.evaluate(() => document.querySelector("[data-embed-root]")!.getBoundingClientRect().height);
    expect(Math.abs((await race.boundingBox())!.height - contentHeight)).toBeLessThanOrEqual(2);
    // The bad placeholder says so, as text.
    expect(await page.locator("#bad").textContent()).toMatch(/does not name a widget/);
    expect(await page.locator("#bad img").count()).toBe(0);

    const exerciseFrame = page.frame({ url: /\/embed\/exercise\/neuron-output\// })!;
    await answerExercise(exerciseFrame);
    await expect
      .poll(async () => (await recorded(page)).events.filter((e) => e.name === "deep-sky-result").length, { timeout: 10_000 })
      .toBe(1);
    const result = (await recorded(page)).events.find((e) => e.name === "deep-sky-result")!;
    expect(result.target).toBe("exercise");
    expect(result.detail).toMatchObject({
      type: "deep-sky:result",
      kind: "exercise",
      name: "exercise/neuron-output",
      family: "neuron-output",
      seed: "12",
      level: 1,
    });
    const detail = result.detail as { earned: number; total: number };
    expect(detail.total).toBeGreaterThan(0);
    expect(detail.earned).toBeGreaterThanOrEqual(0);
    // Every message the host saw came from the Deep Sky origin.
    for (const m of (await recorded(page)).messages) expect(m.origin).toBe(baseUrl());
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await exercise.getAttribute("title")).toBe("Neuron output exercise");
    expect(problems).toEqual([]);
    await screenshot(page, "embed-host-1000");
    await context.close();
  }, 90_000);

  it("ignores messages from the wrong origin or source, and malformed ones from the right frame", async () => {
    const { page, context, problems } = await openWatched(`${host()}/host.html`);
    await expect
      .poll(async () => (await recorded(page)).events.filter((e) => e.name === "deep-sky-ready").length, { timeout: 20_000 })
      .toBe(2);
    const before = (await recorded(page)).events.length;
    const fake = {
      type: "deep-sky:result",
      kind: "exercise",
      name: "exercise/neuron-output",
      family: "neuron-output",
      seed: "1",
      level: 1,
      earned: 1,
      total: 1,
    };
    // Same shape, wrong origin/source: posted by the host page itself.
    await page.evaluate((m) => window.postMessage(m, "*"), fake);
    // Right origin and source, wrong shapes: posted from inside the embed (as a compromised widget could).
    const frame = page.frame({ url: /\/embed\/optimizer-race\// })!;
    await frame.evaluate(() => {
      const junk: unknown[] = [
        "deep-sky:result",
        null,
        {
          type: "deep-sky:result",
          kind: "exercise",
          name: "<img src=x onerror=window.__pwned=1>",
          family: "a",
          seed: "1",
          level: 1,
          earned: 1,
          total: 1,
        },
        { type: "deep-sky:resize", height: 1e12 },
        { type: "deep-sky:resize", height: -5 },
        { type: "deep-sky:ready", name: "optimizer-race", extra: "<script>" },
        { type: "deep-sky:result", kind: "challenge", name: "exercise/neuron-output", challenge: "x" },
        { type: "deep-sky:ready", name: "x".repeat(100_000) },
      ];
      for (let i = 0; i < 200; i++) {
        const bytes = crypto.getRandomValues(new Uint8Array(64));
        junk.push({ type: "deep-sky:result", kind: "exercise", name: String.fromCharCode(...bytes) });
        junk.push(String.fromCharCode(...bytes));
      }
      for (const m of junk) parent.postMessage(m, "*");
    });
    await page.waitForTimeout(500);
    const after = (await recorded(page)).events.slice(before);
    expect(after.filter((e) => e.name !== "deep-sky-resize")).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const height = (await page.locator("#race iframe").boundingBox())!.height;
    expect(height).toBeGreaterThan(100);
    expect(height).toBeLessThan(20_001);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("sends no results to a third origin, whether it names another parent or none", async () => {
    const { page, context, problems } = await openWatched(`${third()}/third.html`);
    for (const id of ["named-other", "no-parent"]) {
      const frame = page.frame({ url: id === "no-parent" ? /level=1$/ : /parent=/ })!;
      await answerExercise(frame);
      // Graded — yet nothing may reach this page.
      await frame
        .getByText(/Correct|Not quite|A common mistake/)
        .first()
        .waitFor({ timeout: 10_000 });
    }
    await page.waitForTimeout(800);
    const { messages } = await recorded(page);
    expect(messages.filter((m) => (m.data as { type?: string }).type === "deep-sky:result")).toEqual([]);
    // Without a parent, only ready and resize (nothing about the learner) were sent, to "*".
    expect(messages.some((m) => (m.data as { type?: string }).type === "deep-sky:ready")).toBe(true);
    // The frame naming another origin sent nothing here at all: the browser dropped it all.
    expect(messages.filter((m) => (m.data as { name?: string }).name === "exercise/neuron-output").length).toBe(1);
    expect(problems.filter((p) => !p.includes("does not match the recipient window's origin"))).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("embed pages", () => {
  const embedPages = () => builtPages().filter((p) => p.startsWith("/embed/"));

  it("exist for every widget in the registry and every exercise family, axe clean, without console errors", async () => {
    const paths = embedPages();
    expect(paths.filter((p) => p.startsWith("/embed/exercise/")).length).toBeGreaterThanOrEqual(30);
    expect(paths.filter((p) => !p.startsWith("/embed/exercise/")).length).toBeGreaterThanOrEqual(9);
    const report: string[] = [];
    for (const path of paths) {
      const { page, context, problems } = await openWatched(`${baseUrl()}${path}`, { width: 800 });
      await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0, undefined, { timeout: 15_000 });
      for (const v of await seriousAxeViolations(page)) report.push(`${path} ${v.id}: ${v.help} (${v.targets.join(", ")})`);
      if (await hasHorizontalScroll(page)) report.push(`${path}: scrolls horizontally at 800 px`);
      for (const p of problems) report.push(`${path}: ${p}`);
      expect(await page.locator('link[rel="alternate"][type="application/json+oembed"]').count(), path).toBe(1);
      expect(await page.locator("a[data-open-full]").getAttribute("target")).toBe("_blank");
      await context.close();
    }
    expect(report).toEqual([]);
  }, 300_000);

  it("never execute or crash on hostile URL parameters", async () => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const random = Array.from({ length: 300 }, (_, i) => `%${((i * 73 + 11) % 256).toString(16).padStart(2, "0")}`).join("");
    const queries = [
      `race.lr=${encodeURIComponent(payload)}&race.opt=${encodeURIComponent(payload)}&parent=${encodeURIComponent("javascript:alert(1)")}&theme=${encodeURIComponent(payload)}`,
      `race.lr=${"9".repeat(6000)}&parent=${"a".repeat(2000)}`,
      `race.lr=${random}&${random}=${random}&parent=*`,
    ];
    for (const path of ["/embed/optimizer-race/", "/embed/neuron-explorer/", "/embed/exercise/neuron-output/"]) {
      for (const query of [...queries, `seed=${encodeURIComponent(payload)}&level=${random}`]) {
        const { page, context, problems } = await openWatched(`${baseUrl()}${path}?${query}`);
        await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0, undefined, { timeout: 15_000 });
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
        expect(await page.locator("img[src=x]").count()).toBe(0);
        expect(["light", "dark"]).toContain(await page.evaluate(() => document.documentElement.dataset.theme));
        expect(problems, `${path}?${query.slice(0, 60)}`).toEqual([]);
        await context.close();
      }
    }
  }, 120_000);

  it("follow ?theme= over the system preference", async () => {
    const dark = await openWatched(`${baseUrl()}/embed/survey-chart/?theme=dark`);
    expect(await dark.page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await dark.context.close();
    const light = await openWatched(`${baseUrl()}/embed/survey-chart/?theme=light`, { colorScheme: "dark" });
    expect(await light.page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await light.context.close();
  });

  it("look right at 360 and 800 px (screenshots)", async () => {
    for (const path of [
      "/embed/optimizer-race/",
      "/embed/exercise/neuron-output/?seed=12&level=1",
      "/embed/survey-chart/",
      "/embed/network-trainer/",
    ]) {
      for (const width of [360, 800]) {
        const { page, context, problems } = await openWatched(
          `${baseUrl()}${path}${width === 360 ? (path.includes("?") ? "&" : "?") + "theme=dark" : ""}`,
          { width },
        );
        await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0, undefined, { timeout: 15_000 });
        await page.waitForTimeout(300);
        expect(await hasHorizontalScroll(page), `${path} at ${width}`).toBe(false);
        expect(problems).toEqual([]);
        await screenshot(page, `embed-${path.split("/").filter(Boolean).slice(1).join("-").replace(/\?.*/, "")}-${width}`);
        await context.close();
      }
    }
  }, 120_000);
});

describe("the Embed button on a lesson page", () => {
  it("copies a snippet with the widget's current state from the page URL", async () => {
    const { page, context, problems } = await openWatched(
      `${baseUrl()}/lessons/optimizers/?race.s=rosenbrock&race.lr.adam=0.05&race.bogus=1`,
    );
    const button = page.getByRole("button", { name: "Embed this widget" });
    await button.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0, undefined, { timeout: 15_000 });
    await button.click();
    // The widget registry loads on this first click, so the panel opens a moment later.
    await expect.poll(() => button.getAttribute("aria-expanded")).toBe("true");
    const code = await page.getByLabel(/HTML for your page/).inputValue();
    expect(code).toContain('data-deep-sky-embed="optimizer-race"');
    expect(code).toContain('data-state="race.s=rosenbrock&amp;race.lr.adam=0.05"');
    expect(code).toContain(`src="${baseUrl()}/embed/optimizer-race/?race.s=rosenbrock&amp;race.lr.adam=0.05"`);
    expect(code).toContain(`<script src="${baseUrl()}/embed.js" async></script>`);
    expect(code).toMatch(/height="\d+"/);
    expect(await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute("href")).toMatch(
      /\/oembed\/optimizer-race\.json$/,
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the Content-Security-Policy", () => {
  it("covers every inline script of every built page by hash (prints the hash of any it misses)", () => {
    const missing: string[] = [];
    for (const path of builtPages()) {
      const file = `${siteDir()}${path.endsWith(".html") ? path : `${path}index.html`}`;
      const html = readFileSync(file, "utf8");
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/
        .exec(html)?.[1]
        ?.replaceAll("&#39;", "'")
        .replaceAll("&quot;", '"');
      if (!csp) {
        missing.push(`${path}: no CSP meta`);
        continue;
      }
      expect(csp).not.toContain("'unsafe-eval'");
      for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
        if (/\bsrc=/.test(attrs!)) continue;
        const hash = `sha256-${createHash("sha256").update(body!, "utf8").digest("base64")}`;
        if (!csp.includes(`'${hash}'`))
          missing.push(`${path}: inline script ${JSON.stringify(body!.slice(0, 60))} needs '${hash}' in src/build/csp.ts`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("serves /embed.js as a small classic script and oEmbed JSON per widget", async () => {
    const loader = await (await fetch(`${baseUrl()}/embed.js`)).text();
    expect(loader.length).toBeLessThan(8_000);
    const oembed = (await (await fetch(`${baseUrl()}/oembed/optimizer-race.json`)).json()) as Record<string, unknown>;
    expect(oembed).toMatchObject({ version: "1.0", type: "rich", provider_name: "Deep Sky" });
    expect(String(oembed.html)).toMatch(/^<iframe src="[^"]+\/embed\/optimizer-race\/"/);
  });
});
