// Renders the app icons of the web-app manifest from their SVG sources in public/icons:
//   node src/build/renderIcons.mjs
// The PNGs are committed (a build should not need a browser); run this again after editing an SVG.
// Uses the system Chromium through playwright-core, as the browser tests do.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../../tests/e2e/chromium.mjs";

const ICONS = [
  { source: "icon.svg", out: "icon-192.png", size: 192 },
  { source: "icon.svg", out: "icon-512.png", size: 512 },
  // iOS draws its own rounded corners on an opaque square.
  { source: "icon-maskable.svg", out: "apple-touch-icon.png", size: 180 },
  { source: "icon-maskable.svg", out: "icon-maskable-512.png", size: 512 },
];

const dir = new URL("../../public/icons/", import.meta.url);
const executablePath = findChromium();
if (!executablePath) throw new Error("No Chromium found (set CHROMIUM_PATH).");
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
for (const icon of ICONS) {
  const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
  const svg = readFileSync(new URL(icon.source, dir), "utf8");
  await page.setContent(
    `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${icon.size}px;height:${icon.size}px}</style>${svg}`,
  );
  await page.screenshot({
    path: new URL(icon.out, dir).pathname,
    omitBackground: true,
    clip: { x: 0, y: 0, width: icon.size, height: icon.size },
  });
  await page.close();
  console.log(`public/icons/${icon.out} (${icon.size}×${icon.size})`);
}
await browser.close();
