import { AvgPool2D, Concatenate, Conv2D, Input, Model, UpSampling2D } from "../nn/index.ts";
import type { SymbolicTensor } from "../nn/index.ts";
import { DENOISER_IO } from "./denoiser.ts";
import type { DenoiserSpec } from "./denoiser.ts";

/**
 * The noise predictor ε_θ(x_t, t): a three-level U-Net (Ronneberger et al. 2015) of 3 × 3 ReLU
 * convolutions. Input [N, channels + 1, size, size] (the noisy image and a constant t/T plane),
 * output `epsilon` [N, channels, size, size] (linear). Average pooling halves the resolution twice;
 * each lower level also sees the pooled input (so the t plane reaches every level), and
 * nearest-neighbour upsampling with skip connections (Concatenate) brings back the detail.
 */
export function buildDenoiser(spec: DenoiserSpec, seed: number | string): Model {
  const [w1, w2, w3] = spec.widths;
  const conv = (filters: number, name: string, x: SymbolicTensor, activation = "relu") =>
    new Conv2D(filters, 3, { padding: "same", activation, name }).apply(x);
  const input = Input([spec.channels + 1, spec.size, spec.size], { name: DENOISER_IO.input });
  const d1 = conv(w1, "down1b", conv(w1, "down1a", input));
  const in2 = new AvgPool2D(2, { name: "input_half" }).apply(input);
  const p1 = new Concatenate({ name: "level2_in" }).apply([new AvgPool2D(2, { name: "pool1" }).apply(d1), in2]);
  const d2 = conv(w2, "down2b", conv(w2, "down2a", p1));
  const in3 = new AvgPool2D(2, { name: "input_quarter" }).apply(in2);
  const p2 = new Concatenate({ name: "level3_in" }).apply([new AvgPool2D(2, { name: "pool2" }).apply(d2), in3]);
  const mid = conv(w3, "mid_b", conv(w3, "mid_a", p2));
  const u2 = new Concatenate({ name: "skip2" }).apply([new UpSampling2D(2, { name: "up2" }).apply(mid), d2]);
  const e2 = conv(w2, "up2_conv", u2);
  const u1 = new Concatenate({ name: "skip1" }).apply([new UpSampling2D(2, { name: "up1" }).apply(e2), d1]);
  const e1 = conv(w1, "up1_conv", u1);
  const out = conv(spec.channels, "epsilon", e1, "linear");
  return new Model({ inputs: input, outputs: out, name: spec.name, seed });
}
