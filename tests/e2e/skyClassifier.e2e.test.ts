// "Classify any galaxy in the sky" on the CNN lesson, with both outside services intercepted (no
// internet): CDS Sesame answers with a fixture XML, the Legacy Surveys cutout service with a JPEG of
// a galaxy drawn by the project's simulator. Name → coordinates → cutout → prediction; the offline,
// blocked, unknown-name and out-of-footprint paths; keyboard use, axe, 1280 and 360 px. The routes
// catch the widget's default URLs, so the site's Content-Security-Policy is exercised too: a host
// it did not allow would never reach the route.
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import jpeg from "jpeg-js";
import { MORPHOLOGY_CLASSES } from "../../src/lib/astro/index.ts";
import { skyScene } from "../../src/lib/astro/skyScene.test-util.ts";
import { SKY_SERVICES } from "../../src/widgets/sky-classifier/skyServices.ts";
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

const sesameXml = (found: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?><Sesame><Target option="SNV"><name>Test Galaxy</name>` +
  (found
    ? `<Resolver name="S=Simbad"><jradeg>${RA}</jradeg><jdedeg>+${DEC}</jdedeg><oname>NGC  4565</oname></Resolver>`
    : `<INFO>*** Nothing found ***</INFO>`) +
  `</Target></Sesame>`;

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
});
