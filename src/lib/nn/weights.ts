import type { FloatArray } from "../autodiff/dtype.ts";
import type { Model } from "./model.ts";

/** One weight with its full name ("dense/kernel") and shape. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: FloatArray;
}

/** The JSON form of a model's weights. */
export interface WeightsJSON {
  format: "deep-sky-learning/weights";
  version: 1;
  weights: { name: string; shape: number[]; values: number[] }[];
}

/** Copies of every weight (trainable and not), in model order. */
export function getWeights(model: Model): NamedWeight[] {
  return model.weights().map((t) => ({ name: t.name ?? "", shape: t.shape.slice(), data: t.data.slice() }));
}

/**
 * Loads weights into the model: matched by name when every entry has one, otherwise by position.
 * Shapes must match exactly; the error names the weight and both shapes.
 */
export function setWeights(model: Model, weights: readonly { name?: string; shape: readonly number[]; data: ArrayLike<number> }[]): void {
  const targets = model.weights();
  if (weights.length !== targets.length) {
    throw new RangeError(`setWeights: model '${model.name}' has ${targets.length} weights, got ${weights.length}`);
  }
  const byName = weights.every((w) => typeof w.name === "string" && w.name !== "");
  targets.forEach((t, i) => {
    const w = byName ? weights.find((v) => v.name === t.name) : weights[i];
    if (w === undefined) throw new Error(`setWeights: no weight named '${t.name}' in the data`);
    const same = w.shape.length === t.shape.length && w.shape.every((d, k) => d === t.shape[k]);
    if (!same) throw new RangeError(`setWeights: weight '${t.name}' has shape [${t.shape.join(", ")}], got [${w.shape.join(", ")}]`);
    if (w.data.length !== t.size) throw new RangeError(`setWeights: weight '${t.name}' needs ${t.size} values, got ${w.data.length}`);
    t.data.set(w.data);
  });
}

/** The weights as JSON-serialisable data (plain number arrays). */
export function weightsToJSON(model: Model): WeightsJSON {
  return {
    format: "deep-sky-learning/weights",
    version: 1,
    weights: getWeights(model).map((w) => ({ name: w.name, shape: w.shape, values: Array.from(w.data) })),
  };
}

/** Loads `weightsToJSON` output (parsed or as a string), checking names and shapes. */
export function weightsFromJSON(model: Model, json: WeightsJSON | string): void {
  const parsed = (typeof json === "string" ? JSON.parse(json) : json) as WeightsJSON;
  if (parsed.format !== "deep-sky-learning/weights" || !Array.isArray(parsed.weights)) {
    throw new Error("weightsFromJSON: not a deep-sky-learning/weights document");
  }
  setWeights(
    model,
    parsed.weights.map((w) => ({ name: w.name, shape: w.shape, data: w.values })),
  );
}
