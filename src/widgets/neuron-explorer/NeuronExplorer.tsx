import { For, Index, Show, createEffect, createMemo, createSignal, mergeProps } from "solid-js";
import { scaleLinear } from "d3";
import { useUrlState } from "../shared/useUrlState.ts";
import { Axis } from "../shared/Axis.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { TeX } from "../shared/TeX.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { clampTo, formatNumber, plotArea, texNumber } from "../shared/chartLayout.ts";
import { ACTIVATION_INFO, texApply } from "../shared/activationCatalog.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import {
  DOMAIN,
  NEURON_ACTIVATIONS,
  NEURON_PREFIX,
  WEIGHT_LIMIT,
  boundarySegment,
  clusters,
  gridPoints,
  heatmap,
  misclassified,
  neuronOutput,
  neuronSchema,
} from "./neuronModel.ts";
import styles from "./neuronExplorer.module.css";

export type NeuronExplorerProps = {
  /** Id of the lesson challenge this widget checks ("separate the clusters"); omit for none. */
  challengeId?: string;
  /** Heatmap resolution (cells per side). Default 30. */
  resolution?: number;
  /** URL parameter prefix. Default "neuron". */
  urlPrefix?: string;
};

const SIZE = 340;
const MARGIN = { top: 10, right: 12, bottom: 44, left: 46 };

/** Brackets negative numbers so products read unambiguously: 0.8 · (−0.5). */
const factor = (v: number) => (v < 0 ? `(${texNumber(v)})` : texNumber(v));

/**
 * One neuron with two inputs. Sliders and number boxes set the input point, the weights, the bias
 * and the activation; the weighted sum and output are typeset live; the x₁–x₂ plane shows the output
 * everywhere as a heatmap, the decision line w·x + b = 0, the input point (drag it, or focus it and
 * use the arrow keys) and the two clusters of the challenge.
 */
export function NeuronExplorer(props: NeuronExplorerProps) {
  const merged = mergeProps({ resolution: 30, urlPrefix: NEURON_PREFIX }, props);
  const url = useUrlState(neuronSchema, merged.urlPrefix);
  const s = url.state;
  // Challenges count only what the learner does here, not a setup that arrived in a shared link.
  const [touched, setTouched] = createSignal(false);
  const change = (patch: Parameters<typeof url.update>[0]) => {
    setTouched(true);
    url.update(patch);
  };
  const params = () => ({ w1: s().w1, w2: s().w2, b: s().b, act: s().act });

  // While dragging, the point follows the pointer locally; the URL is written once, on release.
  const [drag, setDrag] = createSignal<{ x1: number; x2: number } | null>(null);
  const point = () => drag() ?? { x1: s().x1, x2: s().x2 };

  const out = createMemo(() => neuronOutput(params(), point().x1, point().x2));
  const heat = createMemo(() => heatmap(params(), merged.resolution));
  const cells = gridPoints(merged.resolution);
  const data = clusters();
  const wrong = createMemo(() => misclassified(params(), data));
  const line = createMemo(() => boundarySegment(s().w1, s().w2, s().b));

  const area = plotArea(SIZE, SIZE, MARGIN);
  const side = Math.min(area.innerWidth, area.innerHeight);
  const xScale = scaleLinear()
    .domain([-DOMAIN, DOMAIN])
    .range([area.left, area.left + side]);
  const yScale = scaleLinear()
    .domain([-DOMAIN, DOMAIN])
    .range([area.top + side, area.top]);
  const cellSize = side / merged.resolution;

  const sumTex = () => {
    const { w1, w2, b } = s();
    const { x1, x2 } = point();
    return (
      `\\begin{aligned} z &= w_1 x_1 + w_2 x_2 + b \\\\ &= ${factor(w1)} \\cdot ${factor(x1)} + ${factor(w2)} \\cdot ${factor(x2)} + ${factor(b)}` +
      ` \\\\ &= ${texNumber(out().z, 3)} \\end{aligned}`
    );
  };
  const outTex = () => `a = ${texApply(s().act, "z")} = ${texApply(s().act, texNumber(out().z, 3))} = ${texNumber(out().a, 3)}`;

  createEffect(() => {
    if (merged.challengeId && touched() && wrong() === 0)
      reportChallengeComplete(merged.challengeId, "Both clusters are on their own side of the line.");
  });

  let svg: SVGSVGElement | undefined;
  const toData = (event: PointerEvent) => {
    const p = svgPoint(svg!, event);
    return {
      x1: Number(clampTo(xScale.invert(p.x), -DOMAIN, DOMAIN).toFixed(2)),
      x2: Number(clampTo(yScale.invert(p.y), -DOMAIN, DOMAIN).toFixed(2)),
    };
  };
  const movePoint = (dx: number, dy: number) => {
    const next = {
      x1: Number(clampTo(s().x1 + dx, -DOMAIN, DOMAIN).toFixed(2)),
      x2: Number(clampTo(s().x2 + dy, -DOMAIN, DOMAIN).toFixed(2)),
    };
    change(next);
  };

  const description = () =>
    `Heatmap of the neuron's output over the plane, x₁ and x₂ from −${DOMAIN} to ${DOMAIN}. ` +
    (line()
      ? `The decision line ${formatNumber(s().w1)}·x₁ + ${formatNumber(s().w2)}·x₂ + ${formatNumber(s().b)} = 0 crosses the square; the output is high on the side where z > 0. `
      : "With these weights there is no line inside the square: the whole square is on one side. ") +
    `The input point is at (${formatNumber(point().x1)}, ${formatNumber(point().x2)}). ` +
    `${wrong()} of ${data.length} cluster points are on the wrong side.`;

  return (
    <figure class={styles.root} data-widget="neuron-explorer" data-act={s().act}>
      <UrlNotice problems={url.problems()} />
      <div class={styles.layout}>
        <div class={styles.plane}>
          <ChartFrame
            width={SIZE}
            height={SIZE}
            role="group"
            draggable
            label="The x₁–x₂ plane: neuron output heatmap, decision line, clusters and the input point"
            description={description()}
            ref={(el) => (svg = el)}
            data-testid="neuron-plane"
            onPointerDown={(event) => {
              if (event.button !== 0) return;
              (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
              setDrag(toData(event));
            }}
            onPointerMove={(event) => {
              if (drag()) setDrag(toData(event));
            }}
            onPointerUp={() => {
              const p = drag();
              if (p) change(p);
              setDrag(null);
            }}
          >
            <g aria-hidden="true">
              <Index each={cells}>
                {(cell, i) => (
                  <rect
                    x={xScale(cell()[0]) - cellSize / 2}
                    y={yScale(cell()[1]) - cellSize / 2}
                    width={cellSize}
                    height={cellSize}
                    shape-rendering="crispEdges"
                    class={heat().side[i] === "high" ? styles.cellHigh : styles.cellLow}
                    style={{ "fill-opacity": `calc(var(--heat-opacity) * ${heat().strength[i].toFixed(3)})` }}
                  />
                )}
              </Index>
            </g>
            <Axis scale={xScale} orient="bottom" at={area.top + side} ticks={6} label="x₁" />
            <Axis scale={yScale} orient="left" at={area.left} ticks={6} label="x₂" />
            <Show when={line()}>
              {(l) => (
                <line
                  aria-hidden="true"
                  class={styles.boundary}
                  data-testid="boundary"
                  x1={xScale(l().x1)}
                  y1={yScale(l().y1)}
                  x2={xScale(l().x2)}
                  y2={yScale(l().y2)}
                />
              )}
            </Show>
            <g aria-hidden="true">
              <For each={data}>
                {(p) =>
                  p.label === 1 ? (
                    <rect class={styles.pointB} x={xScale(p.x1) - 4} y={yScale(p.x2) - 4} width={8} height={8} />
                  ) : (
                    <circle class={styles.pointA} cx={xScale(p.x1)} cy={yScale(p.x2)} r={4.5} />
                  )
                }
              </For>
            </g>
            <g
              class={styles.input}
              data-testid="input-point"
              tabindex="0"
              role="button"
              aria-label={`Input point x₁ = ${formatNumber(point().x1)}, x₂ = ${formatNumber(point().x2)}. Arrow keys move it by 0.1, with Shift by 0.5.`}
              transform={`translate(${xScale(point().x1)}, ${yScale(point().x2)})`}
              onKeyDown={(event) => {
                const stepSize = event.shiftKey ? 0.5 : 0.1;
                const moves: Record<string, [number, number]> = {
                  ArrowLeft: [-stepSize, 0],
                  ArrowRight: [stepSize, 0],
                  ArrowUp: [0, stepSize],
                  ArrowDown: [0, -stepSize],
                };
                const m = moves[event.key];
                if (m) {
                  event.preventDefault();
                  movePoint(m[0], m[1]);
                }
              }}
            >
              <circle class={styles.inputHit} r={16} />
              <circle class={styles.inputRing} r={8} />
              <circle class={styles.inputDot} r={3} />
            </g>
          </ChartFrame>
          <p class={styles.legend} aria-hidden="true">
            <span class={styles.keyA}>●</span> class 0 (wants z ≤ 0) · <span class={styles.keyB}>■</span> class 1 (wants z &gt; 0) ·{" "}
            <span class={styles.keyLine}>– –</span> w·x + b = 0 · ◎ input point (drag me)
          </p>
          <div class={styles.math} data-testid="neuron-math">
            <TeX tex={sumTex()} data-testid="neuron-sum" />
            <TeX tex={outTex()} data-testid="neuron-out" />
          </div>
          <p class={styles.status} role="status" data-testid="neuron-status" data-wrong={wrong()}>
            <Show
              when={wrong() === 0}
              fallback={
                <>
                  {wrong()} of {data.length} cluster points are on the wrong side of the line.
                </>
              }
            >
              All {data.length} cluster points are on the right side: the neuron separates the two clusters.
            </Show>
          </p>
        </div>
        <div class={styles.controls}>
          <fieldset class={styles.group}>
            <legend>Inputs</legend>
            <LabelledSlider
              name="x1"
              label="x₁"
              value={point().x1}
              min={-DOMAIN}
              max={DOMAIN}
              step={0.1}
              onChange={(v) => change({ x1: v })}
            />
            <LabelledSlider
              name="x2"
              label="x₂"
              value={point().x2}
              min={-DOMAIN}
              max={DOMAIN}
              step={0.1}
              onChange={(v) => change({ x2: v })}
            />
          </fieldset>
          <fieldset class={styles.group}>
            <legend>Weights and bias</legend>
            <LabelledSlider
              name="w1"
              label="Weight w₁"
              value={s().w1}
              min={-WEIGHT_LIMIT}
              max={WEIGHT_LIMIT}
              step={0.1}
              onChange={(v) => change({ w1: v })}
            />
            <LabelledSlider
              name="w2"
              label="Weight w₂"
              value={s().w2}
              min={-WEIGHT_LIMIT}
              max={WEIGHT_LIMIT}
              step={0.1}
              onChange={(v) => change({ w2: v })}
            />
            <LabelledSlider
              name="b"
              label="Bias b"
              value={s().b}
              min={-WEIGHT_LIMIT}
              max={WEIGHT_LIMIT}
              step={0.1}
              onChange={(v) => change({ b: v })}
            />
          </fieldset>
          <ChoiceGroup
            name="act"
            legend="Activation f"
            options={NEURON_ACTIVATIONS.map((a) => ({ value: a, label: ACTIVATION_INFO[a].label }))}
            value={s().act}
            onChange={(act) => change({ act })}
          />
        </div>
      </div>

      <figcaption class={styles.caption}>
        One neuron with two inputs. Shading shows the output a over the whole plane (orange where z &gt; 0, blue where z ≤ 0, stronger the
        further a is from its value on the line); the dashed line is where z = 0.
      </figcaption>
    </figure>
  );
}
