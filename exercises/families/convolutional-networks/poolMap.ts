import { avgPool2d, maxPool2d, tensor } from "../../../src/lib/autodiff/index.ts";
import { formatMatrix } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { matrixAnswer, shown, texMatrix } from "../../support/answers.ts";

type Kind = "max" | "average";
interface Params {
  map: number[][];
  kind: Kind;
  stride: number;
}

/** Pooling by the engine on a [1, 1, 4, 4] float64 tensor, back to rows. */
function pool(p: Params, kind: Kind = p.kind, stride = p.stride): number[][] {
  const x = tensor([[p.map]], undefined, { dtype: "float64" });
  const y = (kind === "max" ? maxPool2d : avgPool2d)(x, 2, { stride });
  const [, , h, w] = y.shape;
  return Array.from({ length: h }, (_, i) => Array.from(y.data.slice(i * w, (i + 1) * w)));
}
function answer(p: Params) {
  return { out: matrixAnswer(pool(p), { abs: 1e-9 }) };
}

/** 2×2 max or average pooling of a 4×4 feature map (matrix answer, engine pooling). */
export const poolMap = defineFamily<Params>({
  id: "pool-map",
  version: 1,
  title: "Pooling a feature map",
  lesson: "convolutional-networks",
  skills: ["max pooling", "average pooling", "pool stride"],
  levels: [1, 2, 3],
  generate(rng, level) {
    return {
      map: Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => rng.int(0, 10))),
      kind: level === 2 ? "average" : "max",
      stride: level === 3 ? 1 : 2,
    };
  },
  wellPosed(p) {
    return new Set(p.map.flat()).size >= 8 ? true : "too many repeated values";
  },
  render(p) {
    return {
      prompt: `Apply ${p.kind} pooling with a 2×2 window and stride ${p.stride} to the feature map
$$${texMatrix(p.map)}.$$
Enter the result as a matrix, e.g. [a, b; c, d].`,
      parts: [{ id: "out", label: "pooled map", placeholder: "[a, b; c, d]" }],
    };
  },
  answer,
  hints(p) {
    return [
      p.stride === 2
        ? "With stride 2 the 2×2 windows do not overlap: they tile the 4×4 map into four blocks."
        : "With stride 1 the 2×2 window moves one pixel at a time, so windows overlap and the output is 3×3.",
      p.kind === "max" ? "Each output is the largest value in its window." : "Each output is the mean of the four values in its window.",
    ];
  },
  solution(p) {
    const a = pool(p);
    return [
      `The output is ${a.length}×${a.length}; the top-left window is $[${p.map[0][0]}, ${p.map[0][1]}; ${p.map[1][0]}, ${p.map[1][1]}]$, giving ${a[0][0]}.`,
      `Result: ${shown(answer(p).out)}`,
    ];
  },
  misconceptions(p) {
    const list: Misconception[] = [
      {
        id: p.kind === "max" ? "averaged" : "took-max",
        description: `Uses ${p.kind === "max" ? "average" : "max"} pooling.`,
        input: { out: formatMatrix(pool(p, p.kind === "max" ? "average" : "max")) },
        feedback:
          p.kind === "max"
            ? "Max pooling keeps the largest value of each window, not the mean."
            : "Average pooling takes the mean of each window, not the largest value.",
      },
      {
        id: p.stride === 2 ? "overlapping-windows" : "non-overlapping-windows",
        description: `Uses stride ${p.stride === 2 ? 1 : 2}.`,
        input: { out: formatMatrix(pool(p, p.kind, p.stride === 2 ? 1 : 2)) },
        feedback:
          p.stride === 2
            ? "With stride 2 the windows do not overlap: the 4×4 map becomes 2×2."
            : "Stride 1 moves the window one pixel at a time: there are 3×3 window positions.",
      },
    ];
    if (p.kind === "average")
      list.push({
        id: "sum-pooling",
        description: "Sums instead of averaging.",
        input: { out: formatMatrix(pool(p).map((r) => r.map((v) => v * 4))) },
        feedback: "Divide each window's sum by 4 to get the average.",
      });
    return list;
  },
});
