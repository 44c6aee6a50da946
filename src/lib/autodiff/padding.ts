/**
 * Padding of a 2-D window op: "valid" (none), "same" (TensorFlow/ONNX SAME_UPPER: output size
 * ceil(in / stride), the total padding max((out − 1)·stride + k − in, 0) split with the odd pixel at the
 * end), a number for all four sides, or [padH, padW] for top=bottom and left=right.
 */
export type Padding = "valid" | "same" | number | readonly [number, number];

/** One spatial axis: output length and padding before/after. */
export interface AxisGeometry {
  out: number;
  before: number;
  after: number;
}

export function axisGeometry(size: number, kernel: number, stride: number, padding: "valid" | "same" | number): AxisGeometry {
  if (padding === "same") {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + kernel - size, 0);
    const before = Math.floor(total / 2);
    return { out, before, after: total - before };
  }
  const pad = padding === "valid" ? 0 : padding;
  const out = Math.floor((size + 2 * pad - kernel) / stride) + 1;
  return { out, before: pad, after: pad };
}

/** Height and width geometry of a window op. */
export function windowGeometry(
  h: number,
  w: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  padding: Padding,
): { h: AxisGeometry; w: AxisGeometry } {
  const ph = typeof padding === "object" ? padding[0] : padding;
  const pw = typeof padding === "object" ? padding[1] : padding;
  return { h: axisGeometry(h, kh, sh, ph), w: axisGeometry(w, kw, sw, pw) };
}

/** A stride or window size given as one number or [h, w]. */
export function pair(v: number | readonly [number, number]): [number, number] {
  return typeof v === "number" ? [v, v] : [v[0], v[1]];
}
