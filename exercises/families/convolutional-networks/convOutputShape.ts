import { axisGeometry } from "../../../src/lib/autodiff/index.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";

interface Params {
  h: number;
  w: number;
  channels: number;
  filters: number;
  kernel: number;
  stride: number;
  /** "valid", "same" or a number of zero pixels on every side. */
  padding: "valid" | "same" | number;
  level: number;
}

/** Output size along one axis, from the engine's padding geometry (the same code conv2d runs). */
const out = (p: Params, size: number, padding: Params["padding"] = p.padding, stride = p.stride) =>
  axisGeometry(size, p.kernel, stride, padding).out;

function answer(p: Params): Record<string, AnswerSpec> {
  if (p.level < 3) return { size: integerAnswer(out(p, p.h)) };
  return { height: integerAnswer(out(p, p.h)), width: integerAnswer(out(p, p.w)), channels: integerAnswer(p.filters) };
}
function paddingText(p: Params["padding"]): string {
  return p === "valid"
    ? "no padding (“valid”)"
    : p === "same"
      ? "“same” padding"
      : `zero padding of ${p} pixel${p === 1 ? "" : "s"} on every side`;
}

/** Output shape of a convolution: ⌊(n + 2p − k)/s⌋ + 1, or ⌈n/s⌉ for "same". */
export const convOutputShape = defineFamily<Params>({
  id: "conv-output-shape",
  version: 1,
  title: "Output shape of a convolutional layer",
  lesson: "convolutional-networks",
  skills: ["kernel size", "stride", "padding", "output channels = filters"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const h = rng.choice([28, 32, 48, 64, 69, 96, 101, 128]);
    const kernel = rng.choice([3, 5, 7]);
    if (level === 1) return { h, w: h, channels: 1, filters: 8, kernel, stride: 1, padding: "valid", level };
    const padding = rng.choice<Params["padding"]>(["valid", "same", 1, 2]);
    const stride = rng.choice([2, 3]);
    return {
      h,
      w: level === 3 ? rng.choice([32, 64, 75, 120]) : h,
      channels: rng.choice([1, 3, 16, 32]),
      filters: rng.choice([8, 16, 32, 64]),
      kernel,
      stride,
      padding,
      level,
    };
  },
  render(p) {
    const shape = `${p.h}×${p.w}×${p.channels}`;
    const layer = `${p.filters} filters of size ${p.kernel}×${p.kernel}, stride ${p.stride} and ${paddingText(p.padding)}`;
    return p.level < 3
      ? {
          prompt: `A ${shape} image goes through a convolutional layer with ${layer}. How many pixels high is the output feature map?`,
          parts: [{ id: "size", label: "output height" }],
        }
      : {
          prompt: `A ${shape} image (height × width × channels) goes through a convolutional layer with ${layer}. What is the output shape?`,
          parts: [
            { id: "height", label: "height" },
            { id: "width", label: "width" },
            { id: "channels", label: "channels" },
          ],
        };
  },
  answer,
  hints(p) {
    return [
      "Count the positions where the kernel fits: with padding p and stride s, $\\lfloor (n + 2p - k)/s \\rfloor + 1$.",
      "“same” padding adds just enough zeros that the output is $\\lceil n/s \\rceil$; “valid” adds none.",
      ...(p.level === 3 ? ["Each filter produces one output channel."] : []),
    ];
  },
  solution(p) {
    const formula = (n: number) =>
      p.padding === "same"
        ? `\\lceil ${n}/${p.stride} \\rceil = ${out(p, n)}`
        : `\\lfloor (${n} + 2\\cdot${p.padding === "valid" ? 0 : p.padding} - ${p.kernel})/${p.stride} \\rfloor + 1 = ${out(p, n)}`;
    const a = answer(p);
    return p.level < 3
      ? [`$${formula(p.h)}$.`, `Output height: ${shown(a.size)}.`]
      : [
          `Height: $${formula(p.h)}$; width: $${formula(p.w)}$.`,
          `Channels: one per filter.`,
          `Output shape: ${shown(a.height)}×${shown(a.width)}×${shown(a.channels)}.`,
        ];
  },
  misconceptions(p) {
    const list: Misconception[] = [];
    const part = p.level < 3 ? "size" : "height";
    const add = (id: string, description: string, value: number, feedback: string) =>
      list.push({ id, description, input: { [part]: String(value) }, feedback });
    if (p.level === 1) {
      add("forgot-plus-one", "Uses n − k.", p.h - p.kernel, "Count kernel positions: from 0 to n − k inclusive is n − k + 1 positions.");
      add(
        "same-size",
        "Assumes the size does not change.",
        p.h,
        "Without padding the kernel cannot be centred on border pixels: the map shrinks by k − 1.",
      );
    } else {
      if (p.padding !== "valid" && out(p, p.h, "valid") !== out(p, p.h))
        add(
          "ignored-padding",
          "Ignores the padding.",
          out(p, p.h, "valid"),
          "The zero padding enlarges the input before the kernel slides over it.",
        );
      if (out(p, p.h, p.padding, 1) !== out(p, p.h))
        add(
          "ignored-stride",
          "Ignores the stride.",
          out(p, p.h, p.padding, 1),
          `With stride ${p.stride} the kernel jumps ${p.stride} pixels at a time, so there are about ${p.stride} times fewer positions.`,
        );
    }
    if (p.level === 3 && p.channels !== p.filters)
      list.push({
        id: "input-channels",
        description: "Keeps the input's channel count.",
        input: { channels: String(p.channels) },
        feedback: "The output has one channel per filter, whatever the input's channel count.",
      });
    return list;
  },
});
