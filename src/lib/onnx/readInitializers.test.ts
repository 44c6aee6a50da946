import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BatchNorm,
  Conv2D,
  Dense,
  Flatten,
  MaxPool2D,
  Reshape,
  Sequential,
  UpSampling2D,
  getWeights,
  weightsFromJSON,
} from "../nn/index.ts";
import { CLASSIFIERS, buildClassifier } from "../zoo/index.ts";
import { ProtoWriter } from "./protobuf.ts";
import { exportModel } from "./exportModel.ts";
import { readInitializers, weightsFromOnnx } from "./readInitializers.ts";

/** Two models of one architecture with different seeds: their weights differ until loaded. */
function cnn(seed: string): Sequential {
  return new Sequential(
    [
      new Conv2D(3, 3, { padding: "same", activation: "relu" }),
      new BatchNorm(),
      new MaxPool2D(2),
      new Flatten(),
      new Dense(8, { activation: "gelu" }),
      new Reshape([2, 2, 2]),
      new UpSampling2D(2),
      new Flatten(),
      new Dense(2),
    ],
    { inputShape: [2, 4, 4], seed },
  );
}

describe("readInitializers reads back what the ONNX writer wrote", () => {
  it("names, dims and float32 values of every weight; int64 constants (the Reshape shape) are left out", () => {
    const model = cnn("a");
    // Non-trivial BatchNorm statistics, so mean/variance are not the defaults.
    for (const w of model.weights()) if (w.name?.includes("moving")) w.data.forEach((_, i, d) => (d[i] = 0.5 + i / 7));
    const inits = readInitializers(exportModel(model, { name: "cnn" }));
    const byName = new Map(inits.map((t) => [t.name, t]));
    for (const w of getWeights(model)) {
      const name = w.name.replace(/\/movingMean$/, "/mean").replace(/\/movingVariance$/, "/variance");
      const t = byName.get(name);
      expect(t, name).toBeDefined();
      expect(t!.dims).toEqual(w.shape);
      expect(Array.from(t!.data)).toEqual(Array.from(Float32Array.from(w.data)));
    }
    expect(inits.some((t) => t.name.endsWith("/shape"))).toBe(false);
    // The UpSampling2D scales and the GELU constants are float initializers that are not weights.
    expect(byName.get("up_sampling2d/scales")?.data).toEqual(Float32Array.of(1, 1, 2, 2));
  });

  it("weightsFromOnnx makes a differently seeded model equal to the exported one", () => {
    const source = cnn("a");
    const target = cnn("b");
    expect(getWeights(target)[0].data).not.toEqual(getWeights(source)[0].data);
    weightsFromOnnx(target, exportModel(source, { name: "cnn" }));
    expect(getWeights(target)).toEqual(getWeights(source));
  });

  it("reads float_data (packed) and unpacked dims, as onnx's own tools may write them", () => {
    // TensorProto { dims: 2 (unpacked), dims: 1, data_type: FLOAT, float_data: packed, name } in graph.initializer.
    const tensor = new ProtoWriter();
    tensor.int(1, 2);
    tensor.int(1, 1);
    tensor.int(2, 1);
    const packed = new Uint8Array(8);
    new DataView(packed.buffer).setFloat32(0, 1.5, true);
    new DataView(packed.buffer).setFloat32(4, -2, true);
    tensor.bytes(4, packed);
    tensor.string(8, "w");
    const model = new ProtoWriter();
    model.int(1, 8);
    model.message(7, (g) => g.bytes(5, tensor.finish()));
    expect(readInitializers(model.finish())).toEqual([{ name: "w", dims: [2, 1], data: Float32Array.of(1.5, -2) }]);
  });

  it("says what is wrong with a file that is not a model, or a model that lacks a weight", () => {
    expect(() => readInitializers(new TextEncoder().encode("{}"))).toThrow(/not an ONNX model|wire type/);
    const small = new Sequential([new Dense(2)], { inputShape: [3], seed: "s" });
    const other = new Sequential([new Dense(2, { name: "head" })], { inputShape: [3], seed: "s" });
    expect(() => weightsFromOnnx(other, exportModel(small, { name: "small" }))).toThrow(/no initializer for the weight 'head\/kernel'/);
  });
});

describe("the shipped classifiers' .onnx files hold the same weights as their weights.json", () => {
  it.each(["galaxy-morphology", "lens-finder"] as const)("%s", (id) => {
    const fromJson = buildClassifier(CLASSIFIERS[id], "view");
    weightsFromJSON(fromJson, readFileSync(`models/${id}/weights.json`, "utf8"));
    const fromOnnx = buildClassifier(CLASSIFIERS[id], "view");
    weightsFromOnnx(fromOnnx, new Uint8Array(readFileSync(`models/${id}/model.onnx`)));
    const a = getWeights(fromJson);
    const b = getWeights(fromOnnx);
    expect(b.map((w) => w.name)).toEqual(a.map((w) => w.name));
    // weights.json holds float64 decimals of the float32 weights; the file holds the float32 bits.
    a.forEach((w, k) => expect(Array.from(b[k].data)).toEqual(Array.from(Float32Array.from(w.data))));
  });
});
