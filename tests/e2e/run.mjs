// Runs the browser test suites, or explains loudly why it can't. Without a Chromium the suites are
// skipped on a laptop (with a banner) but fail in CI, where a skipped browser test would hide bugs.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "./chromium.mjs";
import { siteDir } from "./siteDir.mjs";

const chromium = findChromium();
if (!chromium) {
  const banner = [
    "",
    "!".repeat(78),
    "!!  BROWSER TESTS SKIPPED: no Chromium found.",
    "!!  Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROMIUM_PATH",
    "!!  at a Chromium/Chrome binary, then run `npm run test:browser`.",
    "!".repeat(78),
    "",
  ].join("\n");
  console.error(banner);
  if (process.env.CI) {
    console.error("CI is set: a missing browser is a failure, not a skip.");
    process.exit(1);
  }
  process.exit(0);
}

if (!existsSync(`${siteDir()}/index.html`)) {
  const build = spawnSync("npx", ["astro", "build", "--outDir", siteDir()], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`Browser tests in ${chromium}`);
const run = spawnSync("npx", ["vitest", "run", "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(run.status ?? 1);
