import { For, Show, createEffect, createMemo, createSignal, on, onCleanup } from "solid-js";
import { tensorFromPayload } from "../../lib/worker/index.ts";
import type { WeightPayload } from "../../lib/worker/index.ts";
import { buildModel } from "../shared/networkSpec.ts";
import type { Architecture } from "../shared/networkSpec.ts";
import { formatNumber } from "../shared/chartLayout.ts";
import { maxAbsWeight, networkView, unitSummary } from "./unitView.ts";
import type { NetworkView } from "./unitView.ts";
import type { Probe } from "./trainerModel.ts";
import styles from "./networkDiagram.module.css";

/** Units drawn per layer; the table lists them all. */
const MAX_DRAWN = 12;
/** Least time between two recomputations of the view (the worker may send 20 progress messages a second). */
const MIN_INTERVAL_MS = 300;
const NODE = 30;
const GAP = 8;
const COL = 74;

export type NetworkDiagramProps = {
  arch: Architecture;
  inputNames: string[];
  probe: Probe;
  /** Probe points z-scored like the training inputs, row-major. */
  probeData: Float32Array;
  /** The latest weights from the worker (null before training). */
  weights: WeightPayload[] | null;
};

/** Diverging colour of t ∈ [−1, 1]: blue (#0072b2) below zero, white at zero, orange (#e69f00) above. */
function rgb(t: number): [number, number, number] {
  const a = Math.min(1, Math.abs(t));
  const [r, g, b] = t < 0 ? [0, 114, 178] : [230, 159, 0];
  return [255 + (r - 255) * a, 255 + (g - 255) * a, 255 + (b - 255) * a];
}

/** One unit's activation over the probe grid as a PNG data URL (2-D inputs). */
function heatmapUrl(values: Float32Array, units: number, unit: number, scale: number, nx: number, ny: number): string {
  const canvas = document.createElement("canvas");
  canvas.width = nx;
  canvas.height = ny;
  const ctx = canvas.getContext("2d");
  if (!ctx) return "";
  const img = ctx.createImageData(nx, ny);
  for (let p = 0; p < nx * ny; p++) {
    const [r, g, b] = rgb(values[p * units + unit] / scale);
    img.data.set([r, g, b, 255], 4 * p);
  }
  ctx.putImageData(img, 0, 0);
  return canvas.toDataURL();
}

/**
 * The network as TensorFlow Playground draws it: inputs, hidden units with each unit's activation
 * over the input plane (or along the input line), the output, and every weight as a line whose width
 * is |w| and colour its sign. Units are one tab stop (roving tabindex): arrow keys move between them
 * and the panel below reads out the selected unit; a table gives every weight as text.
 */
export default function NetworkDiagram(props: NetworkDiagramProps) {
  const model = createMemo(() => buildModel(props.arch, 0));
  const [view, setView] = createSignal<NetworkView | null>(null);
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const recompute = () => {
    timer = undefined;
    last = performance.now();
    const w = props.weights;
    if (!w) return setView(null);
    try {
      const points = props.probe.points.length;
      setView(
        networkView(
          model(),
          w.map((p) => ({ name: p.name, shape: p.shape, data: tensorFromPayload(p).data })),
          props.probeData,
          points,
        ),
      );
    } catch {
      // Weights of a superseded architecture (the run is being cleared): keep the old view.
    }
  };
  createEffect(
    on([() => props.weights, model], () => {
      if (timer !== undefined) return;
      const wait = MIN_INTERVAL_MS - (performance.now() - last);
      if (wait <= 0 || !props.weights) recompute();
      else timer = setTimeout(recompute, wait);
    }),
  );
  onCleanup(() => clearTimeout(timer));

  /** Columns: inputs, hidden layers, output; each a list of unit counts drawn. */
  const sizes = createMemo(() => [props.inputNames.length, ...props.arch.hidden.map((h) => h.units), 1]);
  const drawn = (n: number) => Math.min(n, MAX_DRAWN);
  const height = createMemo(() => Math.max(...sizes().map(drawn)) * (NODE + GAP) + 24);
  const width = () => (sizes().length - 1) * COL + NODE + 8;
  const x = (col: number) => 4 + col * COL;
  const y = (col: number, i: number) => {
    const n = drawn(sizes()[col]);
    return (height() - 24 - n * (NODE + GAP)) / 2 + i * (NODE + GAP) + GAP / 2;
  };
  const scale = createMemo(() => {
    const v = view();
    return v ? maxAbsWeight(v.layers) || 1 : 1;
  });

  // Selected unit: [hidden layer index, unit]. Arrow keys: up/down within a layer, left/right across.
  const [sel, setSel] = createSignal<[number, number]>([0, 0]);
  let svg: SVGSVGElement | undefined;
  const onKey = (e: KeyboardEvent) => {
    const [l, u] = sel();
    const layers = props.arch.hidden.length;
    let next: [number, number] | null = null;
    if (e.key === "ArrowDown") next = [l, Math.min(u + 1, drawn(props.arch.hidden[l].units) - 1)];
    else if (e.key === "ArrowUp") next = [l, Math.max(u - 1, 0)];
    else if (e.key === "ArrowRight") next = [Math.min(l + 1, layers - 1), 0];
    else if (e.key === "ArrowLeft") next = [Math.max(l - 1, 0), 0];
    else if (e.key === "Home") next = [0, 0];
    else if (e.key === "End") next = [layers - 1, drawn(props.arch.hidden[layers - 1].units) - 1];
    if (!next) return;
    e.preventDefault();
    next[1] = Math.min(next[1], drawn(props.arch.hidden[next[0]].units) - 1);
    setSel(next);
    svg?.querySelector<SVGElement>(`[data-unit="${next[0]}-${next[1]}"]`)?.focus();
  };
  createEffect(
    on(
      () => props.arch.hidden.map((h) => h.units).join(","),
      () => setSel([0, 0]),
      { defer: true },
    ),
  );

  const summary = createMemo(() => {
    const v = view();
    const [l, u] = sel();
    return v && v.hidden[l] && u < v.hidden[l].units ? unitSummary(v, l, u) : null;
  });
  const sourceName = (layer: number, i: number) => (layer === 0 ? props.inputNames[i] : `unit ${layer}.${i + 1}`);
  const thumb = (l: number, u: number) => {
    const v = view();
    const a = v?.hidden[l];
    if (!a) return null;
    const s = Math.max(Math.abs(a.min), Math.abs(a.max)) || 1;
    if (props.probe.kind === "surface" && props.probe.grid)
      return { kind: "image" as const, href: heatmapUrl(a.values, a.units, u, s, props.probe.grid.nx, props.probe.grid.ny) };
    if (props.probe.kind === "curve") {
      const n = a.values.length / a.units;
      const pts = Array.from(
        { length: n },
        (_, p) => `${((p / (n - 1)) * NODE).toFixed(1)},${(NODE / 2 - (a.values[p * a.units + u] / s) * (NODE / 2 - 2)).toFixed(1)}`,
      );
      return { kind: "line" as const, points: pts.join(" ") };
    }
    return null;
  };

  return (
    <div class={styles.root} data-testid="network-diagram">
      <Show
        when={props.arch.hidden.length > 0}
        fallback={<p class={styles.hint}>No hidden layers: the output is a weighted sum of the inputs.</p>}
      >
        <p class={styles.hint}>
          Each hidden unit shows its activation{" "}
          {props.probe.kind === "surface"
            ? "over the input plane"
            : props.probe.kind === "curve"
              ? "along the input"
              : "(no picture with more than two inputs)"}
          : orange positive, blue negative. Lines are weights: width |w|, orange positive, blue negative. Arrow keys move between units.
        </p>
        <svg
          ref={svg}
          class={styles.svg}
          viewBox={`0 0 ${width()} ${height()}`}
          style={{ "max-width": `${Math.round(width() * 1.6)}px` }}
          role="group"
          aria-label="Network diagram: hidden units and weights"
          onKeyDown={onKey}
          data-ready={view() ? "true" : "false"}
        >
          {/* Weights: one line per connection between drawn units. */}
          <Show when={view()}>
            {(v) => (
              <g aria-hidden="true">
                <For each={v().layers}>
                  {(layer, li) => (
                    <For each={Array.from({ length: drawn(layer.inputs) * drawn(layer.units) }, (_, k) => k)}>
                      {(k) => {
                        const i = Math.floor(k / drawn(layer.units));
                        const j = k % drawn(layer.units);
                        const w = () => layer.kernel[i * layer.units + j];
                        return (
                          <line
                            x1={x(li()) + NODE}
                            y1={y(li(), i) + NODE / 2}
                            x2={x(li() + 1)}
                            y2={y(li() + 1, j) + NODE / 2}
                            stroke={w() < 0 ? "#0072b2" : "#e69f00"}
                            stroke-width={0.3 + (3.5 * Math.abs(w())) / scale()}
                            stroke-opacity="0.8"
                          />
                        );
                      }}
                    </For>
                  )}
                </For>
              </g>
            )}
          </Show>
          <For each={sizes()}>
            {(n, col) => (
              <g>
                <For each={Array.from({ length: drawn(n) }, (_, i) => i)}>
                  {(i) => {
                    const hiddenLayer = () => col() - 1;
                    const isHidden = () => col() > 0 && col() < sizes().length - 1;
                    const selected = () => isHidden() && sel()[0] === hiddenLayer() && sel()[1] === i;
                    const t = () => (isHidden() ? thumb(hiddenLayer(), i) : null);
                    return (
                      <g
                        transform={`translate(${x(col())} ${y(col(), i)})`}
                        {...(isHidden()
                          ? {
                              role: "button",
                              tabindex: selected() ? 0 : -1,
                              "aria-pressed": selected(),
                              "data-unit": `${hiddenLayer()}-${i}`,
                              "aria-label": `Hidden layer ${hiddenLayer() + 1}, unit ${i + 1}`,
                              onClick: () => setSel([hiddenLayer(), i]),
                              onFocus: () => setSel([hiddenLayer(), i]),
                            }
                          : {})}
                        class={isHidden() ? styles.unit : undefined}
                      >
                        <rect width={NODE} height={NODE} rx="4" class={styles.node} />
                        <Show when={t()}>
                          {(th) => (
                            <Show
                              when={th().kind === "image"}
                              fallback={<polyline points={(th() as { points: string }).points} class={styles.spark} />}
                            >
                              <image
                                href={(th() as { href: string }).href}
                                width={NODE}
                                height={NODE}
                                preserveAspectRatio="none"
                                style={{ "image-rendering": "pixelated" }}
                              />
                            </Show>
                          )}
                        </Show>
                        <Show when={selected()}>
                          <rect x="-3" y="-3" width={NODE + 6} height={NODE + 6} rx="6" class={styles.selected} />
                        </Show>
                        <Show when={col() === 0}>
                          <text x={NODE / 2} y={NODE / 2 + 4} text-anchor="middle" class={styles.label}>
                            {props.inputNames[i]?.slice(0, 4)}
                          </text>
                        </Show>
                        <Show when={col() === sizes().length - 1}>
                          <text x={NODE / 2} y={NODE / 2 + 4} text-anchor="middle" class={styles.label}>
                            out
                          </text>
                        </Show>
                      </g>
                    );
                  }}
                </For>
                <Show when={n > MAX_DRAWN}>
                  <text x={x(col()) + NODE / 2} y={height() - 6} text-anchor="middle" class={styles.label}>
                    +{n - MAX_DRAWN}
                  </text>
                </Show>
              </g>
            )}
          </For>
        </svg>
        <p class={styles.readout} aria-live="polite" data-testid="unit-readout">
          <Show when={summary()} fallback={`Hidden layer ${sel()[0] + 1}, unit ${sel()[1] + 1}: train to see its weights and activation.`}>
            {(u) => (
              <>
                Hidden layer {u().layer + 1}, unit {u().unit + 1}: bias {formatNumber(u().bias, 3)}; weights in{" "}
                {u()
                  .incoming.map((w, i) => `${sourceName(u().layer, i)} ${formatNumber(w, 3)}`)
                  .join(", ")}
                ; activation from {formatNumber(u().min, 3)} to {formatNumber(u().max, 3)} (mean {formatNumber(u().mean, 3)}).
              </>
            )}
          </Show>
        </p>
      </Show>
      <Show when={view()}>
        {(v) => (
          <details class={styles.tableBox}>
            <summary>Weights and units as a table</summary>
            <div class={styles.scroll} tabindex="0" role="region" aria-label="Weights table">
              <table data-testid="weights-table">
                <caption>Every unit's bias and incoming weights, and (hidden units) its activation range over the probe points</caption>
                <thead>
                  <tr>
                    <th scope="col">Unit</th>
                    <th scope="col">Bias</th>
                    <th scope="col">Incoming weights</th>
                    <th scope="col">Activation min … max</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={v().layers}>
                    {(layer, li) => (
                      <For each={Array.from({ length: layer.units }, (_, j) => j)}>
                        {(j) => {
                          const isOut = li() === v().layers.length - 1;
                          const u = isOut ? null : unitSummary(v(), li(), j);
                          return (
                            <tr>
                              <th scope="row">{isOut ? "output" : `layer ${li() + 1}, unit ${j + 1}`}</th>
                              <td>{formatNumber(layer.bias[j], 3)}</td>
                              <td>
                                {Array.from(
                                  { length: layer.inputs },
                                  (_, i) => `${sourceName(li(), i)}: ${formatNumber(layer.kernel[i * layer.units + j], 3)}`,
                                ).join("; ")}
                              </td>
                              <td>{u ? `${formatNumber(u.min, 3)} … ${formatNumber(u.max, 3)}` : "—"}</td>
                            </tr>
                          );
                        }}
                      </For>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </details>
        )}
      </Show>
    </div>
  );
}
