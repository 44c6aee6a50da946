import { defineConfig } from "vitest/config";

// Browser tests: real headless Chromium against the built site (dist/) served on localhost.
// Run through `npm run test:browser`, which finds Chromium first and builds if needed.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    globalSetup: ["tests/e2e/globalSetup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // A loaded 2-core CI machine can take seconds to repaint; polls wait for the page, not a clock.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
