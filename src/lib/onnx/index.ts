// Public surface of the ONNX writer: a plain graph IR, its encoder, the layer-spec graph and the
// exporter of the engine's models (exportModel adapts src/lib/nn layers to LayerSpec).
export { ProtoWriter, encodeVarint } from "./protobuf.ts";
export type { Dim, ElemType, ValueInfo, Initializer, Attribute, Node, Graph } from "./ir.ts";
export { int, float, ints, floats, string } from "./ir.ts";
export { encodeModel, DEFAULT_IR_VERSION, DEFAULT_OPSET } from "./encodeModel.ts";
export type { EncodeOptions } from "./encodeModel.ts";
export { GraphBuilder } from "./graphBuilder.ts";
export type { ActivationSpec, LayerSpec, LayerGraph } from "./layerSpec.ts";
export { addLayer, addActivation, layersToGraph, layerGraphToGraph, finishOutput, BATCH } from "./layersToGraph.ts";
export type { Value, LayersToGraphOptions } from "./layersToGraph.ts";
export { ENGINE_ALPHA } from "./engineAlphas.ts";
export { exportLayers, exportLayerGraph, METADATA_KEYS } from "./exportLayers.ts";
export type { ExportOptions } from "./exportLayers.ts";
export { exportModel, modelToLayerGraph, layerToSpec, exportableLayerKinds } from "./exportModel.ts";
export { readInitializers, weightsFromOnnx } from "./readInitializers.ts";
export type { OnnxInitializer } from "./readInitializers.ts";
export type { ExportModelOptions } from "./exportModel.ts";
