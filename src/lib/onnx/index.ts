// Public surface of the ONNX writer: a plain graph IR, its encoder, the layer-spec exporter.
// (exportModel for src/lib/nn models goes here once nn exists: it adapts layers to LayerSpec.)
export { ProtoWriter, encodeVarint } from "./protobuf.ts";
export type { Dim, ElemType, ValueInfo, Initializer, Attribute, Node, Graph } from "./ir.ts";
export { int, float, ints, floats, string } from "./ir.ts";
export { encodeModel, DEFAULT_IR_VERSION, DEFAULT_OPSET } from "./encode-model.ts";
export type { EncodeOptions } from "./encode-model.ts";
export { GraphBuilder } from "./graph-builder.ts";
export type { ActivationSpec, LayerSpec } from "./layer-spec.ts";
export { addLayer, addActivation, layersToGraph, finishOutput, BATCH } from "./layers-to-graph.ts";
export type { Value, LayersToGraphOptions } from "./layers-to-graph.ts";
export { exportLayers, METADATA_KEYS } from "./export-layers.ts";
export type { ExportOptions } from "./export-layers.ts";
