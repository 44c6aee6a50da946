/**
 * Layout of a PlotSpec (plain data from an exercise family: named curves, axis labels, optional
 * log y axis) as SVG geometry: one path per series, tick positions and labels. The view only draws
 * what this returns.
 *
 * Series are told apart by dash pattern and a legend, not by colour alone.
 */
import { line, scaleLinear, scaleLog } from "d3";
import type { PlotSpec } from "../lib/grading/index.ts";

export type PlotLayout = {
  width: number;
  height: number;
  /** Plot area inside the margins. */
  inner: { x0: number; x1: number; y0: number; y1: number };
  series: { name: string; d: string; dash: string }[];
  xTicks: { pos: number; label: string }[];
  yTicks: { pos: number; label: string }[];
  /** A sentence describing the chart for screen readers. */
  description: string;
};

/** Dash patterns by series index: solid, dashed, dotted, dash-dot. */
export const DASHES = ["", "6 4", "2 3", "8 3 2 3"];

const fmt = (v: number) => {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return v.toExponential(0).replace("e+", "e");
  return String(Number(v.toPrecision(3)));
};

export function plotLayout(spec: PlotSpec, width: number, height: number, compact = false): PlotLayout {
  const margin = compact ? { left: 30, right: 8, top: 8, bottom: 22 } : { left: 52, right: 12, top: 12, bottom: 40 };
  const inner = { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
  const points = spec.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!spec.logY || y > 0));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const xMin = Math.min(...xs, Infinity);
  const xMax = Math.max(...xs, -Infinity);
  const yMin = Math.min(...ys, Infinity);
  const yMax = Math.max(...ys, -Infinity);
  const xDomain: [number, number] = points.length ? (xMin === xMax ? [xMin - 1, xMax + 1] : [xMin, xMax]) : [0, 1];
  const x = scaleLinear().domain(xDomain).range([inner.x0, inner.x1]);
  const y = spec.logY
    ? scaleLog()
        .domain(points.length ? (yMin === yMax ? [yMin / 10, yMax * 10] : [yMin, yMax]) : [1, 10])
        .range([inner.y0, inner.y1])
        .nice()
    : scaleLinear()
        .domain(points.length ? (yMin === yMax ? [yMin - 1, yMax + 1] : [yMin, yMax]) : [0, 1])
        .range([inner.y0, inner.y1])
        .nice();
  const path = line<[number, number]>()
    .defined(([px, py]) => Number.isFinite(px) && Number.isFinite(py) && (!spec.logY || py > 0))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const tickCount = compact ? 3 : 5;
  const yTickValues = spec.logY
    ? (y.ticks(tickCount) as number[]).filter((v) => Number.isInteger(Math.log10(v)))
    : (y.ticks(tickCount) as number[]);
  const names = spec.series.map((s) => s.name).join(", ");
  const description =
    spec.alt ??
    `Chart of ${spec.yLabel}${spec.logY ? " (logarithmic axis)" : ""} against ${spec.xLabel}` +
      (spec.series.length > 1 ? `, ${spec.series.length} curves: ${names}.` : ".");
  return {
    width,
    height,
    inner,
    series: spec.series.map((s, i) => ({ name: s.name, d: path(s.points) ?? "", dash: DASHES[i % DASHES.length]! })),
    xTicks: x.ticks(tickCount).map((v) => ({ pos: x(v), label: fmt(v) })),
    yTicks: yTickValues.map((v) => ({ pos: y(v), label: fmt(v) })),
    description,
  };
}
