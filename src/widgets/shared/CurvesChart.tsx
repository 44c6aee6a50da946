import { Index, Show, createMemo, mergeProps } from "solid-js";
import { ChartFrame } from "./ChartFrame.tsx";
import { Axis } from "./Axis.tsx";
import { plotArea } from "./chartLayout.ts";
import { linearScale, logScale } from "./scales.ts";
import { linePath } from "./linePath.ts";
import styles from "./curvesChart.module.css";

export type CurveSeries = {
  name: string;
  values: readonly number[];
  /** CSS colour (a palette variable). */
  color: string;
  /** SVG dash pattern; "none" for solid. */
  dash: string;
};

export type CurvesChartProps = {
  label: string;
  description: string;
  series: readonly CurveSeries[];
  /** Epochs planned: the x axis spans 1…max(planned, done). */
  epochs: number;
  /** Log y axis (losses) or linear 0–1 (accuracy). */
  scale: "log" | "unit";
  yLabel: string;
  /** Mark an epoch with a vertical line (e.g. best validation loss). */
  marker?: number | null;
  markerLabel?: string;
  "data-testid"?: string;
};

const W = 420;
const H = 250;

/** Learning curves: one line per series against the epoch number, drawn with the shared scales and line paths. */
export function CurvesChart(props: CurvesChartProps) {
  const merged = mergeProps({ marker: null }, props);
  const area = plotArea(W, H, { left: 52, right: 12, top: 12, bottom: 40 });
  const maxEpoch = () => Math.max(2, merged.epochs, ...merged.series.map((s) => s.values.length));
  const x = createMemo(() => linearScale([1, maxEpoch()], [area.left, area.right]));
  const y = createMemo(() => {
    if (merged.scale === "unit") return linearScale([0, 1], [area.bottom, area.top]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of merged.series) {
      for (const v of s.values) {
        if (v > 0 && Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    if (!Number.isFinite(lo)) [lo, hi] = [0.01, 1];
    if (hi / lo < 10) {
      const mid = Math.sqrt(hi * lo);
      [lo, hi] = [Math.min(lo, mid / Math.sqrt(10)), Math.max(hi, mid * Math.sqrt(10))];
    }
    return logScale([lo / 1.1, hi * 1.1], [area.bottom, area.top]).nice();
  });
  const path = (values: readonly number[]) => {
    const sx = x();
    const sy = y();
    const [d0, d1] = sy.domain();
    const log = merged.scale === "log";
    return linePath(
      values,
      (_, i) => sx(i + 1),
      (v) => sy(log ? Math.min(Math.max(v, d0), d1) : v),
      (v) => Number.isFinite(v),
    );
  };

  return (
    <figure class={styles.chart}>
      <ChartFrame width={W} height={H} label={merged.label} description={merged.description} data-testid={merged["data-testid"]}>
        <Axis
          scale={y()}
          orient="left"
          at={area.left}
          ticks={merged.scale === "log" ? 4 : 5}
          grid={area.innerWidth}
          label={merged.yLabel}
          format={merged.scale === "log" ? (v) => formatTick(v) : undefined}
        />
        <Axis scale={x()} orient="bottom" at={area.bottom} ticks={5} label="epoch" format={(v) => String(v)} />
        <Show when={merged.marker !== null && merged.marker! >= 1}>
          <line class={styles.marker} x1={x()(merged.marker!)} x2={x()(merged.marker!)} y1={area.top} y2={area.bottom} />
          <text class={styles.markerLabel} x={x()(merged.marker!) + 4} y={area.top + 12}>
            {merged.markerLabel}
          </text>
        </Show>
        <Index each={merged.series}>
          {(s) => (
            <path
              d={path(s().values)}
              fill="none"
              stroke={s().color}
              stroke-width="2.2"
              stroke-dasharray={s().dash}
              data-series={s().name}
            />
          )}
        </Index>
      </ChartFrame>
      <figcaption class={styles.legend}>
        <Index each={merged.series}>
          {(s) => (
            <span class={styles.legendItem}>
              <svg width="26" height="10" aria-hidden="true">
                <line x1="1" x2="25" y1="5" y2="5" stroke={s().color} stroke-width="3" stroke-dasharray={s().dash} />
              </svg>
              {s().name}
            </span>
          )}
        </Index>
      </figcaption>
    </figure>
  );
}

/** Log-axis tick labels: 1, 0.1, 0.01 … and 2, 5 multiples, without trailing zeros. */
function formatTick(v: number): string {
  const mantissa = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  if (![1, 2, 5].includes(mantissa)) return "";
  return v >= 0.001 ? String(Number(v.toPrecision(2))) : v.toExponential(0);
}
