// The shipped classifiers rebuilt in our own engine: the network of the model zoo (src/lib/zoo) with
// the trained weights loaded (in the browser from the model.onnx the page runs anyway, so no second
// file of weights is downloaded; tests may pass weights.json), run forward once per image with a trace so every conv
// layer's feature maps can be drawn. Its probabilities must equal onnxruntime's (engineModel.test.ts).
import { Tensor, noGrad, softmax } from "../../lib/autodiff/index.ts";
import { summaryData, weightsFromJSON } from "../../lib/nn/index.ts";
import { weightsFromOnnx } from "../../lib/onnx/readInitializers.ts";
import type { Sequential, SymbolicTensor, WeightsJSON } from "../../lib/nn/index.ts";
import { CLASSIFIERS, buildClassifier } from "../../lib/zoo/index.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";

/**
 * The network with its trained weights loaded (same layers and names as the trained one), from the
 * bytes of its model.onnx (whose initializers are the engine's weights) or from weights.json.
 */
export function loadEngineModel(id: ClassifierId, weights: Uint8Array | WeightsJSON | string): Sequential {
  const model = buildClassifier(CLASSIFIERS[id], "view");
  if (weights instanceof Uint8Array) weightsFromOnnx(model, weights);
  else weightsFromJSON(model, weights);
  return model;
}

/** The feature maps of one conv layer (after its ReLU) for one image: C planes of H × W. */
export interface FeatureMapLayer {
  name: string;
  channels: number;
  height: number;
  width: number;
  /** CHW values. */
  data: Float32Array;
  /** Largest value over all maps of the layer (the ReLU makes the smallest 0). */
  max: number;
  /** Mean activation per channel. */
  means: Float32Array;
}

export interface EngineResult {
  probabilities: Float32Array;
  layers: FeatureMapLayer[];
}

/**
 * Runs one CHW image through the engine model in inference mode (dropout off) and returns the class
 * probabilities and the output of every convolution (with batch normalisation, the ReLU after it).
 */
export function engineForward(model: Sequential, image: Float32Array): EngineResult {
  return noGrad(() => {
    const trace = new Map<SymbolicTensor, Tensor>();
    const [logits] = model.forward(new Tensor(image.slice(), [1, ...model.inputShape]), { training: false }, trace);
    const probabilities = Float32Array.from(softmax(logits).data);
    const layers: FeatureMapLayer[] = [];
    const nodes = model.nodes.filter((n) => n.layer !== null);
    nodes.forEach((node, i) => {
      if (node.layer?.kind !== "Conv2D") return;
      // Without batch normalisation the ReLU is inside the conv layer; with it, two layers later.
      const next = nodes[i + 1];
      const shown = next?.layer?.kind === "BatchNorm" && nodes[i + 2]?.layer?.kind === "Activation" ? nodes[i + 2] : node;
      const value = trace.get(shown)!;
      const [, c, h, w] = value.shape;
      const data = Float32Array.from(value.data);
      const means = new Float32Array(c);
      let max = 0;
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let p = 0; p < h * w; p++) {
          const v = data[k * h * w + p];
          s += v;
          if (v > max) max = v;
        }
        means[k] = s / (h * w);
      }
      layers.push({ name: node.layer.name, channels: c, height: h, width: w, data, max, means });
    });
    return { probabilities, layers };
  });
}

/** One row of the model's summary table, for the lesson. */
export interface SummaryLine {
  name: string;
  kind: string;
  shape: string;
  params: number;
}

/** Layer, output shape and parameter count of a model (the engine's `summary`), plus the total. */
export function modelSummary(id: ClassifierId): { rows: SummaryLine[]; total: number } {
  const data = summaryData(buildClassifier(CLASSIFIERS[id], "view"));
  return {
    rows: data.rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      shape: r.outputShape.map((d) => (d === null ? "N" : String(d))).join(" × "),
      params: r.params,
    })),
    total: data.totalParams,
  };
}
