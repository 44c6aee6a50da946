import { For } from "solid-js";
import { formatNumber, formatScientific } from "../shared/chartLayout.ts";
import "../shared/palette.css";
import bottleneck from "../../../models/galaxy-autoencoder/bottleneck.json";
import { bottleneckChart } from "./bottleneckModel.ts";
import styles from "./autoencoder.module.css";
import { psnr } from "../../lib/nn/index.ts";

const SERIES = [
  { label: "separate autoencoders, each trained with this bottleneck (short runs)", colour: "var(--chart-1)", dash: "", shape: "circle" },
  { label: "the main 16-unit model, code cut to its first k principal components", colour: "var(--chart-2)", dash: "6 4", shape: "square" },
] as const;

/**
 * The bottleneck-size trade-off measured by the training pipeline: held-out reconstruction quality
 * (PSNR) against the number of code values, for separately trained plain autoencoders and for the
 * main model's code truncated to fewer principal components. Static numbers (no model runs in the
 * page); the tables under the chart are its text alternative.
 */
export function BottleneckChart() {
  const chart = bottleneckChart([bottleneck.points, bottleneck.truncation], 520, 270);
  const mid = chart.top + (chart.height - chart.top - chart.bottom) / 2;
  return (
    <figure class={styles.root} data-widget="bottleneck-chart">
      <svg
        class={styles.chart}
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-label="Reconstruction quality (PSNR) against bottleneck size; the numbers are in the tables below."
      >
        <For each={chart.yTicks}>
          {(t) => (
            <g>
              <line x1={chart.left} x2={chart.width - chart.right} y1={t.y} y2={t.y} stroke="var(--chart-grid)" />
              <text x={chart.left - 6} y={t.y + 4} text-anchor="end" font-size="12" fill="var(--chart-axis)">
                {t.label}
              </text>
            </g>
          )}
        </For>
        <For each={chart.xTicks}>
          {(t) => (
            <text x={t.x} y={chart.height - chart.bottom + 18} text-anchor="middle" font-size="12" fill="var(--chart-axis)">
              {t.latent}
            </text>
          )}
        </For>
        <text x={(chart.left + chart.width - chart.right) / 2} y={chart.height - 6} text-anchor="middle" font-size="12" fill="var(--fg)">
          numbers in the code (log scale)
        </text>
        <text x={14} y={mid} text-anchor="middle" font-size="12" fill="var(--fg)" transform={`rotate(-90 14 ${mid})`}>
          PSNR (dB), higher = better
        </text>
        <For each={chart.series}>
          {(series, i) => (
            <g>
              <polyline
                points={series.points.map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                stroke={SERIES[i()].colour}
                stroke-width="2.5"
                stroke-dasharray={SERIES[i()].dash}
              />
              <For each={series.points}>
                {(p) =>
                  SERIES[i()].shape === "circle" ? (
                    <circle cx={p.x} cy={p.y} r="5" fill={SERIES[i()].colour} />
                  ) : (
                    <rect x={p.x - 4.5} y={p.y - 4.5} width="9" height="9" fill={SERIES[i()].colour} />
                  )
                }
              </For>
            </g>
          )}
        </For>
      </svg>
      <ul class={styles.legend}>
        <For each={SERIES}>
          {(s) => (
            <li>
              <span
                class={styles.swatch}
                style={{ background: s.colour, "border-radius": s.shape === "circle" ? "50%" : "0" }}
                aria-hidden="true"
              />
              {s.label}
            </li>
          )}
        </For>
      </ul>
      <table class={styles.table} data-testid="bottleneck-table">
        <caption>Bottlenecks trained one by one: {bottleneck.note}.</caption>
        <thead>
          <tr>
            <th scope="col">numbers in the code</th>
            <th scope="col">compression</th>
            <th scope="col">MSE per value</th>
            <th scope="col">PSNR</th>
          </tr>
        </thead>
        <tbody>
          <For each={bottleneck.points}>
            {(p) => (
              <tr>
                <td>{p.latent}</td>
                <td>{formatNumber(p.compressionRatio, 0)} : 1</td>
                <td>{formatScientific(p.mse, 2)}</td>
                <td>{formatNumber(p.psnr, 2)} dB</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <table class={styles.table}>
        <caption>Codes cut short: {bottleneck.truncationNote}.</caption>
        <thead>
          <tr>
            <th scope="col">components kept</th>
            <th scope="col">MSE per value</th>
            <th scope="col">PSNR</th>
          </tr>
        </thead>
        <tbody>
          <For each={bottleneck.truncation}>
            {(p) => (
              <tr>
                <td>{p.latent}</td>
                <td>{formatScientific(p.mse, 2)}</td>
                <td>{formatNumber(p.psnr, 2)} dB</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class={styles.note}>
        Pixel noise alone is an MSE of {formatScientific(bottleneck.noiseVariance, 2)} ({formatNumber(psnr(bottleneck.noiseVariance), 1)}{" "}
        dB): no code size should get below it.
      </p>
    </figure>
  );
}
