import { SGD } from "./sgd.ts";
import type { SGDOptions } from "./sgd.ts";
import { Momentum } from "./momentum.ts";
import type { MomentumOptions } from "./momentum.ts";
import { Nesterov } from "./nesterov.ts";
import type { NesterovOptions } from "./nesterov.ts";
import { AdaGrad } from "./adagrad.ts";
import type { AdaGradOptions } from "./adagrad.ts";
import { RMSProp } from "./rmsprop.ts";
import type { RMSPropOptions } from "./rmsprop.ts";
import { Adam } from "./adam.ts";
import type { AdamOptions } from "./adam.ts";

/** Each optimizer's name, its class and its options: the single table the factory reads. */
export interface OptimizerTable {
  sgd: { optimizer: SGD; options: SGDOptions };
  momentum: { optimizer: Momentum; options: MomentumOptions };
  nesterov: { optimizer: Nesterov; options: NesterovOptions };
  adagrad: { optimizer: AdaGrad; options: AdaGradOptions };
  rmsprop: { optimizer: RMSProp; options: RMSPropOptions };
  adam: { optimizer: Adam; options: AdamOptions };
}

/** The names `createOptimizer` accepts. */
export type OptimizerName = keyof OptimizerTable;

const constructors: { [K in OptimizerName]: (options: OptimizerTable[K]["options"]) => OptimizerTable[K]["optimizer"] } = {
  sgd: (o) => new SGD(o),
  momentum: (o) => new Momentum(o),
  nesterov: (o) => new Nesterov(o),
  adagrad: (o) => new AdaGrad(o),
  rmsprop: (o) => new RMSProp(o),
  adam: (o) => new Adam(o),
};

/** Every valid optimizer name, in teaching order. */
export const optimizerNames: readonly OptimizerName[] = Object.keys(constructors) as OptimizerName[];

/** True when `name` is one of `optimizerNames`. */
export function isOptimizerName(name: string): name is OptimizerName {
  return Object.hasOwn(constructors, name);
}

/**
 * Builds an optimizer by name (as stored in a URL or a config file). Throws an Error naming the
 * unknown optimizer and listing the valid ones.
 */
export function createOptimizer<K extends OptimizerName>(name: K, options?: OptimizerTable[K]["options"]): OptimizerTable[K]["optimizer"];
export function createOptimizer(name: string, options?: object): OptimizerTable[OptimizerName]["optimizer"];
export function createOptimizer(name: string, options: object = {}): OptimizerTable[OptimizerName]["optimizer"] {
  if (!isOptimizerName(name)) {
    throw new Error(`Unknown optimizer "${name}". Valid optimizers: ${optimizerNames.join(", ")}.`);
  }
  const make = constructors[name] as (options: object) => OptimizerTable[OptimizerName]["optimizer"];
  return make(options);
}
