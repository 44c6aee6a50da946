import { describe, expect, it } from "vitest";
import { exportLayers } from "./export-layers.ts";
import { GraphBuilder } from "./graph-builder.ts";

/** Reads a varint at `pos`; returns [value, next position]. Small values only (test helper). */
function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = bytes[pos++];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return [value, pos];
  }
}

/** The top-level fields of a message as [field, payload] (LEN payloads as bytes, varints as numbers). */
function fields(bytes: Uint8Array): [number, Uint8Array | number][] {
  const out: [number, Uint8Array | number][] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const [key, p] = readVarint(bytes, pos);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const [v, q] = readVarint(bytes, p);
      out.push([field, v]);
      pos = q;
    } else if (wire === 2) {
      const [len, q] = readVarint(bytes, p);
      out.push([field, bytes.subarray(q, q + len)]);
      pos = q + len;
    } else if (wire === 5) {
      out.push([field, bytes.subarray(p, p + 4)]);
      pos = p + 4;
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

const text = (b: Uint8Array | number) => new TextDecoder().decode(b as Uint8Array);

describe("exportLayers", () => {
  it("stores name, class labels (JSON) and preprocessing as ModelProto metadata_props", () => {
    const bytes = exportLayers([{ kind: "Activation", name: "act", activation: "softmax" }], [3], {
      name: "galaxy-morphology",
      classLabels: ["spiral", "elliptical", "merger"],
      preprocessing: "scale pixels to [0, 1]",
      description: "A test model.",
    });
    const top = fields(bytes);
    expect(top.find(([f]) => f === 1)?.[1]).toBe(8); // ir_version
    const metadata = Object.fromEntries(
      top.filter(([f]) => f === 14).map(([, entry]) => {
        const kv = fields(entry as Uint8Array);
        return [text(kv[0][1]), text(kv[1][1])];
      }),
    );
    expect(metadata).toEqual({
      name: "galaxy-morphology",
      class_labels: '["spiral","elliptical","merger"]',
      preprocessing: "scale pixels to [0, 1]",
    });
    expect(text(top.find(([f]) => f === 6)![1])).toBe("A test model."); // doc_string
    const graph = fields(top.find(([f]) => f === 7)![1] as Uint8Array);
    expect(text(graph.find(([f]) => f === 2)![1])).toBe("galaxy-morphology"); // GraphProto.name
  });

  it("declares the batch dimension symbolically", () => {
    const bytes = exportLayers([], [3, 4], { name: "m" });
    const graph = fields(fields(bytes).find(([f]) => f === 7)![1] as Uint8Array);
    const input = fields(graph.find(([f]) => f === 11)![1] as Uint8Array); // ValueInfoProto
    const tensorType = fields(fields(input[1][1] as Uint8Array)[0][1] as Uint8Array);
    const dims = fields(tensorType[1][1] as Uint8Array).map(([, d]) => fields(d as Uint8Array)[0]);
    expect(dims[0][0]).toBe(2); // dim_param
    expect(text(dims[0][1])).toBe("batch");
    expect(dims.slice(1)).toEqual([[1, 3], [1, 4]]); // dim_value
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
});
