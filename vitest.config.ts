import { defineConfig } from "vitest/config";

// Unit tests live beside the code they test (src/**, exercises/**, models/**) and in tests/unit.
// Two projects so the slow model-pipeline tests (training, ONNX export and agreement, the classify
// CLI) can run apart: `npm run test:unit` runs "unit", `npm run test:models` runs "models", and a
// plain `vitest run` runs both.
// Browser (e2e) tests are not vitest tests: they run against the built site (tests/e2e/run.mjs).
export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 60_000,
    // ENGINE_KERNELS=js|wasm chooses the engine's kernels for a run (tests/support/kernelBackend.ts).
    setupFiles: ["tests/support/kernelBackend.ts"],
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "exercises/**/*.test.ts", "tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "models",
          include: ["models/**/*.test.ts"],
        },
      },
    ],
  },
});
