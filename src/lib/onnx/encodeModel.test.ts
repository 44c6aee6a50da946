import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { encodeModel } from "./encodeModel.ts";
import { GraphBuilder } from "./graphBuilder.ts";
import { float, int, ints, string } from "./ir.ts";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { batchNorm, conv2d, dense, maxAbsDiff, pool2d, randomData, softmaxRows, upsampleNearest } from "./reference.test-util.ts";

const TOL = 1e-5;

describe("encodeModel", () => {
  it("starts with ir_version 8 and records the opset, producer and metadata", () => {
    const g = new GraphBuilder("id");
    const x = g.input("x", ["batch", 2]);
    g.output(g.node("Identity", [x], {}, { output: "y" }), ["batch", 2]);
    g.metadata("class_labels", '["a","b"]');
    const bytes = encodeModel(g.build());
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x08, 8]); // field 1, varint 8
    const text = new TextDecoder("latin1").decode(bytes);
    expect(text).toContain("deep-sky-learning");
    expect(text).toContain("class_labels");
    expect(text).toContain('["a","b"]');
    // opset_import (field 8, LEN) = { domain "" (0a 00), version 17 (10 11) }
    expect(text).toContain(String.fromCharCode(0x42, 0x04, 0x0a, 0x00, 0x10, 0x11));
  });

  it("rejects an initializer whose data does not fill its dims", () => {
    const g = new GraphBuilder("bad");
    g.constant("w", [2, 3], new Float32Array(5));
    expect(() => encodeModel(g.build())).toThrow(/dims \[2, 3\] hold 6 elements but data has 5/);
  });
});

describe("encoded graphs run in onnxruntime-web and match plain-loop references", () => {
  it("Gemm + Relu + Gemm + Softmax (a dense classifier) with a symbolic batch", async () => {
    const rng = new Rng("gemm");
    const [batch, nIn, nHidden, nOut] = [3, 4, 5, 3];
    const W1 = randomData(rng, nIn * nHidden);
    const b1 = randomData(rng, nHidden);
    const W2 = randomData(rng, nHidden * nOut);
    const b2 = randomData(rng, nOut);
    const x = randomData(rng, batch * nIn);

    const g = new GraphBuilder("mlp");
    const input = g.input("x", ["batch", nIn]);
    const h = g.node("Gemm", [input, g.constant("W1", [nIn, nHidden], W1), g.constant("b1", [nHidden], b1)]);
    const r = g.node("Relu", [h]);
    const z = g.node("Gemm", [r, g.constant("W2", [nHidden, nOut], W2), g.constant("b2", [nOut], b2)]);
    g.output(g.node("Softmax", [z], { axis: int(-1) }, { output: "probs" }), ["batch", nOut]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [batch, nIn] } });

    const hidden = dense(x, batch, W1, b1, nIn, nHidden).map((v) => Math.max(0, v));
    const expected = softmaxRows(dense(hidden, batch, W2, b2, nHidden, nOut), batch, nOut);
    expect(out.probs.dims).toEqual([batch, nOut]);
    expect(maxAbsDiff(out.probs.data, expected)).toBeLessThan(TOL);
  });

  it("MatMul + Add computes the same affine map as Gemm", async () => {
    const rng = new Rng("matmul");
    const W = randomData(rng, 6);
    const b = randomData(rng, 3);
    const x = randomData(rng, 4);
    const g = new GraphBuilder("affine");
    const input = g.input("x", ["batch", 2]);
    const m = g.node("MatMul", [input, g.constant("W", [2, 3], W)]);
    g.output(g.node("Add", [m, g.constant("b", [3], b)], {}, { output: "y" }), ["batch", 3]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [2, 2] } });
    expect(maxAbsDiff(out.y.data, dense(x, 2, W, b, 2, 3))).toBeLessThan(TOL);
  });

  it("Conv + Relu + MaxPool + Flatten + Gemm (a small CNN) with strides and pads", async () => {
    const rng = new Rng("cnn");
    const s = { n: 2, c: 2, h: 7, w: 6 };
    const [outC, kH, kW] = [3, 3, 2];
    const strides: [number, number] = [2, 1];
    const pads: [number, number, number, number] = [1, 0, 1, 1];
    const weight = randomData(rng, outC * s.c * kH * kW);
    const bias = randomData(rng, outC);
    const x = randomData(rng, s.n * s.c * s.h * s.w);

    const conv = conv2d(x, s, weight, bias, outC, kH, kW, strides, pads);
    const relu = conv.y.map((v) => Math.max(0, v));
    const pooled = pool2d("max", relu, conv.shape, [2, 2], [2, 2], [0, 0, 0, 0]);
    const flat = pooled.shape.c * pooled.shape.h * pooled.shape.w;
    const Wd = randomData(rng, flat * 4);
    const bd = randomData(rng, 4);
    const expected = dense(pooled.y, s.n, Wd, bd, flat, 4);

    const g = new GraphBuilder("cnn");
    const input = g.input("x", ["batch", s.c, s.h, s.w]);
    const c = g.node("Conv", [input, g.constant("k", [outC, s.c, kH, kW], weight), g.constant("b", [outC], bias)], {
      kernel_shape: ints([kH, kW]),
      strides: ints(strides),
      pads: ints(pads),
    });
    const p = g.node("MaxPool", [g.node("Relu", [c])], { kernel_shape: ints([2, 2]), strides: ints([2, 2]) });
    const f = g.node("Flatten", [p], { axis: int(1) });
    g.output(g.node("Gemm", [f, g.constant("Wd", [flat, 4], Wd), g.constant("bd", [4], bd)], {}, { output: "y" }), ["batch", 4]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [s.n, s.c, s.h, s.w] } });
    expect(out.y.dims).toEqual([s.n, 4]);
    expect(maxAbsDiff(out.y.data, expected)).toBeLessThan(TOL);
  });

  it("AveragePool with explicit 'same' pads averages only the real cells", async () => {
    const rng = new Rng("avgpool");
    const s = { n: 1, c: 2, h: 5, w: 4 };
    const x = randomData(rng, s.n * s.c * s.h * s.w);
    // 3×3 window, stride 1, same: pad 1 on every side (count_include_pad = 0 is ONNX's default).
    const pads: [number, number, number, number] = [1, 1, 1, 1];
    const g = new GraphBuilder("avg");
    const input = g.input("x", ["batch", s.c, s.h, s.w]);
    g.output(g.node("AveragePool", [input], { kernel_shape: ints([3, 3]), pads: ints(pads) }, { output: "y" }), ["batch", s.c, s.h, s.w]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [s.n, s.c, s.h, s.w] } });
    expect(maxAbsDiff(out.y.data, pool2d("avg", x, s, [3, 3], [1, 1], pads).y)).toBeLessThan(TOL);
  });

  it("Resize (nearest, asymmetric, floor) repeats each pixel like UpSampling2D", async () => {
    const rng = new Rng("resize");
    const s = { n: 1, c: 2, h: 3, w: 2 };
    const x = randomData(rng, 12);
    const g = new GraphBuilder("up");
    const input = g.input("x", ["batch", 2, 3, 2]);
    const scales = g.constant("scales", [4], Float32Array.of(1, 1, 2, 3));
    const y = g.node(
      "Resize",
      [input, "", scales],
      {
        mode: string("nearest"),
        coordinate_transformation_mode: string("asymmetric"),
        nearest_mode: string("floor"),
      },
      { output: "y" },
    );
    g.output(y, ["batch", 2, 6, 6]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [1, 2, 3, 2] } });
    expect(out.y.dims).toEqual([1, 2, 6, 6]);
    expect(maxAbsDiff(out.y.data, upsampleNearest(x, s, 2, 3))).toBeLessThan(TOL);
  });

  it("BatchNormalization applies γ(x − μ)/√(σ² + ε) + β per channel", async () => {
    const rng = new Rng("bn");
    const s = { n: 2, c: 3, h: 2, w: 2 };
    const x = randomData(rng, 24);
    const gamma = randomData(rng, 3);
    const beta = randomData(rng, 3);
    const mean = randomData(rng, 3);
    const variance = Float32Array.from(randomData(rng, 3), (v) => v * v + 0.5);
    const g = new GraphBuilder("bn");
    const input = g.input("x", ["batch", 3, 2, 2]);
    const y = g.node(
      "BatchNormalization",
      [
        input,
        g.constant("gamma", [3], gamma),
        g.constant("beta", [3], beta),
        g.constant("mean", [3], mean),
        g.constant("var", [3], variance),
      ],
      { epsilon: float(1e-3) },
      { output: "y" },
    );
    g.output(y, ["batch", 3, 2, 2]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [2, 3, 2, 2] } });
    expect(maxAbsDiff(out.y.data, batchNorm(x, s, gamma, beta, mean, variance, 1e-3))).toBeLessThan(TOL);
  });

  it("Reshape takes an int64 shape initializer with a -1 (inferred) batch", async () => {
    const x = Float32Array.from({ length: 12 }, (_, i) => i);
    const g = new GraphBuilder("reshape");
    const input = g.input("x", ["batch", 12]);
    g.output(g.node("Reshape", [input, g.int64Constant("shape", [-1, 3, 2, 2])], {}, { output: "y" }), ["batch", 3, 2, 2]);
    const out = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [1, 12] } });
    expect(out.y.dims).toEqual([1, 3, 2, 2]);
    expect(Array.from(out.y.data)).toEqual(Array.from(x));
  });

  it("element-wise activations match their formulas", async () => {
    const x = Float32Array.from({ length: 21 }, (_, i) => -4 + 0.4 * i);
    const g = new GraphBuilder("acts");
    const input = g.input("x", ["batch", 21]);
    const out = (name: string, value: string) => g.output(value, ["batch", 21]);
    out("sigmoid", g.node("Sigmoid", [input], {}, { output: "sigmoid" }));
    out("tanh", g.node("Tanh", [input], {}, { output: "tanh" }));
    out("leaky", g.node("LeakyRelu", [input], { alpha: float(0.2) }, { output: "leaky" }));
    out("elu", g.node("Elu", [input], { alpha: float(1.5) }, { output: "elu" }));
    out("softplus", g.node("Softplus", [input], {}, { output: "softplus" }));
    out("swish", g.node("Mul", [input, g.node("Sigmoid", [input])], {}, { output: "swish" }));
    out("dropout", g.node("Identity", [input], {}, { output: "dropout" }));
    const result = await runOrt(encodeModel(g.build()), { x: { data: x, dims: [1, 21] } });
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const expected: Record<string, (v: number) => number> = {
      sigmoid: sig,
      tanh: Math.tanh,
      leaky: (v) => (v >= 0 ? v : 0.2 * v),
      elu: (v) => (v >= 0 ? v : 1.5 * (Math.exp(v) - 1)),
      softplus: (v) => Math.log1p(Math.exp(v)),
      swish: (v) => v * sig(v),
      dropout: (v) => v,
    };
    for (const [name, f] of Object.entries(expected)) {
      expect(result[name], `${name} in ${Object.keys(result).join(",")}`).toBeDefined();
      expect(maxAbsDiff(result[name].data, Array.from(x, f)), name).toBeLessThan(TOL);
    }
  });
});
