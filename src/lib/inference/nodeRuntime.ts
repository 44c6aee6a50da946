// onnxruntime-web under Node (the classify CLI and unit tests): the package's Node build runs the
// wasm backend from node_modules, single-threaded (deterministic, no worker threads).
import type { OrtModule, RuntimeBuild, RuntimeLoader } from "./types.ts";

export const loadNodeRuntime: RuntimeLoader = async (build: RuntimeBuild): Promise<OrtModule> => {
  if (build !== "wasm") throw new Error("under Node onnxruntime-web runs only the WASM provider");
  const ort: OrtModule = await import("onnxruntime-web");
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = "error";
  return ort;
};
