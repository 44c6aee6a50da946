import { encodeModel } from "./encodeModel.ts";
import type { EncodeOptions } from "./encodeModel.ts";
import { layerGraphToGraph, layersToGraph } from "./layersToGraph.ts";
import type { GraphBuilder } from "./graphBuilder.ts";
import type { LayerGraph, LayerSpec } from "./layerSpec.ts";

/** What goes into the .onnx file besides the graph. */
export interface ExportOptions extends EncodeOptions {
  /** Model name: the graph name and metadata "name". */
  name: string;
  /** Class names in output order, stored as JSON in metadata "class_labels". */
  classLabels?: readonly string[];
  /** How inputs must be prepared (scaling, crop, channel order…), metadata "preprocessing". */
  preprocessing?: string;
  /** Free-text description (ModelProto.doc_string). */
  description?: string;
}

/** Metadata keys written by the exporter and read by src/lib/inference. */
export const METADATA_KEYS = { name: "name", classLabels: "class_labels", preprocessing: "preprocessing" } as const;

/**
 * A Sequential chain of layer specs → .onnx bytes: input "input" [batch, …inputShape], output
 * "output", ir_version 8 / opset 17, metadata as in `ExportOptions`.
 */
export function exportLayers(layers: readonly LayerSpec[], inputShape: readonly number[], options: ExportOptions): Uint8Array {
  return finish(layersToGraph(layers, { name: options.name, inputShape }), options);
}

/** A graph of layer specs (several inputs/outputs, merges, shared layers) → .onnx bytes, as `exportLayers`. */
export function exportLayerGraph(graph: LayerGraph, options: ExportOptions): Uint8Array {
  return finish(layerGraphToGraph(graph, options.name), options);
}

/** Writes the metadata and doc string, then encodes. */
function finish(g: GraphBuilder, options: ExportOptions): Uint8Array {
  g.metadata(METADATA_KEYS.name, options.name);
  if (options.classLabels !== undefined) g.metadata(METADATA_KEYS.classLabels, JSON.stringify(options.classLabels));
  if (options.preprocessing !== undefined) g.metadata(METADATA_KEYS.preprocessing, options.preprocessing);
  if (options.description !== undefined) g.docString(options.description);
  return encodeModel(g.build(), options);
}
