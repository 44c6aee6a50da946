import { allocate } from "./dtype.ts";
import type { DType, FloatArray } from "./dtype.ts";
import { Tensor } from "./tensor.ts";
import type { NestedArray, TensorOptions } from "./tensor.ts";
import { formatShape, sizeOf } from "./shapeUtil.ts";
import type { Rng } from "../random/rng.ts";

/**
 * A leaf tensor from nested arrays (shape inferred), or from flat values and an explicit shape.
 * float32 unless `dtype: "float64"`.
 */
export function tensor(
  values: NestedArray | FloatArray | readonly number[],
  shape?: readonly number[],
  options: TensorOptions = {},
): Tensor {
  const dtype: DType = options.dtype ?? "float32";
  let flat: number[] | FloatArray;
  let inferred: number[];
  if (values instanceof Float32Array || values instanceof Float64Array) {
    flat = values;
    inferred = [values.length];
  } else {
    flat = [];
    inferred = inferShape(values);
    flatten(values, flat);
  }
  const finalShape = shape ?? inferred;
  if (sizeOf(finalShape) !== flat.length) {
    throw new RangeError(`tensor(): ${flat.length} values do not fill shape ${formatShape(finalShape)}`);
  }
  const data = allocate(dtype, flat.length);
  data.set(flat);
  return new Tensor(data, finalShape, options);
}

/** A scalar (shape []) leaf. */
export function scalar(value: number, options: TensorOptions = {}): Tensor {
  return tensor([value], [], options);
}

/** A leaf filled with `value`. */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  const data = allocate(options.dtype ?? "float32", sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape, options);
}

export function zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** A leaf of independent N(mean, std²) samples drawn from `rng`. */
export function randomNormal(shape: readonly number[], rng: Rng, mean = 0, std = 1, options: TensorOptions = {}): Tensor {
  const t = zeros(shape, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal(mean, std);
  return t;
}

/** A leaf of independent U[lo, hi) samples drawn from `rng`. */
export function randomUniform(shape: readonly number[], rng: Rng, lo = 0, hi = 1, options: TensorOptions = {}): Tensor {
  const t = zeros(shape, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.uniform(lo, hi);
  return t;
}

function inferShape(values: NestedArray | readonly number[]): number[] {
  const shape: number[] = [];
  let v: NestedArray | readonly number[] = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0] as NestedArray;
  }
  return shape;
}

function flatten(values: NestedArray | readonly number[], out: number[]): void {
  if (typeof values === "number") {
    out.push(values);
    return;
  }
  for (const v of values) flatten(v as NestedArray, out);
}
