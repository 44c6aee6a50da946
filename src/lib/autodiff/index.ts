// Public surface of the autodiff engine: Tensor, creation helpers, primitive ops (each with its
// derivative beside it), activations, losses and the finite-difference checker.
export type { DType, FloatArray } from "./dtype.ts";
export { allocate, dtypeOf } from "./dtype.ts";
export { Tensor, backwardFrom as backward, topologicalOrder } from "./tensor.ts";
export type { NestedArray, TensorOptions } from "./tensor.ts";
export { noGrad, isGradEnabled } from "./gradMode.ts";
export { tensor, scalar, full, zeros, ones, randomNormal, randomUniform } from "./create.ts";
export { add, sub, mul, div, pow, maximum, minimum, neg, exp, log, sqrt, abs, square, clamp } from "./elementwise.ts";
export type { TensorLike } from "./elementwise.ts";
export { sum, mean, max, min, argmax } from "./reduce.ts";
export type { Axes } from "./reduce.ts";
export { matmul } from "./matmul.ts";
export { gemm } from "./gemm.ts";
export { reshape, flatten, transpose, slice, concat, broadcastTo } from "./shape.ts";
export { broadcastShapes } from "./broadcast.ts";
export { conv2d } from "./conv.ts";
export type { Conv2DOptions } from "./conv.ts";
export { maxPool2d, avgPool2d, upsample2d } from "./pool.ts";
export type { Pool2DOptions } from "./pool.ts";
export { axisGeometry, windowGeometry } from "./padding.ts";
export type { Padding, AxisGeometry } from "./padding.ts";
export { dropout } from "./dropout.ts";
export {
  sigmoid,
  tanh,
  relu,
  leakyRelu,
  elu,
  softplus,
  gelu,
  swish,
  silu,
  softmax,
  logSoftmax,
  activation,
  activationNames,
  isActivationName,
} from "./activations.ts";
export type { ActivationName } from "./activations.ts";
export { mse, mae, binaryCrossEntropyWithLogits, softmaxCrossEntropy } from "./losses.ts";
export type { Labels } from "./losses.ts";
export { gradcheck, gradInput, GRADCHECK_DEFAULTS } from "./gradcheck.ts";
export type { GradCheckOptions, GradCheckResult } from "./gradcheck.ts";
