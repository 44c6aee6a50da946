import { allocate } from "./dtype.ts";
import type { FloatArray } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { gemm } from "./gemm.ts";
import { pair, windowGeometry } from "./padding.ts";
import type { Padding } from "./padding.ts";
import { scratch } from "./scratch.ts";
import { formatShape } from "./shapeUtil.ts";
import { wasmKernelsFor } from "../kernels/kernelBackend.ts";

export interface Conv2DOptions {
  /** Step of the window, one number or [h, w]. Default 1. */
  stride?: number | readonly [number, number];
  /** Default "valid". */
  padding?: Padding;
}

/** Geometry shared by the im2col/col2im loops. */
interface ConvGeometry {
  C: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  padTop: number;
  padLeft: number;
  OH: number;
  OW: number;
}

/**
 * 2-D cross-correlation (what deep-learning libraries call convolution), NCHW:
 *   y[n,f,i,j] = b[f] + Σ_{c,u,v} w[f,c,u,v] · x[n, c, i·sh + u − padTop, j·sw + v − padLeft]
 * x: [N,C,H,W], w: [F,C,kh,kw], b: [F] or null → y: [N,F,OH,OW].
 * Per image, the receptive fields are unrolled into columns (im2col, [C·kh·kw × OH·OW]) so y = W·cols
 * is one matrix product. Gradients: ∂L/∂W += ∂L/∂y · colsᵀ, ∂L/∂cols = Wᵀ · ∂L/∂y folded back onto x
 * (col2im, summing overlaps), ∂L/∂b[f] = Σ ∂L/∂y[·,f,·,·].
 * A float32 convolution big enough to gain runs whole-batch in the WebAssembly SIMD kernels when they
 * are loaded (src/lib/kernels/assembly/conv.ts: the same im2col and products, f32 sums in a fixed order).
 */
export function conv2d(x: Tensor, w: Tensor, b: Tensor | null = null, options: Conv2DOptions = {}): Tensor {
  if (x.shape.length !== 4 || w.shape.length !== 4 || x.shape[1] !== w.shape[1]) {
    throw new RangeError(
      `conv2d: input ${formatShape(x.shape)} and weight ${formatShape(w.shape)} do not match (expected input [N, C, H, W] and weight [F, C, kH, kW] with equal C)`,
    );
  }
  const [F, , kh, kw] = w.shape;
  if (b !== null && (b.shape.length !== 1 || b.shape[0] !== F)) {
    throw new RangeError(`conv2d: bias ${formatShape(b.shape)} does not match ${F} filters`);
  }
  if (x.dtype !== w.dtype || (b !== null && b.dtype !== x.dtype)) throw new TypeError("conv2d: mixed dtypes");
  const [N, C, H, W] = x.shape;
  const [sh, sw] = pair(options.stride ?? 1);
  const geo = windowGeometry(H, W, kh, kw, sh, sw, options.padding ?? "valid");
  const OH = geo.h.out;
  const OW = geo.w.out;
  if (OH <= 0 || OW <= 0) {
    throw new RangeError(`conv2d: kernel ${kh}×${kw} is larger than the padded input ${formatShape(x.shape)}`);
  }
  const g: ConvGeometry = { C, H, W, kh, kw, sh, sw, padTop: geo.h.before, padLeft: geo.w.before, OH, OW };
  const P = OH * OW;
  const CKK = C * kh * kw;
  // A 1×1 kernel with stride 1 and no padding needs no unrolling: the image already is its columns.
  const direct = kh === 1 && kw === 1 && sh === 1 && sw === 1 && g.padTop === 0 && g.padLeft === 0;
  const X = x.data;
  const Wd = w.data;
  const out = allocate(x.dtype, N * F * P);
  const parents = b === null ? [x, w] : [x, w, b];
  const kernels = X instanceof Float32Array ? wasmKernelsFor(N * F * P * CKK) : null;
  if (kernels !== null) {
    const shape = { N, C, H, W, F, kh, kw, sh, sw, padTop: g.padTop, padLeft: g.padLeft, OH, OW };
    const f32 = (t: Tensor | null) => (t === null ? null : (t.data as Float32Array));
    kernels.conv2dForward(shape, X as Float32Array, Wd as Float32Array, f32(b), out as Float32Array);
    return makeResult("conv2d", out, [N, F, OH, OW], parents, (res) => {
      const grad = (t: Tensor | null) => (t === null ? null : (gradOf(t) as Float32Array | null));
      kernels.conv2dBackward(shape, X as Float32Array, Wd as Float32Array, res.grad as Float32Array, grad(w), grad(x), grad(b));
    });
  }
  for (let n = 0; n < N; n++) {
    let cols: FloatArray = X;
    let colOff = n * C * H * W;
    if (!direct) {
      cols = scratch(x.dtype, 0, CKK * P);
      im2col(X, n * C * H * W, g, cols);
      colOff = 0;
    }
    gemm(F, P, CKK, Wd, 0, false, cols, colOff, false, out, n * F * P);
    if (b !== null) {
      for (let f = 0; f < F; f++) {
        const bf = b.data[f];
        const base = (n * F + f) * P;
        for (let p = 0; p < P; p++) out[base + p] += bf;
      }
    }
  }
  return makeResult("conv2d", out, [N, F, OH, OW], parents, (res) => {
    const gy = res.grad!;
    const gx = gradOf(x);
    const gw = gradOf(w);
    const gb = b === null ? null : gradOf(b);
    for (let n = 0; n < N; n++) {
      const yOff = n * F * P;
      if (gw !== null) {
        let cols: FloatArray = X;
        let colOff = n * C * H * W;
        if (!direct) {
          cols = scratch(x.dtype, 0, CKK * P);
          im2col(X, n * C * H * W, g, cols);
          colOff = 0;
        }
        gemm(F, CKK, P, gy, yOff, false, cols, colOff, true, gw, 0);
      }
      if (gx !== null) {
        if (direct) {
          gemm(CKK, P, F, Wd, 0, true, gy, yOff, false, gx, n * C * H * W);
        } else {
          const dcols = scratch(x.dtype, 1, CKK * P);
          dcols.fill(0);
          gemm(CKK, P, F, Wd, 0, true, gy, yOff, false, dcols, 0);
          col2im(dcols, g, gx, n * C * H * W);
        }
      }
      if (gb !== null) {
        for (let f = 0; f < F; f++) {
          let s = 0;
          const base = yOff + f * P;
          for (let p = 0; p < P; p++) s += gy[base + p];
          gb[f] += s;
        }
      }
    }
  });
}

/** cols[(c·kh + u)·kw + v, i·OW + j] = x[c, i·sh + u − padTop, j·sw + v − padLeft], 0 outside. */
function im2col(X: FloatArray, xOff: number, g: ConvGeometry, cols: FloatArray): void {
  const { C, H, W, kh, kw, sh, sw, padTop, padLeft, OH, OW } = g;
  const P = OH * OW;
  let row = 0;
  for (let c = 0; c < C; c++) {
    const plane = xOff + c * H * W;
    for (let u = 0; u < kh; u++) {
      for (let v = 0; v < kw; v++) {
        const rowOff = row * P;
        // Output columns j whose input column j·sw + v − padLeft lies inside [0, W).
        const jLo = Math.max(0, Math.ceil((padLeft - v) / sw));
        const jHi = Math.min(OW, Math.floor((W - 1 + padLeft - v) / sw) + 1);
        for (let i = 0; i < OH; i++) {
          const iy = i * sh + u - padTop;
          const o = rowOff + i * OW;
          if (iy < 0 || iy >= H || jHi <= jLo) {
            cols.fill(0, o, o + OW);
            continue;
          }
          for (let j = 0; j < jLo; j++) cols[o + j] = 0;
          const src = plane + iy * W - padLeft + v;
          if (sw === 1) for (let j = jLo; j < jHi; j++) cols[o + j] = X[src + j];
          else for (let j = jLo; j < jHi; j++) cols[o + j] = X[src + j * sw];
          for (let j = jHi; j < OW; j++) cols[o + j] = 0;
        }
        row++;
      }
    }
  }
}

/** The adjoint of im2col: adds each column entry back onto the input pixel it was copied from. */
function col2im(cols: FloatArray, g: ConvGeometry, gx: FloatArray, xOff: number): void {
  const { C, H, W, kh, kw, sh, sw, padTop, padLeft, OH, OW } = g;
  const P = OH * OW;
  let row = 0;
  for (let c = 0; c < C; c++) {
    const plane = xOff + c * H * W;
    for (let u = 0; u < kh; u++) {
      for (let v = 0; v < kw; v++) {
        const rowOff = row * P;
        const jLo = Math.max(0, Math.ceil((padLeft - v) / sw));
        const jHi = Math.min(OW, Math.floor((W - 1 + padLeft - v) / sw) + 1);
        for (let i = 0; i < OH; i++) {
          const iy = i * sh + u - padTop;
          if (iy < 0 || iy >= H) continue;
          const o = rowOff + i * OW;
          const dst = plane + iy * W - padLeft + v;
          for (let j = jLo; j < jHi; j++) gx[dst + j * sw] += cols[o + j];
        }
        row++;
      }
    }
  }
}
