import type { WasmKernels } from "./wasmKernels.ts";

/** Which kernels compute f32 ops: plain JavaScript, or WebAssembly SIMD. */
export type KernelBackend = "js" | "wasm";
/** A choice of backend: "auto" takes WebAssembly once loaded, for ops big enough to gain from it. */
export type KernelChoice = KernelBackend | "auto";

/**
 * Multiply-adds (or elements) below which "auto" keeps an op in JavaScript: a call into WebAssembly,
 * with its copies in and out, costs about 0.35 µs, which the JavaScript loops beat below a few hundred
 * multiply-adds (measured: a 10×8×2 product takes 0.2 µs in JavaScript, a 10×8×8 one 0.53 µs against
 * 0.36 µs in WebAssembly).
 */
export const WASM_MIN_WORK = 512;

// Module state is per thread (each Worker or worker_thread imports its own copy), so every thread
// instantiates its own kernels and memory.
let choice: KernelChoice = "auto";
let loaded: WasmKernels | null = null;

/** The current choice ("auto" unless setKernelBackend changed it). */
export function kernelChoice(): KernelChoice {
  return choice;
}

/** The backend that computes big f32 ops now: "wasm" once the kernels are loaded, unless "js" was chosen. */
export function kernelBackend(): KernelBackend {
  return loaded !== null && choice !== "js" ? "wasm" : "js";
}

/**
 * The WebAssembly kernels for an f32 op of `work` multiply-adds (or elements, for a pass over data),
 * or null when the op should run in JavaScript. The choice depends only on the backend and the op's
 * size, so the same op on the same inputs always takes the same path and gives the same result.
 */
export function wasmKernelsFor(work: number): WasmKernels | null {
  if (loaded === null || choice === "js") return null;
  return choice === "wasm" || work >= WASM_MIN_WORK ? loaded : null;
}

/** Sets the choice and, when given, the loaded kernels (loadKernels.ts is the only caller). */
export function setKernelState(next: KernelChoice, kernels?: WasmKernels): void {
  choice = next;
  if (kernels !== undefined) loaded = kernels;
}

/** The loaded kernels, or null (for loadKernels). */
export function loadedKernels(): WasmKernels | null {
  return loaded;
}
