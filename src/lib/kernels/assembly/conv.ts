// 2-D convolution (cross-correlation) of a batch of f32 NCHW images, forward and backward, as the
// engine's conv2d defines it (src/lib/autodiff/conv.ts): per image the receptive fields are unrolled
// into columns (im2col, [C·kh·kw × OH·OW]) and y = W·cols is one matrix product; ∂L/∂W += ∂L/∂y·colsᵀ,
// ∂L/∂cols = Wᵀ·∂L/∂y is folded back onto the image (col2im), ∂L/∂b[f] = Σ ∂L/∂y[·, f, ·, ·].
// Pointers are byte addresses; `cols` is a work area of C·kh·kw·OH·OW floats (+32 bytes).
import { gemm } from "./gemm";

/** The geometry of one call, set by `convGeometry` before `conv2dForward` or `conv2dBackward`. */
let C: i32 = 0;
let H: i32 = 0;
let W: i32 = 0;
let F: i32 = 0;
let KH: i32 = 0;
let KW: i32 = 0;
let SH: i32 = 0;
let SW: i32 = 0;
let TOP: i32 = 0;
let LEFT: i32 = 0;
let OH: i32 = 0;
let OW: i32 = 0;

/** Sets the geometry: channels, size, filters, kernel, stride, padding before, output size. */
export function convGeometry(
  c: i32,
  h: i32,
  w: i32,
  f: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  top: i32,
  left: i32,
  oh: i32,
  ow: i32,
): void {
  C = c;
  H = h;
  W = w;
  F = f;
  KH = kh;
  KW = kw;
  SH = sh;
  SW = sw;
  TOP = top;
  LEFT = left;
  OH = oh;
  OW = ow;
}

/** A 1×1 kernel with stride 1 and no padding: the image already is its columns. */
function direct(): bool {
  return KH == 1 && KW == 1 && SH == 1 && SW == 1 && TOP == 0 && LEFT == 0;
}

/**
 * y[n] = W·cols(x[n]) + b for each of the N images: x [N, C, H, W], w [F, C, kh, kw], bias [F] or 0
 * for none → y [N, F, OH, OW] (overwritten). Each output starts at its bias and the product is added.
 */
export function conv2dForward(N: i32, x: usize, w: usize, bias: usize, y: usize, cols: usize): void {
  const P = OH * OW;
  const CKK = C * KH * KW;
  const image: usize = (<usize>(C * H * W)) << 2;
  const plane: usize = (<usize>P) << 2;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>n * image;
    const yn = y + <usize>n * F * plane;
    for (let f = 0; f < F; f++) fill(yn + <usize>f * plane, P, bias == 0 ? 0 : load<f32>(bias + ((<usize>f) << 2)));
    if (direct()) {
      gemm(F, P, CKK, w, 0, xn, 0, yn);
    } else {
      im2col(xn, cols);
      gemm(F, P, CKK, w, 0, cols, 0, yn);
    }
  }
}

/**
 * The gradients of conv2dForward, each added to what its buffer holds (0 skips it): gw [F, C, kh, kw],
 * gx [N, C, H, W], gb [F], from gy = ∂L/∂y [N, F, OH, OW]. `dcols` is a second work area like `cols`.
 * Images are taken in order, so every gradient is summed in the same order on every run.
 */
export function conv2dBackward(N: i32, x: usize, w: usize, gy: usize, gw: usize, gx: usize, gb: usize, cols: usize, dcols: usize): void {
  const P = OH * OW;
  const CKK = C * KH * KW;
  const image: usize = (<usize>(C * H * W)) << 2;
  const plane: usize = (<usize>P) << 2;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>n * image;
    const gyn = gy + <usize>n * F * plane;
    if (gw != 0) {
      if (direct()) {
        gemm(F, CKK, P, gyn, 0, xn, 1, gw);
      } else {
        im2col(xn, cols);
        gemm(F, CKK, P, gyn, 0, cols, 1, gw);
      }
    }
    if (gx != 0) {
      const gxn = gx + <usize>n * image;
      if (direct()) {
        gemm(CKK, P, F, w, 1, gyn, 0, gxn);
      } else {
        fill(dcols, CKK * P, 0);
        gemm(CKK, P, F, w, 1, gyn, 0, dcols);
        col2im(dcols, gxn);
      }
    }
    if (gb != 0) {
      for (let f = 0; f < F; f++) {
        const p = gb + ((<usize>f) << 2);
        store<f32>(p, load<f32>(p) + sum(gyn + <usize>f * plane, P));
      }
    }
  }
}

/** dst[0..n) = value. */
function fill(dst: usize, n: i32, value: f32): void {
  const v = f32x4.splat(value);
  const end = dst + ((<usize>n) << 2);
  const end4 = dst + ((<usize>(n & ~3)) << 2);
  for (; dst < end4; dst += 16) v128.store(dst, v);
  for (; dst < end; dst += 4) store<f32>(dst, value);
}

/** Σ src[0..n): four lanes over every fourth element, then the lanes in a fixed order, then the tail. */
function sum(src: usize, n: i32): f32 {
  let s = f32x4.splat(0);
  const end = src + ((<usize>n) << 2);
  const end4 = src + ((<usize>(n & ~3)) << 2);
  let p = src;
  for (; p < end4; p += 16) s = f32x4.add(s, v128.load(p));
  let t = f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
  for (; p < end; p += 4) t += load<f32>(p);
  return t;
}

/** Output columns j whose input column j·sw + v − left lies inside [0, W): [lo(v), hi(v)). */
function columnsFrom(v: i32): i32 {
  const d = LEFT - v;
  return d <= 0 ? 0 : min(OW, (d + SW - 1) / SW);
}
function columnsTo(v: i32): i32 {
  const d = W - 1 + LEFT - v;
  return d < 0 ? 0 : min(OW, d / SW + 1);
}

/** cols[(c·kh + u)·kw + v, i·OW + j] = x[c, i·sh + u − top, j·sw + v − left], 0 outside the image. */
function im2col(x: usize, cols: usize): void {
  let o = cols;
  for (let c = 0; c < C; c++) {
    const xc = x + ((<usize>(c * H * W)) << 2);
    for (let u = 0; u < KH; u++) {
      for (let v = 0; v < KW; v++) {
        const lo = columnsFrom(v);
        const hi = max(lo, columnsTo(v));
        for (let i = 0; i < OH; i++) {
          const iy = i * SH + u - TOP;
          if (iy < 0 || iy >= H || hi == lo) {
            fill(o, OW, 0);
          } else {
            for (let j = 0; j < lo; j++) store<f32>(o + ((<usize>j) << 2), 0);
            // Input column of output column j: j·sw + v − left, at row iy.
            const src = xc + ((<usize>(iy * W + v - LEFT)) << 2);
            if (SW == 1) {
              copy(o + ((<usize>lo) << 2), src + ((<usize>lo) << 2), hi - lo);
            } else {
              const step: usize = (<usize>SW) << 2;
              let s = src + <usize>lo * step;
              for (let j = lo; j < hi; j++) {
                store<f32>(o + ((<usize>j) << 2), load<f32>(s));
                s += step;
              }
            }
            for (let j = hi; j < OW; j++) store<f32>(o + ((<usize>j) << 2), 0);
          }
          o += (<usize>OW) << 2;
        }
      }
    }
  }
}

/** The adjoint of im2col: adds each column entry back onto the input pixel it was copied from. */
function col2im(cols: usize, gx: usize): void {
  let o = cols;
  for (let c = 0; c < C; c++) {
    const gc = gx + ((<usize>(c * H * W)) << 2);
    for (let u = 0; u < KH; u++) {
      for (let v = 0; v < KW; v++) {
        const lo = columnsFrom(v);
        const hi = max(lo, columnsTo(v));
        for (let i = 0; i < OH; i++) {
          const iy = i * SH + u - TOP;
          if (iy >= 0 && iy < H && hi > lo) {
            const dst = gc + ((<usize>(iy * W + v - LEFT)) << 2);
            if (SW == 1) {
              addTo(dst + ((<usize>lo) << 2), o + ((<usize>lo) << 2), hi - lo);
            } else {
              const step: usize = (<usize>SW) << 2;
              let d = dst + <usize>lo * step;
              for (let j = lo; j < hi; j++) {
                store<f32>(d, load<f32>(d) + load<f32>(o + ((<usize>j) << 2)));
                d += step;
              }
            }
          }
          o += (<usize>OW) << 2;
        }
      }
    }
  }
}

/** dst[0..n) = src[0..n) (four at a time; the ranges do not overlap). */
function copy(dst: usize, src: usize, n: i32): void {
  const end = dst + ((<usize>n) << 2);
  const end4 = dst + ((<usize>(n & ~3)) << 2);
  for (; dst < end4; dst += 16, src += 16) v128.store(dst, v128.load(src));
  for (; dst < end; dst += 4, src += 4) store<f32>(dst, load<f32>(src));
}

/** dst[0..n) += src[0..n). */
function addTo(dst: usize, src: usize, n: i32): void {
  const end = dst + ((<usize>n) << 2);
  const end4 = dst + ((<usize>(n & ~3)) << 2);
  for (; dst < end4; dst += 16, src += 16) v128.store(dst, f32x4.add(v128.load(dst), v128.load(src)));
  for (; dst < end; dst += 4, src += 4) store<f32>(dst, load<f32>(dst) + load<f32>(src));
}
