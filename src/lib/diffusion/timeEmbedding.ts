/**
 * Sinusoidal features of the step t, so that a plain network can tell the steps apart: for
 * k = 0 … dims/2 − 1, with u = t/T ∈ [0, 1],
 *   e_{2k} = sin(2^k · π u),  e_{2k+1} = cos(2^k · π u).
 * Octave frequencies (as in the Transformer's position encoding and Ho et al.'s time embedding)
 * give coarse features (cos πu falls monotonically from 1 to −1) and finer ones for nearby steps.
 */
export function timeEmbedding(t: number, T: number, dims: number, out = new Float32Array(dims), offset = 0): Float32Array {
  if (!Number.isInteger(dims) || dims < 2 || dims % 2 !== 0)
    throw new RangeError(`time embedding needs an even number of features ≥ 2, got ${dims}`);
  const u = t / T;
  for (let k = 0; k < dims / 2; k++) {
    const phase = 2 ** k * Math.PI * u;
    out[offset + 2 * k] = Math.sin(phase);
    out[offset + 2 * k + 1] = Math.cos(phase);
  }
  return out;
}
