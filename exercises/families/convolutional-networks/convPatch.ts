import { conv2d, tensor } from "../../../src/lib/autodiff/index.ts";
import type { Tensor } from "../../../src/lib/autodiff/index.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { formatMatrix } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { fmt, matrixAnswer, numberAnswer, shown, texMatrix } from "../../support/answers.ts";

interface Params {
  image: number[][];
  kernel: number[][];
  bias: number;
  padding: "valid" | "same";
}

const EXACT = { abs: 1e-9 };

/** A 2-D array as an engine [1, 1, H, W] float64 tensor, and back. */
function nchw(a: number[][]): Tensor {
  return tensor([[a]], undefined, { dtype: "float64" });
}
function rows(t: Tensor): number[][] {
  const [, , h, w] = t.shape;
  return Array.from({ length: h }, (_, i) => Array.from(t.data.slice(i * w, (i + 1) * w)));
}
/** The engine's conv2d (cross-correlation, as deep-learning libraries define it). */
function convolve(p: Params, kernel = p.kernel, bias = p.bias, padding = p.padding): number[][] {
  return rows(conv2d(nchw(p.image), nchw(kernel), tensor([bias], [1], { dtype: "float64" }), { padding }));
}
function spec(values: number[][]): AnswerSpec {
  return values.length === 1 && values[0].length === 1 ? numberAnswer(values[0][0], EXACT) : matrixAnswer(values, EXACT);
}
function text(values: number[][]): string {
  return values.length === 1 && values[0].length === 1 ? fmt(values[0][0]) : formatMatrix(values);
}
function answer(p: Params) {
  return { out: spec(convolve(p)) };
}
/** The kernel rotated by 180°: what textbook (flipped) convolution would use. */
const flipped = (k: number[][]) =>
  k
    .slice()
    .reverse()
    .map((r) => r.slice().reverse());

/** Slide a 3×3 kernel over a small image: one number, or a feature map (engine conv2d). */
export const convPatch = defineFamily<Params>({
  id: "conv-patch",
  version: 1,
  title: "Apply a convolution kernel by hand",
  lesson: "convolutional-networks",
  skills: ["element-wise product and sum", "sliding window", "zero padding"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const size = level === 1 ? 3 : 4;
    const small = () => rng.int(-2, 3);
    return {
      image: Array.from({ length: size }, () => Array.from({ length: size }, () => rng.int(0, 6))),
      kernel: Array.from({ length: 3 }, () => Array.from({ length: 3 }, small)),
      bias: rng.int(-2, 3),
      padding: level === 3 ? "same" : "valid",
    };
  },
  wellPosed(p) {
    const k = p.kernel.flat();
    const symmetric = JSON.stringify(flipped(p.kernel)) === JSON.stringify(p.kernel);
    return p.bias !== 0 && !symmetric && k.filter((v) => v !== 0).length >= 4 ? true : "degenerate kernel or zero bias";
  },
  render(p) {
    const what =
      p.image.length === 3
        ? "What is the output value?"
        : p.padding === "same"
          ? "With “same” padding (one ring of zeros around the image, stride 1), what is the 4×4 output feature map?"
          : "With no padding and stride 1, what is the output feature map?";
    return {
      prompt: `A convolutional layer (as in Keras/PyTorch: no kernel flip) applies the kernel $K$ with bias $b = ${p.bias}$ to the image $X$:
$$X = ${texMatrix(p.image)},\\qquad K = ${texMatrix(p.kernel)}.$$
${what}${p.image.length > 3 ? " Enter it as [a, b; c, d]." : ""}`,
      parts: [{ id: "out", label: "output", placeholder: p.image.length === 3 ? "a number" : "[a, b; c, d]" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Lay the kernel on a 3×3 window of the image, multiply the overlapping numbers pairwise and add them up; then add the bias.",
      p.image.length === 3
        ? "The window is the whole image here."
        : "Slide the window one pixel at a time: one output per position, row by row.",
      ...(p.padding === "same" ? ["Pad the image with a ring of zeros first, so that the output has the input's size."] : []),
    ];
  },
  solution(p) {
    const out = convolve(p);
    const first = p.padding === "same" ? "the padded top-left window" : "the top-left window";
    const window =
      p.padding === "same"
        ? [
            [0, 0, 0],
            [0, p.image[0][0], p.image[0][1]],
            [0, p.image[1][0], p.image[1][1]],
          ]
        : p.image.slice(0, 3).map((r) => r.slice(0, 3));
    const products = window
      .flatMap((r, i) => r.map((v, j) => `${v}\\cdot${p.kernel[i][j] < 0 ? `(${p.kernel[i][j]})` : p.kernel[i][j]}`))
      .join(" + ");
    return [
      `For ${first}: $${products} + ${p.bias < 0 ? `(${p.bias})` : p.bias} = ${out[0][0]}$.`,
      ...(out.length > 1 ? ["Repeat for every window position."] : []),
      `Output: ${shown(answer(p).out)}`,
    ];
  },
  misconceptions(p) {
    const list = [
      {
        id: "flipped-kernel",
        description: "Flips the kernel (mathematical convolution).",
        input: { out: text(convolve(p, flipped(p.kernel))) },
        feedback: "Deep-learning “convolution” does not flip the kernel (it is cross-correlation): multiply X and K position by position.",
      },
      {
        id: "forgot-bias",
        description: "Leaves out the bias.",
        input: { out: text(convolve(p, p.kernel, 0)) },
        feedback: `Add the bias b = ${p.bias} to every output value.`,
      },
    ];
    if (p.padding === "same")
      list.push({
        id: "no-padding",
        description: "Ignores the padding.",
        input: { out: text(convolve(p, p.kernel, p.bias, "valid")) },
        feedback: "With “same” padding the image gets a ring of zeros, so the output keeps the 4×4 size.",
      });
    return list;
  },
});
