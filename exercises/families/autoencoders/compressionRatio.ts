import { defineFamily } from "../../family.ts";
import { PLACEHOLDER_SIG3, SIG3, fmt, numberAnswer, shown } from "../../support/answers.ts";

interface Params {
  side: number;
  channels: number;
  /** The latent code: a vector (level 1–2) or an h×w×c map (level 3). */
  latent: [number, number, number];
}

const inputSize = (p: Params) => p.side * p.side * p.channels;
const latentSize = (p: Params) => p.latent[0] * p.latent[1] * p.latent[2];
function answer(p: Params) {
  return { ratio: numberAnswer(inputSize(p) / latentSize(p), SIG3) };
}

/** Compression ratio of an autoencoder's bottleneck: input values ÷ latent values. */
export const compressionRatio = defineFamily<Params>({
  id: "compression-ratio",
  version: 1,
  title: "How much does the bottleneck compress?",
  lesson: "autoencoders",
  skills: ["counting values in tensors", "bottleneck size"],
  levels: [1, 2, 3],
  generate(rng, level) {
    if (level === 1) return { side: 28, channels: 1, latent: [1, 1, rng.choice([2, 8, 16, 32, 64])] };
    if (level === 2) return { side: rng.choice([32, 64, 96]), channels: 3, latent: [1, 1, rng.choice([16, 64, 128, 256])] };
    return {
      side: rng.choice([64, 128]),
      channels: rng.choice([1, 3]),
      latent: [rng.choice([4, 8]), rng.choice([4, 8]), rng.choice([8, 16, 32])],
    };
  },
  wellPosed(p) {
    return latentSize(p) < inputSize(p) && p.latent[0] === p.latent[1] ? true : "latent not smaller, or not square";
  },
  render(p) {
    const code =
      p.latent[0] === 1 ? `a latent vector of ${p.latent[2]} numbers` : `a ${p.latent[0]}×${p.latent[1]}×${p.latent[2]} latent feature map`;
    return {
      prompt: `An autoencoder encodes ${p.side}×${p.side}${p.channels === 1 ? " greyscale" : "×3 colour"} galaxy images into ${code} and decodes them back. By what factor does the bottleneck compress the image (input values ÷ latent values)?`,
      parts: [{ id: "ratio", label: "compression factor", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints(p) {
    return [
      `Count the values in one input: height × width × channels${p.channels === 1 ? " (1 channel for greyscale)" : ""}.`,
      "Count the values in the latent code the same way, then divide.",
    ];
  },
  solution(p) {
    return [
      `Input: $${p.side}\\cdot${p.side}\\cdot${p.channels} = ${inputSize(p)}$ values.`,
      `Latent: $${p.latent.join("\\cdot")} = ${latentSize(p)}$ values.`,
      `Factor: $${inputSize(p)}/${latentSize(p)}$ = ${shown(answer(p).ratio)}.`,
    ];
  },
  misconceptions(p) {
    const list = [
      {
        id: "inverted",
        description: "Divides latent by input.",
        input: { ratio: fmt(latentSize(p) / inputSize(p), 8) },
        feedback: "A compression factor is input size ÷ code size, a number above 1.",
      },
    ];
    if (p.channels > 1)
      list.push({
        id: "forgot-channels",
        description: "Ignores the colour channels.",
        input: { ratio: fmt((p.side * p.side) / latentSize(p), 8) },
        feedback: "Each pixel of a colour image holds 3 values: multiply by the channels.",
      });
    if (p.latent[0] > 1)
      list.push({
        id: "latent-channels-only",
        description: "Counts only the latent channels.",
        input: { ratio: fmt(inputSize(p) / p.latent[2], 8) },
        feedback: "The code is a whole feature map: count height × width × channels of the latent.",
      });
    return list;
  },
});
