// f32 matrix multiply with 128-bit SIMD: C[M×N] += op(A)·op(B), every pointer a byte address in this
// module's memory and every matrix row-major and dense. op(A) is A [M×K] or, with transA, the transpose
// of a stored A [K×M] (likewise B: [K×N] or stored [N×K]).
//
// Summation order is fixed by K alone (not by M, N or where a tile lies), so the same inputs give the
// same outputs on every run: for each block of KC steps of k, a tile's products are summed in k order
// in f32 lanes and the block's sum is then added to C.

/** Steps of k per block: a 4×8 tile's slice of B (KC rows of 32 bytes) stays in the L1 cache. */
const KC: i32 = 256;

/** A 4×8 f32 tile for the edges of C (rows past M, columns past N are computed, then dropped). */
const EDGE: usize = memory.data(4 * 8 * 4, 16);
/** KC rows of eight columns of B, contiguous: the slice of B that one column of tiles reads. */
const PANEL: usize = memory.data(KC * 8 * 4, 16);

export function gemm(M: i32, N: i32, K: i32, a: usize, transA: i32, b: usize, transB: i32, c: usize): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  if (transB == 0) {
    // A's element (i, k) lies at a + i·rs + k·ks.
    const rs: usize = transA != 0 ? 4 : (<usize>K) << 2;
    const ks: usize = transA != 0 ? (<usize>M) << 2 : 4;
    outerProduct(M, N, K, a, rs, ks, b, c);
  } else if (transA == 0) {
    dotProducts(M, N, K, a, b, c);
  } else {
    transposedBoth(M, N, K, a, b, c);
  }
}

/**
 * op(B) = B stored [K×N]: each 4×8 tile of C is a sum of outer products of a column of A's four rows
 * with a row of B's eight columns (two vectors), accumulated in eight vector registers. The tile's
 * slice of B is first copied into PANEL (contiguous, zero-padded past N): read in place, its rows lie
 * N floats apart, and with N a multiple of 1024 they would all compete for the same cache set.
 */
function outerProduct(M: i32, N: i32, K: i32, a: usize, rs: usize, ks: usize, b: usize, c: usize): void {
  const ldb: usize = (<usize>N) << 2;
  const ldc: usize = (<usize>N) << 2;
  for (let pc = 0; pc < K; pc += KC) {
    const kc = min(KC, K - pc);
    for (let j = 0; j < N; j += 8) {
      const cols = min(8, N - j);
      packPanel(kc, cols, b + <usize>pc * ldb + ((<usize>j) << 2), ldb);
      for (let i = 0; i < M; i += 4) {
        const rows = min(4, M - i);
        // Rows past M repeat row i: their lanes are computed and never stored.
        const a0 = a + <usize>i * rs + <usize>pc * ks;
        const a1 = rows > 1 ? a0 + rs : a0;
        const a2 = rows > 2 ? a0 + 2 * rs : a0;
        const a3 = rows > 3 ? a0 + 3 * rs : a0;
        const cp = c + <usize>i * ldc + ((<usize>j) << 2);
        if (rows == 4 && cols == 8) {
          tile(kc, a0, a1, a2, a3, ks, PANEL, cp, ldc);
        } else {
          memory.fill(EDGE, 0, 128);
          tile(kc, a0, a1, a2, a3, ks, PANEL, EDGE, 32);
          for (let r = 0; r < rows; r++) {
            const dst = cp + <usize>r * ldc;
            const src = EDGE + ((<usize>r) << 5);
            for (let q = 0; q < cols; q++) {
              const o = (<usize>q) << 2;
              store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
            }
          }
        }
      }
    }
  }
}

/** PANEL[k, 0..8) = B's row k, columns [0, cols), then zeros, for kc rows lying ldb bytes apart. */
function packPanel(kc: i32, cols: i32, bp: usize, ldb: usize): void {
  let dst = PANEL;
  if (cols == 8) {
    for (let k = 0; k < kc; k++) {
      v128.store(dst, v128.load(bp));
      v128.store(dst, v128.load(bp, 16), 16);
      bp += ldb;
      dst += 32;
    }
  } else {
    memory.fill(PANEL, 0, (<usize>kc) << 5);
    for (let k = 0; k < kc; k++) {
      for (let q = 0; q < cols; q++) store<f32>(dst + ((<usize>q) << 2), load<f32>(bp + ((<usize>q) << 2)));
      bp += ldb;
      dst += 32;
    }
  }
}

/** One 4×8 tile: C[r, 0..8) += Σ_k A(r, k) · B(k, 0..8) for r < 4, over kc steps of a packed panel. */
function tile(kc: i32, a0: usize, a1: usize, a2: usize, a3: usize, ks: usize, bp: usize, cp: usize, ldc: usize): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  let o: usize = 0;
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    const x0 = v128.load32_splat(a0 + o);
    const x1 = v128.load32_splat(a1 + o);
    const x2 = v128.load32_splat(a2 + o);
    const x3 = v128.load32_splat(a3 + o);
    c00 = f32x4.add(c00, f32x4.mul(x0, b0));
    c01 = f32x4.add(c01, f32x4.mul(x0, b1));
    c10 = f32x4.add(c10, f32x4.mul(x1, b0));
    c11 = f32x4.add(c11, f32x4.mul(x1, b1));
    c20 = f32x4.add(c20, f32x4.mul(x2, b0));
    c21 = f32x4.add(c21, f32x4.mul(x2, b1));
    c30 = f32x4.add(c30, f32x4.mul(x3, b0));
    c31 = f32x4.add(c31, f32x4.mul(x3, b1));
    bp += 32;
    o += ks;
  }
  v128.store(cp, f32x4.add(v128.load(cp), c00));
  v128.store(cp, f32x4.add(v128.load(cp, 16), c01), 16);
  cp += ldc;
  v128.store(cp, f32x4.add(v128.load(cp), c10));
  v128.store(cp, f32x4.add(v128.load(cp, 16), c11), 16);
  cp += ldc;
  v128.store(cp, f32x4.add(v128.load(cp), c20));
  v128.store(cp, f32x4.add(v128.load(cp, 16), c21), 16);
  cp += ldc;
  v128.store(cp, f32x4.add(v128.load(cp), c30));
  v128.store(cp, f32x4.add(v128.load(cp, 16), c31), 16);
}

/** (l0 + l1) + (l2 + l3): a fixed order for the four lanes' partial sums. */
function lanes(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * op(B) = Bᵀ with B stored [N×K]: C[i, j] += Σ_k A[i, k]·B[j, k], dot products of contiguous rows.
 * Each lane sums every fourth k; the lanes are then added in a fixed order, then the K mod 4 tail.
 * A 2×4 block of C is computed at once so each loaded vector of A is used four times and of B twice.
 */
function dotProducts(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  const lda: usize = (<usize>K) << 2;
  const ldc: usize = (<usize>N) << 2;
  const K4: usize = (<usize>(K & ~3)) << 2;
  const end: usize = (<usize>K) << 2;
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const ar0 = a + <usize>i * lda;
    const ar1 = ar0 + lda;
    const cr0 = c + <usize>i * ldc;
    const cr1 = cr0 + ldc;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const br0 = b + <usize>j * lda;
      const br1 = br0 + lda;
      const br2 = br1 + lda;
      const br3 = br2 + lda;
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s02 = f32x4.splat(0);
      let s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s12 = f32x4.splat(0);
      let s13 = f32x4.splat(0);
      for (let o: usize = 0; o < K4; o += 16) {
        const x0 = v128.load(ar0 + o);
        const x1 = v128.load(ar1 + o);
        const y0 = v128.load(br0 + o);
        const y1 = v128.load(br1 + o);
        const y2 = v128.load(br2 + o);
        const y3 = v128.load(br3 + o);
        s00 = f32x4.add(s00, f32x4.mul(x0, y0));
        s01 = f32x4.add(s01, f32x4.mul(x0, y1));
        s02 = f32x4.add(s02, f32x4.mul(x0, y2));
        s03 = f32x4.add(s03, f32x4.mul(x0, y3));
        s10 = f32x4.add(s10, f32x4.mul(x1, y0));
        s11 = f32x4.add(s11, f32x4.mul(x1, y1));
        s12 = f32x4.add(s12, f32x4.mul(x1, y2));
        s13 = f32x4.add(s13, f32x4.mul(x1, y3));
      }
      let t00 = lanes(s00);
      let t01 = lanes(s01);
      let t02 = lanes(s02);
      let t03 = lanes(s03);
      let t10 = lanes(s10);
      let t11 = lanes(s11);
      let t12 = lanes(s12);
      let t13 = lanes(s13);
      for (let o = K4; o < end; o += 4) {
        const x0 = load<f32>(ar0 + o);
        const x1 = load<f32>(ar1 + o);
        const y0 = load<f32>(br0 + o);
        const y1 = load<f32>(br1 + o);
        const y2 = load<f32>(br2 + o);
        const y3 = load<f32>(br3 + o);
        t00 += x0 * y0;
        t01 += x0 * y1;
        t02 += x0 * y2;
        t03 += x0 * y3;
        t10 += x1 * y0;
        t11 += x1 * y1;
        t12 += x1 * y2;
        t13 += x1 * y3;
      }
      const p0 = cr0 + ((<usize>j) << 2);
      const p1 = cr1 + ((<usize>j) << 2);
      store<f32>(p0, load<f32>(p0) + t00);
      store<f32>(p0, load<f32>(p0, 4) + t01, 4);
      store<f32>(p0, load<f32>(p0, 8) + t02, 8);
      store<f32>(p0, load<f32>(p0, 12) + t03, 12);
      store<f32>(p1, load<f32>(p1) + t10);
      store<f32>(p1, load<f32>(p1, 4) + t11, 4);
      store<f32>(p1, load<f32>(p1, 8) + t12, 8);
      store<f32>(p1, load<f32>(p1, 12) + t13, 12);
    }
    for (; j < N; j++) {
      const br = b + <usize>j * lda;
      const p0 = cr0 + ((<usize>j) << 2);
      const p1 = cr1 + ((<usize>j) << 2);
      store<f32>(p0, load<f32>(p0) + dot(ar0, br, K4, end));
      store<f32>(p1, load<f32>(p1) + dot(ar1, br, K4, end));
    }
  }
  for (; i < M; i++) {
    const ar = a + <usize>i * lda;
    const cr = c + <usize>i * ldc;
    for (let j = 0; j < N; j++) {
      const p = cr + ((<usize>j) << 2);
      store<f32>(p, load<f32>(p) + dot(ar, b + <usize>j * lda, K4, end));
    }
  }
}

/** Σ_k x[k]·y[k] in the same order as a lane of the 2×4 block above. */
function dot(x: usize, y: usize, K4: usize, end: usize): f32 {
  let s = f32x4.splat(0);
  for (let o: usize = 0; o < K4; o += 16) s = f32x4.add(s, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  let t = lanes(s);
  for (let o = K4; o < end; o += 4) t += load<f32>(x + o) * load<f32>(y + o);
  return t;
}

/** Both transposed (the engine never asks for it): C[i, j] += Σ_k A[k, i]·B[j, k], plainly. */
function transposedBoth(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s: f32 = 0;
      for (let k = 0; k < K; k++) s += load<f32>(a + ((<usize>k * M + i) << 2)) * load<f32>(b + ((<usize>j * K + k) << 2));
      const p = c + ((<usize>i * N + j) << 2);
      store<f32>(p, load<f32>(p) + s);
    }
  }
}
