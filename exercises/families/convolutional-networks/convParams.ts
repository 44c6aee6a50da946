import { axisGeometry } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";
import { conv2dParams, denseParams } from "../../support/params.ts";

interface Params {
  input: [number, number, number];
  /** Conv layers: filters and kernel size ("same" padding, stride 1), each followed by 2×2 max pooling. */
  convs: { filters: number; kernel: number }[];
  /** Level 3 ends with flatten → dense(units). */
  dense: number | null;
}

/** Parameters per layer, and the spatial size after each conv + pool block (engine geometry). */
function layers(p: Params, mistake: "none" | "forgot-bias" | "forgot-channels" | "pre-pool-flatten" = "none"): number[] {
  let [h, w, c] = p.input;
  const counts: number[] = [];
  for (const conv of p.convs) {
    const full = conv2dParams(conv.kernel, mistake === "forgot-channels" ? 1 : c, conv.filters);
    counts.push(mistake === "forgot-bias" ? full - conv.filters : full);
    c = conv.filters;
    if (mistake !== "pre-pool-flatten") {
      h = axisGeometry(h, 2, 2, "valid").out;
      w = axisGeometry(w, 2, 2, "valid").out;
    }
  }
  if (p.dense !== null) counts.push(mistake === "forgot-bias" ? h * w * c * p.dense : denseParams(h * w * c, p.dense));
  return counts;
}
const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
function answer(p: Params) {
  return { count: integerAnswer(total(layers(p))) };
}

/** Trainable parameters of a small CNN: k·k·C·F + F per conv, 0 per pool, flatten → dense. */
export const convParams = defineFamily<Params>({
  id: "conv-params",
  version: 1,
  title: "Counting the parameters of a CNN",
  lesson: "convolutional-networks",
  skills: ["conv weights are shared across positions", "pooling has no parameters", "flatten size"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const side = rng.choice([28, 32, 64]);
    const conv = () => ({ filters: rng.choice([8, 16, 32, 64]), kernel: rng.choice([3, 5]) });
    return {
      input: [side, side, rng.choice([1, 3])],
      convs: level === 1 ? [conv()] : [conv(), conv()],
      dense: level === 3 ? rng.choice([10, 32, 64, 128]) : null,
    };
  },
  render(p) {
    const [h, w, c] = p.input;
    const blocks = p.convs.map((cv) => `Conv2D(${cv.filters} filters, ${cv.kernel}×${cv.kernel}, padding “same”) → MaxPool2D(2×2)`);
    const model = [...blocks, ...(p.dense !== null ? [`Flatten → Dense(${p.dense})`] : [])].join(" → ");
    return {
      prompt: `A model takes ${h}×${w}×${c} images (height × width × channels): ${model}. How many trainable parameters does it have in total?`,
      parts: [{ id: "count", label: "parameters" }],
    };
  },
  answer,
  hints(p) {
    return [
      "A conv filter spans all input channels: it has $k\\cdot k\\cdot C_\\text{in}$ weights plus one bias, and the same weights are used at every position.",
      "Pooling and flatten layers have no parameters; a conv layer's output channels are the next layer's input channels.",
      ...(p.dense !== null
        ? ["The dense layer's inputs are all the values of the last (pooled) feature map: height × width × channels."]
        : []),
    ];
  },
  solution(p) {
    const counts = layers(p);
    let c = p.input[2];
    const steps = p.convs.map((cv, i) => {
      const s = `Conv ${i + 1}: $${cv.kernel}\\cdot${cv.kernel}\\cdot${c}\\cdot${cv.filters} + ${cv.filters} = ${counts[i]}$.`;
      c = cv.filters;
      return s;
    });
    const flat = counts[counts.length - 1] / (p.dense ?? 1) - 1; // dense count = d·(flat + 1)
    if (p.dense !== null)
      steps.push(`Dense: the pooled map has $${flat}$ values, so $${flat}\\cdot${p.dense} + ${p.dense} = ${counts[counts.length - 1]}$.`);
    return [...steps, "Pooling: 0.", `Total: ${shown(answer(p).count)} parameters.`];
  },
  misconceptions(p) {
    const m = [
      {
        id: "forgot-bias",
        description: "Counts weights only.",
        input: { count: String(total(layers(p, "forgot-bias"))) },
        feedback: "Each filter (and each dense neuron) also has a bias.",
      },
      {
        id: "forgot-input-channels",
        description: "Treats filters as k×k only.",
        input: { count: String(total(layers(p, "forgot-channels"))) },
        feedback: "A filter spans every input channel: k·k·C_in weights, not k·k.",
      },
    ];
    if (p.dense !== null)
      m.push({
        id: "flatten-before-pooling",
        description: "Ignores the pooling when flattening.",
        input: { count: String(total(layers(p, "pre-pool-flatten"))) },
        feedback: "Each 2×2 pooling halves height and width before the flatten: the dense layer sees the pooled map.",
      });
    return m;
  },
});
