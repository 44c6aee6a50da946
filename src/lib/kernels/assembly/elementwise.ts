// Elementwise passes that run over every feature map: relu and its gradient. Branch-free (a lane
// mask), with the JavaScript path's exact semantics: y = x > 0 ? x : 0 (NaN and −0 give +0), and the
// gradient passes where x > 0.

/** y[0..n) = max(x, 0) as above. */
export function reluForward(n: i32, x: usize, y: usize): void {
  const zero = f32x4.splat(0);
  const end = x + ((<usize>n) << 2);
  const end4 = x + ((<usize>(n & ~3)) << 2);
  for (; x < end4; x += 16, y += 16) {
    const v = v128.load(x);
    v128.store(y, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; x < end; x += 4, y += 4) {
    const v = load<f32>(x);
    store<f32>(y, v > 0 ? v : 0);
  }
}

/** gx[0..n) += g where x > 0. */
export function reluBackward(n: i32, x: usize, g: usize, gx: usize): void {
  const zero = f32x4.splat(0);
  const end = x + ((<usize>n) << 2);
  const end4 = x + ((<usize>(n & ~3)) << 2);
  for (; x < end4; x += 16, g += 16, gx += 16) {
    const pass = f32x4.gt(v128.load(x), zero);
    v128.store(gx, f32x4.add(v128.load(gx), v128.and(v128.load(g), pass)));
  }
  for (; x < end; x += 4, g += 4, gx += 4) {
    if (load<f32>(x) > 0) store<f32>(gx, load<f32>(gx) + load<f32>(g));
  }
}
