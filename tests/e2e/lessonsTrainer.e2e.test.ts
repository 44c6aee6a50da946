import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const TRAINER = "/lessons/learning-curves/";
const KERAS = "/lessons/keras-styles/";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const trainer = (page: Page) => page.locator('[data-widget="network-trainer"]');
const epochOf = async (page: Page) => Number(await trainer(page).getAttribute("data-epoch"));
const statusOf = async (page: Page) => trainer(page).getAttribute("data-status");

async function openTrainer(query = "", options: { width?: number; colorScheme?: "light" | "dark" } = {}) {
  const opened = await openPage(browser, TRAINER + query, options);
  await hydrateIslands(opened.page);
  await trainer(opened.page).scrollIntoViewIfNeeded();
  return opened;
}

describe("the network trainer (learning curves lesson)", () => {
  it("trains in a Web Worker when Train is pressed: epochs advance, the loss goes down, the page stays responsive", async () => {
    const { page, problems, context } = await openTrainer("?net.epochs=3000");
    expect(await page.locator("article .katex").count()).toBeGreaterThan(3);
    // Count animation frames during training: a blocked main thread would show long gaps.
    await page.evaluate(() => {
      const w = window as unknown as { frameGaps: number[] };
      w.frameGaps = [];
      let last = performance.now();
      const tick = (t: number) => {
        w.frameGaps.push(t - last);
        last = t;
        if (w.frameGaps.length < 400) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => epochOf(page), { timeout: 15_000 }).toBeGreaterThan(20);
    const readout = page.locator('[data-testid="loss-readout"]');
    await expect.poll(async () => Number(await readout.getAttribute("data-loss")), { timeout: 15_000 }).toBeLessThan(0.3);
    const first = await page.evaluate(() => document.querySelector('[data-series="training loss"]')?.getAttribute("d")?.length ?? 0);
    expect(first).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="heatmap"]').count()).toBe(1);
    await page.locator('[data-action="pause"]').click();
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe("paused");
    const pausedAt = await epochOf(page);
    await page.waitForTimeout(300);
    expect(await epochOf(page)).toBe(pausedAt);
    // Resume continues from the same epoch.
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => epochOf(page), { timeout: 10_000 }).toBeGreaterThan(pausedAt + 5);
    await page.locator('[data-action="pause"]').click();
    const gaps = await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps);
    gaps.sort((a, b) => a - b);
    // The median frame stays short while the worker trains (headless frames are ~16 ms; the bound is
    // loose because CI machines can be heavily loaded).
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(250);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("reports epochs per second for the default setup and finishes all 200 epochs", async () => {
    const { page, problems, context } = await openTrainer();
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("finished");
    expect(await epochOf(page)).toBe(200);
    const speed = await page.locator('[data-testid="speed"]').textContent();
    console.log(`default setup (circles, 2→8→8→1 tanh, Adam, batch 16, 300 points): ${speed}`);
    expect(speed).toMatch(/\d+ epochs\/s/);
    expect(await page.locator('[data-testid="diagnosis"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("changes the setup when a control changes, and writes it to the URL", async () => {
    const { page, problems, context } = await openTrainer();
    await page.locator('[data-control="act"]').selectOption("relu");
    await page.locator('[data-action="add-layer"]').click();
    await page.getByLabel("More units in layer 1").click();
    await expect.poll(() => page.url()).toContain("net.act=relu");
    expect(decodeURIComponent(page.url())).toContain("net.layers=9,8,8");
    expect(await page.locator("[data-layer]").count()).toBe(3);
    await page.getByLabel("Remove layer 3").click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain("net.layers=9,8");
    await page.locator('[data-control="data"] input[value="spirals"]').check();
    await expect.poll(() => page.url()).toContain("net.data=spirals");
    // Training after the change uses the new network and data.
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => epochOf(page), { timeout: 15_000 }).toBeGreaterThan(3);
    // Changing a control discards the run.
    await page.locator('[data-control="opt"]').selectOption("sgd");
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe("idle");
    expect(await epochOf(page)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("restores its state from a URL and reports bad parameters", async () => {
    const { page, context } = await openTrainer("?net.data=xor&net.layers=16,4&net.act=relu&net.opt=sgd&net.lr=0.1&net.es=1&net.batch=abc");
    expect(await page.locator('[data-control="data"] input[value="xor"]').isChecked()).toBe(true);
    expect(await page.locator("[data-layer]").count()).toBe(2);
    expect(await page.locator("[data-layer] input").nth(1).inputValue()).toBe("4");
    expect(await page.locator('[data-control="act"]').inputValue()).toBe("relu");
    expect(await page.locator('[data-control="opt"]').inputValue()).toBe("sgd");
    expect(await page.locator('[data-control="lr"]').inputValue()).toBe("0.1");
    expect(await page.locator('[data-control="es"]').isChecked()).toBe(true);
    await expect.poll(() => page.locator('[data-testid="url-notice"]').textContent()).toContain("net.batch=abc");
    // The link to the Keras page carries the architecture.
    expect(await page.locator('[data-testid="keras-link"]').getAttribute("href")).toContain("net.layers=16%2C4");
    await context.close();
  });

  it("explains bad CSV files without losing anything, and trains on a good one", async () => {
    const { page, problems, context } = await openTrainer("?net.data=csv");
    const file = page.locator('[data-testid="csv-file"]');
    const message = page.locator('[data-testid="csv-message"]');
    await file.setInputFiles({
      name: "image.png",
      mimeType: "image/png",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]),
    });
    await expect.poll(() => message.textContent()).toMatch(/does not look like a CSV/);
    await file.setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("") });
    await expect.poll(() => message.textContent()).toMatch(/empty/);

    const rows = Array.from({ length: 60 }, (_, i) => {
      const a = Math.sin(i * 1.3) * 2;
      const b = Math.cos(i * 0.7) * 2;
      return `${a.toFixed(3)},${b.toFixed(3)},${(a * a - b + 0.1 * Math.sin(i * 7)).toFixed(3)}`;
    });
    await file.setInputFiles({
      name: "good.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["colour_a,colour_b,target", ...rows].join("\n")),
    });
    await expect.poll(() => message.textContent()).toMatch(/Using 60 rows: colour_a, colour_b → target \(regression\)/);

    // A bad file afterwards is refused and the good table stays.
    await file.setInputFiles({ name: "few.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n3,4\n") });
    await expect.poll(() => message.textContent()).toMatch(/Too few rows.*previous table is still loaded/);
    const words = Array.from({ length: 12 }, (_, i) => `gal${i},spiral`).join("\n");
    await page.locator('[data-testid="csv-paste"]').fill("name,kind\n" + words);
    await page.locator('[data-action="use-pasted"]').click();
    await expect.poll(() => message.textContent()).toMatch(/not numeric/);
    expect(await page.locator('[data-control="csv-target"] option').count()).toBe(3);

    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toMatch(/finished|early/);
    expect(await epochOf(page)).toBeGreaterThan(10);
    expect(page.url()).toContain("net.data=csv");
    expect(await page.locator('[data-testid="prediction-chart"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("loads the three presets from the lecture", async () => {
    const { page, context } = await openTrainer();
    await page.locator('[data-preset="overfit"]').click();
    await expect.poll(() => page.url()).toContain("net.n=40");
    expect(decodeURIComponent(page.url())).toContain("net.layers=64,64");
    expect(await page.locator('[data-testid="trainer-notice"]').textContent()).toMatch(/Overfitting preset loaded/);
    await page.locator('[data-preset="underfit"]').click();
    await expect.poll(() => page.url()).toContain("net.opt=sgd");
    await page.locator('[data-preset="good"]').click();
    await expect.poll(() => page.url()).toContain("net.data=reg1d");
    expect(await page.locator('[data-testid="prediction-chart"]').getAttribute("aria-label")).toBe("Fit curve");
    // The good-fit preset trains to the end and draws a fit curve.
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 40_000 }).toBe("finished");
    expect(await page.locator('[data-testid="fit-curve"]').count()).toBe(1);
    expect(await page.locator('[data-testid="diagnosis"]').getAttribute("data-diagnosis")).toBe("good");
    await context.close();
  });

  it("draws each point's current class and split after a preset, dataset or example-count change", async () => {
    // Marks of the data points: circles (class 0, or any regression row) and squares (class 1);
    // hollow (fill none) for validation rows.
    const marks = async (page: Page) => {
      const chart = page.locator('[data-testid="prediction-chart"]');
      const circles = chart.locator('circle[r="3.6"]');
      const squares = chart.locator('rect[width="6.6"]');
      return {
        circles: await circles.count(),
        squares: await squares.count(),
        hollow:
          (await chart.locator('circle[r="3.6"][fill="none"]').count()) + (await chart.locator('rect[width="6.6"][fill="none"]').count()),
      };
    };
    /** Every drawn point as "shape x y fill", sorted. */
    const drawn = (page: Page) =>
      page.locator('[data-testid="prediction-chart"]').evaluate((svg) =>
        [...svg.querySelectorAll('circle[r="3.6"], rect[width="6.6"]')]
          .map((el) => {
            const x = Number(el.getAttribute(el.tagName === "circle" ? "cx" : "x"));
            const y = Number(el.getAttribute(el.tagName === "circle" ? "cy" : "y"));
            return `${el.tagName} ${x.toFixed(1)} ${y.toFixed(1)} ${el.getAttribute("fill")}`;
          })
          .sort(),
      );
    // First drawn with the 1-D regression data (as after the Good-fit preset), then switched to the spirals.
    const { page, problems, context } = await openTrainer("?net.data=reg1d");
    await page.locator('[data-preset="good"]').click();
    await expect.poll(() => page.url()).toContain("net.data=reg1d");
    await page.locator('[data-control="data"] input[value="spirals"]').check();
    await expect.poll(() => page.url()).toContain("net.data=spirals");
    const switched = await marks(page);
    const fresh = await openTrainer(`?${new URL(page.url()).searchParams.toString()}`);
    expect(await marks(fresh.page)).toEqual(switched);
    expect(switched).toEqual({ circles: 150, squares: 150, hollow: 90 });
    // Not only the counts: every point has the shape and fill of a fresh load at the same place.
    expect(await drawn(page)).toEqual(await drawn(fresh.page));
    await fresh.context.close();

    // Overfitting: 40 examples, half of them validation.
    await page.locator('[data-preset="overfit"]').click();
    await expect.poll(() => page.url()).toContain("net.n=40");
    await expect.poll(() => marks(page)).toEqual({ circles: 40, squares: 0, hollow: 20 });
    expect(await page.locator('[data-testid="prediction-chart"]').getAttribute("aria-label")).toBe("Fit curve");
    // …and the spirals with those 40 examples: drawn as a fresh load of the same URL draws them.
    await page.locator('[data-control="data"] input[value="spirals"]').check();
    await expect.poll(() => marks(page)).toEqual({ circles: 20, squares: 20, hollow: 20 });
    const fresh40 = await openTrainer(`?${new URL(page.url()).searchParams.toString()}`);
    expect(await drawn(page)).toEqual(await drawn(fresh40.page));
    await fresh40.context.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("completes the spirals challenge", async () => {
    const { page, problems, context } = await openTrainer("?net.data=spirals&net.layers=16,16,16&net.act=relu&net.lr=0.01&net.epochs=200");
    const box = page.locator('[data-challenge="learning-curves-spirals"]');
    expect(await box.getAttribute("data-state")).toBe("open");
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => box.getAttribute("data-state"), { timeout: 50_000 }).toBe("done");
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).toContain("learning-curves-spirals");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("has no serious accessibility violations, before and after training", async () => {
    const { page, context } = await openTrainer("?net.data=photoz&net.epochs=20");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("finished");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it("fits 360 px without horizontal scrolling, in both themes (screenshots)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 360]) {
        const { page, context, problems } = await openTrainer("?net.epochs=60&net.data=spirals", { width, colorScheme });
        await page.locator('[data-action="play"]').click();
        await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("finished");
        if (width === 360) expect(await hasHorizontalScroll(page)).toBe(false);
        await trainer(page).screenshot({ path: `test-results/screenshots/trainer-${width}-${colorScheme}.png` });
        await screenshot(page, `learning-curves-${width}-${colorScheme}`);
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  });
});

// Settings the editor offers that make plain SGD blow up: a learner must be told so, not shown NaNs.
const DIVERGING = "/embed/network-trainer/?net.lr=3&net.opt=sgd&net.act=relu&net.layers=64,64,64&net.batch=1&net.epochs=30";

describe("the network trainer when training diverges", () => {
  it("stops at the epoch where the loss diverged, says why and what to try, shows no NaN, and trains again after the fix", async () => {
    const { page, problems, context } = await openPage(browser, DIVERGING);
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("diverged");
    const verdict = page.locator('[data-testid="diagnosis"]');
    expect(await verdict.getAttribute("data-diagnosis")).toBe("diverged");
    const words = await verdict.textContent();
    expect(words).toMatch(/The loss diverged at epoch \d+/);
    expect(words).toMatch(/learning rate \(3\) is too large for SGD/);
    expect(words).toContain("Try a smaller learning rate (a tenth: 0.3), Adam or a larger batch.");
    // Stopped where it diverged, well before the 30 planned epochs, and stays stopped.
    const stoppedAt = await epochOf(page);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(30);
    await page.waitForTimeout(500);
    expect(await epochOf(page)).toBe(stoppedAt);
    const text = await trainer(page).innerText();
    expect(text).not.toMatch(/NaN/);
    expect(text).not.toContain("Finished all epochs");
    expect(await page.locator('[data-testid="loss-readout"]').textContent()).toMatch(
      /^Loss: training (∞|diverged) · validation (∞|diverged)$/,
    );
    // The charts drew no NaN coordinates.
    const paths = await page.evaluate(() => [...document.querySelectorAll("path, line")].map((e) => e.outerHTML).join("\n"));
    expect(paths).not.toMatch(/NaN/);
    await screenshot(page, "trainer-diverged-1280");

    // The advice works: back to a learning rate of 0.01 with the page's own control, and Train again.
    await page.locator('[data-control="lr"]').selectOption("0.01");
    await expect.poll(() => statusOf(page)).toBe("idle");
    expect(await page.locator('[data-testid="diagnosis"]').count()).toBe(0);
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 60_000 }).toBe("finished");
    expect(await epochOf(page)).toBe(30);
    expect(Number.isFinite(Number(await page.locator('[data-testid="loss-readout"]').getAttribute("data-loss")))).toBe(true);
    expect(await page.locator('[data-testid="diagnosis"]').getAttribute("data-diagnosis")).not.toBe("diverged");
    const after = await trainer(page).innerText();
    expect(after).not.toMatch(/diverged|NaN/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits 360 px when it has diverged (screenshot)", async () => {
    const { page, problems, context } = await openPage(browser, DIVERGING, { width: 360 });
    await page.locator('[data-action="play"]').click();
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("diverged");
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await trainer(page).innerText()).not.toMatch(/NaN/);
    await screenshot(page, "trainer-diverged-360");
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the Keras styles lesson", () => {
  it("shows the URL's network in both Keras styles and the engine, with matching parameter counts", async () => {
    const { page, problems, context } = await openPage(browser, KERAS + "?net.layers=16,4&net.act=relu&net.data=photoz&net.dropout=0.2");
    await hydrateIslands(page);
    const seq = await page.locator('[data-code="sequential"] pre').textContent();
    const fun = await page.locator('[data-code="functional"] pre').textContent();
    const eng = await page.locator('[data-code="engine"] pre').textContent();
    expect(seq).toContain("model = keras.Sequential()");
    expect(seq).toContain("model.add(keras.Input(shape=(4,)))");
    expect(seq).toContain('model.add(layers.Dense(16, activation="relu"))');
    expect(seq).toContain("model.add(layers.Dropout(0.2))");
    expect(fun).toContain('x = layers.Dense(4, activation="relu")(x)');
    expect(fun).toContain("model = keras.Model(inputs, outputs)");
    expect(eng).toContain('new Dense(16, { activation: "relu" })');
    // 4→16→4→1: 80 + 68 + 5 = 153.
    expect(await page.locator('[data-testid="total-params"]').textContent()).toBe("153");
    expect(await page.locator('[data-testid="keras-params"]').textContent()).toBe("153");
    expect(await page.locator('[data-testid="trainer-link"]').getAttribute("href")).toContain("net.layers=16%2C4");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("copies code and says so", async () => {
    const { page, context } = await openPage(browser, KERAS);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
    await hydrateIslands(page);
    await page.locator('[data-code="functional"] [data-action="copy"]').click();
    await expect.poll(() => page.locator('[data-code="functional"] [data-testid="copy-status"]').textContent()).toBe("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("keras.Model(inputs, outputs)");
    await context.close();
  });

  it("completes its challenge when the network has exactly 97 parameters and two hidden layers", async () => {
    const { page, context } = await openPage(browser, KERAS + "?net.layers=4,13");
    await hydrateIslands(page);
    const box = page.locator('[data-challenge="keras-97-params"]');
    expect(await box.getAttribute("data-state")).toBe("open");
    await page.getByLabel("More units in layer 2").click();
    await expect.poll(() => page.locator('[data-testid="total-params"]').textContent()).toBe("97");
    await expect.poll(() => box.getAttribute("data-state")).toBe("done");
    await context.close();
  });

  it("is axe clean and fits 360 px in both themes (screenshots)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 360]) {
        const { page, context, problems } = await openPage(browser, KERAS + "?net.layers=16,8&net.l2=0.001&net.es=1", {
          width,
          colorScheme,
        });
        await hydrateIslands(page);
        if (width === 360) expect(await hasHorizontalScroll(page)).toBe(false);
        if (width === 1280) expect(await seriousAxeViolations(page)).toEqual([]);
        await page
          .locator('[data-widget="keras-code"]')
          .screenshot({ path: `test-results/screenshots/keras-widget-${width}-${colorScheme}.png` });
        await screenshot(page, `keras-styles-${width}-${colorScheme}`);
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  });
});
