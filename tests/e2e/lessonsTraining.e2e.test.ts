/**
 * Browser tests of the training lessons: backpropagation (the backprop stepper), SGD and minibatches
 * (the minibatch line fit) and optimizers (the optimizer race). Each widget is driven by clicking,
 * typing, dragging and the keyboard; its state must survive a reload through the URL; a bad URL
 * parameter shows a notice; its challenge can be completed by driving it; axe finds nothing serious.
 */
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "./chromium.mjs";
import { baseUrl, hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const BACKPROP = "/lessons/backpropagation/";
const MINIBATCH = "/lessons/sgd-and-minibatches/";
const RACE = "/lessons/optimizers/";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Parses a number as the widgets print it (true minus sign, optional exponent). */
function num(text: string | null): number {
  return Number((text ?? "").trim().replace(/\u2212/g, "-"));
}

async function widget(page: Page, name: string) {
  const root = page.locator(`[data-widget="${name}"]`);
  await root.scrollIntoViewIfNeeded();
  // The island hydrates when visible; its URL notice/effects run on mount.
  await page.waitForFunction(
    (n) => document.querySelector(`astro-island [data-widget="${n}"]`)?.closest("astro-island")?.hasAttribute("ssr") === false,
    name,
  );
  return root;
}

async function challengeState(page: Page): Promise<string | null> {
  return page.locator("section.challenge").getAttribute("data-state");
}

async function expectMathTypeset(page: Page) {
  expect(await page.locator("article .katex").count()).toBeGreaterThan(5);
  expect(await page.locator("article .katex-display").count()).toBeGreaterThan(2);
  const text = (await page.locator("article").innerText()).replace(/\s+/g, " ");
  expect(text).not.toContain("$$");
  expect(text).not.toMatch(/\\(frac|sum|eta|theta|partial)\b/);
}

async function jsBytes(path: string, widgetName: string): Promise<{ total: number; files: number }> {
  const { page, context } = await openPage(browser, path);
  const scripts: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.body().then((b) => gzipSync(b).length));
  });
  await page.reload({ waitUntil: "networkidle" });
  await widget(page, widgetName);
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(scripts);
  await context.close();
  return { total: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
}

async function screenshotsAndLayout(path: string, widgetName: string, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 360]) {
      const { page, context, problems } = await openPage(browser, path, { width, colorScheme });
      await widget(page, widgetName);
      await page.waitForTimeout(250);
      if (width === 360) expect(await hasHorizontalScroll(page), `${name} at 360 px`).toBe(false);
      await screenshot(page, `${name}-${width}-${colorScheme}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  }
}

// ————————————————————————————————————————————————————————————————————————————

describe("lesson: backpropagation (backprop stepper)", () => {
  it("renders the lesson with KaTeX math, a challenge box and no console errors", async () => {
    const { page, problems, context } = await openPage(browser, BACKPROP);
    await expectMathTypeset(page);
    expect(await page.locator('section.challenge[data-challenge="backprop-flip-sign"]').count()).toBe(1);
    await widget(page, "backprop-stepper");
    expect(await page.locator('[data-testid="bp-graph"] [data-node]').count()).toBe(30);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("steps forward and backward by click and keyboard, showing values, gradients and KaTeX chain-rule products", async () => {
    const { page, problems, context } = await openPage(browser, BACKPROP);
    const root = await widget(page, "backprop-stepper");
    const status = root.locator('[data-testid="bp-status"]');
    await root.locator('[data-action="step"]').click();
    await expect.poll(() => status.textContent()).toMatch(/Step 1 of \d+, forward pass: computed p₁/);
    // A formula made after hydration is typeset once KaTeX has loaded (on first use): wait for it.
    await expect.poll(() => root.locator('[data-testid="bp-forward-tex"] .katex').count()).toBe(1);

    await root.locator('[data-action="forward-end"]').click();
    expect(await root.locator("[data-grad]").count()).toBe(0);
    // Keyboard: the graph region steps with the arrow keys.
    await root.locator('[role="region"]').first().focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => status.textContent()).toMatch(/backward pass: computed ∂E\/∂E/);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await root.locator("[data-grad]").count()).toBe(3);
    await page.keyboard.press("ArrowLeft");
    expect(await root.locator("[data-grad]").count()).toBe(2);

    await root.locator('[data-action="end"]').click();
    expect(await root.locator("[data-grad]").count()).toBe(26);
    // Pick w₁ by clicking its node: the chain-rule product is typeset with numbers.
    await root.locator('[data-node="w1"]').click();
    const backward = root.locator('[data-testid="bp-backward-tex"]');
    await expect.poll(() => backward.locator(".katex").count()).toBe(1);
    const math = await backward.locator("annotation").textContent();
    expect(math).toContain("\\frac{\\partial E}{\\partial w_1}");
    expect(math).toContain("x_1");
    // The node picker is the keyboard path to the same readout.
    await root.locator('[data-testid="bp-node"]').selectOption("z1");
    await expect.poll(() => backward.locator("annotation").textContent()).toContain("h_1\\,(1 - h_1)");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("updates every gradient when a weight is typed, and the finite-difference check agrees", async () => {
    const { page, problems, context } = await openPage(browser, `${BACKPROP}?bp.step=43`);
    const root = await widget(page, "backprop-stepper");
    const row = root.locator('[data-param="w1"]');
    const before = num(await row.locator('[data-cell="analytic"]').textContent());
    const loss = num(await root.locator('[data-testid="bp-loss"]').textContent());
    await root.locator('[data-control="w5"] input').fill("-2");
    await expect.poll(async () => num(await row.locator('[data-cell="analytic"]').textContent())).not.toBe(before);
    expect(num(await root.locator('[data-testid="bp-loss"]').textContent())).not.toBe(loss);
    for (const name of ["w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "b3"]) {
      const r = root.locator(`[data-param="${name}"]`);
      const analytic = num(await r.locator('[data-cell="analytic"]').textContent());
      const numeric = num(await r.locator('[data-cell="numeric"]').textContent());
      expect(Math.abs(analytic - numeric), name).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(analytic)));
      expect(await r.locator('[data-cell="agree"]').textContent()).toMatch(/^✓/);
    }
    expect(page.url()).toContain("bp.w5=-2");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("restores its state from the URL and flags a bad parameter", async () => {
    const { page, problems, context } = await openPage(browser, `${BACKPROP}?bp.step=5&bp.w1=-1.5&bp.node=h2`);
    const root = await widget(page, "backprop-stepper");
    await expect.poll(() => root.locator('[data-testid="bp-status"]').textContent()).toMatch(/^Step 5 of/);
    expect(await root.locator('[data-control="w1"] input').inputValue()).toBe("−1.5");
    expect(await root.locator('[data-testid="bp-node"]').inputValue()).toBe("h2");
    expect(await root.locator('[data-testid="url-notice"]').count()).toBe(0);
    await context.close();

    const bad = await openPage(browser, `${BACKPROP}?bp.w1=banana`);
    const badRoot = await widget(bad.page, "backprop-stepper");
    await expect.poll(() => badRoot.locator('[data-testid="url-notice"]').textContent()).toContain("bp.w1=banana ignored");
    expect(problems).toEqual([]);
    expect(bad.problems).toEqual([]);
    await bad.context.close();
  });

  it("completes the challenge when only the target changes and ∂E/∂w₁ turns positive", async () => {
    const { page, problems, context } = await openPage(browser, BACKPROP);
    const root = await widget(page, "backprop-stepper");
    await root.locator('[data-action="end"]').click();
    expect(await challengeState(page)).toBe("open");
    await root.locator('[data-control="y"] input').fill("-1");
    await expect.poll(() => challengeState(page)).toBe("done");
    expect(num(await root.locator('[data-param="w1"] [data-cell="analytic"]').textContent())).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("has no serious axe violations, fits 360 px and looks right in both themes", async () => {
    const { page, context } = await openPage(browser, `${BACKPROP}?bp.step=30`);
    await widget(page, "backprop-stepper");
    expect(await seriousAxeViolations(page)).toEqual([]);
    // No display formula needs its own scrollbar at desktop width.
    const overflowing = await page
      .locator("article .katex-display")
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent?.slice(0, 40)));
    expect(overflowing).toEqual([]);
    await context.close();
    await screenshotsAndLayout(`${BACKPROP}?bp.step=30&bp.node=z1`, "backprop-stepper", "backprop");
  }, 180_000);
});

// ————————————————————————————————————————————————————————————————————————————

describe("lesson: SGD and minibatches (minibatch line fit)", () => {
  it("renders the lesson with KaTeX math and the updates-per-epoch counts", async () => {
    const { page, problems, context } = await openPage(browser, MINIBATCH);
    await expectMathTypeset(page);
    const root = await widget(page, "minibatch-fit");
    expect((await root.locator('[data-run="1"] [data-cell="per-epoch"]').textContent())?.replace(/\s/g, "")).toBe("⌈100/1⌉=100");
    expect((await root.locator('[data-run="32"] [data-cell="per-epoch"]').textContent())?.replace(/\s/g, "")).toBe("⌈100/32⌉=4");
    expect((await root.locator('[data-run="100"] [data-cell="per-epoch"]').textContent())?.replace(/\s/g, "")).toBe("⌈100/100⌉=1");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("plays: samples are consumed, trails grow and the loss goes down", async () => {
    const { page, problems, context } = await openPage(browser, MINIBATCH);
    const root = await widget(page, "minibatch-fit");
    const loss = () => root.locator('[data-run="1"] [data-cell="loss"]').textContent().then(num);
    const start = await loss();
    await root.locator('[data-action="play"]').click();
    await expect.poll(() => root.getAttribute("data-playing")).toBe("yes");
    // Frames can be slow in a software-rendered headless browser: wait for progress, not for time.
    const updates = () => root.locator('[data-run="1"] [data-cell="updates"]').textContent().then(num);
    await expect.poll(updates, { timeout: 20_000 }).toBeGreaterThan(20);
    await root.locator('[data-action="pause"]').click();
    expect(await loss()).toBeLessThan(start);
    expect(page.url()).toMatch(/mb\.seen=\d+/);
    // Keyboard: the samples-seen range steps with the arrow keys.
    const range = root.locator('[data-control="seen"] input[type="range"]');
    const value = Number(await range.inputValue());
    await range.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => Number(await range.inputValue())).toBe(value + 1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("draws a run that blew up (learning rate 0.9, batch 1) only as far as the chart's edge", async () => {
    const { page, problems, context } = await openPage(browser, `${MINIBATCH}?mb.lr=0.9&mb.seen=500`);
    const root = await widget(page, "minibatch-fit");
    await expect.poll(() => root.locator('[data-run="1"] [data-cell="loss"]').textContent()).toMatch(/diverged/);
    const box = (await root.locator('[data-testid="mb-contour"]').boundingBox())!;
    const d = (await root.locator('[data-trail="1"]').getAttribute("d")) ?? "";
    const numbers = (d.match(/-?\d+(\.\d+)?(e[+-]?\d+)?/g) ?? []).map(Number);
    expect(numbers.length).toBeGreaterThan(0);
    expect(Math.max(...numbers.map(Math.abs))).toBeLessThan(2 * Math.max(box.width, box.height, 600));
    expect(problems).toEqual([]);
    await context.close();
  });

  it("moves the start when the contour chart is dragged", async () => {
    const { page, problems, context } = await openPage(browser, `${MINIBATCH}?mb.seen=300`);
    const root = await widget(page, "minibatch-fit");
    const trail = root.locator('[data-trail="32"]');
    const before = await trail.getAttribute("d");
    const box = (await root.locator('[data-testid="mb-contour"]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => trail.getAttribute("d")).not.toBe(before);
    expect(page.url()).toMatch(/mb\.w0=/);

    // The keyboard path: focus the start and nudge it (→ slope +0.05, Shift+↑ intercept +0.25).
    const handle = root.locator('[data-testid="mb-start-handle"]');
    const w0 = Number(new URL(page.url()).searchParams.get("mb.w0"));
    const b0 = Number(new URL(page.url()).searchParams.get("mb.b0"));
    await handle.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => Number(new URL(page.url()).searchParams.get("mb.w0"))).toBeCloseTo(Math.min(4, w0 + 0.05), 6);
    await page.keyboard.press("Shift+ArrowUp");
    await expect.poll(() => Number(new URL(page.url()).searchParams.get("mb.b0"))).toBeCloseTo(Math.min(4, b0 + 0.25), 6);
    expect(await handle.getAttribute("aria-label")).toMatch(/^Start at w = /);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("restores its state from the URL and flags a bad parameter", async () => {
    const { page, context } = await openPage(browser, `${MINIBATCH}?mb.lr=0.02&mb.seen=250&mb.b32=0&mb.opt=momentum`);
    const root = await widget(page, "minibatch-fit");
    await expect.poll(() => root.locator('[data-control="lr"] input[type="text"]').inputValue()).toBe("0.02");
    expect(await root.locator('[data-control="seen"] input[type="text"]').inputValue()).toBe("250");
    expect(await root.locator('input[data-run="32"]').isChecked()).toBe(false);
    expect(await root.locator('[data-control="opt"] input[value="momentum"]').isChecked()).toBe(true);
    await context.close();

    const bad = await openPage(browser, `${MINIBATCH}?mb.opt=teleport&mb.epochs=1.5`);
    const badRoot = await widget(bad.page, "minibatch-fit");
    const notice = badRoot.locator('[data-testid="url-notice"]');
    await expect.poll(() => notice.textContent()).toContain("mb.opt=teleport ignored");
    expect(await notice.textContent()).toContain("mb.epochs=1.5 ignored");
    expect(bad.problems).toEqual([]);
    await bad.context.close();
  });

  it("completes the challenge: a higher learning rate gets B = 1 below the target within one epoch", async () => {
    const { page, problems, context } = await openPage(browser, MINIBATCH);
    const root = await widget(page, "minibatch-fit");
    await root.locator('[data-control="seen"] input[type="text"]').fill("100");
    await page.waitForTimeout(100);
    expect(await challengeState(page)).toBe("open");
    await root.locator('[data-control="lr"] input[type="text"]').fill("0.05");
    await expect.poll(() => challengeState(page)).toBe("done");
    expect(num(await root.locator('[data-run="1"] [data-cell="epoch-loss"]').textContent())).toBeLessThan(0.3);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("has no serious axe violations, fits 360 px and looks right in both themes", async () => {
    const { page, context } = await openPage(browser, `${MINIBATCH}?mb.seen=180`);
    await widget(page, "minibatch-fit");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
    await screenshotsAndLayout(`${MINIBATCH}?mb.seen=180`, "minibatch-fit", "minibatch");
  }, 180_000);
});

// ————————————————————————————————————————————————————————————————————————————

describe("lesson: optimizers (optimizer race)", () => {
  const lossSum = (root: ReturnType<Page["locator"]>) =>
    root
      .locator('[data-cell="loss"]')
      .allTextContents()
      .then((texts) => texts.reduce((a, t) => a + num(t.split("★")[0]), 0));

  it("renders the lesson with KaTeX math (the update rules) and six racers", async () => {
    const { page, problems, context } = await openPage(browser, RACE);
    await expectMathTypeset(page);
    const annotations = (await page.locator("article .katex annotation").allTextContents()).join("\n");
    expect(annotations).toContain("v \\leftarrow \\alpha v - \\eta\\, g");
    expect(annotations).toContain("\\hat m = \\frac{m}{1 - \\beta_1^{\\,t}}");
    const root = await widget(page, "optimizer-race");
    expect(await root.locator("tr[data-racer]").count()).toBe(6);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("plays with requestAnimationFrame and the losses go down; step and reset work", async () => {
    const { page, problems, context } = await openPage(browser, RACE);
    const root = await widget(page, "optimizer-race");
    const start = await lossSum(root);
    await root.locator('[data-action="step"]').click();
    await expect.poll(() => root.getAttribute("data-steps")).toBe("1");
    await root.locator('[data-action="play"]').click();
    await expect.poll(() => root.getAttribute("data-playing")).toBe("yes");
    await expect.poll(async () => Number(await root.getAttribute("data-steps")), { timeout: 20_000 }).toBeGreaterThan(12);
    await root.locator('[data-action="pause"]').click();
    const paused = await root.getAttribute("data-steps");
    await page.waitForTimeout(200);
    expect(await root.getAttribute("data-steps")).toBe(paused);
    expect(await lossSum(root)).toBeLessThan(start);
    await root.locator('[data-action="reset"]').click();
    await expect.poll(() => root.getAttribute("data-steps")).toBe("0");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("measures the race's frame rate while it plays", async () => {
    // The harness browser renders through SwiftShader (for the WebGPU suites), which on a busy
    // machine composites any page full of KaTeX at a few frames per second. The frame rate is
    // measured there and in the same Chromium without the software-GPU flags; only the second,
    // closer to a learner's browser, is held to a floor.
    const plain = await chromium.launch({
      executablePath: findChromium()!,
      args: CHROMIUM_ARGS.filter((a) => !/webgpu|vulkan|swiftshader/i.test(a)),
      headless: true,
    });
    const results: string[] = [];
    let plainFps = 0;
    for (const [label, b] of [
      ["harness (SwiftShader)", browser],
      ["plain headless", plain],
    ] as const) {
      const context = await b.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(baseUrl() + RACE, { waitUntil: "networkidle" });
      const root = await widget(page, "optimizer-race");
      await root.locator('[data-action="play"]').click();
      const measured = await page.evaluate(
        () =>
          new Promise<{ fps: number; steps: number }>((resolve) => {
            const el = document.querySelector('[data-widget="optimizer-race"]')!;
            const s0 = Number(el.getAttribute("data-steps"));
            let frames = 0;
            const t0 = performance.now();
            const count = (t: number) => {
              frames += 1;
              if (t - t0 < 3000) requestAnimationFrame(count);
              else resolve({ fps: (frames * 1000) / (t - t0), steps: Number(el.getAttribute("data-steps")) - s0 });
            };
            requestAnimationFrame(count);
          }),
      );
      const widgetFps = Number(await root.getAttribute("data-fps"));
      results.push(`${label}: ${measured.fps.toFixed(1)} frames/s (widget's own count ${widgetFps}), ${measured.steps} steps in 3 s`);
      if (b === plain) plainFps = measured.fps;
      await context.close();
    }
    await plain.close();
    console.log(`optimizer race frame rate — ${results.join("; ")}`);
    expect(plainFps).toBeGreaterThan(20);
  });

  it("keeps racing after optimizers diverge: their trails end at the plot's edge", async () => {
    // From (2, −1) on Rosenbrock, plain SGD, momentum and Nesterov blow up to |x| ≈ 10⁶ in a few
    // steps. Their trails were drawn (dashed) out to those points, and the race then painted about
    // one step per second.
    const { page, problems, context } = await openPage(browser, `${RACE}?race.s=rosenbrock&race.x0=2&race.y0=-1`);
    const root = await widget(page, "optimizer-race");
    await root.locator('[data-action="play"]').click();
    await expect.poll(() => root.locator('[data-testid="race-table"]').textContent()).toMatch(/diverged/);
    const t0 = Date.now();
    await expect.poll(() => root.getAttribute("data-steps").then(Number), { timeout: 30_000 }).toBeGreaterThanOrEqual(300);
    console.log(`optimizer race after a divergence: 300 steps in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const chart = (await root.locator('[data-testid="race-chart"]').boundingBox())!;
    for (const d of await root.locator("[data-trail]").evaluateAll((paths) => paths.map((p) => p.getAttribute("d") ?? ""))) {
      const numbers = (d.match(/-?\d+(\.\d+)?(e[+-]?\d+)?/g) ?? []).map(Number);
      expect(Math.max(...numbers.map(Math.abs))).toBeLessThan(2 * Math.max(chart.width, chart.height, 600));
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("moves the start point (and replays the trajectories) by mouse drag and by arrow keys", async () => {
    const { page, problems, context } = await openPage(browser, RACE);
    const root = await widget(page, "optimizer-race");
    for (let i = 0; i < 5; i++) await root.locator('[data-action="step"]').click();
    const trail = root.locator('[data-trail="adam"]');
    const before = await trail.getAttribute("d");
    const handle = root.locator('[data-testid="race-start"]');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 60, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => trail.getAttribute("d")).not.toBe(before);
    expect(await root.getAttribute("data-steps")).toBe("5");
    const x0 = Number(new URL(page.url()).searchParams.get("race.x0"));
    expect(x0).toBeGreaterThan(-1.8);

    await handle.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => Number(new URL(page.url()).searchParams.get("race.x0"))).toBeCloseTo(x0 + 0.08, 6);
    await page.keyboard.press("Shift+ArrowUp");
    expect(await handle.getAttribute("aria-label")).toMatch(/^Start point at x = /);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("drags the start point with a finger at 360 px", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
    await page.goto(baseUrl() + RACE, { waitUntil: "networkidle" });
    const root = await widget(page, "optimizer-race");
    const handle = root.locator('[data-testid="race-start"]');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const cdp = await context.newCDPSession(page);
    const at = (dx: number, dy: number) => [{ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy }];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0, 0) });
    for (let k = 1; k <= 5; k++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(10 * k, 8 * k) });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect.poll(() => new URL(page.url()).searchParams.get("race.x0")).not.toBeNull();
    expect(Number(new URL(page.url()).searchParams.get("race.x0"))).toBeGreaterThan(-1.8);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("restores surface, start, switches and rates from the URL, and flags bad parameters", async () => {
    const { page, context } = await openPage(
      browser,
      `${RACE}?race.s=rosenbrock&race.x0=-1&race.y0=2&race.lr.adam=0.1&race.on.sgd=0&race.beta2=0.9`,
    );
    const root = await widget(page, "optimizer-race");
    await expect.poll(() => root.locator('[data-control="surface"] input[value="rosenbrock"]').isChecked()).toBe(true);
    expect(await root.locator('[data-control="lr-adam"] input').inputValue()).toBe("0.1");
    expect(await root.locator('[data-racer="sgd"] input[type="checkbox"]').isChecked()).toBe(false);
    expect(await root.locator('[data-testid="race-start"]').getAttribute("aria-label")).toContain("x = −1, y = 2");
    expect(await root.locator('[data-control="beta2"] input[type="text"]').inputValue()).toBe("0.9");
    await context.close();

    const bad = await openPage(browser, `${RACE}?race.s=moon&race.lr.sgd=fast`);
    const badRoot = await widget(bad.page, "optimizer-race");
    const notice = badRoot.locator('[data-testid="url-notice"]');
    await expect.poll(() => notice.textContent()).toContain("race.s=moon ignored");
    expect(await notice.textContent()).toContain("race.lr.sgd=fast ignored");
    expect(bad.problems).toEqual([]);
    await bad.context.close();
  });

  it("completes the challenge: Adam tuned by typing reaches the Rosenbrock minimum within 300 steps", async () => {
    const { page, problems, context } = await openPage(browser, RACE);
    const root = await widget(page, "optimizer-race");
    await root.locator('[data-control="surface"] input[value="rosenbrock"]').check();
    await root.locator('[data-control="lr-adam"] input').fill("0.1");
    await root.locator('[data-control="beta2"] input[type="text"]').fill("0.9");
    await root.locator('[data-control="speed"] input[value="10"]').check();
    await root.locator('[data-action="play"]').click();
    await expect.poll(() => challengeState(page), { timeout: 15_000 }).toBe("done");
    const arrived = await root.locator('[data-racer="adam"] [data-cell="loss"]').textContent();
    expect(arrived).toMatch(/★ \d+/);
    expect(Number(arrived!.split("★")[1])).toBeLessThanOrEqual(300);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a learning-rate box keeps focus while the learner types, and the arrow keys scale the rate again and again", async () => {
    // Typing "0.002" once left η = 0: the row was rebuilt after the first keystroke and the box lost focus.
    const { page, problems, context } = await openPage(browser, RACE);
    const root = await widget(page, "optimizer-race");
    const box = root.locator('[data-control="lr-sgd"] input');
    await box.click();
    await box.selectText();
    await page.keyboard.type("0.002", { delay: 30 });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.inputValue()).toBe("0.002");
    await expect.poll(() => new URL(page.url()).searchParams.get("race.lr.sgd")).toBe("0.002");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    // ×1.25 three times, to three significant digits each time: 0.0025, 0.00313, 0.00391.
    await expect.poll(() => new URL(page.url()).searchParams.get("race.lr.sgd")).toBe("0.00391");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    // SGD moves with the typed rate.
    const before = await root.locator('[data-racer="sgd"] [data-cell="position"]').textContent();
    await root.locator('[data-action="step"]').click();
    await expect.poll(() => root.locator('[data-racer="sgd"] [data-cell="position"]').textContent()).not.toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the whole table, state column included, without scrolling at 1280 px", async () => {
    const { page, problems, context } = await openPage(browser, `${RACE}?race.s=rosenbrock`);
    const root = await widget(page, "optimizer-race");
    for (let i = 0; i < 3; i++) await root.locator('[data-action="step"]').click();
    const wrap = root.locator('[role="region"]');
    const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const figure = (await root.boundingBox())!;
    for (const cell of await root.locator('[data-cell="state"]').all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(figure.x + figure.width + 0.5);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("with reduced motion, Play jumps 50 steps instead of animating", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
    const page = await context.newPage();
    await page.goto(baseUrl() + RACE, { waitUntil: "networkidle" });
    const root = await widget(page, "optimizer-race");
    const play = root.locator('[data-action="play"]');
    await expect.poll(() => play.textContent()).toContain("Run 50 steps");
    await play.click();
    await expect.poll(() => root.getAttribute("data-steps")).toBe("50");
    expect(await root.getAttribute("data-playing")).toBe("no");
    await context.close();
  });

  it("has no serious axe violations, fits 360 px and looks right in both themes", async () => {
    const { page, context } = await openPage(browser, RACE);
    const root = await widget(page, "optimizer-race");
    for (let i = 0; i < 5; i++) await root.locator('[data-action="step"]').click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
    await screenshotsAndLayout(`${RACE}?race.s=rosenbrock&race.lr.adam=0.1&race.beta2=0.9`, "optimizer-race", "optimizers");
  }, 180_000);
});

describe("page weight of the training lessons", () => {
  it("reports the gzipped JavaScript each lesson ships", async () => {
    for (const [path, name] of [
      [BACKPROP, "backprop-stepper"],
      [MINIBATCH, "minibatch-fit"],
      [RACE, "optimizer-race"],
    ] as const) {
      const { total, files } = await jsBytes(path, name);
      console.log(`${path}: ${total} bytes of JavaScript gzipped in ${files} files`);
      expect(total).toBeLessThan(250_000);
    }
  });
});
