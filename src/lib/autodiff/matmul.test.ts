import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { gemm, gradInput, gradcheck, matmul, tensor } from "./index.ts";

const rng = new Rng("matmul");

function naive(M: number, N: number, K: number, A: Float64Array, tA: boolean, B: Float64Array, tB: boolean): Float64Array {
  const C = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++)
      for (let k = 0; k < K; k++) C[i * N + j] += (tA ? A[k * M + i] : A[i * K + k]) * (tB ? B[j * K + k] : B[k * N + j]);
  return C;
}

describe("gemm", () => {
  for (const [tA, tB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`computes C += op(A)·op(B) for transA=${tA}, transB=${tB} on odd, non-square sizes`, () => {
      const M = 5;
      const N = 7;
      const K = 6;
      const A = Float64Array.from({ length: M * K }, () => rng.normal());
      const B = Float64Array.from({ length: K * N }, () => rng.normal());
      const C = new Float64Array(M * N).fill(1);
      gemm(M, N, K, A, 0, tA, B, 0, tB, C, 0);
      const ref = naive(M, N, K, A, tA, B, tB);
      for (let i = 0; i < C.length; i++) expect(C[i]).toBeCloseTo(ref[i] + 1, 12);
    });
  }
});

describe("matmul", () => {
  it("multiplies a [2,3] by a [3,2] matrix (hand-computed)", () => {
    const y = matmul(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tensor([
        [7, 8],
        [9, 10],
        [11, 12],
      ]),
    );
    expect(y.toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it("rejects incompatible inner dimensions, naming both shapes", () => {
    expect(() => matmul(tensor([[1, 2]]), tensor([[1, 2]]))).toThrow("matmul: shapes [1, 2] and [1, 2] are not compatible");
  });

  for (const [sa, sb] of [
    [
      [3, 4],
      [4, 5],
    ],
    [
      [1, 3],
      [3, 1],
    ],
    [
      [1, 1],
      [1, 6],
    ],
    [
      [2, 3, 4],
      [2, 4, 5],
    ],
    [
      [3, 2, 5],
      [5, 4],
    ],
    [
      [1, 1, 3],
      [1, 3, 2],
    ],
  ]) {
    it(`has finite-difference gradients for [${sa}]·[${sb}]`, () => {
      expect(gradcheck(matmul, [gradInput(sa, rng), gradInput(sb, rng)])).toMatchObject({ ok: true });
    });
  }

  it("batched 3-D matmul equals per-matrix products", () => {
    const a = gradInput([2, 2, 3], rng);
    const b = gradInput([2, 3, 2], rng);
    const y = matmul(a, b);
    const a1 = tensor(a.data.slice(6, 12), [2, 3], { dtype: "float64" });
    const b1 = tensor(b.data.slice(6, 12), [3, 2], { dtype: "float64" });
    expect(Array.from(y.data.slice(4, 8))).toEqual(Array.from(matmul(a1, b1).data));
  });
});
