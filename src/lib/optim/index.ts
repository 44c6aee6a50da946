// Public surface of the optimizers: update rules, learning-rate schedules, the factory and the
// 2-D point helpers for loss-surface playgrounds.
export { Optimizer } from "./optimizer.ts";
export type { Parameter, BaseState, CommonOptions } from "./optimizer.ts";
export { SGD } from "./sgd.ts";
export type { SGDOptions, SGDState } from "./sgd.ts";
export { Momentum } from "./momentum.ts";
export type { MomentumOptions, MomentumState } from "./momentum.ts";
export { Nesterov } from "./nesterov.ts";
export type { NesterovOptions, NesterovState } from "./nesterov.ts";
export { AdaGrad } from "./adagrad.ts";
export type { AdaGradOptions, AdaGradState } from "./adagrad.ts";
export { RMSProp } from "./rmsprop.ts";
export type { RMSPropOptions, RMSPropState } from "./rmsprop.ts";
export { Adam } from "./adam.ts";
export type { AdamOptions, AdamState } from "./adam.ts";
export { constant, stepDecay, exponentialDecay, perEpoch } from "./schedules.ts";
export type { Schedule, StepDecayOptions, ExponentialDecayOptions } from "./schedules.ts";
export { createOptimizer, isOptimizerName, optimizerNames } from "./createOptimizer.ts";
export type { OptimizerName, OptimizerTable } from "./createOptimizer.ts";
export { createPoint, stepPoint, descend } from "./point.ts";
export type { Point, Gradient2D } from "./point.ts";
