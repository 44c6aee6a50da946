import { defineFamily } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";
import { denseParams } from "../../support/params.ts";

interface Params {
  /** Widths from input to code: [n, h1, …, d]; the decoder mirrors them back to n. */
  encoder: number[];
  /** Level 1 asks for the encoder alone, levels 2–3 for the whole autoencoder. */
  whole: boolean;
}

const widthsOf = (p: Params) => (p.whole ? [...p.encoder, ...p.encoder.slice(0, -1).reverse()] : p.encoder);
function count(widths: readonly number[], bias = true): number {
  let total = 0;
  for (let i = 0; i + 1 < widths.length; i++) total += bias ? denseParams(widths[i], widths[i + 1]) : widths[i] * widths[i + 1];
  return total;
}
function answer(p: Params) {
  return { count: integerAnswer(count(widthsOf(p))) };
}

/** Parameters of a dense autoencoder whose decoder mirrors the encoder. */
export const autoencoderParams = defineFamily<Params>({
  id: "autoencoder-params",
  version: 1,
  title: "Parameters of a dense autoencoder",
  lesson: "autoencoders",
  skills: ["encoder and decoder", "mirrored architecture", "parameter counting"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const n = rng.choice([64, 256, 784, 1024]);
    const hidden = level === 3 ? [rng.choice([256, 128]), rng.choice([64, 32])] : [rng.choice([128, 64, 32])];
    return { encoder: [n, ...hidden, rng.choice([2, 8, 16])], whole: level > 1 };
  },
  render(p) {
    const enc = p.encoder.join(" → ");
    return {
      prompt: `A dense autoencoder for flattened galaxy cutouts has the encoder ${enc} (Dense layers; the last number is the latent code) and a decoder that mirrors it back to ${p.encoder[0]} outputs. How many trainable parameters does ${p.whole ? "the whole autoencoder (encoder and decoder)" : "the encoder"} have?`,
      parts: [{ id: "count", label: "parameters" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Each Dense layer from n_in to n_out has n_in·n_out weights and n_out biases.",
      ...(p.whole
        ? [
            `The decoder runs ${[...p.encoder].reverse().join(" → ")}: same weights count as the encoder, but its biases belong to *its* outputs.`,
          ]
        : ["Add up the layers from the input to the code."]),
    ];
  },
  solution(p) {
    const w = widthsOf(p);
    const terms = w.slice(1).map((n, i) => `(${w[i]}\\cdot${n} + ${n})`);
    return [`Layers: ${w.join(" → ")}.`, `$${terms.join(" + ")}$`, `Total: ${shown(answer(p).count)} parameters.`];
  },
  misconceptions(p) {
    const list = [
      {
        id: "forgot-bias",
        description: "Counts weights only.",
        input: { count: String(count(widthsOf(p), false)) },
        feedback: "Every Dense unit also has a bias.",
      },
    ];
    if (p.whole) {
      list.push({
        id: "encoder-only",
        description: "Counts the encoder only.",
        input: { count: String(count(p.encoder)) },
        feedback: "The decoder has its own weights: count both halves.",
      });
      list.push({
        id: "decoder-copies-encoder",
        description: "Doubles the encoder count.",
        input: { count: String(2 * count(p.encoder)) },
        feedback:
          "The decoder has the same number of weights as the encoder, but different biases: one per decoder output (e.g. the output layer has one per pixel).",
      });
    }
    return list;
  },
});
