// Where the site serves the galaxy denoiser: Vite copies the file into the build (hashed name) because
// of this `?url` import; nothing is fetched until the learner starts the demo.
import denoiserOnnx from "../../../models/galaxy-denoiser/model.onnx?url";

export const DENOISER_URL: string = denoiserOnnx;
