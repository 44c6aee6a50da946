/**
 * Two numbers that say what is wrong with generated galaxy images, for the denoiser's model card and
 * the lesson's widget alike: the mean pixel value (mostly dark sky in a real cutout) and the
 * pixel-scale roughness — the mean of (x_{i+1} − x_i)² over horizontally adjacent pixels of each
 * row and channel. Images are in the denoiser's data space [−1, 1]; both numbers are in display
 * units v = (x + 1)/2. They cannot tell a galaxy from a smudge; they can tell too bright, too
 * noisy or too smooth.
 */
export interface ImageStats {
  mean: number;
  roughness: number;
}

/** Stats of `x`: one or more images of `side` × `side` pixels per channel, one plane after another. */
export function imageStats(x: ArrayLike<number>, side: number): ImageStats {
  let sum = 0;
  let rough = 0;
  let pairs = 0;
  for (let i = 0; i < x.length; i++) {
    sum += (x[i] + 1) / 2;
    if (i % side !== side - 1) {
      rough += ((x[i + 1] - x[i]) / 2) ** 2;
      pairs++;
    }
  }
  return { mean: sum / x.length, roughness: rough / pairs };
}
