import { ProtoWriter } from "./protobuf.ts";
import type { Attribute, Dim, ElemType, Graph, Initializer, Node, ValueInfo } from "./ir.ts";

/**
 * Field numbers from onnx.proto (checked against onnx/onnx's onnx.proto). Every message here is
 * proto2 with `optional`/`repeated` fields; we write only fields that carry a value.
 */
const F = {
  model: { irVersion: 1, producerName: 2, producerVersion: 3, docString: 6, graph: 7, opsetImport: 8, metadataProps: 14 },
  opset: { domain: 1, version: 2 },
  entry: { key: 1, value: 2 },
  graph: { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12, valueInfo: 13 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 },
  attribute: { name: 1, f: 2, i: 3, s: 4, t: 5, floats: 7, ints: 8, type: 20 },
  tensor: { dims: 1, dataType: 2, name: 8, rawData: 9 },
  valueInfo: { name: 1, type: 2 },
  type: { tensorType: 1 },
  tensorType: { elemType: 1, shape: 2 },
  shape: { dim: 1 },
  dim: { dimValue: 1, dimParam: 2 },
} as const;

/** TensorProto.DataType values. */
const DataType = { float: 1, int64: 7 } as const;

/** AttributeProto.AttributeType values. */
const AttributeType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

/** Options of `encodeModel`. */
export interface EncodeOptions {
  /**
   * ModelProto.ir_version. Default 8 (ONNX 1.10+), paired with opset 17; onnxruntime-web 1.30
   * loads both.
   */
  irVersion?: number;
  /** Version of the default ("ai.onnx") operator set. Default 17. */
  opset?: number;
  producerName?: string;
  producerVersion?: string;
}

/** Default ModelProto.ir_version. */
export const DEFAULT_IR_VERSION = 8;
/** Default ai.onnx opset version. */
export const DEFAULT_OPSET = 17;

/** Serialises a graph to the bytes of an .onnx file (a ModelProto). */
export function encodeModel(graph: Graph, options: EncodeOptions = {}): Uint8Array {
  const w = new ProtoWriter();
  w.int(F.model.irVersion, options.irVersion ?? DEFAULT_IR_VERSION);
  w.string(F.model.producerName, options.producerName ?? "deep-sky-learning");
  if (options.producerVersion !== undefined) w.string(F.model.producerVersion, options.producerVersion);
  if (graph.docString !== undefined) w.string(F.model.docString, graph.docString);
  w.message(F.model.graph, (g) => writeGraph(g, graph));
  w.message(F.model.opsetImport, (o) => o.string(F.opset.domain, "").int(F.opset.version, options.opset ?? DEFAULT_OPSET));
  for (const [key, value] of Object.entries(graph.metadata ?? {})) {
    w.message(F.model.metadataProps, (e) => e.string(F.entry.key, key).string(F.entry.value, value));
  }
  return w.finish();
}

function writeGraph(w: ProtoWriter, graph: Graph): void {
  for (const node of graph.nodes) w.message(F.graph.node, (n) => writeNode(n, node));
  w.string(F.graph.name, graph.name);
  for (const init of graph.initializers) w.message(F.graph.initializer, (t) => writeTensor(t, init));
  for (const input of graph.inputs) w.message(F.graph.input, (v) => writeValueInfo(v, input));
  for (const output of graph.outputs) w.message(F.graph.output, (v) => writeValueInfo(v, output));
}

function writeNode(w: ProtoWriter, node: Node): void {
  for (const input of node.inputs) w.string(F.node.input, input);
  for (const output of node.outputs) w.string(F.node.output, output);
  if (node.name !== undefined) w.string(F.node.name, node.name);
  w.string(F.node.opType, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes ?? {})) {
    w.message(F.node.attribute, (a) => writeAttribute(a, name, attribute));
  }
  if (node.domain !== undefined && node.domain !== "") w.string(F.node.domain, node.domain);
}

function writeAttribute(w: ProtoWriter, name: string, attribute: Attribute): void {
  w.string(F.attribute.name, name);
  switch (attribute.type) {
    case "int":
      w.int(F.attribute.i, attribute.value);
      break;
    case "float":
      w.float(F.attribute.f, attribute.value);
      break;
    case "string":
      w.string(F.attribute.s, attribute.value);
      break;
    case "ints":
      // `repeated int64 ints = 8` is not declared packed in proto2, but parsers must accept
      // either; we write the unpacked form onnx's own Python writer produces.
      for (const v of attribute.value) w.int(F.attribute.ints, v);
      break;
    case "floats":
      for (const v of attribute.value) w.float(F.attribute.floats, v);
      break;
  }
  w.int(F.attribute.type, AttributeType[attribute.type]);
}

/** TensorProto with raw_data: elements as fixed-width little-endian bytes (float32 or int64). */
export function writeTensor(w: ProtoWriter, tensor: Initializer): void {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (count !== tensor.data.length) {
    throw new Error(
      `initializer "${tensor.name}": dims [${tensor.dims.join(", ")}] hold ${count} elements but data has ${tensor.data.length}`,
    );
  }
  for (const d of tensor.dims) w.int(F.tensor.dims, d);
  const isInt = tensor.data instanceof BigInt64Array;
  w.int(F.tensor.dataType, isInt ? DataType.int64 : DataType.float);
  w.string(F.tensor.name, tensor.name);
  w.bytes(F.tensor.rawData, littleEndianBytes(tensor.data));
}

function littleEndianBytes(data: Float32Array | BigInt64Array): Uint8Array {
  const width = data.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(data.length * width);
  const view = new DataView(bytes.buffer);
  if (data instanceof BigInt64Array) {
    for (let i = 0; i < data.length; i++) view.setBigInt64(i * 8, data[i], true);
  } else {
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  }
  return bytes;
}

function writeValueInfo(w: ProtoWriter, info: ValueInfo): void {
  w.string(F.valueInfo.name, info.name);
  w.message(F.valueInfo.type, (t) =>
    t.message(F.type.tensorType, (tt) => {
      tt.int(F.tensorType.elemType, DataType[info.elemType ?? ("float" satisfies ElemType)]);
      tt.message(F.tensorType.shape, (s) => {
        for (const dim of info.shape) s.message(F.shape.dim, (d) => writeDim(d, dim));
      });
    }),
  );
}

function writeDim(w: ProtoWriter, dim: Dim): void {
  if (typeof dim === "number") w.int(F.dim.dimValue, dim);
  else w.string(F.dim.dimParam, dim);
}
