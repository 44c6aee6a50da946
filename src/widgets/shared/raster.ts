// Painting images into canvases for the CNN widgets (browser only: call from effects/onMount).

/** Paints a one-channel map (row-major w × h) in grey, `lo` → black, `hi` → white. */
export function paintGrey(canvas: HTMLCanvasElement, values: ArrayLike<number>, w: number, h: number, lo: number, hi: number): void {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const span = hi - lo || 1;
  for (let p = 0; p < w * h; p++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, (values[p] - lo) / span)));
    img.data[p * 4] = g;
    img.data[p * 4 + 1] = g;
    img.data[p * 4 + 2] = g;
    img.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** Paints a CHW [R, G, B] image with values in [0, 1] (the networks' input). */
export function paintRgb(canvas: HTMLCanvasElement, chw: Float32Array, w: number, h: number): void {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const n = w * h;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) img.data[p * 4 + c] = Math.round(255 * Math.min(1, Math.max(0, chw[c * n + p])));
    img.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
