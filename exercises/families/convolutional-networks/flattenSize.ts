import { axisGeometry } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { integerAnswer, shown } from "../../support/answers.ts";

interface Block {
  filters: number;
  kernel: number;
  padding: "valid" | "same";
  /** Each conv is followed by 2×2 max pooling when true. */
  pool: boolean;
}
interface Params {
  side: number;
  channels: number;
  blocks: Block[];
}

/** Height (= width) and channels after each block, from the engine's window geometry. */
function shapes(p: Params, skipPool = false): { side: number; channels: number }[] {
  let side = p.side;
  const out = [];
  for (const b of p.blocks) {
    side = axisGeometry(side, b.kernel, 1, b.padding).out;
    if (b.pool && !skipPool) side = axisGeometry(side, 2, 2, "valid").out;
    out.push({ side, channels: b.filters });
  }
  return out;
}
function flat(p: Params, skipPool = false): number {
  const last = shapes(p, skipPool).at(-1)!;
  return last.side * last.side * last.channels;
}
function answer(p: Params) {
  return { size: integerAnswer(flat(p)) };
}

/** Length of the vector that Flatten produces after a conv/pool stack: H·W·C of the last map. */
export const flattenSize = defineFamily<Params>({
  id: "flatten-size",
  version: 1,
  title: "How long is the flattened feature vector?",
  lesson: "convolutional-networks",
  skills: ["tracking shapes through a CNN", "flatten"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const block = (): Block => ({
      filters: rng.choice([8, 16, 32, 64]),
      kernel: 3,
      padding: level === 1 ? "same" : rng.choice(["same", "valid"] as const),
      pool: true,
    });
    return {
      side: rng.choice([32, 48, 64, 96, 128]),
      channels: rng.choice([1, 3]),
      blocks: Array.from({ length: level === 3 ? 3 : 2 }, block),
    };
  },
  render(p) {
    const stack = p.blocks.map((b) => `Conv2D(${b.filters}, 3×3, padding “${b.padding}”) → MaxPool2D(2×2)`).join(" → ");
    return {
      prompt: `A ${p.side}×${p.side}×${p.channels} image passes through ${stack} → Flatten. How many numbers does Flatten output?`,
      parts: [{ id: "size", label: "length" }],
    };
  },
  answer,
  hints() {
    return [
      "Track (height, width, channels) layer by layer.",
      "“same” keeps the size, “valid” with a 3×3 kernel loses 2 pixels; 2×2 pooling halves (rounding down); channels = filters of the last conv.",
      "Flatten multiplies height × width × channels.",
    ];
  },
  solution(p) {
    const s = shapes(p);
    return [
      ...s.map((x, i) => `After block ${i + 1}: ${x.side}×${x.side}×${x.channels}.`),
      `Flatten: ${s.at(-1)!.side}·${s.at(-1)!.side}·${s.at(-1)!.channels} = ${shown(answer(p).size)}.`,
    ];
  },
  misconceptions(p) {
    const last = shapes(p).at(-1)!;
    const list: Misconception[] = [
      {
        id: "forgot-channels",
        description: "Multiplies height × width only.",
        input: { size: String(last.side * last.side) },
        feedback: "Every channel of the last feature map is flattened too: multiply by the number of filters.",
      },
      {
        id: "ignored-pooling",
        description: "Forgets the pooling layers.",
        input: { size: String(flat(p, true)) },
        feedback: "Each 2×2 max-pooling halves height and width.",
      },
    ];
    if (p.blocks.some((b) => b.padding === "valid"))
      list.push({
        id: "ignored-valid-shrink",
        description: "Treats “valid” like “same”.",
        input: { size: String(flat({ ...p, blocks: p.blocks.map((b) => ({ ...b, padding: "same" as const })) })) },
        feedback: "“valid” padding means no padding: a 3×3 kernel shrinks the map by 2 pixels.",
      });
    if (p.channels !== last.channels)
      list.push({
        id: "input-channels",
        description: "Uses the image's channels.",
        input: { size: String(last.side * last.side * p.channels) },
        feedback: "After the convolutions the channel count is the last layer's number of filters, not the image's.",
      });
    return list;
  },
});
