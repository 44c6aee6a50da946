/**
 * A picture made grey: each pixel's three planes (CHW) all become their mean, so brightness and
 * shape are kept and colour is gone. Run through a classifier trained on colour pictures, it is an
 * ablation — how much of the answer rested on colour rather than on shape (the network never saw a
 * grey picture in training, so it probes the network; it is not a grey-trained model).
 */
export function withoutColour(chw: Float32Array): Float32Array {
  const n = chw.length / 3;
  const grey = new Float32Array(chw.length);
  for (let p = 0; p < n; p++) {
    const mean = (chw[p] + chw[n + p] + chw[2 * n + p]) / 3;
    grey[p] = grey[n + p] = grey[2 * n + p] = mean;
  }
  return grey;
}
