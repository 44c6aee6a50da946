/** The two element types the engine computes in: float32 for speed, float64 for exact checks. */
export type DType = "float32" | "float64";

/** A flat, row-major buffer of tensor elements. */
export type FloatArray = Float32Array | Float64Array;

/** A new zero-filled buffer of `size` elements of the given type. */
export function allocate(dtype: DType, size: number): FloatArray {
  return dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
}

/** The element type of an existing buffer. */
export function dtypeOf(buffer: FloatArray): DType {
  return buffer instanceof Float64Array ? "float64" : "float32";
}
