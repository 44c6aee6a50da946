import { For, Show, createEffect, createMemo, createSignal, createUniqueId, mergeProps, onCleanup, onMount } from "solid-js";
import { line, scaleLinear, scaleLog } from "d3";
import { useUrlState } from "../shared/useUrlState.ts";
import { Axis } from "../shared/Axis.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { TeX } from "../shared/TeX.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { useMeasuredWidth } from "../shared/useMeasuredWidth.ts";
import { clampTo, formatNumber, formatScientific, plotArea, texNumber, texSignificant } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import {
  DESCENT_PREFIX,
  LOSSES,
  LOSS_IDS,
  MAX_STEPS,
  TARGET_LOSS,
  TARGET_STEPS,
  descend,
  descentSchema,
  lossCurve,
  reachedTarget,
  regime,
  type Regime,
} from "./descentModel.ts";
import styles from "./gradientDescent.module.css";

export type GradientDescentProps = {
  /** Id of the lesson challenge (reach E < 0.01 in ≤ 10 steps, and find a diverging rate); omit for none. */
  challengeId?: string;
  /** Milliseconds between steps while playing. Default 450 (900 with reduced motion). */
  interval?: number;
  /** URL parameter prefix. Default "gd". */
  urlPrefix?: string;
};

const W = 560;
/** Main chart height for a given width. */
const heightFor = (width: number) => Math.round(Math.min(320, Math.max(240, width * 0.58)));
const MARGIN = { top: 16, right: 16, bottom: 42, left: 50 };
const HISTORY_H = 170;
const HISTORY_MARGIN = { top: 12, right: 16, bottom: 40, left: 56 };

const REGIME_TEXT: Record<Regime, string> = {
  start: "Not started: press Step or Play.",
  converging: "Converging: each step goes downhill.",
  oscillating: "Oscillating: the steps jump across the valley, back and forth.",
  converged: "Converged: the steps have become tiny — this is a minimum.",
  diverging: "Diverging: the steps overshoot further each time and the loss explodes.",
};

/**
 * Gradient descent on a one-parameter loss E(θ): the curve, the tangent at the current θ (slope E′
 * from the engine's backward pass), the next step θ′ = θ − η E′(θ), and the path so far. Step, Play and
 * Reset drive it; the learning-rate slider shows slow convergence, oscillation and divergence. The
 * state (loss, η, start, steps taken) lives in the URL, so a link replays the same run.
 */
export function GradientDescent(props: GradientDescentProps) {
  const merged = mergeProps({ urlPrefix: DESCENT_PREFIX }, props);
  const url = useUrlState(descentSchema, merged.urlPrefix);
  const s = url.state;
  // Challenges count only what the learner does here, not a setup that arrived in a shared link.
  const [touched, setTouched] = createSignal(false);
  const change = (patch: Parameters<typeof url.update>[0]) => {
    setTouched(true);
    url.update(patch);
  };
  const spec = () => LOSSES[s().loss];

  const [width, measure] = useMeasuredWidth(W);
  const path = createMemo(() => descend(s().loss, s().lr, s().start, s().steps));
  const current = () => path()[path().length - 1];
  const stopped = () => path().length < s().steps + 1; // blew up before taking every step
  const state = createMemo(() => regime(path()));
  const next = () => current().theta - s().lr * current().dE;

  // ---- main chart ------------------------------------------------------------------------------
  const curve = createMemo(() => lossCurve(s().loss));
  const area = createMemo(() => plotArea(width(), heightFor(width()), MARGIN));
  const xScale = createMemo(() => scaleLinear().domain(spec().domain).range([area().left, area().right]));
  const yScale = createMemo(() => {
    const values = curve().map((p) => p.E);
    return scaleLinear()
      .domain([Math.min(0, ...values), Math.max(...values)])
      .nice()
      .range([area().bottom, area().top]);
  });
  const inView = (theta: number) => theta >= spec().domain[0] && theta <= spec().domain[1];
  const curvePath = () =>
    line<{ theta: number; E: number }>()
      .x((p) => xScale()(p.theta))
      .y((p) => yScale()(p.E))(curve()) ?? "";
  const cx = (theta: number) => xScale()(clampTo(theta, spec().domain[0], spec().domain[1]));
  const cy = (E: number) => yScale()(clampTo(E, yScale().domain()[0], yScale().domain()[1]));
  /** Tangent E(θ) + E′(θ)(t − θ) over ±15 % of the window around θ. */
  const tangent = () => {
    const { theta, E, dE } = current();
    const half = 0.15 * (spec().domain[1] - spec().domain[0]);
    const t0 = theta - half;
    const t1 = theta + half;
    return { x1: xScale()(t0), y1: yScale()(E + dE * (t0 - theta)), x2: xScale()(t1), y2: yScale()(E + dE * (t1 - theta)) };
  };
  const clipId = `gd-clip-${createUniqueId()}`;

  // ---- history chart: E against step, log axis -------------------------------------------------
  const historyArea = createMemo(() => plotArea(width(), HISTORY_H, HISTORY_MARGIN));
  const kScale = createMemo(() =>
    scaleLinear()
      .domain([0, Math.max(10, s().steps)])
      .range([historyArea().left, historyArea().right]),
  );
  const eScale = createMemo(() => {
    const finite = path()
      .map((p) => p.E)
      .filter((e) => Number.isFinite(e) && e > 0);
    const lo = Math.min(1e-3, ...finite);
    const hi = Math.max(10, ...finite);
    return scaleLog().domain([lo, hi]).range([historyArea().bottom, historyArea().top]).clamp(true).nice();
  });
  const historyPath = () =>
    line<{ E: number }>()
      .x((_, i) => kScale()(i))
      .y((p) => eScale()(Math.max(p.E, 1e-300)))
      .defined((p) => Number.isFinite(p.E))(path()) ?? "";

  // ---- controls --------------------------------------------------------------------------------
  const [playing, setPlaying] = createSignal(false);
  const canStep = () => !stopped() && s().steps < MAX_STEPS && state() !== "diverging" && state() !== "converged";
  const step = () => {
    if (canStep()) change({ steps: s().steps + 1 });
    else setPlaying(false);
  };
  const reset = () => {
    setPlaying(false);
    change({ steps: 0 });
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  onMount(() => {
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    createEffect(() => {
      clearInterval(timer);
      if (playing()) timer = setInterval(step, merged.interval ?? (reduced ? 900 : 450));
    });
  });
  onCleanup(() => clearInterval(timer));

  let svg: SVGSVGElement | undefined;
  let dragging = false;
  const startFromPointer = (event: PointerEvent) => {
    const p = svgPoint(svg!, event);
    const theta = Number(clampTo(xScale().invert(p.x), spec().domain[0], spec().domain[1]).toFixed(2));
    setPlaying(false);
    change({ start: theta, steps: 0 });
  };

  // ---- challenge: both parts, in any order ------------------------------------------------------
  const [hitTarget, setHitTarget] = createSignal(false);
  const [sawDivergence, setSawDivergence] = createSignal(false);
  createEffect(() => {
    if (!touched()) return;
    if (reachedTarget(s().loss, path())) setHitTarget(true);
    if (state() === "diverging") setSawDivergence(true);
  });
  createEffect(() => {
    if (merged.challengeId && hitTarget() && sawDivergence()) {
      reportChallengeComplete(merged.challengeId, "You found a learning rate that converges fast and one that diverges.");
    }
  });

  const stepTex = () => {
    const { theta, dE } = current();
    const eta = texNumber(s().lr, 3);
    const slope = dE < 0 ? `(${texSignificant(dE)})` : texSignificant(dE);
    return (
      `\\begin{aligned} \\theta' &= \\theta - \\eta\\,E'(\\theta) \\\\ ` +
      `&= ${texSignificant(theta)} - ${eta} \\times ${slope} \\\\ &= ${texSignificant(next())} \\end{aligned}`
    );
  };
  const description = () =>
    `Loss curve E(θ) for θ from ${spec().domain[0]} to ${spec().domain[1]}. After ${path().length - 1} steps with learning rate ${s().lr}, ` +
    `θ = ${formatNumber(current().theta, 3)}, E = ${formatScientific(current().E, 3)}, slope E′ = ${formatScientific(current().dE, 3)}. ` +
    REGIME_TEXT[state()];

  return (
    <figure class={styles.root} data-widget="gradient-descent" data-regime={state()} data-loss={s().loss}>
      <UrlNotice problems={url.problems()} />
      <ChoiceGroup
        name="loss"
        legend="Loss function"
        options={LOSS_IDS.map((id) => ({ value: id, label: LOSSES[id].label }))}
        value={s().loss}
        onChange={(loss) => {
          setPlaying(false);
          change({ loss, start: LOSSES[loss].start, steps: 0 });
        }}
      />
      <div ref={measure}>
        <TeX tex={spec().tex} data-testid="gd-formula" />
      </div>

      <ChartFrame
        width={width()}
        height={heightFor(width())}
        draggable
        label="Loss curve with the current parameter, its tangent and the path of gradient descent"
        description={description()}
        ref={(el) => (svg = el)}
        data-testid="gd-chart"
        onPointerDown={(event) => {
          dragging = true;
          (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
          startFromPointer(event);
        }}
        onPointerMove={(event) => {
          if (dragging) startFromPointer(event);
        }}
        onPointerUp={() => (dragging = false)}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={area().left} y={area().top} width={area().innerWidth} height={area().innerHeight} />
          </clipPath>
          <marker id={`${clipId}-arrow`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0 0 L10 5 L0 10 z" class={styles.arrowHead} />
          </marker>
        </defs>
        <Axis scale={xScale()} orient="bottom" at={area().bottom} ticks={8} label="θ" />
        <Axis scale={yScale()} orient="left" at={area().left} ticks={5} grid={area().innerWidth} label="E(θ)" />
        <g clip-path={`url(#${clipId})`}>
          <path class={styles.curve} d={curvePath()} data-testid="gd-curve" />
          <line class={styles.tangent} {...tangent()} data-testid="gd-tangent" />
          <For each={path().slice(0, -1)}>
            {(p, i) => (
              <line
                class={styles.hop}
                x1={cx(p.theta)}
                y1={cy(p.E)}
                x2={cx(path()[i() + 1].theta)}
                y2={cy(path()[i() + 1].E)}
                marker-end={`url(#${clipId}-arrow)`}
              />
            )}
          </For>
          <For each={path().slice(0, -1)}>{(p) => <circle class={styles.visited} cx={cx(p.theta)} cy={cy(p.E)} r={3.5} />}</For>
        </g>
        {/* Where the next step would land, on the θ axis. */}
        <Show when={canStep()}>
          <line
            class={styles.nextStep}
            x1={cx(current().theta)}
            x2={cx(next())}
            y1={area().bottom - 8}
            y2={area().bottom - 8}
            marker-end={`url(#${clipId}-arrow)`}
          />
        </Show>
        <circle class={styles.ball} cx={cx(current().theta)} cy={cy(current().E)} r={8} data-testid="gd-ball" />
        <Show when={!inView(current().theta) || current().E > yScale().domain()[1]}>
          <text class={styles.offChart} x={(area().left + area().right) / 2} y={area().top + 14} text-anchor="middle">
            θ is off the chart
          </text>
        </Show>
      </ChartFrame>

      <div
        class={styles.readout}
        data-testid="gd-readout"
        data-steps={path().length - 1}
        data-loss-value={current().E}
        data-theta={current().theta}
      >
        <p>
          <strong>Step {path().length - 1}</strong> · θ = {formatNumber(current().theta, 3)} · E(θ) ={" "}
          <span data-testid="gd-loss">{formatScientific(current().E, 3)}</span> · E′(θ) = {formatScientific(current().dE, 3)}
        </p>
        <p class={styles.regime} role="status" data-testid="gd-regime">
          {REGIME_TEXT[state()]}
        </p>
      </div>
      <TeX tex={stepTex()} data-testid="gd-step-tex" />

      <div class={styles.buttons}>
        <button type="button" class="button primary" data-testid="gd-step" onClick={step} disabled={!canStep()}>
          Step
        </button>
        <button
          type="button"
          class="button"
          data-testid="gd-play"
          aria-pressed={playing() ? "true" : "false"}
          onClick={() => setPlaying(!playing())}
          disabled={!canStep() && !playing()}
        >
          {playing() ? "Pause" : "Play"}
        </button>
        <button type="button" class="button" data-testid="gd-reset" onClick={reset}>
          Reset
        </button>
      </div>
      <div class={styles.sliders}>
        <LabelledSlider
          name="lr"
          label="Learning rate η"
          value={s().lr}
          min={0.01}
          max={2}
          step={0.01}
          digits={3}
          onChange={(lr) => {
            setPlaying(false);
            change({ lr, steps: 0 });
          }}
        />
        <LabelledSlider
          name="start"
          label="Start θ₀"
          hint="(or drag on the chart)"
          value={s().start}
          min={spec().domain[0]}
          max={spec().domain[1]}
          step={0.05}
          onChange={(start) => {
            setPlaying(false);
            change({ start, steps: 0 });
          }}
        />
      </div>

      <h3 class={styles.historyTitle}>Loss after each step</h3>
      <ChartFrame
        width={width()}
        height={HISTORY_H}
        label="Loss against step number, log scale"
        description={`Loss at each of the ${path().length} points visited: ${path()
          .slice(0, 12)
          .map((p) => formatScientific(p.E, 2))
          .join(", ")}${path().length > 12 ? ", …" : ""}.`}
        data-testid="gd-history"
      >
        <Axis scale={kScale()} orient="bottom" at={historyArea().bottom} ticks={6} format={(v) => String(v)} label="step" />
        <Axis
          scale={eScale()}
          orient="left"
          at={historyArea().left}
          ticks={4}
          grid={historyArea().innerWidth}
          format={(v) => formatScientific(v, 1)}
        />
        <Show when={s().loss === "mse"}>
          <line
            class={styles.target}
            x1={historyArea().left}
            x2={historyArea().right}
            y1={eScale()(TARGET_LOSS)}
            y2={eScale()(TARGET_LOSS)}
          />
          <text class={styles.targetLabel} x={historyArea().right - 4} y={eScale()(TARGET_LOSS) - 5} text-anchor="end">
            E = 0.01
          </text>
        </Show>
        <path class={styles.history} d={historyPath()} />
        <For each={path()}>
          {(p, i) => <circle class={styles.historyDot} cx={kScale()(i())} cy={eScale()(Math.max(p.E, 1e-300))} r={3} />}
        </For>
      </ChartFrame>

      <Show when={merged.challengeId}>
        <ul class={styles.checklist} data-testid="gd-challenge">
          <li data-done={hitTarget() ? "yes" : "no"}>
            {hitTarget() ? "✓" : "○"} Line fit: reach E &lt; {TARGET_LOSS} within {TARGET_STEPS} steps
          </li>
          <li data-done={sawDivergence() ? "yes" : "no"}>{sawDivergence() ? "✓" : "○"} Any loss: find a learning rate that diverges</li>
        </ul>
      </Show>
      <figcaption class={styles.caption}>
        The ball is the current θ on the loss curve; the straight line is the tangent there, with slope E′(θ) from the engine's backward
        pass; the arrow on the θ axis is the next step, −η E′(θ). Grey arrows trace the steps taken so far.
      </figcaption>
    </figure>
  );
}
