// Where the site serves the shipped networks: Vite copies each file into the build (hashed names)
// because of these `?url` imports, and nothing is fetched until a widget asks for it. What each file
// *is* (input and output names, shapes, classes) comes from the model zoo; this module adds only URLs.
import morphologyOnnx from "../../../models/galaxy-morphology/model.onnx?url";
import backboneOnnx from "../../../models/galaxy-morphology/backbone.onnx?url";
import lensOnnx from "../../../models/lens-finder/model.onnx?url";
import encoderOnnx from "../../../models/galaxy-autoencoder/encoder.onnx?url";
import decoderOnnx from "../../../models/galaxy-autoencoder/decoder.onnx?url";
import latentMapJson from "../../../models/galaxy-autoencoder/latent-map.json?url";
import denoiserOnnx from "../../../models/galaxy-denoiser/model.onnx?url";
import { SHIPPED_NETWORKS } from "../../lib/zoo/index.ts";
import type { ShippedNetworkId } from "../../lib/zoo/index.ts";
import type { ModelSource } from "../../lib/inference/index.ts";

const ONNX_URLS: Record<ShippedNetworkId, string> = {
  "galaxy-morphology": morphologyOnnx,
  "galaxy-morphology-backbone": backboneOnnx,
  "lens-finder": lensOnnx,
  "galaxy-autoencoder-encoder": encoderOnnx,
  "galaxy-autoencoder-decoder": decoderOnnx,
  "galaxy-denoiser": denoiserOnnx,
};

/** A shipped network as ModelRunner loads it in the browser. */
export function modelSource(id: ShippedNetworkId): ModelSource {
  const { file: _file, ...network } = SHIPPED_NETWORKS[id];
  return { ...network, url: ONNX_URLS[id] };
}

/** The autoencoder's latent map of held-out galaxies (latent-map.json). */
export const LATENT_MAP_URL: string = latentMapJson;
