// The WebAssembly kernels against the JavaScript path and an exact (float64) reference, on random
// shapes chosen to reach every edge of the kernels: odd sizes, batch 1, non-square images, stride 2,
// "same", "valid" and numeric padding, 1×1 convolutions, tiles cut by the matrix edges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { Tensor, conv2d, gemm, maxPool2d, relu } from "../autodiff/index.ts";
import type { Padding } from "../autodiff/index.ts";
import { kernelChoice, setKernelBackend } from "./index.ts";
import type { KernelChoice } from "./index.ts";

const rng = new Rng("wasm-kernels");
let before: KernelChoice;
beforeAll(() => {
  before = kernelChoice();
});
afterAll(() => setKernelBackend(before));

/** Runs f with the given backend and restores the previous choice. */
function using<T>(backend: KernelChoice, f: () => T): T {
  const prev = kernelChoice();
  setKernelBackend(backend);
  try {
    return f();
  } finally {
    setKernelBackend(prev);
  }
}

const U = 2 ** -24; // unit roundoff of float32
const f32 = (n: number, lo = -1, hi = 1) => Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
const abs = (a: ArrayLike<number>) => Float64Array.from(a, Math.abs);

/**
 * Checks a float32 result against the exact value (float64 from the same float32 inputs). Summing
 * `terms` products in float32 in any order errs by at most about terms·u·Σ|products| (Higham's bound
 * for recursive summation), and Σ|products| is the same op applied to the inputs' absolute values.
 */
function expectWithinRounding(
  got: ArrayLike<number>,
  exact: ArrayLike<number>,
  magnitude: ArrayLike<number>,
  terms: number,
  what: string,
): void {
  expect(got.length).toBe(exact.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < got.length; i++) {
    const bound = (terms + 2) * U * magnitude[i] + 1e-30;
    const ratio = Math.abs(got[i] - exact[i]) / bound;
    if (!(ratio <= worst)) {
      worst = ratio;
      at = i;
    }
  }
  expect(worst, `${what}: element ${at} is ${got[at]}, exact ${exact[at]}`).toBeLessThanOrEqual(1);
}

describe("gemm: the WebAssembly kernel agrees with the exact product within float32 rounding", () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [4, 8, 3],
    [5, 9, 7],
    [3, 2, 300],
    [37, 29, 13],
    [16, 72, 1024],
    [72, 33, 16],
    [9, 257, 5],
    [64, 64, 64],
  ];
  for (const [M, N, K] of shapes) {
    for (const [transA, transB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`C[${M}×${N}] += ${transA ? "Aᵀ" : "A"}·${transB ? "Bᵀ" : "B"} with K = ${K}, at offsets, onto a non-zero C`, () => {
        const aOff = 3;
        const bOff = 5;
        const cOff = 2;
        const A = f32(aOff + M * K);
        const B = f32(bOff + K * N);
        const C0 = f32(cOff + M * N + 4);
        const run = (backend: KernelChoice) => {
          const C = C0.slice();
          using(backend, () => gemm(M, N, K, A, aOff, transA, B, bOff, transB, C, cOff));
          return C;
        };
        const wasm = run("wasm");
        const js = run("js");
        // Exact reference and magnitudes in float64 (the JS kernel on Float64Arrays).
        const exact = Float64Array.from(C0);
        gemm(M, N, K, Float64Array.from(A), aOff, transA, Float64Array.from(B), bOff, transB, exact, cOff);
        const magnitude = abs(C0);
        gemm(M, N, K, abs(A), aOff, transA, abs(B), bOff, transB, magnitude, cOff);
        expectWithinRounding(wasm, exact, magnitude, K + 1, "wasm");
        expectWithinRounding(js, exact, magnitude, K + 1, "js");
        // Outside C's window nothing was touched.
        expect(Array.from(wasm.subarray(0, cOff))).toEqual(Array.from(C0.subarray(0, cOff)));
        expect(Array.from(wasm.subarray(cOff + M * N))).toEqual(Array.from(C0.subarray(cOff + M * N)));
      });
    }
  }

  it("gives the same bits on every run (a fixed summation order)", () => {
    const A = f32(37 * 300);
    const B = f32(300 * 29);
    const first = new Float32Array(37 * 29);
    using("wasm", () => gemm(37, 29, 300, A, 0, false, B, 0, false, first, 0));
    for (let r = 0; r < 3; r++) {
      const again = new Float32Array(37 * 29);
      using("wasm", () => gemm(37, 29, 300, A, 0, false, B, 0, false, again, 0));
      expect(again).toEqual(first);
    }
  });
});

interface ConvCase {
  x: [number, number, number, number];
  w: [number, number, number, number];
  stride: number | [number, number];
  padding: Padding;
  bias: boolean;
}

/** Random convolutions, plus fixed ones for the edges. */
function convCases(): ConvCase[] {
  const cases: ConvCase[] = [
    { x: [1, 1, 64, 64], w: [8, 1, 3, 3], stride: 1, padding: "same", bias: true },
    { x: [2, 8, 16, 16], w: [16, 8, 3, 3], stride: 1, padding: "same", bias: true },
    { x: [1, 3, 9, 13], w: [5, 3, 3, 3], stride: 2, padding: "same", bias: true },
    { x: [3, 2, 11, 7], w: [3, 2, 3, 2], stride: 2, padding: "valid", bias: false },
    { x: [1, 2, 6, 5], w: [3, 2, 2, 2], stride: [1, 2], padding: 1, bias: true },
    { x: [2, 4, 5, 6], w: [7, 4, 1, 1], stride: 1, padding: "valid", bias: true },
    { x: [1, 3, 8, 8], w: [2, 3, 1, 1], stride: 2, padding: "valid", bias: false },
    { x: [1, 1, 5, 4], w: [2, 1, 5, 5], stride: 1, padding: "same", bias: false },
    { x: [2, 5, 10, 3], w: [4, 5, 3, 3], stride: [2, 1], padding: [2, 0], bias: true },
  ];
  for (let i = 0; i < 6; i++) {
    const k = rng.int(1, 4);
    const stride = rng.int(1, 3);
    cases.push({
      x: [rng.int(1, 4), rng.int(1, 6), rng.int(k, 20), rng.int(k, 20)],
      w: [rng.int(1, 12), 0, k, rng.int(1, 4)],
      stride,
      padding: rng.next() < 0.5 ? "same" : "valid",
      bias: rng.next() < 0.5,
    });
    const c = cases[cases.length - 1];
    c.w[1] = c.x[1];
    c.x[3] = Math.max(c.x[3], c.w[3]);
  }
  return cases;
}

/** conv2d forward and all gradients for ∂L/∂y = gy, on the given dtype's tensors. */
function convAll(
  c: ConvCase,
  X: ArrayLike<number>,
  Wt: ArrayLike<number>,
  B: ArrayLike<number> | null,
  GY: ArrayLike<number>,
  dtype: "float32" | "float64",
) {
  const make = (data: ArrayLike<number>, shape: number[]) =>
    new Tensor(dtype === "float64" ? Float64Array.from(data) : Float32Array.from(data), shape, { requiresGrad: true });
  const x = make(X, c.x);
  const w = make(Wt, c.w);
  const b = B === null ? null : make(B, [c.w[0]]);
  const y = conv2d(x, w, b, { stride: c.stride, padding: c.padding });
  y.backward(dtype === "float64" ? Float64Array.from(GY) : Float32Array.from(GY));
  return { y: y.data, gx: x.grad!, gw: w.grad!, gb: b === null ? null : b.grad!, shape: y.shape };
}

describe("conv2d: the WebAssembly kernels agree with the exact convolution and gradients within float32 rounding", () => {
  for (const c of convCases()) {
    const name = `x [${c.x}], w [${c.w}], stride ${JSON.stringify(c.stride)}, padding ${JSON.stringify(c.padding)}${c.bias ? ", bias" : ""}`;
    it(name, () => {
      const X = f32(c.x.reduce((a, b) => a * b));
      const Wt = f32(c.w.reduce((a, b) => a * b));
      const B = c.bias ? f32(c.w[0]) : null;
      const probe = using("js", () => conv2d(new Tensor(X, c.x), new Tensor(Wt, c.w), null, { stride: c.stride, padding: c.padding }));
      const GY = f32(probe.size);
      const [N, C, , kw] = [c.x[0], c.x[1], 0, c.w[3]];
      const kh = c.w[2];
      const P = probe.shape[2] * probe.shape[3];
      const wasm = using("wasm", () => convAll(c, X, Wt, B, GY, "float32"));
      const js = using("js", () => convAll(c, X, Wt, B, GY, "float32"));
      const exact = convAll(c, X, Wt, B, GY, "float64");
      const magnitude = convAll(c, abs(X), abs(Wt), B === null ? null : abs(B), abs(GY), "float64");
      expect(wasm.shape).toEqual(exact.shape);
      for (const [label, got] of [
        ["wasm", wasm],
        ["js", js],
      ] as const) {
        expectWithinRounding(got.y, exact.y, magnitude.y, C * kh * kw + 1, `${label} y`);
        expectWithinRounding(got.gw, exact.gw, magnitude.gw, N * P, `${label} ∂L/∂w`);
        expectWithinRounding(got.gx, exact.gx, magnitude.gx, c.w[0] * kh * kw, `${label} ∂L/∂x`);
        if (B !== null) expectWithinRounding(got.gb!, exact.gb!, magnitude.gb!, N * P, `${label} ∂L/∂b`);
      }
    });
  }

  it("gives the same bits on every run, gradients included", () => {
    const c: ConvCase = { x: [3, 4, 12, 10], w: [6, 4, 3, 3], stride: 1, padding: "same", bias: true };
    const X = f32(3 * 4 * 12 * 10);
    const Wt = f32(6 * 4 * 9);
    const B = f32(6);
    const GY = f32(3 * 6 * 12 * 10);
    const first = using("wasm", () => convAll(c, X, Wt, B, GY, "float32"));
    const again = using("wasm", () => convAll(c, X, Wt, B, GY, "float32"));
    expect(again).toEqual(first);
  });
});

describe("gradients through the WebAssembly path match finite differences of a float64 reference", () => {
  it("for a conv → relu → max pool → conv network, with respect to the input, weights and biases", () => {
    const xs = [2, 3, 9, 8];
    const w1s = [4, 3, 3, 3];
    const w2s = [2, 4, 2, 2];
    const X = f32(2 * 3 * 9 * 8);
    const W1 = f32(4 * 27, -0.5, 0.5);
    const B1 = f32(4, -0.1, 0.1);
    const W2 = f32(2 * 16, -0.5, 0.5);
    const R = Float64Array.from({ length: 2 * 2 * 4 * 3 }, () => rng.uniform(0.5, 1.5));
    const loss = (params: ArrayLike<number>[], dtype: "float32" | "float64") => {
      const t = (d: ArrayLike<number>, s: number[]) =>
        new Tensor(dtype === "float64" ? Float64Array.from(d) : Float32Array.from(d), s, { requiresGrad: true });
      const [x, w1, b1, w2] = [t(params[0], xs), t(params[1], w1s), t(params[2], [4]), t(params[3], w2s)];
      const h = maxPool2d(relu(conv2d(x, w1, b1, { padding: "same" })), 2, { padding: "same" });
      const y = conv2d(h, w2, null, { stride: 1, padding: "valid" });
      return { inputs: [x, w1, b1, w2], y };
    };
    const params = [X, W1, B1, W2];
    // Analytic: float32 on the WebAssembly kernels, seeded with the projection R.
    const analytic = using("wasm", () => {
      const { inputs, y } = loss(params, "float32");
      y.backward(Float32Array.from(R));
      return inputs.map((t) => t.grad!);
    });
    // Numeric: central differences of Σ R·y in float64 on the JavaScript path.
    const value = (p: ArrayLike<number>[]) => {
      const { y } = using("js", () => loss(p, "float64"));
      let s = 0;
      for (let i = 0; i < R.length; i++) s += R[i] * y.data[i];
      return s;
    };
    const eps = 1e-6;
    params.forEach((param, k) => {
      const copy = params.map((p) => Float64Array.from(p));
      for (let i = 0; i < param.length; i += k === 0 ? 7 : 1) {
        const saved = copy[k][i];
        copy[k][i] = saved + eps;
        const plus = value(copy);
        copy[k][i] = saved - eps;
        const minus = value(copy);
        copy[k][i] = saved;
        const numeric = (plus - minus) / (2 * eps);
        expect(Math.abs(analytic[k][i] - numeric), `input ${k} [${i}]: analytic ${analytic[k][i]}, numeric ${numeric}`).toBeLessThanOrEqual(
          1e-4 + 1e-4 * Math.abs(numeric),
        );
      }
    });
  });
});

describe("maxPool2d and relu: the WebAssembly kernels give exactly the JavaScript results", () => {
  const pools: { x: number[]; size: number | [number, number]; stride?: number | [number, number]; padding?: Padding }[] = [
    { x: [2, 3, 8, 8], size: 2 },
    { x: [1, 2, 9, 11], size: 2 },
    { x: [1, 1, 7, 18], size: 2, padding: "same" },
    { x: [2, 2, 9, 9], size: 3, stride: 2, padding: "same" },
    { x: [1, 3, 6, 5], size: [2, 3], stride: 1 },
    { x: [1, 1, 5, 5], size: 2, stride: 2, padding: 1 },
  ];
  for (const p of pools) {
    it(`max pool of [${p.x}], window ${JSON.stringify(p.size)}, stride ${JSON.stringify(p.stride ?? p.size)}, padding ${JSON.stringify(p.padding ?? "valid")}: values, positions and gradients, with ties, NaN and −∞`, () => {
      const n = p.x.reduce((a, b) => a * b);
      // Few distinct values make ties; NaN and −∞ test the strict comparison.
      const X = Float32Array.from({ length: n }, () => {
        const r = rng.next();
        return r < 0.05 ? NaN : r < 0.1 ? -Infinity : rng.int(-3, 4);
      });
      const run = (backend: KernelChoice) =>
        using(backend, () => {
          const x = new Tensor(X.slice(), p.x, { requiresGrad: true });
          const y = maxPool2d(x, p.size, { stride: p.stride, padding: p.padding });
          y.backward(Float32Array.from({ length: y.size }, (_, i) => i + 1));
          return { y: Array.from(y.data), gx: Array.from(x.grad!) };
        });
      expect(run("wasm")).toEqual(run("js"));
    });
  }

  it("relu of values including NaN, ±0 and ±∞, and its gradient, bit for bit", () => {
    const X = Float32Array.from({ length: 1001 }, (_, i) => [NaN, -0, 0, Infinity, -Infinity][i % 7] ?? rng.uniform(-2, 2));
    const G = f32(1001);
    const run = (backend: KernelChoice) =>
      using(backend, () => {
        const x = new Tensor(X, [1001], { requiresGrad: true });
        const y = relu(x);
        y.backward(G);
        return { y: new Uint32Array(y.data.buffer), gx: new Uint32Array(x.grad!.buffer) };
      });
    expect(run("wasm")).toEqual(run("js"));
  });
});
