import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { pair, windowGeometry } from "./padding.ts";
import type { Padding } from "./padding.ts";
import { formatShape } from "./shapeUtil.ts";
import { wasmKernelsFor } from "../kernels/kernelBackend.ts";

export interface Pool2DOptions {
  /** Step of the window; defaults to the pool size (non-overlapping windows). */
  stride?: number | readonly [number, number];
  /** Default "valid". Padded positions never win a max and are not counted in an average. */
  padding?: Padding;
}

interface PoolSetup {
  N: number;
  C: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
  OH: number;
  OW: number;
}

function setup(op: string, x: Tensor, size: number | readonly [number, number], options: Pool2DOptions): PoolSetup {
  if (x.shape.length !== 4) throw new RangeError(`${op}: expected input [N, C, H, W], got ${formatShape(x.shape)}`);
  const [N, C, H, W] = x.shape;
  const [kh, kw] = pair(size);
  const [sh, sw] = pair(options.stride ?? size);
  const geo = windowGeometry(H, W, kh, kw, sh, sw, options.padding ?? "valid");
  if (geo.h.out <= 0 || geo.w.out <= 0) {
    throw new RangeError(`${op}: window ${kh}×${kw} is larger than the input ${formatShape(x.shape)}`);
  }
  return { N, C, H, W, kh, kw, sh, sw, top: geo.h.before, left: geo.w.before, OH: geo.h.out, OW: geo.w.out };
}

/**
 * Max over each window: y[n,c,i,j] = max_{u,v} x[n,c,i·sh+u−top, j·sw+v−left]. The gradient goes to
 * the (first) position that attained the maximum, remembered from the forward pass.
 */
export function maxPool2d(x: Tensor, size: number | readonly [number, number] = 2, options: Pool2DOptions = {}): Tensor {
  const s = setup("maxPool2d", x, size, options);
  const { N, C, H, W, kh, kw, sh, sw, top, left, OH, OW } = s;
  const X = x.data;
  const out = allocate(x.dtype, N * C * OH * OW);
  const arg = new Int32Array(out.length);
  // The WebAssembly kernel (src/lib/kernels/assembly/pool.ts) gives identical maxima and positions.
  const kernels = X instanceof Float32Array ? wasmKernelsFor(out.length * kh * kw) : null;
  if (kernels !== null) {
    kernels.maxPool2dForward({ planes: N * C, H, W, kh, kw, sh, sw, top, left, OH, OW }, X as Float32Array, out as Float32Array, arg);
  } else {
    let o = 0;
    for (let plane = 0; plane < N * C; plane++) {
      const base = plane * H * W;
      for (let i = 0; i < OH; i++) {
        const y0 = i * sh - top;
        const yLo = Math.max(0, y0);
        const yHi = Math.min(H, y0 + kh);
        for (let j = 0; j < OW; j++) {
          const x0 = j * sw - left;
          const xLo = Math.max(0, x0);
          const xHi = Math.min(W, x0 + kw);
          let best = -Infinity;
          let at = base + yLo * W + xLo;
          for (let yy = yLo; yy < yHi; yy++) {
            for (let xx = xLo; xx < xHi; xx++) {
              const v = X[base + yy * W + xx];
              if (v > best) {
                best = v;
                at = base + yy * W + xx;
              }
            }
          }
          out[o] = best;
          arg[o] = at;
          o++;
        }
      }
    }
  }
  return makeResult("maxPool2d", out, [N, C, OH, OW], [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    for (let k = 0; k < g.length; k++) gx[arg[k]] += g[k];
  });
}

/**
 * Mean over each window's in-bounds positions (padding excluded, like TensorFlow and ONNX
 * count_include_pad = 0). Each input in a window of n positions gets g / n.
 */
export function avgPool2d(x: Tensor, size: number | readonly [number, number] = 2, options: Pool2DOptions = {}): Tensor {
  const s = setup("avgPool2d", x, size, options);
  const { N, C, H, W, kh, kw, sh, sw, top, left, OH, OW } = s;
  const X = x.data;
  const out = allocate(x.dtype, N * C * OH * OW);
  const forEachWindow = (visit: (o: number, base: number, yLo: number, yHi: number, xLo: number, xHi: number) => void) => {
    let o = 0;
    for (let plane = 0; plane < N * C; plane++) {
      const base = plane * H * W;
      for (let i = 0; i < OH; i++) {
        const yLo = Math.max(0, i * sh - top);
        const yHi = Math.min(H, i * sh - top + kh);
        for (let j = 0; j < OW; j++) {
          visit(o++, base, yLo, yHi, Math.max(0, j * sw - left), Math.min(W, j * sw - left + kw));
        }
      }
    }
  };
  forEachWindow((o, base, yLo, yHi, xLo, xHi) => {
    let sum = 0;
    for (let yy = yLo; yy < yHi; yy++) for (let xx = xLo; xx < xHi; xx++) sum += X[base + yy * W + xx];
    out[o] = sum / ((yHi - yLo) * (xHi - xLo));
  });
  return makeResult("avgPool2d", out, [N, C, OH, OW], [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    forEachWindow((o, base, yLo, yHi, xLo, xHi) => {
      const share = g[o] / ((yHi - yLo) * (xHi - xLo));
      for (let yy = yLo; yy < yHi; yy++) for (let xx = xLo; xx < xHi; xx++) gx[base + yy * W + xx] += share;
    });
  });
}

/**
 * Nearest-neighbour upsampling by an integer factor (default 2): y[n,c,i,j] = x[n,c,⌊i/f⌋,⌊j/f⌋].
 * Each input pixel's gradient is the sum over its f×f copies.
 */
export function upsample2d(x: Tensor, factor: number | readonly [number, number] = 2): Tensor {
  if (x.shape.length !== 4) throw new RangeError(`upsample2d: expected input [N, C, H, W], got ${formatShape(x.shape)}`);
  const [fh, fw] = pair(factor);
  if (!Number.isInteger(fh) || !Number.isInteger(fw) || fh < 1 || fw < 1) {
    throw new RangeError(`upsample2d: factor must be a positive integer, got ${fh}×${fw}`);
  }
  const [N, C, H, W] = x.shape;
  const OH = H * fh;
  const OW = W * fw;
  const X = x.data;
  const out = allocate(x.dtype, N * C * OH * OW);
  let o = 0;
  for (let plane = 0; plane < N * C; plane++) {
    const base = plane * H * W;
    for (let i = 0; i < OH; i++) {
      const row = base + Math.floor(i / fh) * W;
      for (let j = 0; j < OW; j++) out[o++] = X[row + Math.floor(j / fw)];
    }
  }
  return makeResult("upsample2d", out, [N, C, OH, OW], [x], (res) => {
    const g = res.grad!;
    const gx = gradOf(x)!;
    let k = 0;
    for (let plane = 0; plane < N * C; plane++) {
      const base = plane * H * W;
      for (let i = 0; i < OH; i++) {
        const row = base + Math.floor(i / fh) * W;
        for (let j = 0; j < OW; j++) gx[row + Math.floor(j / fw)] += g[k++];
      }
    }
  });
}
