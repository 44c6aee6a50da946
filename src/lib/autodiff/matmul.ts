import { allocate } from "./dtype.ts";
import { Tensor, gradOf, makeResult } from "./tensor.ts";
import { gemm } from "./gemm.ts";
import { formatShape } from "./shapeUtil.ts";

/**
 * Matrix product. Shapes: [M,K]·[K,N] → [M,N]; batched [B,M,K]·[B,K,N] → [B,M,N]; and
 * [B,M,K]·[K,N] → [B,M,N] (one matrix shared by the batch). For C = A·B the local derivatives are
 * ∂L/∂A = ∂L/∂C · Bᵀ and ∂L/∂B = Aᵀ · ∂L/∂C, computed by gemm with transposed-operand flags.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.dtype !== b.dtype) throw new TypeError(`matmul: operands have different dtypes (${a.dtype} and ${b.dtype})`);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const bad = () => new RangeError(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not compatible`);
  if (ra < 2 || ra > 3 || rb < 2 || rb > 3 || (ra === 2 && rb === 3)) throw bad();
  const batch = ra === 3 ? a.shape[0] : 1;
  if (rb === 3 && b.shape[0] !== batch) throw bad();
  const M = a.shape[ra - 2];
  const K = a.shape[ra - 1];
  const N = b.shape[rb - 1];
  if (b.shape[rb - 2] !== K) throw bad();
  const sharedB = rb === 2;
  const A = a.data;
  const B = b.data;
  const C = allocate(a.dtype, batch * M * N);
  for (let t = 0; t < batch; t++) gemm(M, N, K, A, t * M * K, false, B, sharedB ? 0 : t * K * N, false, C, t * M * N);
  const shape = ra === 3 ? [batch, M, N] : [M, N];
  return makeResult("matmul", C, shape, [a, b], (res) => {
    const g = res.grad!;
    const ga = gradOf(a);
    const gb = gradOf(b);
    for (let t = 0; t < batch; t++) {
      // dA[M×K] += dC[M×N] · B[K×N]ᵀ
      if (ga !== null) gemm(M, K, N, g, t * M * N, false, B, sharedB ? 0 : t * K * N, true, ga, t * M * K);
      // dB[K×N] += A[M×K]ᵀ · dC[M×N]
      if (gb !== null) gemm(K, N, M, A, t * M * K, true, g, t * M * N, false, gb, sharedB ? 0 : t * K * N);
    }
  });
}
