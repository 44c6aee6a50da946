// onnxruntime-web under Node (the classify CLI and unit tests): the package's Node build runs the
// wasm backend from node_modules, single-threaded (deterministic, no worker threads).
import type { ExecutionProvider, OrtModule, RuntimeLoader } from "./types.ts";

export const loadNodeRuntime: RuntimeLoader = async (ep: ExecutionProvider): Promise<OrtModule> => {
  if (ep !== "wasm") throw new Error("under Node onnxruntime-web runs only the WASM provider");
  const ort: OrtModule = await import("onnxruntime-web");
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = "error";
  return ort;
};
