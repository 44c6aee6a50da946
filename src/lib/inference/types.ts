import type * as Ort from "onnxruntime-web";

/** The execution providers the site uses: WebGPU (the GPU, through the browser) or WebAssembly (the CPU). */
export type ExecutionProvider = "webgpu" | "wasm";

/** What the page asks for: "auto" tries WebGPU and falls back to WASM (saying why); "webgpu" and "wasm" force one (no fallback). */
export type EpPreference = "auto" | "webgpu" | "wasm";

/** The part of onnxruntime-web's module the classifier uses (any of its builds: webgpu, wasm, node). */
export type OrtModule = Pick<typeof Ort, "InferenceSession" | "Tensor" | "env">;

/**
 * A build of onnxruntime-web, i.e. one of its two ≈14–27 MB downloads:
 *  - "webgpu": `onnxruntime-web/webgpu` with ort-wasm-simd-threaded.asyncify.wasm (≈27 MB). It runs
 *    the WebGPU provider *and* the wasm (CPU) provider, so a page that has it never needs the other;
 *  - "wasm": `onnxruntime-web/wasm` with ort-wasm-simd-threaded.wasm (≈14 MB): the wasm provider only.
 */
export type RuntimeBuild = "webgpu" | "wasm";

/**
 * Loads a build of onnxruntime-web and configures it (wasm paths, threads). The browser's loader
 * imports the build's bundle lazily; Node's imports the package's Node build (wasm only).
 */
export type RuntimeLoader = (build: RuntimeBuild) => Promise<OrtModule>;

/** A model the site can run. */
export interface ModelSource {
  /** Stable id (cache key), e.g. "galaxy-morphology". */
  id: string;
  /** Where its .onnx lives (a URL in the browser), or its bytes. */
  url?: string;
  bytes?: Uint8Array;
  /** Classifiers: output order of the classes (the model's `class_labels` metadata). */
  labels?: readonly string[];
  /** Graph input and output names (default "input" and "probabilities"). */
  inputName?: string;
  outputName?: string;
  /** Input shape without the batch axis (default [3, 64, 64]). */
  inputShape?: readonly number[];
}

/** One image's result. */
export interface Prediction {
  modelId: string;
  /** Class probabilities in the model's output order (the mean over the views when there are several). */
  probabilities: Float32Array;
  /** How many versions of the image were averaged (1: none), and the probabilities of the first alone. */
  views: number;
  firstView: Float32Array;
  labels: readonly string[];
  /** Index and label of the most probable class. */
  topIndex: number;
  top: string;
  /** The execution provider that actually ran the model. */
  ep: ExecutionProvider;
  /** Wall-clock milliseconds of `session.run` (input upload and output download included). */
  latencyMs: number;
  /** Milliseconds spent creating the session for this call (0 when it was cached). */
  sessionMs: number;
  /** Set when the run did not use the requested provider, saying why (e.g. "WebGPU is not available…"). */
  notice: string | null;
}

/** A raw run's result (`ModelRunner.infer`): the first output tensor, flattened, and how it ran. */
export interface InferenceResult {
  modelId: string;
  /** Row-major values of the output named `outputName`. */
  output: Float32Array;
  /** Its shape, batch axis first. */
  outputDims: number[];
  ep: ExecutionProvider;
  latencyMs: number;
  sessionMs: number;
  notice: string | null;
}
