import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { broadcastTo, concat, flatten, gradInput, gradcheck, mul, reshape, slice, tensor, transpose } from "./index.ts";

const rng = new Rng("shape");

describe("shape ops", () => {
  it("reshape keeps row-major order and infers one −1", () => {
    const x = tensor([1, 2, 3, 4, 5, 6]);
    expect(reshape(x, [2, -1]).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => reshape(x, [4, 2])).toThrow("reshape: cannot reshape [6] (6 elements) to [4, 2]");
  });

  it("flatten keeps the batch axis: [2,3,2,2] → [2,12]", () => {
    expect(flatten(tensor(new Float32Array(48), [2, 3, 2, 4])).shape).toEqual([2, 24]);
  });

  it("transpose reverses a matrix and permutes axes", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(transpose(x).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const t = transpose(
      tensor(
        Float32Array.from({ length: 24 }, (_, i) => i),
        [2, 3, 4],
      ),
      [2, 0, 1],
    );
    expect(t.shape).toEqual([4, 2, 3]);
    expect(t.get(3, 1, 2)).toBe(1 * 12 + 2 * 4 + 3);
  });

  it("slice takes a box and concat joins along an axis", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(slice(x, [0, 1], [2, 3]).toArray()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(slice(x, [1]).toArray()).toEqual([[4, 5, 6]]);
    expect(concat([x, tensor([[7, 8, 9]])], 0).shape).toEqual([3, 3]);
    expect(concat([x, tensor([[0], [0]])], 1).toArray()).toEqual([
      [1, 2, 3, 0],
      [4, 5, 6, 0],
    ]);
    expect(() => concat([x, tensor([[1, 2]])], 0)).toThrow("concat: shapes [2, 3] and [1, 2] differ outside axis 0");
    expect(() => slice(x, [0, 2], [2, 4])).toThrow(/slice: range \[2, 4\) is outside axis 1/);
  });

  it("all have finite-difference gradients (including a reused input)", () => {
    const x = gradInput([2, 3, 4], rng);
    const y = gradInput([2, 1, 4], rng);
    expect(gradcheck((v) => reshape(v, [6, 4]), [x])).toMatchObject({ ok: true });
    expect(gradcheck((v) => transpose(v, [1, 2, 0]), [x])).toMatchObject({ ok: true });
    expect(gradcheck((v) => slice(v, [1, 0, 1], [2, 3, 3]), [x])).toMatchObject({ ok: true });
    expect(gradcheck((a, b) => concat([a, b, a], 1), [x, y])).toMatchObject({ ok: true });
    expect(gradcheck((v) => broadcastTo(v, [3, 2, 5, 4]), [y])).toMatchObject({ ok: true });
    expect(gradcheck((v) => mul(transpose(v), 2), [gradInput([3, 1], rng)])).toMatchObject({ ok: true });
  });
});
