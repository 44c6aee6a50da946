// Layout of the bottleneck chart: code sizes on a log₂ axis, PSNR on a linear one, one or more series.

export interface BottleneckPoint {
  latent: number;
  psnr: number;
}

export interface PlacedSeries {
  points: { latent: number; psnr: number; x: number; y: number }[];
}

export interface BottleneckLayout {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  series: PlacedSeries[];
  /** Every code size that appears, with its x position (the axis labels). */
  xTicks: { latent: number; x: number }[];
  yTicks: { y: number; label: string }[];
}

/** Pixel positions of each series' points and of whole-dB ticks in a width × height chart. */
export function bottleneckChart(series: readonly (readonly BottleneckPoint[])[], width: number, height: number): BottleneckLayout {
  const left = 52;
  const right = 16;
  const top = 12;
  const bottom = 44;
  const all = series.flat();
  const lx = all.map((p) => Math.log2(p.latent));
  const x0 = Math.min(...lx);
  const x1 = Math.max(...lx);
  const ys = all.map((p) => p.psnr);
  const y0 = Math.floor(Math.min(...ys) - 0.25);
  const y1 = Math.ceil(Math.max(...ys) + 0.25);
  const sx = (latent: number) => left + ((Math.log2(latent) - x0) / (x1 - x0 || 1)) * (width - left - right);
  const sy = (v: number) => top + (1 - (v - y0) / (y1 - y0 || 1)) * (height - top - bottom);
  const step = Math.max(1, Math.ceil((y1 - y0) / 6));
  const yTicks: { y: number; label: string }[] = [];
  for (let v = y0; v <= y1; v += step) yTicks.push({ y: sy(v), label: String(v) });
  const sizes = [...new Set(all.map((p) => p.latent))].sort((a, b) => a - b);
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    series: series.map((s) => ({
      points: s
        .slice()
        .sort((a, b) => a.latent - b.latent)
        .map((p) => ({ latent: p.latent, psnr: p.psnr, x: sx(p.latent), y: sy(p.psnr) })),
    })),
    xTicks: sizes.map((latent) => ({ latent, x: sx(latent) })),
    yTicks,
  };
}
