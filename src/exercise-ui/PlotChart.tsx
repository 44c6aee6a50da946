import { For, Show, createMemo, mergeProps } from "solid-js";
import type { PlotSpec } from "../lib/grading/index.ts";
import { plotLayout } from "./plotModel.ts";
import styles from "./exercise.module.css";

export type PlotChartProps = {
  spec: PlotSpec;
  /** Drawing width in SVG units (the chart scales down with its container). Default 420. */
  width?: number;
  /** Default 240. */
  height?: number;
  /** Smaller margins and fewer ticks, for charts inside choice options. */
  compact?: boolean;
};

/** A small line chart of a PlotSpec, with a text description and a legend (dash = series). */
export function PlotChart(props: PlotChartProps) {
  const merged = mergeProps({ width: 420, height: 240, compact: false }, props);
  const layout = createMemo(() => plotLayout(merged.spec, merged.width, merged.height, merged.compact));
  return (
    <figure class={styles.plot} data-compact={merged.compact ? "" : undefined}>
      <svg viewBox={`0 0 ${layout().width} ${layout().height}`} role="img" aria-label={layout().description}>
        <g class={styles.axis}>
          <line x1={layout().inner.x0} x2={layout().inner.x1} y1={layout().inner.y0} y2={layout().inner.y0} />
          <line x1={layout().inner.x0} x2={layout().inner.x0} y1={layout().inner.y0} y2={layout().inner.y1} />
          <For each={layout().xTicks}>
            {(t) => (
              <text x={t.pos} y={layout().inner.y0 + 14} text-anchor="middle">
                {t.label}
              </text>
            )}
          </For>
          <For each={layout().yTicks}>
            {(t) => (
              <>
                <line class={styles.grid} x1={layout().inner.x0} x2={layout().inner.x1} y1={t.pos} y2={t.pos} />
                <text x={layout().inner.x0 - 5} y={t.pos + 4} text-anchor="end">
                  {t.label}
                </text>
              </>
            )}
          </For>
          <Show when={!merged.compact}>
            <text x={(layout().inner.x0 + layout().inner.x1) / 2} y={layout().height - 4} text-anchor="middle" class={styles.axisLabel}>
              {merged.spec.xLabel}
            </text>
            <text
              x={12}
              y={(layout().inner.y0 + layout().inner.y1) / 2}
              text-anchor="middle"
              transform={`rotate(-90 12 ${(layout().inner.y0 + layout().inner.y1) / 2})`}
              class={styles.axisLabel}
            >
              {merged.spec.yLabel}
            </text>
          </Show>
        </g>
        <For each={layout().series}>
          {(s, i) => <path d={s.d} class={styles.series} data-series={i() % 4} stroke-dasharray={s.dash || undefined} />}
        </For>
      </svg>
      <Show when={layout().series.length > 1}>
        <figcaption class={styles.legend}>
          <For each={layout().series}>
            {(s, i) => (
              <span class={styles.legendItem}>
                <svg viewBox="0 0 28 8" width="28" height="8" aria-hidden="true">
                  <line x1="0" x2="28" y1="4" y2="4" class={styles.series} data-series={i() % 4} stroke-dasharray={s.dash || undefined} />
                </svg>
                {s.name}
              </span>
            )}
          </For>
        </figcaption>
      </Show>
    </figure>
  );
}
