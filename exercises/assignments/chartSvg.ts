/**
 * Charts for LMS packages, drawn in Node without a browser: the chart the exercise UI draws
 * (src/exercise-ui/plotModel.ts: same margins, "nice" ticks, dash per series, log y on request)
 * written out as a standalone SVG file with its own styles (no site CSS travels with a package), plus
 * a text alternative that carries the data. The layout is redone here without d3, because exercises/
 * may import only src/lib, which stays free of UI modules (d3 is one; house rules).
 *
 * Why the alt text is computed, not taken from the family: several families give every option one
 * alt sentence ("Run A", "Run B", "Run C" all "Training and validation loss against epoch"), which
 * tells a screen-reader user nothing that separates them. So the alt text lists, per curve, where it
 * starts, where it ends and its lowest (or highest) point, in plain decimals.
 */
import type { PlotSpec } from "../../src/lib/grading/index.ts";
import { plainDecimal } from "./plainDecimal.ts";
import { escapeXml } from "./xml.ts";

/** A value with 3 significant digits, in plain decimal (never "1e-3"). */
function short(x: number): string {
  return plainDecimal(Number(x.toPrecision(3)));
}

/** One sentence per curve: start, end, and its extreme point, e.g. "validation loss: 2.3 at epoch 0, lowest 0.61 at epoch 18, 0.95 at epoch 60". */
export function chartAlt(plot: PlotSpec): string {
  const head = `${plot.alt ? plot.alt.replace(/\.?$/, ". ") : ""}${plot.yLabel}${plot.logY ? " (log scale)" : ""} against ${plot.xLabel}.`;
  const curves = plot.series.map((s) => {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (pts.length === 0) return `${s.name}: no data`;
    const first = pts[0];
    const last = pts[pts.length - 1];
    const at = (p: [number, number]) => `${short(p[1])} at ${plot.xLabel} ${short(p[0])}`;
    let lo = first;
    let hi = first;
    for (const p of pts) {
      if (p[1] < lo[1]) lo = p;
      if (p[1] > hi[1]) hi = p;
    }
    const middle = lo !== first && lo !== last ? `, lowest ${at(lo)}` : hi !== first && hi !== last ? `, highest ${at(hi)}` : "";
    return `${s.name}: ${at(first)}${middle}, ${at(last)}`;
  });
  return `${head} ${curves.join("; ")}.`;
}

const STROKES = ["#1f5fbf", "#c2410c", "#15803d", "#7e22ce"];
/** Dash patterns by series index: solid, dashed, dotted, dash-dot (as on the site). */
const DASHES = ["", "6 4", "2 3", "8 3 2 3"];

/** Tick values about `count` apart on [lo, hi], at 1, 2 or 5 × a power of ten (d3's "nice" steps), and the niced domain. */
export function niceTicks(lo: number, hi: number, count: number): { ticks: number[]; lo: number; hi: number } {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => raw <= s) ?? 10 * power;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; first + k * step <= last + step * 1e-9; k++) ticks.push(Number((first + k * step).toPrecision(12)));
  return { ticks, lo: first, hi: last };
}

/** A tick label: 3 significant digits, exponent form only for very large or small values (as on the site's charts). */
function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return v.toExponential(0).replace("e+", "e");
  return String(Number(v.toPrecision(3)));
}

interface Layout {
  inner: { x0: number; x1: number; y0: number; y1: number };
  series: { d: string; dash: string }[];
  xTicks: { pos: number; label: string }[];
  yTicks: { pos: number; label: string }[];
}

/** Margins, scales and one path per series, as src/exercise-ui/plotModel.ts lays out a full-size chart. */
function layout(spec: PlotSpec, width: number, height: number): Layout {
  const inner = { x0: 52, x1: width - 12, y0: height - 40, y1: 12 };
  const ok = ([x, y]: [number, number]) => Number.isFinite(x) && Number.isFinite(y) && (!spec.logY || y > 0);
  const points = spec.series.flatMap((s) => s.points).filter(ok);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => (spec.logY ? Math.log10(p[1]) : p[1]));
  const span = (v: number[], pad: number): [number, number] => {
    if (v.length === 0) return [0, 1];
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return lo === hi ? [lo - pad, hi + pad] : [lo, hi];
  };
  const [xLo, xHi] = span(xs, 1);
  const xt = niceTicks(xLo, xHi, 5);
  let yLo: number;
  let yHi: number;
  let yTickValues: number[];
  if (spec.logY) {
    // Decades only, over the niced range of log10(y).
    const [lo, hi] = span(ys, 1);
    yLo = Math.floor(lo);
    yHi = Math.ceil(hi);
    yTickValues = Array.from({ length: yHi - yLo + 1 }, (_, k) => yLo + k);
  } else {
    const yt = niceTicks(...span(ys, 1), 5);
    [yLo, yHi, yTickValues] = [yt.lo, yt.hi, yt.ticks];
  }
  // x is not niced (as in plotModel: the curve spans the full width).
  const px = (x: number) => inner.x0 + ((x - xLo) / (xHi - xLo)) * (inner.x1 - inner.x0);
  const py = (y: number) => inner.y0 + (((spec.logY ? Math.log10(y) : y) - yLo) / (yHi - yLo)) * (inner.y1 - inner.y0);
  const r = (n: number) => plainDecimal(Math.round(n * 100) / 100);
  const series = spec.series.map((s, i) => {
    let d = "";
    let pen = "M";
    for (const p of s.points) {
      if (!ok(p)) {
        pen = "M";
        continue;
      }
      d += `${pen}${r(px(p[0]))},${r(py(p[1]))}`;
      pen = "L";
    }
    return { d, dash: DASHES[i % DASHES.length] };
  });
  return {
    inner,
    series,
    xTicks: xt.ticks.filter((v) => v >= xLo - 1e-9 && v <= xHi + 1e-9).map((v) => ({ pos: px(v), label: tickLabel(v) })),
    yTicks: yTickValues.map((v) => (spec.logY ? { pos: py(10 ** v), label: tickLabel(10 ** v) } : { pos: py(v), label: tickLabel(v) })),
  };
}

/** The chart as a standalone SVG document (UTF-8 text). */
export function plotSvg(plot: PlotSpec, width = 420, height = 240): string {
  const l = layout(plot, width, height);
  const legendRows = plot.series.length > 1 ? plot.series.length : 0;
  const total = height + legendRows * 16;
  const f = (n: number) => plainDecimal(Math.round(n * 10) / 10);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${total}" width="${width}" height="${total}" role="img">`,
    `<title>${escapeXml(chartAlt(plot))}</title>`,
    `<rect width="${width}" height="${total}" fill="#ffffff"/>`,
    `<g font-family="sans-serif" font-size="11" fill="#222222">`,
    `<line x1="${f(l.inner.x0)}" x2="${f(l.inner.x1)}" y1="${f(l.inner.y0)}" y2="${f(l.inner.y0)}" stroke="#444444"/>`,
    `<line x1="${f(l.inner.x0)}" x2="${f(l.inner.x0)}" y1="${f(l.inner.y0)}" y2="${f(l.inner.y1)}" stroke="#444444"/>`,
    ...l.xTicks.map((t) => `<text x="${f(t.pos)}" y="${f(l.inner.y0 + 14)}" text-anchor="middle">${escapeXml(t.label)}</text>`),
    ...l.yTicks.map(
      (t) =>
        `<line x1="${f(l.inner.x0)}" x2="${f(l.inner.x1)}" y1="${f(t.pos)}" y2="${f(t.pos)}" stroke="#dddddd"/><text x="${f(l.inner.x0 - 5)}" y="${f(t.pos + 4)}" text-anchor="end">${escapeXml(t.label)}</text>`,
    ),
    `<text x="${f((l.inner.x0 + l.inner.x1) / 2)}" y="${height - 4}" text-anchor="middle">${escapeXml(plot.xLabel)}</text>`,
    `<text x="12" y="${f((l.inner.y0 + l.inner.y1) / 2)}" text-anchor="middle" transform="rotate(-90 12 ${f((l.inner.y0 + l.inner.y1) / 2)})">${escapeXml(plot.yLabel)}</text>`,
    `</g>`,
    ...l.series.map(
      (s, i) =>
        `<path d="${s.d}" fill="none" stroke="${STROKES[i % STROKES.length]}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
    ),
  ];
  // Legend: series told apart by dash pattern as well as colour (as on the site).
  l.series.forEach((s, i) => {
    if (legendRows === 0) return;
    const y = height + 8 + i * 16;
    out.push(
      `<line x1="${l.inner.x0}" x2="${l.inner.x0 + 28}" y1="${y}" y2="${y}" stroke="${STROKES[i % STROKES.length]}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      `<text x="${l.inner.x0 + 34}" y="${y + 4}" font-family="sans-serif" font-size="11" fill="#222222">${escapeXml(plot.series[i].name)}</text>`,
    );
  });
  out.push("</svg>", "");
  return out.join("\n");
}
