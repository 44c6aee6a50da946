// Public surface of the engine's WebAssembly SIMD kernels (f32 matrix multiply, convolution, max
// pooling, relu): load them, choose the backend, see which one runs. The ops in src/lib/autodiff pick
// them up by themselves; see the README's engine section.
export { loadKernels, setKernelBackend, kernelsUnavailableReason } from "./loadKernels.ts";
export { kernelBackend, kernelChoice, WASM_MIN_WORK } from "./kernelBackend.ts";
export type { KernelBackend, KernelChoice } from "./kernelBackend.ts";
