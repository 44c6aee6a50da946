// The engine's f32 kernels, compiled to WebAssembly with 128-bit SIMD by `npm run kernels` (see the
// README's engine section). Every pointer is a byte address in this module's memory, which the
// JavaScript side (../wasmKernels.ts) owns from `heapBase()` up.
export { gemm } from "./gemm";
export { convGeometry, conv2dForward, conv2dBackward } from "./conv";
export { maxPool2dForward } from "./pool";
export { reluForward, reluBackward } from "./elementwise";

/** The first byte free for the caller: below it lie this module's own constants. */
export function heapBase(): usize {
  return __heap_base;
}
