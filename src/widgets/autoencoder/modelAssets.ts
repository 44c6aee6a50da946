// Where the site serves the autoencoder: Vite copies each file into the build (hashed names) because
// of these `?url` imports; nothing is fetched until the learner starts the demo.
import encoderOnnx from "../../../models/galaxy-autoencoder/encoder.onnx?url";
import decoderOnnx from "../../../models/galaxy-autoencoder/decoder.onnx?url";
import latentMapJson from "../../../models/galaxy-autoencoder/latent-map.json?url";
import { DECODER_IO, ENCODER_IO } from "../../lib/astro/autoencoder-spec.ts";
import type { ModelSource } from "../../lib/inference/index.ts";
import { LATENT } from "./autoencoderModel.ts";

export const ENCODER: ModelSource = { id: "galaxy-autoencoder-encoder", url: encoderOnnx, inputName: ENCODER_IO.input, outputName: ENCODER_IO.output, inputShape: [3, 64, 64] };
export const DECODER: ModelSource = { id: "galaxy-autoencoder-decoder", url: decoderOnnx, inputName: DECODER_IO.input, outputName: DECODER_IO.output, inputShape: [LATENT] };
export const LATENT_MAP_URL: string = latentMapJson;
