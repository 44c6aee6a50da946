// "Classify any galaxy in the sky" on the CNN lesson, with both outside services intercepted (no
// internet): CDS Sesame answers with a fixture XML, the Legacy Surveys cutout service with a JPEG of
// a galaxy drawn by the project's simulator. Name → coordinates → cutout → prediction; the offline,
// blocked, unknown-name and out-of-footprint paths; services that never answer (Playwright's clock
// jumps past the time limits), that answer with errors or with something unreadable; typos in the
// form; a new search while one runs (the latest wins); keyboard use, axe, 1280 and 360 px. The routes
// catch the widget's default URLs, so the site's Content-Security-Policy is exercised too: a host
// it did not allow would never reach the route.
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import jpeg from "jpeg-js";
import { MORPHOLOGY_CLASSES } from "../../src/lib/astro/index.ts";
import { skyScene } from "../../src/lib/astro/skyScene.test-util.ts";
import { SKY_SERVICES, SKY_TIMEOUTS } from "../../src/widgets/sky-classifier/skyServices.ts";
import { hasHorizontalScroll, hydrateIslands, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const CNN = "/lessons/convolutional-networks/";
const RA = 189.086584;
const DEC = 25.987674;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sesameXml = (found: boolean, at = { ra: RA, dec: DEC, name: "NGC  4565" }) =>
  `<?xml version="1.0" encoding="UTF-8"?><Sesame><Target option="SNV"><name>Test Galaxy</name>` +
  (found
    ? `<Resolver name="S=Simbad"><jradeg>${at.ra}</jradeg><jdedeg>+${at.dec}</jdedeg><oname>${at.name}</oname></Resolver>`
    : `<INFO>*** Nothing found ***</INFO>`) +
  `</Target></Sesame>`;
const CORS = { "access-control-allow-origin": "*" };

/** A 64 × 64 JPEG (the cutout's native-field size) of a simulated spiral, or an all-black one. */
function cutoutJpeg(blank = false): Buffer {
  const size = 64;
  const s = skyScene("sky-classifier-e2e", size, { star: false, neighbour: false, caption: false });
  const data = blank ? new Uint8Array(4 * size * size).fill(0) : Uint8Array.from(s.rgba);
  if (blank) for (let p = 0; p < size * size; p++) data[4 * p + 3] = 255;
  return Buffer.from(jpeg.encode({ data, width: size, height: size }, 95).data);
}

const sky = (page: Page) => page.locator('[data-widget="sky-classifier"]');
const sesamePattern = (url: URL) => url.href.startsWith(SKY_SERVICES.sesame);
const cutoutPattern = (url: URL) => url.href.startsWith(SKY_SERVICES.cutout);

async function routes(page: Page, sesame: (r: Route) => Promise<void>, cutout: (r: Route) => Promise<void>) {
  await page.route(sesamePattern, sesame);
  await page.route(cutoutPattern, cutout);
}
async function open(width: number) {
  const opened = await openPage(browser, CNN, { width });
  await hydrateIslands(opened.page);
  await sky(opened.page).scrollIntoViewIfNeeded();
  await expect.poll(() => sky(opened.page).getByRole("button", { name: "Find and classify" }).isEnabled()).toBe(true);
  return opened;
}
const search = async (page: Page, text: string) => {
  const box = sky(page).getByLabel(/Galaxy name or RA, Dec/);
  await box.fill(text);
  await box.press("Enter");
};
const statusOf = (page: Page) => sky(page).getAttribute("data-status");
const problemText = (page: Page) => sky(page).getByTestId("sky-problem").textContent();
/** Waits for the widget's error state and returns its message. */
const failed = async (page: Page) => {
  await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("error");
  return (await problemText(page)) ?? "";
};
/** Problems other than those of the service hosts this suite makes fail, answer with errors or abort on purpose. */
const unexpectedProblems = (problems: string[]) =>
  problems.filter(
    (p) =>
      !p.includes(new URL(SKY_SERVICES.sesame).host) &&
      !p.includes(new URL(SKY_SERVICES.cutout).host) &&
      !/ERR_INTERNET_DISCONNECTED|ERR_BLOCKED_BY_CLIENT|ERR_ABORTED/.test(p) &&
      // Chromium's console line for an HTTP error names no URL; the harness's "HTTP 5xx: url" entry does, and is checked above.
      !/^console error: Failed to load resource: the server responded with a status of 50[03]/.test(p),
  );
/** A route handler's answer to a request the page may have aborted meanwhile (a newer search, a time limit). */
const late = (done: Promise<void>) => done.catch(() => undefined);

describe("CNN lesson: classify any galaxy in the sky", () => {
  for (const width of [1280, 360]) {
    it(`resolves a name, fetches the cutout at the native pixel scale and classifies it (${width} px)`, async () => {
      const { page, problems, context } = await open(width);
      const asked: string[] = [];
      await routes(
        page,
        async (r) => {
          asked.push(r.request().url());
          await r.fulfill({ status: 200, contentType: "text/xml", headers: { "access-control-allow-origin": "*" }, body: sesameXml(true) });
        },
        async (r) => {
          asked.push(r.request().url());
          await r.fulfill({ status: 200, contentType: "image/jpeg", headers: { "access-control-allow-origin": "*" }, body: cutoutJpeg() });
        },
      );
      await search(page, "Test Galaxy");
      await expect.poll(() => sky(page).getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("done");
      // Sesame was asked for the typed name; the cutout at its answer, 64 px of 0.262″ (the training geometry).
      expect(asked[0]).toBe(`${SKY_SERVICES.sesame}?Test%20Galaxy`);
      const cut = new URL(asked[1]);
      expect(Object.fromEntries(cut.searchParams)).toEqual({
        ra: String(RA),
        dec: String(DEC),
        layer: "ls-dr10",
        pixscale: "0.262",
        size: "64",
      });
      const result = sky(page).getByTestId("sky-result");
      expect(MORPHOLOGY_CLASSES as readonly string[]).toContain(await result.getAttribute("data-top"));
      const text = (await result.textContent()) ?? "";
      expect(text).toContain("NGC  4565");
      expect(text).toContain("Legacy Surveys DR10 (grz), 64 px of 0.262″");
      expect(text).toMatch(/Galaxy-morphology model: \w[\w-]* \(\d+ %\)/);
      expect(text).toContain("near chance on real galaxies");
      expect(await result.getByRole("link", { name: "Open in the Legacy Surveys sky viewer" }).getAttribute("href")).toBe(
        `${SKY_SERVICES.viewer}?ra=${RA}&dec=${DEC}&layer=ls-dr10&zoom=14`,
      );
      // The picture shown is the fetched one (a blob:, no second download), the crop drawn beside it.
      expect(await result.locator("img").getAttribute("src")).toMatch(/^blob:/);
      expect(await result.locator("canvas").count()).toBe(1);
      expect(await seriousAxeViolations(page, '[data-widget="sky-classifier"]')).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      await sky(page).screenshot({ path: `test-results/screenshots/sky-classifier-${width}.png` });
      await screenshot(page, `sky-classifier-page-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    }, 200_000);
  }

  it("a famous galaxy's button frames it: a wide field at coarser pixels, shrunk into the network's 16.8″", async () => {
    const { page, problems, context } = await open(1280);
    let cutout = "";
    await routes(
      page,
      (r) => r.fulfill({ status: 200, contentType: "text/xml", headers: { "access-control-allow-origin": "*" }, body: sesameXml(true) }),
      async (r) => {
        cutout = r.request().url();
        await r.fulfill({ status: 200, contentType: "image/jpeg", headers: { "access-control-allow-origin": "*" }, body: cutoutJpeg() });
      },
    );
    await sky(page).getByRole("button", { name: "NGC 4565" }).click();
    await expect.poll(() => sky(page).getAttribute("data-status"), { timeout: 150_000, interval: 250 }).toBe("done");
    // 15.9′ across → a 1431″ field: 256 px of 5.59″.
    expect(new URL(cutout).searchParams.get("size")).toBe("256");
    expect(new URL(cutout).searchParams.get("pixscale")).toBe("5.5898");
    expect(await sky(page).getByLabel("Field of view (arcsec)").inputValue()).toBe("1431");
    expect(await sky(page).getByTestId("sky-about").textContent()).toBe(
      "NGC 4565: Needle: edge-on spiral, about 15.9′ across, so a field of 1431″ (1.5 × its diameter).",
    );
    expect(await sky(page).getByTestId("sky-result").textContent()).toMatch(/looks 85 times smaller to it than on the sky/);
    expect(problems).toEqual([]);
    await context.close();
  }, 200_000);

  it("offline, blocked, unknown names and empty cutouts each get a clear message (and the cutout link when there is a position)", async () => {
    const { page, problems, context } = await open(1280);
    let sesame: "ok" | "unknown" | "offline" = "offline";
    let cutout: "ok" | "blank" | "blocked" = "blocked";
    await routes(
      page,
      (r) =>
        sesame === "offline"
          ? r.abort("internetdisconnected")
          : r.fulfill({
              status: 200,
              contentType: "text/xml",
              headers: { "access-control-allow-origin": "*" },
              body: sesameXml(sesame === "ok"),
            }),
      (r) =>
        cutout === "blocked"
          ? r.abort("blockedbyclient")
          : r.fulfill({
              status: 200,
              contentType: "image/jpeg",
              headers: { "access-control-allow-origin": "*" },
              body: cutoutJpeg(cutout === "blank"),
            }),
    );
    const problem = () => sky(page).getByTestId("sky-problem");
    const failed = async () => {
      await expect.poll(() => sky(page).getAttribute("data-status"), { timeout: 30_000 }).toBe("error");
      return (await problem().textContent()) ?? "";
    };

    await search(page, "M87");
    expect(await failed()).toMatch(/name resolver \(CDS Sesame\) could not be reached.*Type the RA and Dec/);

    sesame = "unknown";
    await search(page, "NGC 99999");
    expect(await failed()).toContain('does not know "NGC 99999"');

    // Coordinates need no resolver; the cutout service is blocked: the direct link to save and drop in.
    await search(page, `${RA} ${DEC}`);
    expect(await failed()).toMatch(/cutout service could not be reached.*drop it into the upload form/);
    const link = await problem().getByTestId("sky-cutout-link").getAttribute("href");
    expect(link).toBe(`${SKY_SERVICES.cutout}?ra=${RA}&dec=${DEC}&layer=ls-dr10&pixscale=0.262&size=64`);

    cutout = "blank";
    await search(page, "12:36:20.78 +25:59:15.6");
    expect(await failed()).toContain("outside the Legacy Surveys' footprint");
    expect(await problem().getByTestId("sky-cutout-link").count()).toBe(1);

    expect(await sky(page).getByTestId("sky-result").count()).toBe(0);
    expect(await seriousAxeViolations(page, '[data-widget="sky-classifier"]')).toEqual([]);
    // The only problems are the two requests this test made fail on purpose.
    const unexpected = problems.filter(
      (p) =>
        !p.includes(new URL(SKY_SERVICES.sesame).host) &&
        !p.includes(new URL(SKY_SERVICES.cutout).host) &&
        !/ERR_INTERNET_DISCONNECTED|ERR_BLOCKED_BY_CLIENT/.test(p),
    );
    expect(unexpected).toEqual([]);
    await context.close();
  }, 200_000);

  it("a service that never answers: a clear message past its time limit, the controls usable again, and Cancel", async () => {
    const { page, problems, context } = await open(1280);
    // Fake timers from here on (they run at the real pace until the test jumps), so the 15 s and
    // 30 s limits are passed in an instant.
    await page.clock.install();
    let cutout: "silent" | "error" = "silent";
    await routes(
      page,
      () => new Promise<void>(() => undefined), // Sesame never answers
      (r) => (cutout === "silent" ? new Promise<void>(() => undefined) : r.fulfill({ status: 503, headers: CORS, body: "busy" })),
    );
    const find = sky(page).getByRole("button", { name: "Find and classify" });

    await search(page, "M87");
    await expect.poll(() => statusOf(page)).toBe("resolving");
    expect(await sky(page).getByRole("status").textContent()).toBe("Asking Sesame where it is…");
    await sky(page).screenshot({ path: "test-results/screenshots/sky-classifier-busy.png" });
    await page.clock.fastForward(SKY_TIMEOUTS.sesame - 1000);
    expect(await statusOf(page)).toBe("resolving");
    await page.clock.fastForward(1000);
    expect(await failed(page)).toMatch(/^Sesame did not answer within 15 s: .*type the RA and Dec in degrees\.$/);
    expect(await sky(page).getByRole("status").textContent()).toBe("");
    expect(await find.isEnabled()).toBe(true);
    for (const b of await sky(page).getByRole("group", { name: "Famous galaxies to try" }).getByRole("button").all())
      expect(await b.isEnabled()).toBe(true);

    // With a position, the silent cutout service's message comes with the direct link.
    await search(page, `${RA} ${DEC}`);
    await expect.poll(() => statusOf(page)).toBe("fetching");
    await page.clock.fastForward(SKY_TIMEOUTS.cutout);
    expect(await failed(page)).toMatch(/^The Legacy Surveys cutout service did not answer within 30 s: .*drop it into the upload form/);
    expect(await sky(page).getByTestId("sky-cutout-link").getAttribute("href")).toBe(
      `${SKY_SERVICES.cutout}?ra=${RA}&dec=${DEC}&layer=ls-dr10&pixscale=0.262&size=64`,
    );

    // Cancel stops a search at once and gives the keyboard back to the name box.
    await sky(page).getByRole("button", { name: "M51" }).click();
    await expect.poll(() => statusOf(page)).toBe("resolving");
    await sky(page).getByRole("button", { name: "Cancel" }).click();
    expect(await statusOf(page)).toBe("cancelled");
    expect(await sky(page).getByRole("status").textContent()).toBe("Cancelled.");
    expect(await sky(page).getByRole("button", { name: "Cancel" }).count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("target");
    expect(await sky(page).getByTestId("sky-problem").count()).toBe(0);

    // And the form works again: a new search reaches the cutout service (which now answers 503).
    cutout = "error";
    await search(page, `${RA} ${DEC}`);
    expect(await failed(page)).toMatch(/cutout service answered with an error \(HTTP 503\): try again later/);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  }, 200_000);

  it("errors and unreadable answers from the services, and typos in the form, each say what happened (360 px)", async () => {
    const { page, problems, context } = await open(360);
    let sesame: "500" | "html" | "json" = "500";
    let cutout: "html" | "empty" | "truncated" = "html";
    const asked: string[] = [];
    await routes(
      page,
      (r) => {
        asked.push(r.request().url());
        return sesame === "500"
          ? r.fulfill({ status: 500, contentType: "text/html", headers: CORS, body: "<html><body>Internal Server Error</body></html>" })
          : r.fulfill({
              status: 200,
              contentType: sesame === "html" ? "text/html" : "application/json",
              headers: CORS,
              body: sesame === "html" ? "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>" : '{"M87": {"ra": 187.7',
            });
      },
      (r) => {
        asked.push(r.request().url());
        const whole = cutoutJpeg();
        const body = {
          html: Buffer.from("<!DOCTYPE html><html><body>Error</body></html>"),
          empty: Buffer.alloc(0),
          truncated: whole.subarray(0, whole.length >> 1),
        }[cutout];
        return r.fulfill({ status: 200, contentType: cutout === "html" ? "text/html" : "image/jpeg", headers: CORS, body });
      },
    );

    await search(page, "M87");
    const http500 = await failed(page);
    expect(http500).toMatch(/^The name resolver \(CDS Sesame\) answered with an error \(HTTP 500\): try again later/);
    expect(http500).not.toMatch(/could not be reached|offline/);
    for (const kind of ["html", "json"] as const) {
      sesame = kind;
      await search(page, "M87");
      const unreadable = await failed(page);
      expect(unreadable).toMatch(/sent an answer that could not be read/);
      expect(unreadable).not.toMatch(/does not know|spelling/);
    }

    for (const kind of ["html", "empty", "truncated"] as const) {
      cutout = kind;
      await search(page, `${RA} ${DEC}`);
      const message = await failed(page);
      expect(message).toMatch(/^The Legacy Surveys cutout service sent something that is not a picture/);
      expect(message).not.toMatch(/\.\./);
      expect(await sky(page).getByTestId("sky-cutout-link").count()).toBe(1);
    }
    await screenshot(page, "sky-classifier-error-360");
    await sky(page).screenshot({ path: "test-results/screenshots/sky-classifier-error-widget-360.png" });
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousAxeViolations(page, '[data-widget="sky-classifier"]')).toEqual([]);

    // Typos are caught in the page (nothing is asked of either service), each message replacing the last.
    const before = asked.length;
    const fieldBox = sky(page).getByLabel("Field of view (arcsec)");
    await search(page, "12:99:00 +12:00:00");
    expect(await failed(page)).toBe("RA minutes must be below 60 (got 99).");
    await search(page, "187,706 12,391");
    expect(await failed(page)).toMatch(/^Write decimals with a point, not a comma/);
    for (const [typed, expected] of [
      ["", /^Type a field of view in arcseconds, between 16\.8″/],
      ["16.7", /got 16\.7\.$/],
      ["3601", /got 3601\.$/],
    ] as const) {
      await fieldBox.fill(typed);
      await fieldBox.press("Enter");
      await expect.poll(() => problemText(page)).toMatch(expected);
    }
    expect(asked.length).toBe(before);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  }, 200_000);

  it("a new search while one runs wins: the earlier one is aborted and never shown", async () => {
    const { page, problems, context } = await open(1280);
    const FIRST = { ra: 150.1, dec: 2.2, name: "FIRST" };
    const SECOND = { ra: RA, dec: DEC, name: "SECOND" };
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const cutouts: URLSearchParams[] = [];
    await routes(
      page,
      async (r) => {
        const first = r.request().url().endsWith("?first");
        if (first) await held;
        await late(r.fulfill({ status: 200, contentType: "text/xml", headers: CORS, body: sesameXml(true, first ? FIRST : SECOND) }));
      },
      async (r) => {
        const q = new URL(r.request().url()).searchParams;
        cutouts.push(q);
        // Only the search with the 100″ field gets its cutout before the test lets the others go.
        if (q.get("size") !== "256") await held;
        await late(r.fulfill({ status: 200, contentType: "image/jpeg", headers: CORS, body: cutoutJpeg() }));
      },
    );
    await search(page, "first");
    await expect.poll(() => statusOf(page)).toBe("resolving");
    // While Sesame thinks about "first": a second name, then a new field, each submitted.
    await search(page, "second");
    await expect.poll(() => statusOf(page)).toBe("fetching");
    const fieldBox = sky(page).getByLabel("Field of view (arcsec)");
    await fieldBox.fill("100");
    await fieldBox.press("Enter");
    await expect.poll(() => statusOf(page), { timeout: 150_000, interval: 250 }).toBe("done");
    // Now the held answers arrive (to requests the page has aborted): nothing changes.
    release();
    await page.waitForTimeout(1000);
    expect(await statusOf(page)).toBe("done");
    const result = sky(page).getByTestId("sky-result");
    const text = (await result.textContent()) ?? "";
    expect(text).toContain("SECOND at RA 189.0866°");
    expect(text).not.toContain("FIRST");
    expect(await result.locator("img").getAttribute("alt")).toBe("Legacy Surveys DR10 grz cutout of SECOND, 100″ on a side");
    // No cutout was ever asked for FIRST's position; the last one is SECOND's at 100″.
    expect(cutouts.map((q) => q.get("ra"))).not.toContain(String(FIRST.ra));
    expect(Object.fromEntries(cutouts.at(-1)!)).toMatchObject({ ra: String(RA), size: "256", pixscale: "0.3906" });
    expect(await sky(page).getByTestId("sky-problem").count()).toBe(0);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  }, 200_000);
});
