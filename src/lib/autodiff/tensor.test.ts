import { describe, expect, it } from "vitest";
import { Tensor, add, mul, noGrad, isGradEnabled, tensor, zeros, ones, scalar, sum, tanh, matmul, topologicalOrder } from "./index.ts";

describe("Tensor", () => {
  it("stores values row-major with its shape and dtype (float32 by default)", () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe("float32");
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.get(1, 0)).toBe(4);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("can be float64 on request", () => {
    const t = zeros([2], { dtype: "float64" });
    expect(t.data).toBeInstanceOf(Float64Array);
    expect(t.dtype).toBe("float64");
  });

  it("rejects values that do not fill the shape, naming both", () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/3 values do not fill shape \[2, 2\]/);
  });

  it("is a leaf with op 'leaf', no parents and no grad until backward", () => {
    const t = ones([2], { requiresGrad: true, name: "w" });
    expect(t.op).toBe("leaf");
    expect(t.parents).toEqual([]);
    expect(t.grad).toBeNull();
    expect(t.name).toBe("w");
  });

  it("records the op and parents of every result, for graph views", () => {
    const x = tensor([1, 2], undefined, { requiresGrad: true });
    const y = mul(x, 3);
    expect(y.op).toBe("mul");
    expect(y.parents[0]).toBe(x);
    expect(y.requiresGrad).toBe(true);
  });
});

describe("backward", () => {
  it("accumulates when a node is reused: d(x·x)/dx = 2x", () => {
    const x = tensor([3, -2], undefined, { requiresGrad: true, dtype: "float64" });
    sum(mul(x, x)).backward();
    expect(Array.from(x.grad!)).toEqual([6, -4]);
  });

  it("follows a diamond graph in topological order: y = (x+1)·(x+1)·x", () => {
    const x = scalar(2, { requiresGrad: true, dtype: "float64" });
    const a = add(x, 1);
    const y = mul(mul(a, a), x); // y = x(x+1)², y' = (x+1)² + 2x(x+1) = 9 + 12
    y.backward();
    expect(x.grad![0]).toBe(21);
    const order = topologicalOrder(y);
    expect(order.indexOf(x)).toBeLessThan(order.indexOf(a));
    expect(order[order.length - 1]).toBe(y);
  });

  it("keeps the gradient of every intermediate node that requires grad, for the backprop stepper", () => {
    const x = tensor([[1, 2]], undefined, { dtype: "float64" });
    const w = tensor([[0.5], [-1]], undefined, { requiresGrad: true, dtype: "float64" });
    const z = matmul(x, w);
    const h = tanh(z);
    const loss = sum(h);
    loss.backward();
    expect(loss.grad![0]).toBe(1);
    expect(h.grad![0]).toBe(1);
    expect(z.grad![0]).toBeCloseTo(1 - Math.tanh(-1.5) ** 2, 12);
    expect(x.grad).toBeNull();
  });

  it("adds into leaf gradients across calls until zeroGrad, as in PyTorch", () => {
    const x = tensor([1], undefined, { requiresGrad: true, dtype: "float64" });
    sum(mul(x, 2)).backward();
    sum(mul(x, 2)).backward();
    expect(x.grad![0]).toBe(4);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  it("recomputes rather than doubles intermediate gradients when backward runs twice on one graph", () => {
    const x = tensor([1], undefined, { requiresGrad: true, dtype: "float64" });
    const y = mul(x, 3);
    const loss = sum(y);
    loss.backward();
    loss.backward();
    expect(y.grad![0]).toBe(1);
    expect(x.grad![0]).toBe(6);
  });

  it("needs a seed gradient for a non-scalar root", () => {
    const x = tensor([1, 2], undefined, { requiresGrad: true });
    const y = mul(x, 2);
    expect(() => y.backward()).toThrow(/not a scalar/);
    y.backward(new Float32Array([1, 10]));
    expect(Array.from(x.grad!)).toEqual([2, 20]);
  });

  it("refuses to start from a tensor that does not require grad", () => {
    expect(() => sum(tensor([1, 2])).backward()).toThrow(/does not require grad/);
  });
});

describe("noGrad and detach", () => {
  it("noGrad records no graph and restores the mode afterwards, even on throw", () => {
    const x = tensor([1], undefined, { requiresGrad: true });
    const y = noGrad(() => mul(x, 2));
    expect(y.requiresGrad).toBe(false);
    expect(y.parents).toEqual([]);
    expect(isGradEnabled()).toBe(true);
    expect(() =>
      noGrad(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(isGradEnabled()).toBe(true);
  });

  it("detach() shares values but stops the gradient", () => {
    const x = tensor([2], undefined, { requiresGrad: true, dtype: "float64" });
    const d = mul(x, 1).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.op).toBe("leaf");
    sum(mul(x, d)).backward(); // d is a constant 2, so d/dx = 2
    expect(x.grad![0]).toBe(2);
  });

  it("a Tensor parameter satisfies the optimizer shape {data, grad}", () => {
    const p: { data: Float32Array | Float64Array; grad: Float32Array | Float64Array | null } = new Tensor(new Float32Array(2), [2]);
    expect(p.grad).toBeNull();
  });
});
