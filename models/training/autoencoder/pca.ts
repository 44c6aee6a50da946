// Principal component analysis of latent codes, for the widget's 2-D map of the latent space.

export interface Pca {
  /** Mean code (length k). */
  mean: number[];
  /** Unit-length principal directions, largest variance first (each length k). */
  components: number[][];
  /** Fraction of the total variance along each component. */
  explained: number[];
  /** Coordinates of a code along the components: (z − mean) · v_j. */
  project(code: ArrayLike<number>): number[];
}

/**
 * The first `count` principal components of `rows` codes of length k (row-major), found by power
 * iteration with deflation on the k × k covariance matrix C = Σ (z − μ)(z − μ)ᵀ / rows. Each
 * component's sign is fixed so that its largest entry is positive (the same data give the same map).
 */
export function pca(codes: ArrayLike<number>, k: number, count: number): Pca {
  const rows = Math.floor(codes.length / k);
  if (rows < 2) throw new RangeError(`pca: needs at least 2 codes of length ${k}, got ${rows}`);
  const mean = new Array<number>(k).fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) mean[j] += codes[r * k + j] / rows;
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < k; a++) {
      const da = codes[r * k + a] - mean[a];
      for (let b = 0; b < k; b++) cov[a][b] += (da * (codes[r * k + b] - mean[b])) / rows;
    }
  }
  let total = 0;
  for (let a = 0; a < k; a++) total += cov[a][a];
  const components: number[][] = [];
  const explained: number[] = [];
  for (let c = 0; c < Math.min(count, k); c++) {
    // Start from a fixed, generic vector; 500 iterations converge far past float precision for k ≤ 64.
    let v = Array.from({ length: k }, (_, j) => 1 + j / k);
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      const w = cov.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      v = w.map((x) => x / norm);
      lambda = norm;
    }
    let big = 0;
    for (let j = 1; j < k; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
    if (v[big] < 0) v = v.map((x) => -x);
    components.push(v);
    explained.push(total > 0 ? lambda / total : 0);
    // Deflate: C ← C − λ v vᵀ.
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cov[a][b] -= lambda * v[a] * v[b];
  }
  return {
    mean,
    components,
    explained,
    project: (code) => components.map((v) => v.reduce((s, x, j) => s + x * (code[j] - mean[j]), 0)),
  };
}
