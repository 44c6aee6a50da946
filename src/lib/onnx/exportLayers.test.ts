import { describe, expect, it } from "vitest";
import { exportLayers } from "./exportLayers.ts";
import { GraphBuilder } from "./graphBuilder.ts";
import { readModel } from "./readModel.test-util.ts";

describe("exportLayers", () => {
  it("stores name, class labels (JSON) and preprocessing as ModelProto metadata_props", () => {
    const bytes = exportLayers([{ kind: "Activation", name: "act", activation: "softmax" }], [3], {
      name: "galaxy-morphology",
      classLabels: ["spiral", "elliptical", "merger"],
      preprocessing: "scale pixels to [0, 1]",
      description: "A test model.",
    });
    const model = readModel(bytes);
    expect(model.irVersion).toBe(8);
    expect(model.metadata).toEqual({
      name: "galaxy-morphology",
      class_labels: '["spiral","elliptical","merger"]',
      preprocessing: "scale pixels to [0, 1]",
    });
    expect(model.docString).toBe("A test model.");
    expect(model.graphName).toBe("galaxy-morphology");
  });

  it("declares the batch dimension symbolically", () => {
    const model = readModel(exportLayers([], [3, 4], { name: "m" }));
    expect(model.inputs).toEqual([{ name: "input", dims: ["batch", 3, 4] }]);
    expect(model.outputs).toEqual([{ name: "output", dims: ["batch", 3, 4] }]);
  });
});

describe("GraphBuilder", () => {
  it("keeps node names and value names in separate namespaces and makes each unique", () => {
    const g = new GraphBuilder("g");
    const x = g.input("x", [1]);
    const a = g.node("Relu", [x]);
    const b = g.node("Relu", [a]);
    const graph = g.build();
    expect([a, b]).toEqual(["relu", "relu_1"]);
    expect(graph.nodes.map((n) => n.name)).toEqual(["relu", "relu_1"]);
  });

  it("refuses an explicit value name that is already taken", () => {
    const g = new GraphBuilder("g");
    const x = g.input("x", [1]);
    expect(() => g.node("Relu", [x], {}, { output: "x" })).toThrow('value name "x" is already used');
  });

  it("reserves a value name for one later exact claim and keeps generated names off it", () => {
    const g = new GraphBuilder("g");
    const x = g.input("x", [1]);
    g.reserve("relu");
    const a = g.node("Relu", [x]);
    const b = g.node("Identity", [a], {}, { output: "relu" });
    expect([a, b]).toEqual(["relu_1", "relu"]);
    expect(() => g.reserve("x")).toThrow('value name "x" is already used');
  });

  it("stores one array once, however many nodes read it", () => {
    const g = new GraphBuilder("g");
    const w = Float32Array.of(1, 2);
    expect(g.constant("a/kernel", [2], w)).toBe("a/kernel");
    expect(g.constant("a/kernel", [2], w)).toBe("a/kernel");
    expect(g.constant("a/kernel", [1, 2], w)).toBe("a/kernel_1");
    expect(g.build().initializers.map((i) => i.name)).toEqual(["a/kernel", "a/kernel_1"]);
  });
});
