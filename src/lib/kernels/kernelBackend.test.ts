// Choosing the kernels: loading, the explicit override, "auto" by size, runtimes without WebAssembly
// SIMD, and one instance per thread.
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Rng } from "../random/index.ts";
import { gemm } from "../autodiff/index.ts";
import { WASM_MIN_WORK, kernelBackend, kernelChoice, loadKernels, setKernelBackend } from "./index.ts";
import type { KernelChoice } from "./index.ts";

const rng = new Rng("kernel-backend");
const f32 = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));

function product(M: number, N: number, K: number, A: Float32Array, B: Float32Array, choice: KernelChoice): Float32Array {
  const prev = kernelChoice();
  setKernelBackend(choice);
  const C = new Float32Array(M * N);
  gemm(M, N, K, A, 0, false, B, 0, false, C, 0);
  setKernelBackend(prev);
  return C;
}

afterEach(() => {
  setKernelBackend("auto");
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("kernel backend", () => {
  it('"auto" takes the WebAssembly kernels once loaded (Node has WebAssembly SIMD); "js" overrides them', () => {
    setKernelBackend("auto");
    expect(loadKernels()).toBe(true);
    expect(kernelBackend()).toBe("wasm");
    setKernelBackend("js");
    expect(kernelBackend()).toBe("js");
  });

  it('"auto" keeps small products in JavaScript and sends big ones to WebAssembly', () => {
    loadKernels();
    // 10×8×2 = 160 multiply-adds: the JavaScript result, bit for bit.
    const [a, b] = [f32(20), f32(16)];
    expect(product(10, 8, 2, a, b, "auto")).toEqual(product(10, 8, 2, a, b, "js"));
    // 64×64×64 multiply-adds: the WebAssembly result, bit for bit (it differs from JavaScript's).
    expect(64 ** 3).toBeGreaterThanOrEqual(WASM_MIN_WORK);
    const [c, d] = [f32(64 * 64), f32(64 * 64)];
    const wasm = product(64, 64, 64, c, d, "wasm");
    expect(product(64, 64, 64, c, d, "auto")).toEqual(wasm);
    expect(product(64, 64, 64, c, d, "js")).not.toEqual(wasm);
  });

  it("where WebAssembly SIMD is missing, the JavaScript path runs and forcing WebAssembly says why it cannot", async () => {
    vi.stubGlobal("WebAssembly", { ...WebAssembly, validate: () => false });
    const fresh = await import("./index.ts");
    expect(fresh.loadKernels()).toBe(false);
    expect(fresh.kernelsUnavailableReason()).toMatch(/SIMD is not supported/);
    expect(fresh.kernelBackend()).toBe("js");
    expect(() => fresh.setKernelBackend("wasm")).toThrow(/cannot run here \(WebAssembly SIMD is not supported\)/);
  });

  it("where there is no WebAssembly at all (or a CSP forbids compiling it), loading fails quietly", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    const fresh = await import("./index.ts");
    expect(fresh.loadKernels()).toBe(false);
    expect(fresh.kernelsUnavailableReason()).toBe("no WebAssembly");
  });

  it("a worker thread instantiates its own kernels and computes the same bits", async () => {
    const [A, B] = [f32(33 * 70), f32(70 * 41)];
    const here = product(33, 41, 70, A, B, "wasm");
    const source = `
      const { parentPort, workerData } = require("node:worker_threads");
      import(workerData.kernels).then(async (k) => {
        const { gemm } = await import(workerData.gemm);
        k.setKernelBackend("wasm");
        const C = new Float32Array(33 * 41);
        gemm(33, 41, 70, workerData.A, 0, false, workerData.B, 0, false, C, 0);
        parentPort.postMessage({ backend: k.kernelBackend(), C });
      });`;
    const worker = new Worker(source, {
      eval: true,
      workerData: {
        kernels: new URL("./index.ts", import.meta.url).href,
        gemm: new URL("../autodiff/gemm.ts", import.meta.url).href,
        A,
        B,
      },
    });
    const reply = await new Promise<{ backend: string; C: Float32Array }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(reply.backend).toBe("wasm");
    expect(reply.C).toEqual(here);
  });
});
