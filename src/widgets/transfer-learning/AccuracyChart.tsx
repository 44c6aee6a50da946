import { linearScale } from "../shared/scales.ts";
import { linePath } from "../shared/linePath.ts";
import { Index, createMemo } from "solid-js";
import { ChartFrame } from "../shared/ChartFrame.tsx";
import { Axis } from "../shared/Axis.tsx";
import { plotArea } from "../shared/chartLayout.ts";
import type { CurvePoint } from "./transferModel.ts";
import styles from "./transferLearning.module.css";

export type AccuracySeries = {
  name: string;
  /** Measurements (epoch, accuracy in [0, 1]); they need not cover every epoch. */
  points: readonly CurvePoint[];
  /** CSS colour (a palette variable). */
  color: string;
  /** SVG dash pattern; "none" for solid. */
  dash: string;
  /** Point marker: the series differ in shape as well as colour and dash. */
  marker: "circle" | "square";
};

export type AccuracyChartProps = {
  label: string;
  /** The text alternative: what the chart shows, in words. */
  description: string;
  series: readonly AccuracySeries[];
  /** Epochs planned (the x axis spans 0…epochs). */
  epochs: number;
  "data-testid"?: string;
};

const W = 420;
const H = 250;

/**
 * Held-out accuracy against epoch, one line per model through the epochs where it was measured
 * (every epoch for the cheap head, every few epochs for the CNN, whose held-out pass is costly), with
 * a dashed line at 50 %: a coin toss on two balanced classes.
 */
export function AccuracyChart(props: AccuracyChartProps) {
  const area = plotArea(W, H, { left: 52, right: 12, top: 12, bottom: 40 });
  const x = createMemo(() => linearScale([0, Math.max(2, props.epochs)], [area.left, area.right]));
  const y = linearScale([0, 1], [area.bottom, area.top]);
  const path = (points: readonly CurvePoint[]) => {
    const sx = x();
    return linePath(
      points,
      (p) => sx(p.epoch),
      (p) => y(p.value),
    );
  };
  return (
    <figure class={styles.chart}>
      <ChartFrame width={W} height={H} label={props.label} description={props.description} data-testid={props["data-testid"]}>
        <Axis
          scale={y}
          orient="left"
          at={area.left}
          ticks={5}
          grid={area.innerWidth}
          label="held-out accuracy"
          format={(v) => `${Math.round(v * 100)} %`}
        />
        <Axis scale={x()} orient="bottom" at={area.bottom} ticks={5} label="epoch" format={(v) => String(v)} />
        <line class={styles.chance} x1={area.left} x2={area.right} y1={y(0.5)} y2={y(0.5)} />
        <text class={styles.chanceLabel} x={area.right - 4} y={y(0.5) - 5} text-anchor="end">
          chance
        </text>
        <Index each={props.series}>
          {(s) => (
            <g data-series={s().name}>
              <path d={path(s().points)} fill="none" stroke={s().color} stroke-width="2.2" stroke-dasharray={s().dash} />
              <Index each={s().points}>
                {(p) =>
                  s().marker === "circle" ? (
                    <circle cx={x()(p().epoch)} cy={y(p().value)} r="3" fill={s().color} />
                  ) : (
                    <rect x={x()(p().epoch) - 3} y={y(p().value) - 3} width="6" height="6" fill={s().color} />
                  )
                }
              </Index>
            </g>
          )}
        </Index>
      </ChartFrame>
      <figcaption class={styles.legend}>
        <Index each={props.series}>
          {(s) => (
            <span class={styles.legendItem}>
              <svg width="30" height="10" aria-hidden="true">
                <line x1="1" x2="29" y1="5" y2="5" stroke={s().color} stroke-width="3" stroke-dasharray={s().dash} />
                {s().marker === "circle" ? (
                  <circle cx="15" cy="5" r="3.5" fill={s().color} />
                ) : (
                  <rect x="11.5" y="1.5" width="7" height="7" fill={s().color} />
                )}
              </svg>
              {s().name}
            </span>
          )}
        </Index>
      </figcaption>
    </figure>
  );
}
