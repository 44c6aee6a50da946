// The 2-D playground's network side: the noise-predicting MLP and the reverse process that samples
// with it. Apart from diffusion2dModel.ts because it needs the engine (tensors, layers, configs): the
// widget imports this module when the learner presses Train, so the page does not load the engine
// for a playground that has not been used yet.
import { Rng } from "../../lib/random/index.ts";
import { Tensor, noGrad } from "../../lib/autodiff/index.ts";
import { Dense, Sequential, modelFromConfig, modelToConfig, setWeights } from "../../lib/nn/index.ts";
import type { Model, ModelConfig } from "../../lib/nn/index.ts";
import { ddimStep, ddpmStep, gaussianNoise, timeEmbedding } from "../../lib/diffusion/index.ts";
import type { WeightPayload } from "../../lib/worker/index.ts";
import { CLIP, SETUP_2D, schedule2d } from "./diffusion2dModel.ts";
import type { Sampler } from "./diffusion2dModel.ts";

/** The MLP ε_θ: [x, y, embedding(t)] → (ε_x, ε_y), two hidden layers of swish units. */
export function buildNoiseMlp(seed: number): Sequential {
  const layers = [
    ...SETUP_2D.hidden.map((u, k) => new Dense(u, { activation: "swish", name: `hidden${k + 1}` })),
    new Dense(2, { name: "epsilon" }),
  ];
  return new Sequential(layers, { inputShape: [2 + SETUP_2D.embedDims], name: "noise_mlp", seed });
}

/** The untrained MLP as the config the training worker rebuilds it from. */
export function noiseMlpConfig(seed: number): ModelConfig {
  return modelToConfig(buildNoiseMlp(seed));
}

/** ε̂ for `count` points all at step t (inference mode). */
export function predictEps(model: Model, x: Float32Array, t: number): Float32Array {
  const n = x.length / 2;
  const width = 2 + SETUP_2D.embedDims;
  const input = new Float32Array(n * width);
  const emb = timeEmbedding(t, SETUP_2D.T, SETUP_2D.embedDims);
  for (let i = 0; i < n; i++) {
    input[i * width] = x[2 * i];
    input[i * width + 1] = x[2 * i + 1];
    input.set(emb, i * width + 2);
  }
  return noGrad(() => Float32Array.from(model.forward(new Tensor(input, [n, width]), { training: false })[0].data));
}

/**
 * The reverse process from a Gaussian cloud: frames[k] holds the points at step T − k, so frames[0]
 * is x_T ~ N(0, I) and frames[T] is x₀. DDPM adds fresh noise at each step (Ho et al. Algorithm 2);
 * DDIM (η = 0) is deterministic.
 */
export function reverseFrames(model: Model, sampler: Sampler, count: number, seed: number): Float32Array[] {
  const s = schedule2d();
  const rng = new Rng(seed).fork("reverse");
  let x = gaussianNoise(rng, count * 2);
  const frames = [x];
  for (let t = s.T; t >= 1; t--) {
    const eps = predictEps(model, x, t);
    x = sampler === "ddpm" ? ddpmStep(s, x, t, eps, gaussianNoise(rng, count * 2)) : ddimStep(s, x, t, t - 1, eps, CLIP);
    frames.push(x);
  }
  return frames;
}

/** The reverse process of a network the worker trained, rebuilt from its config and weights. */
export function sampleTrained(
  net: { config: ModelConfig; weights: readonly WeightPayload[] },
  sampler: Sampler,
  count: number,
  seed: number,
): Float32Array[] {
  const model = modelFromConfig(net.config, 0);
  setWeights(
    model,
    net.weights.map((w) => ({ name: w.name, shape: w.shape, data: new Float32Array(w.buffer) })),
  );
  return reverseFrames(model, sampler, count, seed);
}
