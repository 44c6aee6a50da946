// Vitest setup: ENGINE_KERNELS=js|wasm|auto runs a test suite on that kernel backend, e.g. the whole
// engine suite on the plain JavaScript path or on WebAssembly for every float32 op:
//   ENGINE_KERNELS=js npx vitest run --project unit src/lib
// Unset, tests run as the engine does everywhere ("auto").
import { setKernelBackend } from "../../src/lib/kernels/index.ts";
import type { KernelChoice } from "../../src/lib/kernels/index.ts";

const choice = process.env.ENGINE_KERNELS;
if (choice !== undefined && choice !== "") {
  if (choice !== "js" && choice !== "wasm" && choice !== "auto")
    throw new Error(`ENGINE_KERNELS must be js, wasm or auto, not "${choice}"`);
  setKernelBackend(choice satisfies KernelChoice);
}
