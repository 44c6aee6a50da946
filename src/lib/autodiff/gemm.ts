import type { FloatArray } from "./dtype.ts";
import { wasmKernelsFor } from "../kernels/kernelBackend.ts";

/**
 * C[M×N] += op(A)·op(B), where op(A) is A[M×K] or, with transA, the transpose of a stored A[K×M]
 * (likewise B: [K×N] or stored [N×K]). Buffers are read at the given offsets, so batched and
 * per-image calls need no copies, and the backward pass (dA = dC·Bᵀ, dB = Aᵀ·dC) needs no transposes.
 * Loop orders keep the innermost loop on contiguous memory; the k loop is unrolled by 4 so each row
 * of C is loaded and stored a quarter as often.
 * Float32 products big enough to gain go to the WebAssembly SIMD kernel when it is loaded
 * (src/lib/kernels; its sums are in f32 and in another fixed order, so results agree within f32 rounding).
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOff: number,
  transA: boolean,
  B: FloatArray,
  bOff: number,
  transB: boolean,
  C: FloatArray,
  cOff: number,
): void {
  if (A instanceof Float32Array && B instanceof Float32Array && C instanceof Float32Array) {
    const kernels = wasmKernelsFor(M * N * K);
    if (kernels !== null) {
      kernels.gemm(M, N, K, A, aOff, transA, B, bOff, transB, C, cOff);
      return;
    }
  }
  if (!transB) {
    if (!transA) gemmNN(M, N, K, A, aOff, B, bOff, C, cOff);
    else gemmTN(M, N, K, A, aOff, B, bOff, C, cOff);
  } else if (!transA) gemmNT(M, N, K, A, aOff, B, bOff, C, cOff);
  else gemmTT(M, N, K, A, aOff, B, bOff, C, cOff);
}

// C[i,j] += Σ_k A[i,k]·B[k,j]; i-k-j order, k unrolled by 4.
function gemmNN(
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
): void {
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    const cRow = cOff + i * N;
    const aRow = aOff + i * K;
    let k = 0;
    for (; k < K4; k += 4) {
      const a0 = A[aRow + k];
      const a1 = A[aRow + k + 1];
      const a2 = A[aRow + k + 2];
      const a3 = A[aRow + k + 3];
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        C[cRow + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; k < K; k++) {
      const a0 = A[aRow + k];
      if (a0 === 0) continue;
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) C[cRow + j] += a0 * B[b0 + j];
    }
  }
}

// A stored [K×M]: C[i,j] += Σ_k A[k,i]·B[k,j]; same i-k-j order reading A down a column.
function gemmTN(
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
): void {
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    const cRow = cOff + i * N;
    let k = 0;
    for (; k < K4; k += 4) {
      const a0 = A[aOff + k * M + i];
      const a1 = A[aOff + (k + 1) * M + i];
      const a2 = A[aOff + (k + 2) * M + i];
      const a3 = A[aOff + (k + 3) * M + i];
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        C[cRow + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; k < K; k++) {
      const a0 = A[aOff + k * M + i];
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) C[cRow + j] += a0 * B[b0 + j];
    }
  }
}

// B stored [N×K]: C[i,j] += Σ_k A[i,k]·B[j,k], dot products of contiguous rows. A 2×4 block of C
// is accumulated at once so each loaded element of A is used four times and each of B twice.
function gemmNT(
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
): void {
  const N4 = N - (N % 4);
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    let j = 0;
    for (; j < N4; j += 4) {
      const r0 = bOff + j * K;
      const r1 = r0 + K;
      const r2 = r1 + K;
      const r3 = r2 + K;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k];
        const x1 = A[a1 + k];
        const b0 = B[r0 + k];
        const b1 = B[r1 + k];
        const b2 = B[r2 + k];
        const b3 = B[r3 + k];
        s00 += x0 * b0;
        s01 += x0 * b1;
        s02 += x0 * b2;
        s03 += x0 * b3;
        s10 += x1 * b0;
        s11 += x1 * b1;
        s12 += x1 * b2;
        s13 += x1 * b3;
      }
      C[c0 + j] += s00;
      C[c0 + j + 1] += s01;
      C[c0 + j + 2] += s02;
      C[c0 + j + 3] += s03;
      C[c1 + j] += s10;
      C[c1 + j + 1] += s11;
      C[c1 + j + 2] += s12;
      C[c1 + j + 3] += s13;
    }
    for (; j < N; j++) {
      const r0 = bOff + j * K;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < K; k++) {
        const b = B[r0 + k];
        s0 += A[a0 + k] * b;
        s1 += A[a1 + k] * b;
      }
      C[c0 + j] += s0;
      C[c1 + j] += s1;
    }
  }
  for (; i < M; i++) {
    const aRow = aOff + i * K;
    const cRow = cOff + i * N;
    for (let j = 0; j < N; j++) {
      const r0 = bOff + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aRow + k] * B[r0 + k];
      C[cRow + j] += s;
    }
  }
}

// Both transposed (rare): C[i,j] += Σ_k A[k,i]·B[j,k].
function gemmTT(
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aOff + k * M + i] * B[bOff + j * K + k];
      C[cOff + i * N + j] += s;
    }
  }
}
