import { For, Show, mergeProps } from "solid-js";
import styles from "./shared.module.css";

/**
 * What an axis needs from a scale: a d3 continuous scale (scaleLinear, scaleLog, scaleSymlog…)
 * satisfies it. Passing the scale, not pre-computed ticks, keeps one source of truth for positions.
 */
export interface AxisScale {
  (value: number): number;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (value: number) => string;
  range(): number[];
}

export type AxisProps = {
  /** The d3 scale mapping data values to SVG coordinates along this axis. */
  scale: AxisScale;
  /** "bottom": horizontal axis, labels below; "left": vertical axis, labels to the left. */
  orient: "bottom" | "left";
  /** Where the axis line sits across the axis: the y of a bottom axis, the x of a left axis. */
  at: number;
  /** Approximate number of ticks (d3's hint). Default 5. */
  ticks?: number;
  /** Exact tick values, overriding `ticks`. */
  tickValues?: readonly number[];
  /** Tick label text; default: the scale's own tickFormat. */
  format?: (value: number) => string;
  /** Axis title, drawn at the end of the axis (right end of a bottom axis, top of a left axis). */
  label?: string;
  /** Length of gridlines drawn from each tick across the plot (0 = none). Positive = up / right. */
  grid?: number;
};

/**
 * A chart axis drawn as SVG from a d3 scale: the line, tick marks, tick labels, optional gridlines
 * and a title. Purely decorative for assistive technology (aria-hidden): every chart that uses it
 * must carry its own text alternative.
 */
export function Axis(props: AxisProps) {
  const merged = mergeProps({ ticks: 5, grid: 0 }, props);
  const values = () => (merged.tickValues ? [...merged.tickValues] : merged.scale.ticks(merged.ticks));
  const label = (v: number) => (merged.format ? merged.format(v) : merged.scale.tickFormat(merged.ticks)(v)).replace("-", "−");
  const extent = () => {
    const r = merged.scale.range();
    return [Math.min(r[0], r[r.length - 1]), Math.max(r[0], r[r.length - 1])] as const;
  };

  return (
    <g aria-hidden="true" class="axis">
      <Show
        when={merged.orient === "bottom"}
        fallback={
          <>
            <For each={values()}>
              {(v) => (
                <g>
                  <Show when={merged.grid > 0}>
                    <line class={styles.gridLine} x1={merged.at} x2={merged.at + merged.grid} y1={merged.scale(v)} y2={merged.scale(v)} />
                  </Show>
                  <line class={styles.tickLine} x1={merged.at - 5} x2={merged.at} y1={merged.scale(v)} y2={merged.scale(v)} />
                  <text class={styles.tickLabel} x={merged.at - 8} y={merged.scale(v)} dy="0.32em" text-anchor="end">
                    {label(v)}
                  </text>
                </g>
              )}
            </For>
            <line class={styles.axisLine} x1={merged.at} x2={merged.at} y1={extent()[0]} y2={extent()[1]} />
            <Show when={merged.label}>
              <text class={styles.axisTitle} x={merged.at + 6} y={extent()[0] + 4} dy="0.7em">
                {merged.label}
              </text>
            </Show>
          </>
        }
      >
        <For each={values()}>
          {(v) => (
            <g>
              <Show when={merged.grid > 0}>
                <line class={styles.gridLine} x1={merged.scale(v)} x2={merged.scale(v)} y1={merged.at} y2={merged.at - merged.grid} />
              </Show>
              <line class={styles.tickLine} x1={merged.scale(v)} x2={merged.scale(v)} y1={merged.at} y2={merged.at + 5} />
              <text class={styles.tickLabel} x={merged.scale(v)} y={merged.at + 18} text-anchor="middle">
                {label(v)}
              </text>
            </g>
          )}
        </For>
        <line class={styles.axisLine} x1={extent()[0]} x2={extent()[1]} y1={merged.at} y2={merged.at} />
        <Show when={merged.label}>
          <text class={styles.axisTitle} x={extent()[1]} y={merged.at + 34} text-anchor="end">
            {merged.label}
          </text>
        </Show>
      </Show>
    </g>
  );
}
