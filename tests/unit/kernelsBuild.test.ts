// The committed WebAssembly kernels (src/lib/kernels/kernelsWasm.ts) are what their AssemblyScript
// source compiles to with the pinned compiler: a change to the source without `npm run kernels`, or a
// hand-edited binary, fails here.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("WebAssembly kernels build", () => {
  it("src/lib/kernels/kernelsWasm.ts is the compiled src/lib/kernels/assembly (npm run kernels -- --check)", () => {
    const run = spawnSync(process.execPath, ["scripts/buildKernels.mjs", "--check"], { encoding: "utf8" });
    expect(run.stderr + run.stdout).toMatch(/is up to date/);
    expect(run.status).toBe(0);
  }, 60_000);
});
