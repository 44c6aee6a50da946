/**
 * Public surface of the neural-network layer API (Keras-shaped, on the autodiff engine).
 *
 * Contract for exporters (ONNX) and views — what a model exposes:
 *  - `model.kind`: "Sequential" or "Model"; `model.inputShape` (first input, without batch) and
 *    `model.inputShapes`, `model.outputShapes`; `model.dtype`.
 *  - Sequential: `model.layers` is the ordered stack.
 *  - Functional (and Sequential too): `model.nodes` lists every node parents-first; a node
 *    (SymbolicTensor) has `layer` (null for an input), `inputs` (the nodes it reads), `shape`
 *    (without batch) and `name`; `model.inputs` / `model.outputs` are nodes.
 *  - Every layer has `kind` ("Dense", "Conv2D", "MaxPool2D", "AvgPool2D", "Flatten", "Reshape",
 *    "Dropout", "Activation", "UpSampling2D", "BatchNorm", "Add", "Concatenate"), `name`,
 *    `trainable`, `inputShapes`/`outputShape` (without batch), `getConfig()` (units, filters,
 *    kernelSize [h, w], strides [h, w], padding "valid" | "same" (SAME_UPPER), activation name,
 *    poolSize, size, rate, momentum, epsilon, axis …) and `weightList` of { name, tensor, trainable }.
 *    Named fields too: Dense/Conv2D `kernel`, `bias`; BatchNorm `gamma`, `beta`, `movingMean`,
 *    `movingVariance`.
 *  - Layouts: images NCHW; Conv2D kernel [outC, inC, kH, kW]; Dense kernel [in, out] (y = x·W + b);
 *    Flatten flattens C·H·W in row-major order (ONNX Flatten axis=1). Activation names map to ONNX
 *    ops; gelu is the tanh approximation; leakyRelu α = 0.2; elu α = 1.
 *  - Weight tensors are named "<layer>/<weight>" (e.g. "dense/kernel").
 *
 * Cross-entropy losses take logits: models end in a linear layer, not softmax/sigmoid.
 */
export { Layer, SymbolicTensor, Input } from "./layer.ts";
export type { CallContext, LayerOptions, LayerWeight } from "./layer.ts";
export { Dense } from "./layers/dense.ts";
export type { DenseOptions } from "./layers/dense.ts";
export { Conv2D } from "./layers/conv2d.ts";
export type { Conv2DLayerOptions } from "./layers/conv2d.ts";
export { MaxPool2D, AvgPool2D } from "./layers/pool2d.ts";
export type { Pool2DLayerOptions } from "./layers/pool2d.ts";
export { Flatten, Reshape, Dropout, Activation, UpSampling2D } from "./layers/simple.ts";
export { BatchNorm } from "./layers/batchNorm.ts";
export type { BatchNormOptions } from "./layers/batchNorm.ts";
export { Add, Concatenate } from "./layers/merge.ts";
export type { ConcatenateOptions } from "./layers/merge.ts";
export { Model } from "./model.ts";
export type { ModelOptions } from "./model.ts";
export { Sequential } from "./sequential.ts";
export type { SequentialOptions } from "./sequential.ts";
export { initializer, initializers, initializerNames } from "./initializers.ts";
export type { Initializer, InitializerName, Fans } from "./initializers.ts";
export { summary, summaryData } from "./summary.ts";
export type { SummaryData, SummaryRow } from "./summary.ts";
export { getWeights, setWeights, weightsToJSON, weightsFromJSON } from "./weights.ts";
export type { NamedWeight, WeightsJSON } from "./weights.ts";
export { losses, lossNames, lossFunction } from "./losses.ts";
export type { LossFn, LossName } from "./losses.ts";
export { countCorrect, meanSquaredError, psnr } from "./metrics.ts";
export { computeGradients, fit, fitAsync, fitSteps, trainStep, predict, predictOutputs, evaluate } from "./fit.ts";
export type {
  OptimizerLike,
  LossSpec,
  FitOptions,
  FitCallbacks,
  EpochLogs,
  BatchLogs,
  EarlyStoppingOptions,
  History,
  FitEvent,
} from "./fit.ts";
export { takeRows, sliceRows } from "./data.ts";
export { layerKinds, layerToConfig, layerFromConfig, modelToConfig, modelFromConfig } from "./config.ts";
export type { LayerConfig, ModelConfig } from "./config.ts";
