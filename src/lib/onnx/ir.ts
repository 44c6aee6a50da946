/**
 * A plain, JSON-like description of an ONNX graph: what `exportModel` builds from the engine's
 * models and what `encodeModel` turns into bytes. Names follow onnx.proto; only what the course's
 * models need is representable.
 */

/** A dimension: a fixed size, or a symbolic name such as "batch" (any size at run time). */
export type Dim = number | string;

/** Element types we write: float32 for activations and weights, int64 for shapes (Reshape). */
export type ElemType = "float" | "int64";

/** A graph input or output: name, element type (default "float") and shape. */
export interface ValueInfo {
  name: string;
  shape: readonly Dim[];
  elemType?: ElemType;
}

/** A constant tensor stored in the model (weights, biases, shapes, scales). */
export interface Initializer {
  name: string;
  dims: readonly number[];
  /** Row-major values: Float32Array for FLOAT, BigInt64Array for INT64. */
  data: Float32Array | BigInt64Array;
}

/** A typed attribute value; the type tag is needed because 1 may be an INT or a FLOAT in ONNX. */
export type Attribute =
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "ints"; value: readonly number[] }
  | { type: "floats"; value: readonly number[] }
  | { type: "string"; value: string };

/** An operator application. Empty strings in `inputs` mark omitted optional inputs. */
export interface Node {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  attributes?: Readonly<Record<string, Attribute>>;
  /** Operator-set domain; "" (default) is the standard ai.onnx set. */
  domain?: string;
}

/** A whole model: one graph plus metadata. Nodes must be in topological order. */
export interface Graph {
  name: string;
  inputs: readonly ValueInfo[];
  outputs: readonly ValueInfo[];
  nodes: readonly Node[];
  initializers: readonly Initializer[];
  /** ModelProto.metadata_props: free-form key/value strings (class labels, preprocessing…). */
  metadata?: Readonly<Record<string, string>>;
  docString?: string;
}

/** An INT attribute. */
export function int(value: number): Attribute {
  return { type: "int", value };
}

/** A FLOAT attribute. */
export function float(value: number): Attribute {
  return { type: "float", value };
}

/** An INTS attribute. */
export function ints(value: readonly number[]): Attribute {
  return { type: "ints", value };
}

/** A FLOATS attribute. */
export function floats(value: readonly number[]): Attribute {
  return { type: "floats", value };
}

/** A STRING attribute. */
export function string(value: string): Attribute {
  return { type: "string", value };
}
