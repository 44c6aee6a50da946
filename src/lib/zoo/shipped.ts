// Every network file the site runs, by one id: where it lives under models/, its graph's input and
// output names, its input shape and, for classifiers, its classes. The site's asset module
// (src/widgets/shared/modelAssets.ts) adds only the URL the bundler gives each file; the CLI and the
// tests read the same file from models/ directly.
import { AUTOENCODER_SPEC, DECODER_IO, ENCODER_IO } from "./autoencoder.ts";
import { CLASSIFIERS, CLASSIFIER_INPUT_SHAPE, CLASSIFIER_IO } from "./classifier.ts";
import { DENOISER_IO, DENOISER_SPEC } from "./denoiser.ts";

/** One shipped .onnx file and how to call it (structurally a ModelSource of src/lib/inference, less its URL). */
export interface ShippedNetwork {
  /** Stable id (the inference session cache key). */
  id: string;
  /** Path under models/, e.g. "galaxy-morphology/model.onnx". */
  file: string;
  inputName: string;
  outputName: string;
  /** Input shape without the batch axis. */
  inputShape: readonly number[];
  /** Classifiers: the classes in output order (also the file's class_labels metadata). */
  labels?: readonly string[];
}

export const SHIPPED_NETWORK_IDS = [
  "galaxy-morphology",
  "galaxy-morphology-backbone",
  "lens-finder",
  "galaxy-autoencoder-encoder",
  "galaxy-autoencoder-decoder",
  "galaxy-denoiser",
] as const;
export type ShippedNetworkId = (typeof SHIPPED_NETWORK_IDS)[number];

const classifier = (id: "galaxy-morphology" | "lens-finder"): ShippedNetwork => ({
  id,
  file: `${id}/model.onnx`,
  inputName: CLASSIFIER_IO.input,
  outputName: CLASSIFIER_IO.output,
  inputShape: CLASSIFIER_INPUT_SHAPE,
  labels: CLASSIFIERS[id].classes,
});

export const SHIPPED_NETWORKS: Record<ShippedNetworkId, ShippedNetwork> = {
  "galaxy-morphology": classifier("galaxy-morphology"),
  // The morphology network up to its 64-unit ReLU layer: the transfer-learning lesson's frozen backbone.
  "galaxy-morphology-backbone": {
    id: "galaxy-morphology-backbone",
    file: "galaxy-morphology/backbone.onnx",
    inputName: CLASSIFIER_IO.input,
    outputName: CLASSIFIER_IO.embedding,
    inputShape: CLASSIFIER_INPUT_SHAPE,
  },
  "lens-finder": classifier("lens-finder"),
  "galaxy-autoencoder-encoder": {
    id: "galaxy-autoencoder-encoder",
    file: `${AUTOENCODER_SPEC.name}/encoder.onnx`,
    inputName: ENCODER_IO.input,
    outputName: ENCODER_IO.output,
    inputShape: CLASSIFIER_INPUT_SHAPE,
  },
  "galaxy-autoencoder-decoder": {
    id: "galaxy-autoencoder-decoder",
    file: `${AUTOENCODER_SPEC.name}/decoder.onnx`,
    inputName: DECODER_IO.input,
    outputName: DECODER_IO.output,
    inputShape: [AUTOENCODER_SPEC.latent],
  },
  "galaxy-denoiser": {
    id: DENOISER_SPEC.name,
    file: `${DENOISER_SPEC.name}/model.onnx`,
    inputName: DENOISER_IO.input,
    outputName: DENOISER_IO.output,
    inputShape: [DENOISER_SPEC.channels + 1, DENOISER_SPEC.size, DENOISER_SPEC.size],
  },
};
