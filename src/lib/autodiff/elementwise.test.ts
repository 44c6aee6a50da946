import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import {
  abs,
  add,
  clamp,
  div,
  exp,
  gradInput,
  gradcheck,
  log,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  sqrt,
  square,
  sub,
  tensor,
} from "./index.ts";
import type { Tensor } from "./index.ts";

const rng = new Rng("elementwise");

describe("binary elementwise ops", () => {
  it("add, sub, mul, div compute values elementwise", () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([4, 5, 6]);
    expect(Array.from(add(a, b).data)).toEqual([5, 7, 9]);
    expect(Array.from(sub(a, b).data)).toEqual([-3, -3, -3]);
    expect(Array.from(mul(a, b).data)).toEqual([4, 10, 18]);
    expect(Array.from(div(tensor([1, 6]), tensor([2, 3])).data)).toEqual([0.5, 2]);
    expect(Array.from(pow(tensor([2, 3]), 2).data)).toEqual([4, 9]);
    expect(Array.from(sub(1, a).data)).toEqual([0, -1, -2]);
  });

  it("broadcast with NumPy rules: [2,1] + [3] → [2,3]", () => {
    const y = add(tensor([[10], [20]]), tensor([1, 2, 3]));
    expect(y.shape).toEqual([2, 3]);
    expect(y.toArray()).toEqual([
      [11, 12, 13],
      [21, 22, 23],
    ]);
  });

  it("reject incompatible shapes with an error naming the op and both shapes", () => {
    expect(() => add(tensor([1, 2, 3]), tensor([1, 2]))).toThrow("add: shapes [3] and [2] cannot be broadcast together");
    expect(() => mul(tensor([[1, 2]]), tensor([1, 2, 3]))).toThrow(/mul: shapes \[1, 2\] and \[3\]/);
  });

  it("reject mixed dtypes", () => {
    expect(() => add(tensor([1]), tensor([1], undefined, { dtype: "float64" }))).toThrow(/different dtypes/);
  });

  const cases: [string, (a: Tensor, b: Tensor) => Tensor, number[], number[]][] = [
    ["add", add, [2, 3], [2, 3]],
    ["sub", sub, [2, 3], [3]],
    ["mul", mul, [4, 1, 3], [2, 1]],
    ["div", div, [1], [3, 2]],
    ["maximum", maximum, [3, 4], [3, 4]],
    ["minimum", minimum, [2, 3], [1, 3]],
  ];
  for (const [name, op, sa, sb] of cases) {
    it(`${name} has gradients matching finite differences for shapes [${sa}] and [${sb}] (broadcast grads summed back)`, () => {
      const a = gradInput(sa, rng, -2, 2);
      const b = name === "div" ? gradInput(sb, rng, 0.5, 2) : gradInput(sb, rng, -2, 2);
      expect(gradcheck(op, [a, b])).toMatchObject({ ok: true });
    });
  }

  it("pow has gradients for both base and exponent (positive base)", () => {
    const a = gradInput([2, 3], rng, 0.5, 2);
    const b = gradInput([3], rng, -1.5, 2.5);
    expect(gradcheck(pow, [a, b])).toMatchObject({ ok: true });
  });

  it("gradients reach a size-1 operand broadcast over a batch of 1", () => {
    const a = gradInput([1, 1], rng);
    const b = gradInput([1, 5], rng);
    expect(gradcheck(mul, [a, b])).toMatchObject({ ok: true });
  });

  it("numbers act as scalars of the tensor's dtype", () => {
    const a = gradInput([3], rng);
    expect(gradcheck((x) => mul(add(x, 1), 2), [a])).toMatchObject({ ok: true });
  });
});

describe("unary elementwise ops", () => {
  it("compute known values", () => {
    const x = tensor([-4, 0.25, 4], undefined, { dtype: "float64" });
    expect(Array.from(neg(x).data)).toEqual([4, -0.25, -4]);
    expect(Array.from(abs(x).data)).toEqual([4, 0.25, 4]);
    expect(Array.from(square(x).data)).toEqual([16, 0.0625, 16]);
    expect(Array.from(sqrt(tensor([4, 9])).data)).toEqual([2, 3]);
    expect(exp(tensor([0, 1], undefined, { dtype: "float64" })).data[1]).toBe(Math.E);
    expect(log(tensor([1, Math.E], undefined, { dtype: "float64" })).data[1]).toBe(1);
    expect(Array.from(clamp(x, -1, 1).data)).toEqual([-1, 0.25, 1]);
  });

  const smooth: [string, (x: Tensor) => Tensor, number, number][] = [
    ["neg", neg, -2, 2],
    ["exp", exp, -2, 2],
    ["log", log, 0.2, 3],
    ["sqrt", sqrt, 0.2, 3],
    ["square", square, -2, 2],
  ];
  for (const [name, op, lo, hi] of smooth) {
    it(`${name} has gradients matching finite differences`, () => {
      expect(gradcheck(op, [gradInput([2, 3], rng, lo, hi)])).toMatchObject({ ok: true });
    });
  }

  it("abs has gradient sign(x) away from 0", () => {
    expect(gradcheck(abs, [gradInput([7], rng, -2, 2, 0.05)])).toMatchObject({ ok: true });
  });

  it("clamp passes the gradient strictly inside [lo, hi] and blocks it outside", () => {
    const x = tensor([-3, 0.5, 3], undefined, { requiresGrad: true, dtype: "float64" });
    clamp(x, -1, 1).backward(new Float64Array([1, 1, 1]));
    expect(Array.from(x.grad!)).toEqual([0, 1, 0]);
    expect(gradcheck((v) => clamp(v, -0.5, 0.5), [gradInput([6], rng, -1, 1, 0.1)])).toMatchObject({ ok: true });
  });
});
