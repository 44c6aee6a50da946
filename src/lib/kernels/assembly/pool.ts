// Max pooling of f32 planes, as the engine's maxPool2d defines it (src/lib/autodiff/pool.ts):
//   y[p, i, j] = max_{u,v} x[p, i·sh + u − top, j·sw + v − left] over the window's in-bounds positions,
// and arg[p, i, j] = the element index in x of the first position (row by row) that attains it.
// "Attains" is the JavaScript path's `v > best` from best = −∞: NaN never wins, and a window of only
// NaN or −∞ reports −∞ at its first in-bounds position — so both paths give identical results.

/**
 * planes: N·C, each [H, W] → [OH, OW]. y gets the maxima, arg (i32) their indices into x (counted from
 * x's first element, the same for every plane offset).
 */
export function maxPool2dForward(
  planes: i32,
  H: i32,
  W: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  top: i32,
  left: i32,
  OH: i32,
  OW: i32,
  x: usize,
  y: usize,
  arg: usize,
): void {
  if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && top == 0 && left == 0 && OH * 2 <= H && OW * 2 <= W) {
    pairs(planes, H, W, OH, OW, x, y, arg);
    return;
  }
  let o: usize = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * H * W;
    for (let i = 0; i < OH; i++) {
      const y0 = i * sh - top;
      const yLo = max(0, y0);
      const yHi = min(H, y0 + kh);
      for (let j = 0; j < OW; j++) {
        const x0 = j * sw - left;
        const xLo = max(0, x0);
        const xHi = min(W, x0 + kw);
        let best = -Infinity as f32;
        let at = base + yLo * W + xLo;
        for (let yy = yLo; yy < yHi; yy++) {
          for (let xx = xLo; xx < xHi; xx++) {
            const k = base + yy * W + xx;
            const v = load<f32>(x + ((<usize>k) << 2));
            if (v > best) {
              best = v;
              at = k;
            }
          }
        }
        store<f32>(y + o, best);
        store<i32>(arg + o, at);
        o += 4;
      }
    }
  }
}

/**
 * The common 2×2 window with stride 2 and no padding, four outputs at once: the even and odd columns
 * of two input rows are the four candidates, taken in the scalar loop's order (row by row) with the
 * same strict comparison, so the maxima and their positions are exactly the scalar loop's.
 */
function pairs(planes: i32, H: i32, W: i32, OH: i32, OW: i32, x: usize, y: usize, arg: usize): void {
  const OW4 = OW & ~3;
  const rowBytes: usize = (<usize>W) << 2;
  let o: usize = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * H * W;
    for (let i = 0; i < OH; i++) {
      const k0 = base + 2 * i * W;
      const r0 = x + ((<usize>k0) << 2);
      const r1 = r0 + rowBytes;
      let j = 0;
      for (; j < OW4; j += 4) {
        const c: usize = (<usize>j) << 3;
        const a0 = v128.load(r0 + c);
        const a1 = v128.load(r0 + c, 16);
        const b0 = v128.load(r1 + c);
        const b1 = v128.load(r1 + c, 16);
        // Index of the window's top-left pixel for outputs j..j+3: k0 + 2j + (0, 2, 4, 6).
        const first = i32x4.add(i32x4.splat(k0 + 2 * j), i32x4(0, 2, 4, 6));
        let best = f32x4.splat(-Infinity);
        let at = first;
        let v = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6);
        let m = f32x4.gt(v, best);
        best = v128.bitselect(v, best, m);
        v = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
        m = f32x4.gt(v, best);
        best = v128.bitselect(v, best, m);
        at = v128.bitselect(i32x4.add(first, i32x4.splat(1)), at, m);
        v = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        m = f32x4.gt(v, best);
        best = v128.bitselect(v, best, m);
        at = v128.bitselect(i32x4.add(first, i32x4.splat(W)), at, m);
        v = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        m = f32x4.gt(v, best);
        best = v128.bitselect(v, best, m);
        at = v128.bitselect(i32x4.add(first, i32x4.splat(W + 1)), at, m);
        v128.store(y + o, best);
        v128.store(arg + o, at);
        o += 16;
      }
      for (; j < OW; j++) {
        const k = k0 + 2 * j;
        let best = -Infinity as f32;
        let at = k;
        for (let q = 0; q < 4; q++) {
          const kq = k + (q >> 1) * W + (q & 1);
          const v = load<f32>(x + ((<usize>kq) << 2));
          if (v > best) {
            best = v;
            at = kq;
          }
        }
        store<f32>(y + o, best);
        store<i32>(arg + o, at);
        o += 4;
      }
    }
  }
}
