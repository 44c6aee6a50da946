import { KERNELS_WASM_BASE64 } from "./kernelsWasm.ts";
import { WasmKernels } from "./wasmKernels.ts";
import { kernelChoice, loadedKernels, setKernelState } from "./kernelBackend.ts";
import type { KernelChoice } from "./kernelBackend.ts";

// The bytes come from a generated module rather than a fetched .wasm file: the same import works in
// Node, a page and a Worker with no fetch (so no connect-src), and compiling 6 kB synchronously is
// allowed everywhere, so the engine's ops stay synchronous. Only modules that train import this file,
// so pages that merely run the engine never download the kernels.

let unavailable: string | null = null;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Loads the WebAssembly kernels into this thread if they are not loaded yet and the runtime can run
 * them (WebAssembly with SIMD: `WebAssembly.validate` of the module itself is the feature check, and a
 * Content-Security-Policy without 'wasm-unsafe-eval' makes compiling throw). Returns whether they are
 * loaded; where they are not, every op keeps its JavaScript path. Idempotent and cheap after the first
 * call (which compiles ≈6 kB: about a millisecond).
 */
export function loadKernels(): boolean {
  if (loadedKernels() !== null) return true;
  if (unavailable !== null) return false;
  try {
    if (typeof WebAssembly !== "object") throw new Error("no WebAssembly");
    const bytes = decode(KERNELS_WASM_BASE64);
    if (!WebAssembly.validate(bytes)) throw new Error("WebAssembly SIMD is not supported");
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    setKernelState(kernelChoice(), new WasmKernels(instance));
    return true;
  } catch (error) {
    unavailable = error instanceof Error ? error.message : String(error);
    return false;
  }
}

/** Why the kernels could not be loaded in this thread, or null (not tried yet, or loaded). */
export function kernelsUnavailableReason(): string | null {
  return unavailable;
}

/**
 * Chooses the kernels for f32 ops in this thread: "js" (the plain JavaScript path everywhere), "wasm"
 * (WebAssembly for every f32 op, however small: what the tests use to run the engine suite on it) or
 * "auto" (the default: WebAssembly where loaded and the op is big enough to gain). "wasm" loads the
 * kernels and throws if this runtime cannot run them.
 */
export function setKernelBackend(next: KernelChoice): void {
  if (next === "wasm" && !loadKernels()) {
    throw new Error(`setKernelBackend("wasm"): the WebAssembly kernels cannot run here (${unavailable})`);
  }
  setKernelState(next);
}
