import { linearScale } from "../shared/scales.ts";
import { linePath } from "../shared/linePath.ts";
import { Index, Show, createEffect, createMemo, createSignal, onCleanup, onMount } from "solid-js";
import { ChartFrame } from "../shared/ChartFrame.tsx";
import { Axis } from "../shared/Axis.tsx";
import { formatNumber, plotArea } from "../shared/chartLayout.ts";
import type { Dataset } from "../../lib/data/index.ts";
import type { Probe } from "./trainerModel.ts";
import { pointMarks } from "./pointMarks.ts";
import styles from "./networkTrainer.module.css";

export type PredictionChartProps = {
  dataset: Dataset;
  /** Rows [0, trainRows) train; the rest validate. */
  trainRows: number;
  probe: Probe;
  /** The model's outputs at the probe points in the data's units (probability of class 1, or y); null before training. */
  values: Float32Array | null;
  /** The noise-free truth for the 1-D regression toy (drawn dashed), if known. */
  truth?: (x: number) => number;
};

const W = 420;
const H = 380;

interface Colors {
  a: string;
  b: string;
  bg: string;
}

/** Reads the palette's class colours (they change with the theme). */
function readColors(): Colors {
  const css = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { a: get("--class-a", "#0072b2"), b: get("--class-b", "#d55e00"), bg: get("--surface", "#ffffff") };
}

/**
 * What the network currently predicts: the decision surface under the points (2-D inputs), the fit
 * curve through them (1-D input), or predicted against true values (more inputs). Classes differ in
 * shape as well as colour (circle = class 0, square = class 1); validation points are hollow.
 */
export function PredictionChart(props: PredictionChartProps) {
  const area = plotArea(W, H, { left: 46, right: 12, top: 12, bottom: 42 });
  const [colors, setColors] = createSignal<Colors | null>(null);
  const [painted, setPainted] = createSignal(false);
  let canvas: HTMLCanvasElement | undefined;

  onMount(() => {
    setColors(readColors());
    const observer = new MutationObserver(() => setColors(readColors()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"] });
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onMedia = () => setColors(readColors());
    media.addEventListener("change", onMedia);
    onCleanup(() => {
      observer.disconnect();
      media.removeEventListener("change", onMedia);
    });
  });

  const kind = () => props.probe.kind;
  const task = () => props.dataset.task;
  const xIndex = () => 0;

  const xScale = createMemo(() => {
    if (kind() === "surface") return linearScale(props.probe.grid!.x, [area.left, area.right]);
    if (kind() === "curve") {
      const xs = props.probe.points.map((p) => p[0]);
      return linearScale([xs[0], xs[xs.length - 1]], [area.left, area.right]);
    }
    return linearScale(extent(props.dataset.y), [area.left, area.right]).nice();
  });
  const yScale = createMemo(() => {
    if (kind() === "surface") return linearScale(props.probe.grid!.y, [area.bottom, area.top]);
    const vals = [...props.dataset.y];
    if (props.values) for (const v of props.values) if (Number.isFinite(v)) vals.push(v);
    if (kind() === "scatter") return linearScale(extent(props.dataset.y), [area.bottom, area.top]).nice();
    return linearScale(extent(vals), [area.bottom, area.top]).nice();
  });
  /** Colour of a regression value on the 2-D surface (viridis: perceptually uniform, colour-blind safe). */
  // d3's viridis ramp is fetched only once a regression surface needs it (most datasets are classes);
  // until it arrives the surface is not painted and the points take the chart colour.
  const [viridis, setViridis] = createSignal<((t: number) => string) | null>(null);
  createEffect(() => {
    if (task() === "classification" || kind() !== "surface" || viridis()) return;
    void import("./viridis.ts").then(({ interpolateViridis }) => setViridis(() => interpolateViridis));
  });
  const valueColor = createMemo(() => {
    const ramp = viridis();
    return ramp ? sequentialColor(extent(props.dataset.y), ramp) : null;
  });

  const table = createMemo(() => {
    const c = colors();
    const scale = valueColor();
    if (!c) return null;
    if (task() === "classification") return classTable(c);
    return scale ? valueTable(scale) : null;
  });

  // Paint the heatmap: one canvas pixel per grid cell, stretched (and smoothed) by CSS under the
  // SVG's plot area. (No toDataURL: PNG-encoding 20 times a second is far too slow on some GPUs.)
  createEffect(() => {
    const c = colors();
    const values = props.values;
    const grid = props.probe.grid;
    if (!canvas || !c || !values || kind() !== "surface" || !grid) {
      setPainted(false);
      return;
    }
    if (canvas.width !== grid.nx) canvas.width = grid.nx;
    if (canvas.height !== grid.ny) canvas.height = grid.ny;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const img = ctx.createImageData(grid.nx, grid.ny);
    const lut = table();
    if (!lut) return;
    const [lo, hi] = valueColor()?.domain() ?? [0, 1];
    for (let k = 0; k < values.length; k++) {
      // Position of the value on the 256-entry colour table: probability for classes, value for regression.
      const t = task() === "classification" ? values[k] : (values[k] - lo) / (hi - lo || 1);
      const j = 4 * Math.max(0, Math.min(255, Math.round(255 * t)));
      img.data[4 * k] = lut[j];
      img.data[4 * k + 1] = lut[j + 1];
      img.data[4 * k + 2] = lut[j + 2];
      img.data[4 * k + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    setPainted(true);
  });

  const pointX = (row: number) => (kind() === "scatter" ? props.dataset.y[row] : props.dataset.x[row][xIndex()]);
  const pointY = (row: number) => {
    if (kind() === "surface") return props.dataset.x[row][1];
    if (kind() === "curve") return props.dataset.y[row];
    return props.values ? props.values[row] : NaN;
  };
  const marks = createMemo(() => pointMarks(props.dataset, props.trainRows));
  const curvePath = createMemo(() => {
    if (kind() !== "curve" || !props.values) return "";
    const values = props.values;
    return linePath(
      props.probe.points,
      (p) => xScale()(p[0]),
      (_, i) => yScale()(values[i]),
    );
  });
  const truthPath = createMemo(() => {
    const f = props.truth;
    if (kind() !== "curve" || !f) return "";
    return linePath(
      props.probe.points,
      (p) => xScale()(p[0]),
      (p) => yScale()(f(p[0])),
    );
  });

  const description = createMemo(() => describe(props));
  const xLabel = () => (kind() === "scatter" ? `true ${props.dataset.targetName}` : props.dataset.inputNames[0]);
  const yLabel = () =>
    kind() === "surface"
      ? props.dataset.inputNames[1]
      : kind() === "curve"
        ? props.dataset.targetName
        : `predicted ${props.dataset.targetName}`;
  const chartName = () =>
    kind() === "surface"
      ? task() === "classification"
        ? "Decision surface"
        : "Predicted surface"
      : kind() === "curve"
        ? "Fit curve"
        : "Predicted against true";

  return (
    <figure class={styles.chart}>
      <div class={styles.stack}>
        <canvas
          ref={canvas}
          class={styles.heatmap}
          aria-hidden="true"
          data-testid={painted() ? "heatmap" : undefined}
          style={{
            left: `${(100 * area.left) / W}%`,
            top: `${(100 * area.top) / H}%`,
            width: `${(100 * area.innerWidth) / W}%`,
            height: `${(100 * area.innerHeight) / H}%`,
            opacity: painted() ? (task() === "classification" ? 0.75 : 0.85) : 0,
          }}
        />
        <ChartFrame width={W} height={H} label={chartName()} description={description()} data-testid="prediction-chart">
          <Axis scale={xScale()} orient="bottom" at={area.bottom} ticks={5} label={xLabel()} />
          <Axis scale={yScale()} orient="left" at={area.left} ticks={5} label={yLabel()} />
          <Show when={kind() === "scatter"}>
            <line
              class={styles.diagonal}
              x1={xScale()(xScale().domain()[0])}
              y1={yScale()(xScale().domain()[0])}
              x2={xScale()(xScale().domain()[1])}
              y2={yScale()(xScale().domain()[1])}
            />
          </Show>
          <g class={styles.points} data-testid="data-points">
            {/* Index over marks derived from the current dataset and split: a row's class and side of the
              split are read afresh whenever they change. (A For over row numbers kept each row's first
              class and split: after a dataset, preset or example-count change the points lied.) */}
            <Index each={marks()}>
              {(mark) => {
                const cx = () => xScale()(pointX(mark().row));
                const cy = () => yScale()(pointY(mark().row));
                const train = () => mark().set === "train";
                const fill = () => {
                  const v = props.dataset.y[mark().row];
                  return task() === "classification"
                    ? mark().shape === "square"
                      ? "var(--class-b)"
                      : "var(--class-a)"
                    : kind() === "surface"
                      ? (valueColor()?.(v) ?? "var(--chart-1)")
                      : "var(--chart-1)";
                };
                return (
                  <Show when={Number.isFinite(cy())}>
                    <Show
                      when={mark().shape === "square"}
                      fallback={
                        <circle
                          cx={cx()}
                          cy={cy()}
                          r="3.6"
                          fill={train() ? fill() : "none"}
                          stroke={train() ? "var(--surface)" : fill()}
                          stroke-width={train() ? 0.8 : 1.6}
                          data-set={mark().set}
                        />
                      }
                    >
                      <rect
                        x={cx() - 3.3}
                        y={cy() - 3.3}
                        width="6.6"
                        height="6.6"
                        fill={train() ? fill() : "none"}
                        stroke={train() ? "var(--surface)" : fill()}
                        stroke-width={train() ? 0.8 : 1.6}
                        data-set={mark().set}
                      />
                    </Show>
                  </Show>
                );
              }}
            </Index>
          </g>
          <Show when={truthPath()}>
            <path d={truthPath()} fill="none" stroke="var(--fg)" stroke-width="1.5" stroke-dasharray="5 4" opacity="0.7" />
          </Show>
          <Show when={curvePath()}>
            <path d={curvePath()} fill="none" stroke="var(--chart-2)" stroke-width="3" data-testid="fit-curve" />
          </Show>
        </ChartFrame>
      </div>
      <figcaption class={styles.legend}>
        <Show
          when={task() === "classification"}
          fallback={
            <>
              <span class={styles.legendItem}>● training · ○ validation</span>
              <Show when={kind() === "curve"}>
                <span class={styles.legendItem}>
                  <svg width="26" height="10" aria-hidden="true">
                    <line x1="1" x2="25" y1="5" y2="5" stroke="var(--chart-2)" stroke-width="3" />
                  </svg>
                  network
                </span>
                <Show when={props.truth}>
                  <span class={styles.legendItem}>
                    <svg width="26" height="10" aria-hidden="true">
                      <line x1="1" x2="25" y1="5" y2="5" stroke="var(--fg)" stroke-width="1.5" stroke-dasharray="5 4" />
                    </svg>
                    true curve
                  </span>
                </Show>
              </Show>
              <Show when={kind() === "scatter"}>
                <span class={styles.legendItem}>perfect predictions lie on the diagonal</span>
              </Show>
            </>
          }
        >
          <span class={styles.legendItem}>
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="4.5" fill="var(--class-a)" />
            </svg>
            class 0
          </span>
          <span class={styles.legendItem}>
            <svg width="12" height="12" aria-hidden="true">
              <rect x="1.5" y="1.5" width="9" height="9" fill="var(--class-b)" />
            </svg>
            class 1
          </span>
          <span class={styles.legendItem}>filled: training · hollow: validation · background: predicted class</span>
        </Show>
      </figcaption>
    </figure>
  );
}

function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/**
 * A colour scale over [lo, hi] (as d3's scaleSequential): value v gets interpolate((v − lo) / (hi − lo)),
 * t = 0 for a one-point domain; interpolateViridis clamps t to [0, 1] itself.
 */
function sequentialColor(domain: readonly number[], interpolate: (t: number) => string) {
  const [lo, hi] = [domain[0], domain[domain.length - 1]];
  const color = (v: number) => interpolate(hi === lo ? 0 : (v - lo) / (hi - lo));
  color.domain = () => [lo, hi];
  return color;
}

/**
 * 256 RGBA colours for t = 0…1, a diverging ramp from class 0's colour through the background
 * (t = 0.5, undecided) to class 1's, mixed linearly in RGB (as d3's interpolateRgb, rounded the same
 * way). Built once per theme, so painting a frame is a table look-up per cell.
 */
function classTable(c: Colors): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  const [bg, a, b] = [rgb(c.bg), rgb(c.a), rgb(c.b)];
  const mix = (from: number[], to: number[], u: number) => from.map((x, k) => Math.round(x + u * (to[k] - x)));
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const [r, g, bl] = t < 0.5 ? mix(bg, a, (0.5 - t) * 1.6) : mix(bg, b, (t - 0.5) * 1.6);
    lut.set([r, g, bl, 255], 4 * i);
  }
  return lut;
}

/** 256 RGBA colours for t = 0…1: the viridis scale over the targets' range, for regression. */
function valueTable(scale: ReturnType<typeof sequentialColor>): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  const [lo, hi] = scale.domain();
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = rgb(scale(lo + (i / 255) * (hi - lo)));
    lut.set([r, g, b, 255], 4 * i);
  }
  return lut;
}

/** "rgb(r, g, b)" or "#rrggbb" → [r, g, b]. */
function rgb(css: string): [number, number, number] {
  if (css.startsWith("#")) {
    const n = parseInt(css.slice(1, 7), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const m = css.match(/[\d.]+/g) ?? ["0", "0", "0"];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

/** The chart in words, for screen readers. */
function describe(props: PredictionChartProps): string {
  const n = props.dataset.x.length;
  const pts = `${props.trainRows} training and ${n - props.trainRows} validation points`;
  const v = props.values;
  if (props.probe.kind === "surface") {
    if (!v) return `Scatter of ${pts} over ${props.dataset.inputNames.join(" and ")}; no prediction yet — press Train.`;
    if (props.dataset.task === "classification") {
      let ones = 0;
      for (const p of v) if (p >= 0.5) ones++;
      return `Decision surface: the network predicts class 1 on ${Math.round((100 * ones) / v.length)} % of the plotted plane; ${pts} drawn on top.`;
    }
    return `Predicted surface of ${props.dataset.targetName} over the plane, from ${formatNumber(Math.min(...v))} to ${formatNumber(Math.max(...v))}; ${pts} drawn on top.`;
  }
  if (props.probe.kind === "curve") {
    if (!v) return `Scatter of ${pts}: ${props.dataset.targetName} against ${props.dataset.inputNames[0]}; no fit yet — press Train.`;
    let rms = "";
    if (props.truth) {
      let s = 0;
      props.probe.points.forEach((p, i) => (s += (v[i] - props.truth!(p[0])) ** 2));
      rms = ` Its RMS distance from the true curve is ${formatNumber(Math.sqrt(s / v.length), 3)}.`;
    }
    return `Fit curve of the network through ${pts}.${rms}`;
  }
  if (!v) return `Predicted against true ${props.dataset.targetName} for ${pts}; no prediction yet — press Train.`;
  let s = 0;
  for (let i = props.trainRows; i < n; i++) s += (v[i] - props.dataset.y[i]) ** 2;
  return `Predicted against true ${props.dataset.targetName} for ${pts}. RMS error on the validation points: ${formatNumber(Math.sqrt(s / Math.max(1, n - props.trainRows)), 3)}.`;
}
