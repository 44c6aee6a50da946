// onnxruntime-web for pages: each build's bundle is imported lazily (a separate chunk that only a
// page running a model ever fetches), and its .wasm comes from the site itself — Vite copies the file
// out of node_modules/onnxruntime-web/dist into the build (the `?url` imports below), and
// `env.wasm.wasmPaths` points onnxruntime at that copy, never at a CDN.
//
//   WebGPU: `onnxruntime-web/webgpu` (≈120 kB JS) + ort-wasm-simd-threaded.asyncify.wasm (≈27 MB)
//   WASM:   `onnxruntime-web/wasm`   (≈75 kB JS)  + ort-wasm-simd-threaded.wasm          (≈14 MB)
//
// The WebGPU build registers the "wasm" (CPU) provider too, on the same asyncify .wasm, so ModelRunner
// never loads both builds on one page (it picks the build per device; see modelRunner.ts).
// The `.bundle` builds that the package exports for bundlers embed the Emscripten .mjs glue, so only
// the .wasm is fetched. Threads: multi-threaded wasm needs cross-origin isolation, which static hosts
// rarely give, so one thread unless the page is isolated.
import asyncifyWasmUrl from "onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url";
import wasmUrl from "onnxruntime-web/ort-wasm-simd-threaded.wasm?url";
import type { OrtModule, RuntimeBuild, RuntimeLoader } from "./types.ts";

/** Threads for the wasm backend: 1, or up to 4 when the page is cross-origin isolated. */
export function wasmThreads(): number {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return g.crossOriginIsolated ? Math.max(1, Math.min(4, g.navigator?.hardwareConcurrency ?? 1)) : 1;
}

export const loadBrowserRuntime: RuntimeLoader = async (build: RuntimeBuild): Promise<OrtModule> => {
  const ort: OrtModule = build === "webgpu" ? await import("onnxruntime-web/webgpu") : await import("onnxruntime-web/wasm");
  ort.env.wasm.wasmPaths = { wasm: new URL(build === "webgpu" ? asyncifyWasmUrl : wasmUrl, globalThis.location?.href).href };
  ort.env.wasm.numThreads = wasmThreads();
  ort.env.wasm.proxy = false;
  // `?ortlog=verbose` (or info, warning) on the page's URL shows onnxruntime's own log, for debugging.
  const level = new URLSearchParams(globalThis.location?.search ?? "").get("ortlog");
  ort.env.logLevel = level === "verbose" || level === "info" || level === "warning" ? level : "error";
  return ort;
};
