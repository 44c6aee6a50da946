// Test-only helper: runs encoded models with onnxruntime-web's wasm backend under Node/vitest.
// (Only src/lib/inference may import onnxruntime-web in shipped code; this file is imported by tests.)
import * as ort from "onnxruntime-web";

// Single-threaded wasm: no worker threads, no cross-origin isolation, and deterministic.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = "error";

/** A float32 input: values and dims. */
export interface FeedTensor {
  data: Float32Array;
  dims: readonly number[];
}

/** Loads `bytes` into a wasm session, runs it on `feeds`, returns every output's data and dims. */
export async function runOrt(
  bytes: Uint8Array,
  feeds: Record<string, FeedTensor>,
): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, feed] of Object.entries(feeds)) inputs[name] = new ort.Tensor("float32", feed.data, feed.dims);
    const results = await session.run(inputs);
    const out: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
    for (const [name, tensor] of Object.entries(results)) {
      out[name] = { data: tensor.data as Float32Array, dims: tensor.dims };
    }
    return out;
  } finally {
    await session.release();
  }
}
