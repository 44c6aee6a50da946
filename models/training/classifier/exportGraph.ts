// The graphs the classifier exports: the trained layers with a softmax on top (model.onnx) or the
// layers up to the embedding (backbone.onnx), with the graph names of the model zoo.
import { Activation, Input, Model } from "../../../src/lib/nn/index.ts";
import type { Sequential, SymbolicTensor } from "../../../src/lib/nn/index.ts";
import { CLASSIFIER_INPUT_SHAPE, CLASSIFIER_IO } from "../../../src/lib/zoo/index.ts";

/** The trained layers with a softmax on top (what model.onnx computes), or up to the embedding. */
export function exportGraph(model: Sequential, name: string, upTo?: string): Model {
  const input = Input([...CLASSIFIER_INPUT_SHAPE], { name: CLASSIFIER_IO.input });
  let x: SymbolicTensor = input;
  for (const layer of model.layers) {
    x = layer.apply(x);
    if (layer.name === upTo) break;
  }
  const output = upTo === undefined ? new Activation("softmax", { name: CLASSIFIER_IO.output }).apply(x) : x;
  return new Model({ inputs: input, outputs: output, name });
}
