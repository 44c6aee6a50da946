// Public surface of the ONNX writer: a plain graph IR, its encoder, the layer-spec graph and the
// exporter of the engine's models (exportModel adapts src/lib/nn layers to LayerSpec).
export { ProtoWriter, encodeVarint } from "./protobuf.ts";
export type { Dim, ElemType, ValueInfo, Initializer, Attribute, Node, Graph } from "./ir.ts";
export { int, float, ints, floats, string } from "./ir.ts";
export { encodeModel, DEFAULT_IR_VERSION, DEFAULT_OPSET } from "./encode-model.ts";
export type { EncodeOptions } from "./encode-model.ts";
export { GraphBuilder } from "./graph-builder.ts";
export type { ActivationSpec, LayerSpec, LayerGraph } from "./layer-spec.ts";
export { addLayer, addActivation, layersToGraph, layerGraphToGraph, finishOutput, BATCH } from "./layers-to-graph.ts";
export type { Value, LayersToGraphOptions } from "./layers-to-graph.ts";
export { ENGINE_ALPHA } from "./engine-alphas.ts";
export { exportLayers, exportLayerGraph, METADATA_KEYS } from "./export-layers.ts";
export type { ExportOptions } from "./export-layers.ts";
export { exportModel, modelToLayerGraph, layerToSpec, exportableLayerKinds } from "./export-model.ts";
export { readInitializers, weightsFromOnnx } from "./read-initializers.ts";
export type { OnnxInitializer } from "./read-initializers.ts";
export type { ExportModelOptions } from "./export-model.ts";
