// Developer tool: screenshots of one page of a built site, in viewport-sized slices so long pages
// can be looked at piece by piece.
//   node tests/e2e/shoot.mjs <site path> [--width 1280] [--dark] [--dir dist] [--at 0,900,1800]
// Slices land in test-results/screenshots/shoot-<width>-<theme>-<y>.png; console errors are printed.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "./chromium.mjs";
import { serveStatic } from "./staticServer.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const path = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--") && args[i - 1] !== "--dark")) ?? "/";
const width = Number(option("width", "1280"));
const theme = args.includes("--dark") ? "dark" : "light";
const server = await serveStatic(option("dir", process.env.E2E_SITE_DIR || "dist"));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
const page = await context.newPage();
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
page.on("pageerror", (e) => console.log("uncaught:", e.message));
await page.goto(server.url + path, { waitUntil: "networkidle" });
const islands = page.locator("astro-island");
for (let i = 0; i < (await islands.count()); i++) await islands.nth(i).scrollIntoViewIfNeeded();
await page.waitForTimeout(600);
const height = await page.evaluate(() => document.documentElement.scrollHeight);
const at = option("at", null);
const ys = at ? at.split(",").map(Number) : Array.from({ length: Math.ceil(height / 900) }, (_, i) => i * 900);
mkdirSync("test-results/screenshots", { recursive: true });
for (const y of ys) {
  const file = `test-results/screenshots/shoot-${width}-${theme}-${y}.png`;
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y, width, height: Math.min(900, height - y) } });
  console.log(file);
}
console.log(`page height ${height}px`);
await browser.close();
await server.close();
