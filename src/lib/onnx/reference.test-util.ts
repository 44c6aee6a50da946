// Test-only reference implementations: plain loops in float64, written for clarity, used to check
// what onnxruntime computes from our encoded graphs. Layout NCHW; pads = [top, left, bottom, right].
import { Rng } from "../random/index.ts";

/** `n` normal(0, 1) values from a seeded generator, as float32. */
export function randomData(rng: Rng, n: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal(0, scale);
  return out;
}

/** y[b, j] = Σ_i x[b, i] W[i, j] + c[j]   (W is [in, out]). */
export function dense(
  x: ArrayLike<number>,
  batch: number,
  W: ArrayLike<number>,
  c: ArrayLike<number>,
  nIn: number,
  nOut: number,
): Float64Array {
  const y = new Float64Array(batch * nOut);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < nOut; j++) {
      let s = c[j];
      for (let i = 0; i < nIn; i++) s += x[b * nIn + i] * W[i * nOut + j];
      y[b * nOut + j] = s;
    }
  }
  return y;
}

/** Softmax over the last axis of a [rows, cols] array. */
export function softmaxRows(x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const y = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(x[r * cols + c] - max);
    for (let c = 0; c < cols; c++) y[r * cols + c] = Math.exp(x[r * cols + c] - max) / sum;
  }
  return y;
}

/** Shape of an NCHW activation. */
export interface Shape4 {
  n: number;
  c: number;
  h: number;
  w: number;
}

/** Output size of a sliding window: ⌊(in + padBefore + padAfter − k) / stride⌋ + 1. */
export function windowOut(size: number, k: number, stride: number, before: number, after: number): number {
  return Math.floor((size + before + after - k) / stride) + 1;
}

/** Cross-correlation (what deep learning calls convolution), weight [outC, inC, kH, kW], plus bias. */
export function conv2d(
  x: ArrayLike<number>,
  s: Shape4,
  weight: ArrayLike<number>,
  bias: ArrayLike<number>,
  outC: number,
  kH: number,
  kW: number,
  strides: [number, number],
  pads: [number, number, number, number],
): { y: Float64Array; shape: Shape4 } {
  const oh = windowOut(s.h, kH, strides[0], pads[0], pads[2]);
  const ow = windowOut(s.w, kW, strides[1], pads[1], pads[3]);
  const y = new Float64Array(s.n * outC * oh * ow);
  for (let n = 0; n < s.n; n++)
    for (let o = 0; o < outC; o++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let sum = bias[o];
          for (let c = 0; c < s.c; c++)
            for (let u = 0; u < kH; u++)
              for (let v = 0; v < kW; v++) {
                const r = i * strides[0] + u - pads[0];
                const q = j * strides[1] + v - pads[1];
                if (r < 0 || r >= s.h || q < 0 || q >= s.w) continue;
                sum += x[((n * s.c + c) * s.h + r) * s.w + q] * weight[((o * s.c + c) * kH + u) * kW + v];
              }
          y[((n * outC + o) * oh + i) * ow + j] = sum;
        }
  return { y, shape: { n: s.n, c: outC, h: oh, w: ow } };
}

/** Max or average pooling; padded cells are ignored (average divides by the count of real cells). */
export function pool2d(
  kind: "max" | "avg",
  x: ArrayLike<number>,
  s: Shape4,
  k: [number, number],
  strides: [number, number],
  pads: [number, number, number, number],
): { y: Float64Array; shape: Shape4 } {
  const oh = windowOut(s.h, k[0], strides[0], pads[0], pads[2]);
  const ow = windowOut(s.w, k[1], strides[1], pads[1], pads[3]);
  const y = new Float64Array(s.n * s.c * oh * ow);
  for (let n = 0; n < s.n; n++)
    for (let c = 0; c < s.c; c++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let acc = kind === "max" ? -Infinity : 0;
          let count = 0;
          for (let u = 0; u < k[0]; u++)
            for (let v = 0; v < k[1]; v++) {
              const r = i * strides[0] + u - pads[0];
              const q = j * strides[1] + v - pads[1];
              if (r < 0 || r >= s.h || q < 0 || q >= s.w) continue;
              const value = x[((n * s.c + c) * s.h + r) * s.w + q];
              acc = kind === "max" ? Math.max(acc, value) : acc + value;
              count++;
            }
          y[((n * s.c + c) * oh + i) * ow + j] = kind === "max" ? acc : acc / count;
        }
  return { y, shape: { n: s.n, c: s.c, h: oh, w: ow } };
}

/** Nearest-neighbour upsampling by integer factors: each pixel becomes an fh×fw block. */
export function upsampleNearest(x: ArrayLike<number>, s: Shape4, fh: number, fw: number): Float64Array {
  const oh = s.h * fh;
  const ow = s.w * fw;
  const y = new Float64Array(s.n * s.c * oh * ow);
  for (let nc = 0; nc < s.n * s.c; nc++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) y[(nc * oh + i) * ow + j] = x[(nc * s.h + Math.floor(i / fh)) * s.w + Math.floor(j / fw)];
  return y;
}

/** Inference batch norm per channel: γ (x − μ) / √(σ² + ε) + β. */
export function batchNorm(
  x: ArrayLike<number>,
  s: Shape4,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  epsilon: number,
): Float64Array {
  const y = new Float64Array(s.n * s.c * s.h * s.w);
  const hw = s.h * s.w;
  for (let n = 0; n < s.n; n++)
    for (let c = 0; c < s.c; c++)
      for (let p = 0; p < hw; p++) {
        const idx = (n * s.c + c) * hw + p;
        y[idx] = (gamma[c] * (x[idx] - mean[c])) / Math.sqrt(variance[c] + epsilon) + beta[c];
      }
  return y;
}

/** The largest element-wise |a − b| (Infinity-safe inputs assumed). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
