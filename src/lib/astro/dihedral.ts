// Test-time augmentation for cutouts. The sky has no "up": a galaxy or a lens flipped or turned by
// 90° is as real as the original, so a classifier's answer should not depend on the orientation.
// A trained network is only approximately invariant; averaging its probabilities over the eight
// symmetries of the square removes what is left of that dependence and reduces its error.

/** The number of symmetries of the square: 4 rotations × (mirrored or not). */
export const DIHEDRAL_VIEWS = 8;

/**
 * Writes view `k` (0–7) of a CHW image of `channels` planes of `size` × `size` into `out`.
 * View k: bit 0 mirrors left–right, bit 1 mirrors top–bottom, bit 2 swaps the axes (transposes); the
 * 8 combinations are the 8 symmetries. View 0 is the image itself.
 */
export function dihedralView(
  image: ArrayLike<number>,
  k: number,
  channels: number,
  size: number,
  out: Float32Array,
  offset = 0,
): Float32Array {
  if (!Number.isInteger(k) || k < 0 || k >= DIHEDRAL_VIEWS) throw new RangeError(`view ${k} is not one of 0–7`);
  const plane = size * size;
  if (image.length !== channels * plane) throw new RangeError(`image has ${image.length} values, expected ${channels} × ${size} × ${size}`);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let u = k & 1 ? size - 1 - x : x;
        let v = k & 2 ? size - 1 - y : y;
        if (k & 4) [u, v] = [v, u];
        out[offset + c * plane + v * size + u] = image[c * plane + y * size + x];
      }
    }
  }
  return out;
}

/** All 8 views stacked into one batch [8, channels, size, size] (view 0 first: the image as given). */
export function dihedralViews(image: ArrayLike<number>, channels: number, size: number): Float32Array {
  const n = channels * size * size;
  const out = new Float32Array(DIHEDRAL_VIEWS * n);
  for (let k = 0; k < DIHEDRAL_VIEWS; k++) dihedralView(image, k, channels, size, out, k * n);
  return out;
}

/** Row means of `rows` × k probabilities (one row per view): the test-time-augmented prediction. */
export function meanOfRows(values: ArrayLike<number>, rows: number): Float32Array {
  if (!Number.isInteger(rows) || rows < 1 || values.length % rows !== 0)
    throw new RangeError(`${values.length} values do not split into ${rows} rows`);
  const k = values.length / rows;
  const out = new Float32Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += values[r * k + j];
    out[j] = s / rows;
  }
  return out;
}
