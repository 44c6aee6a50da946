import { createSignal, For, Show, createEffect, createMemo, mergeProps } from "solid-js";
import { line, scaleLinear, scaleLog } from "d3";
import { useUrlState } from "../shared/useUrlState.ts";
import { Axis } from "../shared/Axis.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { TeX } from "../shared/TeX.tsx";
import { useMeasuredWidth } from "../shared/useMeasuredWidth.ts";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { clampTo, formatNumber, formatScientific, plotArea, texNumber } from "../shared/chartLayout.ts";
import { ACTIVATIONS, ACTIVATION_INFO, type ActivationId } from "../shared/activationCatalog.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import {
  ACTIVATION_PREFIX,
  MAX_DEPTH,
  VANISHING_THRESHOLD,
  X_RANGE,
  activationSchema,
  allChainGradients,
  curves,
  logWindow,
  powerOfTenLabel,
  probe,
} from "./activationModel.ts";
import styles from "./activationExplorer.module.css";

export type ActivationExplorerProps = {
  /** Id of the lesson challenge ("gradient below 10⁻⁶"); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "act". */
  urlPrefix?: string;
};

const W = 560;
/** Chart height for a given width: a little flatter on wide screens. */
const heightFor = (width: number) => Math.round(Math.min(300, Math.max(230, width * 0.55)));
const CURVE_MARGIN = { top: 14, right: 16, bottom: 40, left: 44 };
const DEPTH_MARGIN = { top: 14, right: 16, bottom: 40, left: 54 };

/**
 * Pick an activation; see f (solid) and its derivative f′ (dashed) — both computed by the engine —
 * and read them at a probe point (slider, or drag on the chart). Below, the gradient through a chain
 * of n neurons on a log axis, with a depth slider: sigmoid's vanishes, ReLU's does not.
 */
export function ActivationExplorer(props: ActivationExplorerProps) {
  const merged = mergeProps({ urlPrefix: ACTIVATION_PREFIX }, props);
  const url = useUrlState(activationSchema, merged.urlPrefix);
  const s = url.state;
  // Challenges count only what the learner does here, not a setup that arrived in a shared link.
  const [touched, setTouched] = createSignal(false);
  const change = (patch: Parameters<typeof url.update>[0]) => {
    setTouched(true);
    url.update(patch);
  };

  // ---- f and f′ --------------------------------------------------------------------------------
  const [width, measure] = useMeasuredWidth(W);
  const points = createMemo(() => curves(s().f));
  const at = createMemo(() => probe(s().f, s().x));
  const curveAreaOf = () => plotArea(width(), heightFor(width()), CURVE_MARGIN);
  const curveArea = createMemo(curveAreaOf);
  const xScale = createMemo(() => scaleLinear().domain(X_RANGE).range([curveArea().left, curveArea().right]));
  const yScale = createMemo(() => {
    let lo = -1.2;
    let hi = 1.2;
    for (const p of points()) {
      lo = Math.min(lo, p.f, p.df);
      hi = Math.max(hi, p.f, p.df);
    }
    return scaleLinear().domain([lo, hi]).nice().range([curveArea().bottom, curveArea().top]);
  });
  // Jumps (the step's value at 0, ReLU's and leaky ReLU's slope at 0) are drawn as gaps, not as
  // steep ramps between two samples: no smooth activation here changes by JUMP between samples 0.05 apart.
  const JUMP = 0.25;
  const pathOf = (key: "f" | "df") =>
    line<{ x: number; f: number; df: number }>()
      .x((p) => xScale()(p.x))
      .y((p) => yScale()(p[key]))
      .defined((p, i, all) => !(i > 0 && Math.abs(all[i - 1][key] - p[key]) > JUMP))(points()) ?? "";

  let curveSvg: SVGSVGElement | undefined;
  let dragging = false;
  const probeFromPointer = (event: PointerEvent) => {
    const p = svgPoint(curveSvg!, event);
    change({ x: Number(clampTo(xScale().invert(p.x), X_RANGE[0], X_RANGE[1]).toFixed(2)) });
  };

  // ---- gradient through depth ------------------------------------------------------------------
  const all = createMemo(() => allChainGradients(s().seed));
  const grads = createMemo(() => all()[s().f]);
  const atDepth = () => grads()[s().depth - 1];
  const depthArea = createMemo(() => plotArea(width(), heightFor(width()), DEPTH_MARGIN));
  const nScale = createMemo(() => scaleLinear().domain([1, MAX_DEPTH]).range([depthArea().left, depthArea().right]));
  const logWin = createMemo(() => logWindow(grads()));
  const gScale = createMemo(() => scaleLog().domain(logWin().domain).range([depthArea().bottom, depthArea().top]).clamp(true));
  const depthPath = (values: readonly number[]) =>
    line<number>()
      .x((_, i) => nScale()(i + 1))
      .y((g) => gScale()(g))
      .defined((g) => g > 0)(values as number[]) ?? "";
  /** Index of the last depth whose gradient is inside the log window (−1 if none). */
  const lastInWindow = (values: readonly number[]) => {
    for (let i = values.length - 1; i >= 0; i--) if (values[i] >= logWin().domain[0]) return i;
    return -1;
  };
  const references = () => (["sigmoid", "relu", "tanh"] as ActivationId[]).filter((r) => r !== s().f);

  createEffect(() => {
    if (merged.challengeId && touched() && s().f !== "step" && atDepth() < VANISHING_THRESHOLD) {
      reportChallengeComplete(
        merged.challengeId,
        `Through ${s().depth} ${ACTIVATION_INFO[s().f].label} layers the gradient is ${formatScientific(atDepth())}, below 10⁻⁶.`,
      );
    }
  });

  const label = () => ACTIVATION_INFO[s().f].label;
  const probeTex = () => `f(${texNumber(s().x)}) = ${texNumber(at().f, 3)}, \\qquad f'(${texNumber(s().x)}) = ${texNumber(at().df, 3)}`;
  const curveDescription = () =>
    `${label()} f(x) and its derivative f′(x) for x from −4 to 4. ` +
    `At x = −4: f = ${formatNumber(points()[0].f)}, f′ = ${formatNumber(points()[0].df)}; ` +
    `at x = 0: f = ${formatNumber(points()[80].f)}, f′ = ${formatNumber(points()[80].df)}; ` +
    `at x = 4: f = ${formatNumber(points()[160].f)}, f′ = ${formatNumber(points()[160].df)}.`;
  const depthDescription = () =>
    s().f === "step"
      ? "The step function passes no gradient: it is exactly zero at every depth."
      : `Gradient magnitude through 1 to ${MAX_DEPTH} ${label()} layers on a log axis: ${formatScientific(grads()[0])} after 1 layer, ` +
        `${formatScientific(grads()[9])} after 10, ${formatScientific(grads()[MAX_DEPTH - 1])} after ${MAX_DEPTH}. ` +
        `At the chosen depth ${s().depth}: ${formatScientific(atDepth())}.`;

  return (
    <figure class={styles.root} data-widget="activation-explorer" data-f={s().f}>
      <UrlNotice problems={url.problems()} />
      <ChoiceGroup
        name="f"
        legend="Activation function"
        options={ACTIVATIONS.map((a) => ({ value: a, label: ACTIVATION_INFO[a].label }))}
        value={s().f}
        onChange={(f) => change({ f })}
      />
      <TeX tex={ACTIVATION_INFO[s().f].tex} data-testid="act-formula" />

      <h3 class={styles.chartTitle} ref={measure}>
        {label()} and its derivative
      </h3>
      <ChartFrame
        width={width()}
        height={heightFor(width())}
        draggable
        label={`Plot of ${label()} and its derivative`}
        description={curveDescription()}
        ref={(el) => (curveSvg = el)}
        data-testid="act-curves"
        onPointerDown={(event) => {
          dragging = true;
          (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
          probeFromPointer(event);
        }}
        onPointerMove={(event) => {
          if (dragging) probeFromPointer(event);
        }}
        onPointerUp={() => (dragging = false)}
      >
        <Axis scale={xScale()} orient="bottom" at={curveArea().bottom} ticks={8} label="x" />
        <Axis scale={yScale()} orient="left" at={curveArea().left} ticks={6} grid={curveArea().innerWidth} />
        <line class={styles.zero} x1={curveArea().left} x2={curveArea().right} y1={yScale()(0)} y2={yScale()(0)} />
        <path class={styles.f} d={pathOf("f")} data-testid="curve-f" />
        <path class={styles.df} d={pathOf("df")} data-testid="curve-df" />
        <Show when={s().f === "step"}>
          <circle class={styles.open} cx={xScale()(0)} cy={yScale()(1)} r={4} />
          <circle class={styles.closed} cx={xScale()(0)} cy={yScale()(0)} r={4} />
          <text class={styles.note} x={curveArea().right - 4} y={yScale()(0.5)} text-anchor="end">
            jump at 0: f′ undefined
          </text>
          <text class={styles.note} x={curveArea().right - 4} y={yScale()(0.5) + 15} text-anchor="end">
            (the engine uses 0)
          </text>
        </Show>
        <g class={styles.probe}>
          <line x1={xScale()(s().x)} x2={xScale()(s().x)} y1={curveArea().top} y2={curveArea().bottom} />
          <circle class={styles.fDot} cx={xScale()(s().x)} cy={yScale()(at().f)} r={5} />
          <rect class={styles.dfDot} x={xScale()(s().x) - 4.5} y={yScale()(at().df) - 4.5} width={9} height={9} />
        </g>
        <g class={styles.key}>
          <line
            class={styles.f}
            x1={curveArea().left + 10}
            x2={curveArea().left + 36}
            y1={curveArea().top + 10}
            y2={curveArea().top + 10}
          />
          <text x={curveArea().left + 42} y={curveArea().top + 10} dy="0.32em">
            f(x)
          </text>
          <line
            class={styles.df}
            x1={curveArea().left + 10}
            x2={curveArea().left + 36}
            y1={curveArea().top + 30}
            y2={curveArea().top + 30}
          />
          <text x={curveArea().left + 42} y={curveArea().top + 30} dy="0.32em">
            f′(x)
          </text>
        </g>
      </ChartFrame>
      <LabelledSlider
        name="x"
        label="Probe point x"
        hint="(or drag on the chart)"
        value={s().x}
        min={X_RANGE[0]}
        max={X_RANGE[1]}
        step={0.05}
        onChange={(x) => change({ x })}
      />
      <TeX tex={probeTex()} data-testid="act-probe" />

      <h3 class={styles.chartTitle}>Gradient through a stack of {label()} neurons</h3>
      <ChartFrame
        width={width()}
        height={heightFor(width())}
        label={`Gradient magnitude against depth for ${label()}, log scale`}
        description={depthDescription()}
        data-testid="act-depth"
      >
        <Axis
          scale={nScale()}
          orient="bottom"
          at={depthArea().bottom}
          tickValues={[1, 10, 20, 30, 40, 50]}
          format={(v) => String(v)}
          label="layers n"
        />
        <Axis
          scale={gScale()}
          orient="left"
          at={depthArea().left}
          tickValues={logWin().ticks}
          format={powerOfTenLabel}
          grid={depthArea().innerWidth}
        />
        <line
          class={styles.threshold}
          x1={depthArea().left}
          x2={depthArea().right}
          y1={gScale()(VANISHING_THRESHOLD)}
          y2={gScale()(VANISHING_THRESHOLD)}
        />
        <text class={styles.note} x={depthArea().right - 4} y={gScale()(VANISHING_THRESHOLD) - 6} text-anchor="end">
          10⁻⁶
        </text>
        <For each={references()}>
          {(r) => (
            <g class={styles.reference}>
              <path d={depthPath(all()[r])} />
              {/* Labelled where the line leaves the window (or at its end). */}
              <Show when={lastInWindow(all()[r]) >= 0}>
                <text
                  x={nScale()(lastInWindow(all()[r]) + 1) + (lastInWindow(all()[r]) < MAX_DEPTH - 1 ? 4 : 2)}
                  y={gScale()(all()[r][lastInWindow(all()[r])])}
                  dy={lastInWindow(all()[r]) < MAX_DEPTH - 1 ? "0.9em" : "-0.3em"}
                  text-anchor={lastInWindow(all()[r]) < MAX_DEPTH - 1 ? "start" : "end"}
                >
                  {ACTIVATION_INFO[r].label}
                </text>
              </Show>
            </g>
          )}
        </For>
        <path class={styles.gradient} d={depthPath(grads())} data-testid="depth-curve" />
        <Show
          when={atDepth() > 0}
          fallback={
            <text class={styles.note} x={(depthArea().left + depthArea().right) / 2} y={depthArea().bottom - 12} text-anchor="middle">
              step: exactly 0 at every depth
            </text>
          }
        >
          <circle class={styles.depthDot} cx={nScale()(s().depth)} cy={gScale()(atDepth())} r={6} />
        </Show>
      </ChartFrame>
      <div class={styles.depthControls}>
        <LabelledSlider
          name="depth"
          label="Depth n (layers)"
          value={s().depth}
          min={1}
          max={MAX_DEPTH}
          step={1}
          digits={0}
          onChange={(d) => change({ depth: Math.round(d) })}
        />
        <button type="button" class="button" data-testid="reseed" onClick={() => change({ seed: (s().seed % 9999) + 1 })}>
          New random weights (seed {s().seed})
        </button>
      </div>
      <p class={styles.readout} role="status" data-testid="depth-readout" data-gradient={atDepth()}>
        Through {s().depth} {label()} {s().depth === 1 ? "layer" : "layers"}: |dh<sub>n</sub>/dx| = {formatScientific(atDepth(), 3)}
        <Show when={atDepth() < VANISHING_THRESHOLD && s().f !== "step"}> — vanished below 10⁻⁶.</Show>
      </p>
      <details class={styles.table}>
        <summary>Show the gradient at every depth as a table</summary>
        <div class="scroll-x" tabindex="0" role="region" aria-label="Gradient by depth">
          <table>
            <thead>
              <tr>
                <th scope="col">n</th>
                <th scope="col">|dhₙ/dx|, {label()}</th>
              </tr>
            </thead>
            <tbody>
              <For
                each={grads()
                  .map((g, i) => ({ n: i + 1, g }))
                  .filter((row) => row.n <= 10 || row.n % 5 === 0)}
              >
                {(row) => (
                  <tr>
                    <td>{row.n}</td>
                    <td>{formatScientific(row.g, 3)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
      <figcaption class={styles.caption}>
        Top: the activation (solid) and its derivative (dashed), both computed by the course's autodiff engine. Bottom: the size of d h
        <sub>n</sub>/dx through n neurons h<sub>k</sub> = f(w<sub>k</sub> h<sub>k−1</sub> + b<sub>k</sub>) with random weights between 0.55
        and 1.5 and biases between 0 and 0.2 (faint lines: other activations, same weights).
      </figcaption>
    </figure>
  );
}
