/**
 * What can go wrong when running a model, as one error type with a `kind` the page can explain:
 *
 * - "runtime-load": onnxruntime-web (its JavaScript or its .wasm) could not be loaded — offline,
 *   blocked, or a browser without WebAssembly. Retrying may help.
 * - "model-load": the model file could not be fetched or parsed. Retrying may help if it was the network.
 * - "webgpu-unavailable": WebGPU was demanded but the browser has none (only thrown when the caller
 *   forbids the WASM fallback; normally the classifier falls back and says so in `notice`).
 * - "run": the session rejected the input or failed while running.
 * - "bad-input": the input has the wrong size (a bug in the caller, not something to retry).
 */
export type InferenceErrorKind = "runtime-load" | "model-load" | "webgpu-unavailable" | "run" | "bad-input";

export class InferenceError extends Error {
  override name = "InferenceError";
  readonly kind: InferenceErrorKind;
  /** Whether trying again (e.g. after reconnecting) can succeed. */
  readonly retryable: boolean;

  constructor(kind: InferenceErrorKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = kind === "runtime-load" || kind === "model-load" || kind === "run";
  }
}

/** The message of anything thrown (errors, strings, ORT's plain objects). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
