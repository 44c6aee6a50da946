// Browser tests of the three foundation lessons (neurons, activations, loss and gradient descent):
// each page renders its KaTeX, its widget answers clicks, typing, dragging and the keyboard, restores
// its state from the URL, reports bad URL parameters, lets the learner complete the challenge, has no
// console errors and no serious axe violations, fits 360 px, and is screenshotted in both themes.
import { gzipSync } from "node:zlib";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const NEURONS = "/lessons/neurons-and-layers/";
const ACTIVATIONS = "/lessons/activation-functions/";
const DESCENT = "/lessons/loss-and-gradient-descent/";
/** Gzipped JavaScript budget for one of these lesson pages (Solid + d3 pieces + KaTeX for live formulas). */
const LESSON_JS_BUDGET_GZIP = 150_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The widget's root once its island has hydrated (Astro removes `ssr` from the island when done). */
async function hydrated(page: Page, name: string): Promise<Locator> {
  const widget = page.locator(`[data-widget="${name}"]`);
  await widget.scrollIntoViewIfNeeded();
  await page.locator(`astro-island:not([ssr]) [data-widget="${name}"]`).waitFor();
  return widget;
}

/** The range input and number box of the LabelledSlider named `name` inside `widget`. */
function slider(widget: Locator, name: string) {
  const root = widget.locator(`[data-control="${name}"]`);
  return { range: root.locator('input[type="range"]'), box: root.locator('input[type="text"]') };
}

async function typeInto(box: Locator, value: string) {
  await box.fill(value);
  await box.press("Enter");
}

const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

/** The TeX source of a live formula (KaTeX keeps it in the MathML annotation): stable to match on. */
const texOf = async (formula: Locator) => (await formula.locator("annotation").first().textContent()) ?? "";

async function expectKatex(page: Page) {
  expect(await page.locator("article .katex").count()).toBeGreaterThan(3);
  expect(await page.locator("article .katex-display").count()).toBeGreaterThan(0);
  expect(await page.locator(".katex-error").count()).toBe(0);
  const text = (await page.locator(".lesson-body").innerText()).replace(/\s+/g, " ");
  expect(text).not.toContain("$$");
  expect(text).not.toMatch(/\\(frac|sum|theta|sigma|mathbf)\b/);
  expect(await page.locator(".lesson-body h2", { hasText: "Recap" }).count()).toBe(1);
}

/** The challenge box says done, and the game layer's progress store (localStorage) has the completion. */
async function expectChallengeDone(page: Page, id: string) {
  const box = page.locator(`[data-challenge="${id}"]`);
  await expect.poll(() => box.getAttribute("data-state")).toBe("done");
  expect(await box.locator("[data-challenge-status]").innerText()).toMatch(/✓/);
  const stored = await page.evaluate(() =>
    Object.entries(localStorage)
      .map(([, v]) => v)
      .join("\n"),
  );
  expect(stored).toContain(`"${id}"`);
}

async function screenshots(path: string, widget: string, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 360]) {
      const { page, context, problems } = await openPage(browser, path, { width, colorScheme });
      await hydrated(page, widget);
      expect(await hasHorizontalScroll(page), `${name} ${width} ${colorScheme} scrolls sideways`).toBe(false);
      if (width === 360) expect(await seriousAxeViolations(page)).toEqual([]);
      await page.waitForTimeout(150);
      await screenshot(page, `${name}-${width}-${colorScheme}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  }
}

async function pageJs(path: string, widget: string): Promise<number> {
  const { page, context } = await openPage(browser, path);
  const scripts: number[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.push(gzipSync(await response.body()).length);
  });
  await page.reload({ waitUntil: "networkidle" });
  await hydrated(page, widget);
  await page.waitForLoadState("networkidle");
  await context.close();
  return scripts.reduce((a, b) => a + b, 0);
}

describe("lesson 1, Neurons, layers, weights and biases", () => {
  it("renders its math, both figures and the explorer, with no console errors and no serious axe violations", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS);
    await expectKatex(page);
    expect(await page.locator("figure.layer-names svg title").textContent()).toMatch(/layers/);
    const widget = await hydrated(page, "neuron-explorer");
    await expect.poll(() => widget.getByTestId("neuron-sum").locator(".katex").count()).toBe(1);
    expect(await widget.getByTestId("boundary").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("updates the weighted sum when a weight is typed, a slider is moved with the keyboard or the activation is clicked", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS);
    const widget = await hydrated(page, "neuron-explorer");
    const sum = widget.getByTestId("neuron-sum");
    // Defaults: x = (1, −0.5), w = (0.8, 1), b = 0.2 → z = 0.5.
    await expect.poll(() => texOf(sum)).toMatch(/&= 0\.5 \\end\{aligned\}$/);
    await typeInto(slider(widget, "w1").box, "2"); // z = 2 − 0.5 + 0.2 = 1.7
    await expect.poll(() => texOf(sum)).toMatch(/&= 1\.7 \\end\{aligned\}$/);
    expect(param(page, "neuron.w1")).toBe("2");

    await slider(widget, "b").range.focus();
    await page.keyboard.press("ArrowRight"); // b = 0.3 → z = 1.8
    await expect.poll(() => texOf(sum)).toMatch(/&= 1\.8 \\end\{aligned\}$/);

    const before = await widget.getByTestId("neuron-out").innerText();
    await widget.locator('[data-control="act"] label', { hasText: "ReLU" }).click();
    await expect.poll(() => widget.getAttribute("data-act")).toBe("relu");
    expect(await widget.getByTestId("neuron-out").innerText()).not.toBe(before);
    expect(await widget.getByTestId("neuron-out").innerText()).toMatch(/ReLU/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("moves the input point by dragging on the plane and with the arrow keys", async () => {
    const { page, problems, context } = await openPage(browser, NEURONS);
    const widget = await hydrated(page, "neuron-explorer");
    const plane = widget.getByTestId("neuron-plane");
    const box = (await plane.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => Number(param(page, "neuron.x1"))).toBeLessThan(0);
    await expect.poll(() => Number(param(page, "neuron.x2"))).toBeGreaterThan(0);

    const point = widget.getByTestId("input-point");
    await point.focus();
    const x2 = Number(param(page, "neuron.x2"));
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => Number(param(page, "neuron.x2"))).toBeCloseTo(x2 + 0.1, 5);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("restores a shared setup from the URL (a shared solution does not complete the challenge by itself)", async () => {
    const { page, problems, context } = await openPage(browser, `${NEURONS}?neuron.w1=1&neuron.w2=-1&neuron.b=0&neuron.act=tanh`);
    const widget = await hydrated(page, "neuron-explorer");
    await expect.poll(() => widget.getAttribute("data-act")).toBe("tanh");
    expect(await slider(widget, "w2").box.inputValue()).toBe("-1");
    await expect.poll(() => widget.getByTestId("neuron-status").getAttribute("data-wrong")).toBe("0");
    expect(await page.locator('[data-challenge="neuron-separate-clusters"]').getAttribute("data-state")).toBe("open");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("completes the challenge by driving the controls from the defaults", async () => {
    const { page, context } = await openPage(browser, NEURONS);
    const widget = await hydrated(page, "neuron-explorer");
    expect(Number(await widget.getByTestId("neuron-status").getAttribute("data-wrong"))).toBeGreaterThan(0);
    expect(await page.locator('[data-challenge="neuron-separate-clusters"]').getAttribute("data-state")).toBe("open");
    await typeInto(slider(widget, "w1").box, "1.5");
    await typeInto(slider(widget, "w2").box, "-1.5");
    await typeInto(slider(widget, "b").box, "0");
    await expectChallengeDone(page, "neuron-separate-clusters");
    await context.close();
  });

  it("shows a notice for bad URL parameters and keeps the defaults", async () => {
    const { page, problems, context } = await openPage(browser, `${NEURONS}?neuron.w1=lots&neuron.act=softmax`);
    const widget = await hydrated(page, "neuron-explorer");
    const notice = widget.getByTestId("url-notice");
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.innerText()).toMatch(/neuron\.w1=lots ignored/);
    expect(await notice.innerText()).toMatch(/neuron\.act=softmax ignored/);
    expect(await widget.getAttribute("data-act")).toBe("sigmoid");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits 360 px and looks right in both themes (screenshots)", async () => {
    await screenshots(NEURONS, "neuron-explorer", "lesson1-neurons");
  });
});

describe("lesson 2, Activation functions", () => {
  it("renders its math, the comparison table and the explorer, axe clean and without console errors", async () => {
    const { page, problems, context } = await openPage(browser, ACTIVATIONS);
    await expectKatex(page);
    const table = (await page.locator(".lesson-body table").first().innerText()).replace(/\s+/g, " ");
    for (const word of ["Cheap", "Zero-centred", "Differentiable", "Sigmoid", "ReLU", "GELU", "Swish"]) expect(table).toContain(word);
    await hydrated(page, "activation-explorer");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("redraws f and f′ when another activation is clicked, and reads them at a typed probe point", async () => {
    const { page, problems, context } = await openPage(browser, ACTIVATIONS);
    const widget = await hydrated(page, "activation-explorer");
    const f = widget.getByTestId("curve-f");
    const before = await f.getAttribute("d");
    await widget.locator('[data-control="f"] label', { hasText: /^ReLU$/ }).click();
    await expect.poll(() => widget.getAttribute("data-f")).toBe("relu");
    expect(await f.getAttribute("d")).not.toBe(before);
    // Live formulas typeset once KaTeX arrives (it loads on the first change), so wait for it.
    await expect.poll(() => widget.getByTestId("act-formula").innerText()).toMatch(/max/);

    await typeInto(slider(widget, "x").box, "-2"); // ReLU(−2) = 0, ReLU′(−2) = 0
    await expect.poll(() => texOf(widget.getByTestId("act-probe"))).toBe("f(-2) = 0, \\qquad f'(-2) = 0");
    await typeInto(slider(widget, "x").box, "1.5"); // ReLU(1.5) = 1.5, slope 1
    await expect.poll(() => texOf(widget.getByTestId("act-probe"))).toBe("f(1.5) = 1.5, \\qquad f'(1.5) = 1");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("moves the probe by dragging on the chart and the depth with the keyboard", async () => {
    const { page, problems, context } = await openPage(browser, ACTIVATIONS);
    const widget = await hydrated(page, "activation-explorer");
    const chart = widget.getByTestId("act-curves");
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height / 2, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => Number(param(page, "act.x"))).toBeLessThan(-2);

    const readout = widget.getByTestId("depth-readout");
    const before = await readout.getAttribute("data-gradient");
    await slider(widget, "depth").range.focus();
    await page.keyboard.press("End");
    await expect.poll(() => param(page, "act.depth")).toBe("50");
    expect(await readout.getAttribute("data-gradient")).not.toBe(before);
    expect(await readout.innerText()).toMatch(/Through 50 Sigmoid layers/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the sigmoid's gradient vanishing with depth but not ReLU's", async () => {
    const { page, context } = await openPage(browser, `${ACTIVATIONS}?act.depth=40`);
    const widget = await hydrated(page, "activation-explorer");
    const gradient = async () => Number(await widget.getByTestId("depth-readout").getAttribute("data-gradient"));
    await expect.poll(gradient).toBeLessThan(1e-15);
    await widget.locator('[data-control="f"] label', { hasText: /^ReLU$/ }).click();
    await expect.poll(gradient).toBeGreaterThan(1e-3);
    await context.close();
  });

  it("restores a shared setup from the URL and flags bad parameters", async () => {
    const good = await openPage(browser, `${ACTIVATIONS}?act.f=tanh&act.depth=30&act.x=-1`);
    const widget = await hydrated(good.page, "activation-explorer");
    await expect.poll(() => widget.getAttribute("data-f")).toBe("tanh");
    expect(await widget.locator('[data-control="f"] input[value="tanh"]').isChecked()).toBe(true);
    expect(await widget.getByTestId("depth-readout").innerText()).toMatch(/Through 30 tanh layers/);
    expect(await slider(widget, "x").box.inputValue()).toBe("-1");
    expect(good.problems).toEqual([]);
    await good.context.close();

    const bad = await openPage(browser, `${ACTIVATIONS}?act.f=softmax&act.depth=500`);
    const notice = (await hydrated(bad.page, "activation-explorer")).getByTestId("url-notice");
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.innerText()).toMatch(/act\.f=softmax ignored[\s\S]*act\.depth=500 ignored/);
    await bad.context.close();
  });

  it("completes the challenge when the gradient falls below 10⁻⁶", async () => {
    const { page, problems, context } = await openPage(browser, ACTIVATIONS);
    const widget = await hydrated(page, "activation-explorer");
    await typeInto(slider(widget, "depth").box, "6");
    expect(await page.locator('[data-challenge="activation-vanishing-gradient"]').getAttribute("data-state")).toBe("open");
    await typeInto(slider(widget, "depth").box, "15");
    await expect.poll(() => widget.getByTestId("depth-readout").innerText()).toMatch(/vanished/);
    await expectChallengeDone(page, "activation-vanishing-gradient");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits 360 px and looks right in both themes (screenshots)", async () => {
    await screenshots(ACTIVATIONS, "activation-explorer", "lesson2-activations");
  });
});

describe("lesson 3, Loss and gradient descent", () => {
  const steps = (w: Locator) => w.getByTestId("gd-readout").getAttribute("data-steps").then(Number);
  const loss = (w: Locator) => w.getByTestId("gd-readout").getAttribute("data-loss-value").then(Number);

  it("renders its math and the stepper, axe clean and without console errors", async () => {
    const { page, problems, context } = await openPage(browser, DESCENT);
    await expectKatex(page);
    const widget = await hydrated(page, "gradient-descent");
    await expect.poll(() => widget.getByTestId("gd-step-tex").locator(".katex").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("lowers the loss when Step is clicked or pressed from the keyboard, and Reset goes back", async () => {
    const { page, problems, context } = await openPage(browser, DESCENT);
    const widget = await hydrated(page, "gradient-descent");
    const e0 = await loss(widget);
    await widget.getByTestId("gd-step").click();
    await expect.poll(() => steps(widget)).toBe(1);
    const e1 = await loss(widget);
    expect(e1).toBeLessThan(e0);
    await widget.getByTestId("gd-step").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Space");
    await expect.poll(() => steps(widget)).toBe(3);
    expect(await loss(widget)).toBeLessThan(e1);
    expect(param(page, "gd.steps")).toBe("3");
    await widget.getByTestId("gd-reset").click();
    await expect.poll(() => steps(widget)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("plays and pauses, and a drag on the chart sets the start", async () => {
    const { page, problems, context } = await openPage(browser, DESCENT);
    const widget = await hydrated(page, "gradient-descent");
    await widget.getByTestId("gd-play").click();
    await expect.poll(() => steps(widget), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await widget.getByTestId("gd-play").click();
    expect(await widget.getByTestId("gd-play").getAttribute("aria-pressed")).toBe("false");

    const chart = widget.getByTestId("gd-chart");
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => Number(param(page, "gd.start"))).toBeGreaterThan(3);
    expect(await steps(widget)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows oscillation for η = 0.8 and divergence for η = 1.2", async () => {
    const { page, problems, context } = await openPage(browser, DESCENT);
    const widget = await hydrated(page, "gradient-descent");
    await typeInto(slider(widget, "lr").box, "0.8");
    for (let i = 0; i < 4; i++) await widget.getByTestId("gd-step").click();
    await expect.poll(() => widget.getAttribute("data-regime")).toBe("oscillating");
    await typeInto(slider(widget, "lr").box, "1.2");
    for (let i = 0; i < 6 && (await widget.getByTestId("gd-step").isEnabled()); i++) await widget.getByTestId("gd-step").click();
    await expect.poll(() => widget.getAttribute("data-regime")).toBe("diverging");
    expect(await widget.getByTestId("gd-regime").innerText()).toMatch(/Diverging/);
    expect(await widget.getByTestId("gd-step").isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("restores a run from the URL and flags bad parameters", async () => {
    const good = await openPage(browser, `${DESCENT}?gd.lr=0.8&gd.steps=5`);
    const widget = await hydrated(good.page, "gradient-descent");
    await expect.poll(() => steps(widget)).toBe(5);
    expect(await widget.getAttribute("data-regime")).toBe("oscillating");
    expect(await slider(widget, "lr").box.inputValue()).toBe("0.8");
    await good.context.close();

    const bad = await openPage(browser, `${DESCENT}?gd.lr=abc&gd.loss=hinge`);
    const notice = (await hydrated(bad.page, "gradient-descent")).getByTestId("url-notice");
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.innerText()).toMatch(/gd\.lr=abc ignored/);
    expect(await notice.innerText()).toMatch(/gd\.loss=hinge ignored/);
    expect(bad.problems).toEqual([]);
    await bad.context.close();
  });

  it("completes the challenge: E < 0.01 within 10 steps, then a diverging rate", async () => {
    const { page, problems, context } = await openPage(browser, DESCENT);
    const widget = await hydrated(page, "gradient-descent");
    await typeInto(slider(widget, "lr").box, "0.4");
    for (let i = 0; i < 10 && (await widget.getByTestId("gd-step").isEnabled()); i++) await widget.getByTestId("gd-step").click();
    await expect.poll(() => loss(widget)).toBeLessThan(0.01);
    await expect.poll(() => widget.locator('[data-testid="gd-challenge"] li').first().getAttribute("data-done")).toBe("yes");
    expect(await page.locator('[data-challenge="gd-fast-and-divergent"]').getAttribute("data-state")).toBe("open");
    await typeInto(slider(widget, "lr").box, "1.5");
    for (let i = 0; i < 8 && (await widget.getByTestId("gd-step").isEnabled()); i++) await widget.getByTestId("gd-step").click();
    await expectChallengeDone(page, "gd-fast-and-divergent");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits 360 px and looks right in both themes (screenshots)", async () => {
    await screenshots(DESCENT, "gradient-descent", "lesson3-descent");
  });
});

describe("page weight of the foundation lessons", () => {
  it(`ships at most ${LESSON_JS_BUDGET_GZIP / 1000} kB of gzipped JavaScript per lesson`, async () => {
    for (const [path, widget] of [
      [NEURONS, "neuron-explorer"],
      [ACTIVATIONS, "activation-explorer"],
      [DESCENT, "gradient-descent"],
    ] as const) {
      const total = await pageJs(path, widget);
      console.log(`${path} JavaScript: ${total} bytes gzipped`);
      expect(total).toBeLessThanOrEqual(LESSON_JS_BUDGET_GZIP);
    }
  });
});
