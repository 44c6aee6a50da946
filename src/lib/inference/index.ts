// Public surface of model inference: the only code that imports onnxruntime-web. Pages use
// `new ModelRunner({ loadRuntime: loadBrowserRuntime })` (browserRuntime.ts, imported separately so
// Node never sees its asset imports); Node tools use `loadNodeRuntime` (nodeRuntime.ts).
export { ModelRunner, webgpuSupport } from "./modelRunner.ts";
export type { ModelRunnerOptions } from "./modelRunner.ts";
export { InferenceError, describeError } from "./errors.ts";
export type { InferenceErrorKind } from "./errors.ts";
export type {
  EpPreference,
  ExecutionProvider,
  InferenceResult,
  ModelSource,
  OrtModule,
  Prediction,
  RuntimeBuild,
  RuntimeLoader,
} from "./types.ts";
export { loadImageFile } from "./loadImageFile.ts";
export { ImageFileError } from "./imageFileError.ts";
export type { ImageFormat, LoadedImage, LoadOptions, Raster, RasterDecoder } from "./imageFile.ts";
