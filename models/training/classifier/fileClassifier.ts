// A shipped classifier applied to image files in Node, exactly as the site applies it to an upload:
// the site's file loading and preprocessing (src/lib/inference/imageFile.ts → src/lib/astro
// preprocess), the zoo's test-time-augmentation decision and the committed model.onnx run by
// onnxruntime-web's WASM backend. Used by `npm run classify` and `npm run models:evaluate`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import jpeg from "jpeg-js";
import { ModelRunner, loadImageFile } from "../../../src/lib/inference/index.ts";
import type { RasterDecoder } from "../../../src/lib/inference/index.ts";
import type { PreparedImage, PrepareOptions } from "../../../src/lib/astro/index.ts";
import { loadNodeRuntime } from "../../../src/lib/inference/nodeRuntime.ts";
import { CLASSIFIERS, SHIPPED_NETWORKS, classifierInput } from "../../../src/lib/zoo/index.ts";
import type { ClassifierId } from "../../../src/lib/zoo/index.ts";
import { MODELS_DIR, committedFile } from "../shared/paths.ts";

/** PNG and JPEG decoding in Node: pure-JS decoders (the browser uses a canvas). */
export const decodeInNode: RasterDecoder = async (bytes, format) => {
  if (format === "png") {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { width: png.width, height: png.height, data: png.data };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
};

/** One file's prediction and the 3 × 64 × 64 picture the network saw (CHW in [0, 1]). */
export interface FilePrediction {
  probabilities: Float32Array;
  labels: readonly string[];
  top: string;
  seen: Float32Array;
  /** How the picture was framed (pixel scale, auto-framing or centre), the crop and any warnings. */
  prepared: PreparedImage;
}

export interface FileClassifier {
  /** Classifies one file's bytes; throws ImageFileError for a file that is not a readable image. */
  classify(bytes: Uint8Array): Promise<FilePrediction>;
  /** Class probabilities of a picture already prepared as the network takes it (3 × 64 × 64 CHW in [0, 1]). */
  classifySeen(seen: Float32Array): Promise<Float32Array>;
  /** The bytes of the model.onnx in use (the evaluation records their hash). */
  onnx: Uint8Array;
  dispose(): Promise<void>;
}

/**
 * Opens a classifier on models/<model>/model.onnx (or `modelsDir`/<model>/model.onnx). `prepare`:
 * the pixel scale, field of view or survey preset of the files, and the framing without one (auto by
 * default, reproducing the framing of the model's own training set).
 */
export function openFileClassifier(
  model: ClassifierId,
  modelsDir = MODELS_DIR,
  prepare: Omit<PrepareOptions, "header" | "set"> = {},
): FileClassifier {
  const spec = CLASSIFIERS[model];
  const onnx = new Uint8Array(readFileSync(committedFile(model, "model.onnx", join(modelsDir, model))));
  const runner = new ModelRunner({ loadRuntime: loadNodeRuntime });
  const source = { ...SHIPPED_NETWORKS[model], bytes: onnx };
  const predict = (seen: Float32Array) => {
    const { input, views } = classifierInput(spec, seen);
    return runner.predict(source, input, "wasm", views);
  };
  return {
    onnx,
    async classify(bytes) {
      const set = spec.classes.includes("lens") ? "lens" : "morphology";
      const loaded = await loadImageFile(bytes, decodeInNode, { name: "the file", prepare: { ...prepare, set } });
      const p = await predict(loaded.prepared.data);
      return { probabilities: p.probabilities, labels: p.labels, top: p.top, seen: loaded.prepared.data, prepared: loaded.prepared };
    },
    classifySeen: async (seen) => (await predict(seen)).probabilities,
    dispose: () => runner.dispose(),
  };
}
