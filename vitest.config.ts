import { defineConfig } from "vitest/config";

// Unit tests live beside the code they test (src/**, exercises/**, models/**) and in tests/unit.
// Browser (e2e) tests are not vitest tests: they run against the built site (tests/e2e/run.mjs).
export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "src/**/*.test.tsx",
      "exercises/**/*.test.ts",
      "models/**/*.test.ts",
      "tests/unit/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 60_000,
    pool: "forks",
  },
});
