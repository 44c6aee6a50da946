// Where the site serves the models: Vite copies each file into the build (hashed names) because of
// these `?url` imports; nothing is fetched until the demo asks for it.
import galaxyOnnx from "../../../models/galaxy-morphology/model.onnx?url";
import galaxyWeights from "../../../models/galaxy-morphology/weights.json?url";
import lensOnnx from "../../../models/lens-finder/model.onnx?url";
import lensWeights from "../../../models/lens-finder/weights.json?url";
import type { ModelId } from "./engineModel.ts";

export const MODEL_URLS: Record<ModelId, { onnx: string; weights: string }> = {
  "galaxy-morphology": { onnx: galaxyOnnx, weights: galaxyWeights },
  "lens-finder": { onnx: lensOnnx, weights: lensWeights },
};
