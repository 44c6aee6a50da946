import { scaleLinear, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle } from "d3";
import { For, Index, Show, createEffect, createMemo, createSignal, createUniqueId, mergeProps, onCleanup, onMount } from "solid-js";
import { optimizerNames } from "../../lib/optim/index.ts";
import type { OptimizerName } from "../../lib/optim/index.ts";
import { surfaces } from "../../lib/surfaces/index.ts";
import { useUrlState } from "../shared/useUrlState.ts";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { Axis } from "../shared/Axis.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { formatNumber, formatScientific, plotArea } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { contourPaths } from "../shared/contourPaths.ts";
import { markerAt, trailPath } from "../shared/clipPolyline.ts";
import { NumberBox } from "../shared/NumberBox.tsx";
import {
  CHALLENGE_STEPS,
  MAX_STEPS,
  RACER_LABELS,
  Race,
  adamRosenbrockDone,
  clampStart,
  configOf,
  nudgeStart,
  raceSchema,
  surfaceGrid,
} from "./optimizerRaceModel.ts";
import type { RaceSnapshot, RacerSnapshot } from "./optimizerRaceModel.ts";
import styles from "./optimizerRace.module.css";
import "../shared/palette.css";

export type OptimizerRaceProps = {
  /** Prefix of this widget's URL parameters. Default "race". */
  urlPrefix?: string;
  /** Challenge id reported when Adam reaches the Rosenbrock minimum within 300 steps. */
  challengeId?: string;
};

/** Colour, dash and marker per optimizer: never colour alone. */
const LOOK: Record<OptimizerName, { color: string; dash: string; marker: Parameters<typeof symbol>[0] }> = {
  sgd: { color: "var(--fg)", dash: "none", marker: symbolCircle },
  momentum: { color: "var(--chart-1)", dash: "7 3", marker: symbolSquare },
  nesterov: { color: "var(--chart-3)", dash: "2 3", marker: symbolTriangle },
  adagrad: { color: "var(--chart-5)", dash: "9 3 2 3", marker: symbolDiamond },
  rmsprop: { color: "var(--chart-4)", dash: "4 2", marker: symbolStar },
  adam: { color: "var(--chart-2)", dash: "none", marker: symbolCross },
};
const SPEEDS = [
  { value: "1", label: "×1" },
  { value: "3", label: "×3" },
  { value: "10", label: "×10" },
] as const;
const SIZE = 360;
const REDUCED_MOTION_JUMP = 50;

/**
 * The optimizer race: SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam descend a 2-D loss surface
 * from a start the learner drags (or moves with the arrow keys), animated with
 * requestAnimationFrame; a table reads each optimizer's state as it goes.
 */
export function OptimizerRace(props: OptimizerRaceProps) {
  const merged = mergeProps({ urlPrefix: "race", challengeId: "race-adam-rosenbrock" }, props);
  const uid = createUniqueId();
  const url = useUrlState(raceSchema, merged.urlPrefix);
  const config = createMemo(() => configOf(url.state()));
  const surface = () => config().surface;

  // The race object is mutable and lives outside Solid; the view sees its snapshots.
  let race = new Race(config());
  const [snap, setSnap] = createSignal<RaceSnapshot>(race.snapshot());
  const [playing, setPlaying] = createSignal(false);
  const [speed, setSpeed] = createSignal<"1" | "3" | "10">("1");
  const [reducedMotion, setReducedMotion] = createSignal(false);
  const [fps, setFps] = createSignal(0);

  // A new configuration (start dragged, rate typed…) replays the race to the same step count, so
  // paths follow the start point while it moves.
  createEffect(() => {
    const c = config();
    const steps = race.steps;
    race = new Race(c);
    race.advanceTo(steps);
    setSnap(race.snapshot());
  });

  let frame = 0;
  let fpsFrames = 0;
  let fpsSince = 0;
  const tick = (time: number) => {
    if (!fpsSince) fpsSince = time;
    fpsFrames += 1;
    if (time - fpsSince >= 500) {
      setFps(Math.round((fpsFrames * 1000) / (time - fpsSince)));
      fpsFrames = 0;
      fpsSince = time;
    }
    race.advanceTo(race.steps + Number(speed()));
    setSnap(race.snapshot());
    if (race.finished) {
      setPlaying(false);
      return;
    }
    frame = requestAnimationFrame(tick);
  };
  const play = () => {
    if (race.finished) reset();
    if (reducedMotion()) {
      race.advanceTo(race.steps + REDUCED_MOTION_JUMP);
      setSnap(race.snapshot());
      return;
    }
    setPlaying(true);
    fpsFrames = 0;
    fpsSince = 0;
    frame = requestAnimationFrame(tick);
  };
  const pause = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    setPlaying(false);
  };
  const stepOnce = () => {
    pause();
    race.step();
    setSnap(race.snapshot());
  };
  const reset = () => {
    pause();
    race = new Race(config());
    setSnap(race.snapshot());
  };
  onMount(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReducedMotion(query.matches);
    const listen = () => setReducedMotion(query.matches);
    query.addEventListener("change", listen);
    onCleanup(() => {
      query.removeEventListener("change", listen);
      if (frame) cancelAnimationFrame(frame);
    });
  });

  createEffect(() => {
    if (adamRosenbrockDone(config(), snap())) {
      reportChallengeComplete(
        merged.challengeId,
        `Adam reached the bottom of the banana valley in ${snap().racers.find((r) => r.name === "adam")?.arrivedAt} steps.`,
      );
    }
  });

  // ——— chart geometry ———
  const area = plotArea(SIZE, SIZE, { left: 40, bottom: 36, top: 10, right: 10 });
  const sx = createMemo(() => scaleLinear().domain(surface().domain.x).range([area.left, area.right]));
  const sy = createMemo(() => scaleLinear().domain(surface().domain.y).range([area.bottom, area.top]));
  const grid = createMemo(() => surfaceGrid(surface()));
  const contourLines = createMemo(() => {
    const g = grid();
    return contourPaths({ values: g.values, nx: g.nx, ny: g.ny, x: g.x, y: g.y, levels: g.levels, sx: sx(), sy: sy() });
  });
  // A diverged racer's last point lies 10⁶ and more away: trails are cut at the plot (clipPolyline.ts).
  const trail = (r: RacerSnapshot) =>
    trailPath(
      r.path.map(([x, y]) => [sx()(x), sy()(y)] as const),
      area,
    );
  const marker = (name: OptimizerName) => symbol(LOOK[name].marker, 70)() ?? "";
  const clipId = `race-clip-${uid}`;

  // ——— dragging the start ———
  let svg: SVGSVGElement | undefined;
  const [dragging, setDragging] = createSignal(false);
  const moveStart = (event: { clientX: number; clientY: number }) => {
    if (!svg) return;
    const p = svgPoint(svg, event);
    const [x, y] = clampStart(surface(), sx().invert(p.x), sy().invert(p.y));
    url.update({ x0: x, y0: y });
  };

  /** Keeps receiving the pointer while dragging outside the chart (ignored if the pointer is gone). */
  const capture = (element: Element, pointerId: number) => {
    try {
      element.setPointerCapture(pointerId);
    } catch {
      // The pointer was already released: nothing to capture.
    }
  };

  const setSurface = (id: string) => {
    pause();
    race = new Race(configOf({ ...url.state(), s: id }));
    const patch: Record<string, null | string> = { s: id, x0: null, y0: null };
    for (const name of optimizerNames) patch[`lr.${name}`] = null;
    url.update(patch as Parameters<typeof url.update>[0]);
  };

  const describe = () => {
    const c = config();
    const parts = snap()
      .racers.filter((r) => r.on)
      .map(
        (r) =>
          `${r.label} at (${formatNumber(r.position[0])}, ${formatNumber(r.position[1])}), E = ${formatScientific(r.loss)}` +
          (r.diverged ? ", diverged" : r.arrivedAt !== null ? `, reached a minimum at step ${r.arrivedAt}` : ""),
      );
    return `${c.surface.name}. Start (${formatNumber(c.start[0])}, ${formatNumber(c.start[1])}). After ${snap().steps} steps: ${parts.join("; ")}.`;
  };

  const lrNudge = (v: number, dir: 1 | -1) => Number((dir > 0 ? v * 1.25 : v / 1.25).toPrecision(3));

  return (
    <figure
      class={styles.root}
      data-widget="optimizer-race"
      data-playing={playing() ? "yes" : "no"}
      data-steps={snap().steps}
      data-fps={fps()}
    >
      <UrlNotice problems={url.problems()} />
      <ChoiceGroup
        name="surface"
        legend="Loss surface"
        options={surfaces.map((s) => ({ value: s.id, label: s.id === "quadratic" ? "Narrow bowl" : s.name }))}
        value={url.state().s}
        onChange={setSurface}
      />

      <div class={styles.playbar} role="group" aria-label="Race controls">
        <Show
          when={playing()}
          fallback={
            <button type="button" class="button primary" data-action="play" onClick={play}>
              {reducedMotion() ? `▶ Run ${REDUCED_MOTION_JUMP} steps` : "▶ Play"}
            </button>
          }
        >
          <button type="button" class="button primary" data-action="pause" onClick={pause}>
            ❚❚ Pause
          </button>
        </Show>
        <button type="button" class="button" data-action="step" onClick={stepOnce} disabled={snap().steps >= MAX_STEPS}>
          Step
        </button>
        <button type="button" class="button" data-action="reset" onClick={reset}>
          Reset
        </button>
        <ChoiceGroup name="speed" legend="Steps per frame" options={SPEEDS} value={speed()} onChange={setSpeed} />
        <p class={styles.counter} aria-live="off">
          Step <output data-testid="race-steps">{snap().steps}</output> / {MAX_STEPS}
        </p>
      </div>

      <div class={styles.stage}>
        <div class={styles.chart}>
          <ChartFrame
            width={SIZE}
            height={SIZE}
            role="group"
            label={`Contours of the ${surface().name} surface with each optimizer's path`}
            description={describe()}
            draggable
            data-testid="race-chart"
            ref={(el) => (svg = el)}
            onPointerDown={(event) => {
              if (!svg) return;
              // A press anywhere on the chart moves the start there, and dragging carries it along.
              setDragging(true);
              capture(svg, event.pointerId);
              moveStart(event);
            }}
            onPointerMove={(event) => {
              if (dragging()) moveStart(event);
            }}
            onPointerUp={() => setDragging(false)}
          >
            <defs>
              <clipPath id={clipId}>
                <rect x={area.left} y={area.top} width={area.innerWidth} height={area.innerHeight} />
              </clipPath>
            </defs>
            <rect class={styles.plotBg} x={area.left} y={area.top} width={area.innerWidth} height={area.innerHeight} />
            <g clip-path={`url(#${clipId})`} aria-hidden="true">
              <For each={contourLines()}>
                {(c) => <path class={styles.contour} d={c.d} style={{ "stroke-opacity": String(0.3 + 0.5 * (1 - c.rank)) }} />}
              </For>
              <For each={surface().minima}>
                {(m) => (
                  <path class={styles.minimum} transform={`translate(${sx()(m[0])} ${sy()(m[1])})`} d={symbol(symbolStar, 90)() ?? ""} />
                )}
              </For>
              <For each={surface().saddles ?? []}>{(m) => <circle class={styles.saddle} cx={sx()(m[0])} cy={sy()(m[1])} r={4} />}</For>
              <Index each={snap().racers}>
                {(r) => (
                  <Show when={r().on}>
                    <path
                      class={styles.trail}
                      d={trail(r())}
                      style={{ stroke: LOOK[r().name].color, "stroke-dasharray": LOOK[r().name].dash }}
                      data-trail={r().name}
                    />
                    <path
                      class={styles.head}
                      transform={`translate(${markerAt([sx()(r().position[0]), sy()(r().position[1])], area).join(" ")})`}
                      d={marker(r().name)}
                      style={{ fill: LOOK[r().name].color }}
                    />
                  </Show>
                )}
              </Index>
            </g>
            <Axis scale={sx()} orient="bottom" at={area.bottom} ticks={5} label="x" />
            <Axis scale={sy()} orient="left" at={area.left} ticks={5} label="y" />
            <g
              class={styles.startHandle}
              transform={`translate(${sx()(config().start[0])} ${sy()(config().start[1])})`}
              tabindex="0"
              role="img"
              aria-label={`Start point at x = ${formatNumber(config().start[0])}, y = ${formatNumber(config().start[1])}. Drag it, or use the arrow keys (Shift for bigger moves).`}
              data-testid="race-start"
              onKeyDown={(event) => {
                const next = nudgeStart(surface(), config().start, event.key, event.shiftKey);
                if (!next) return;
                event.preventDefault();
                url.update({ x0: next[0], y0: next[1] });
              }}
            >
              <circle class={styles.startHit} r={22} />
              <circle class={styles.startRing} r={9} />
              <circle class={styles.startDot} r={3} />
            </g>
          </ChartFrame>
          <p class={styles.note}>
            ★ minimum{surface().saddles ? ", ○ saddle point" : ""}. Drag the ringed start point (or focus it and use the arrow keys).
            <Show when={fps() > 0}>
              {" "}
              <span data-testid="race-fps">{fps()} frames/s</span>
            </Show>
          </p>
        </div>

        <div class={styles.hyper}>
          <LabelledSlider
            name="alpha"
            label="Momentum α (momentum, Nesterov)"
            value={url.state().alpha}
            min={0}
            max={0.99}
            step={0.01}
            onChange={(v) => url.update({ alpha: v })}
          />
          <LabelledSlider
            name="rho"
            label="Decay ρ (RMSProp)"
            value={url.state().rho}
            min={0}
            max={0.999}
            step={0.001}
            digits={3}
            onChange={(v) => url.update({ rho: v })}
          />
          <LabelledSlider
            name="beta1"
            label="β₁ (Adam, 1st moment)"
            value={url.state().beta1}
            min={0}
            max={0.999}
            step={0.001}
            digits={3}
            onChange={(v) => url.update({ beta1: v })}
          />
          <LabelledSlider
            name="beta2"
            label="β₂ (Adam, 2nd moment)"
            value={url.state().beta2}
            min={0}
            max={0.9999}
            step={0.0001}
            digits={4}
            onChange={(v) => url.update({ beta2: v })}
          />
        </div>
      </div>

      <h3 id={`race-table-${uid}`} class={styles.tableTitle}>
        Each optimizer: learning rate η, position, loss E and its state after t updates{" "}
        <span class={styles.captionNote}>(v: velocity; G: sum of g²; S: average of g²; m, v: Adam's moments)</span>
      </h3>
      <div class={styles.tableWrap} tabindex="0" role="region" aria-labelledby={`race-table-${uid}`}>
        <table class={styles.table} data-testid="race-table" aria-labelledby={`race-table-${uid}`}>
          <thead>
            <tr>
              <th scope="col">optimizer</th>
              <th scope="col">η</th>
              <th scope="col">(x, y)</th>
              <th scope="col">E</th>
              <th scope="col">t</th>
              <th scope="col">state</th>
            </tr>
          </thead>
          <tbody>
            {/* Index, not For: every snapshot holds new racer objects, and a For keyed by object would
                rebuild each row, and with it the learning-rate box being typed in, at every keystroke
                and frame (the box lost focus after the first character). The racers never reorder. */}
            <Index each={snap().racers}>
              {(r) => (
                <tr data-racer={r().name} classList={{ [styles.off]: !r().on }}>
                  <th scope="row">
                    <label class={styles.toggle}>
                      <input
                        type="checkbox"
                        checked={r().on}
                        onChange={(e) => url.update({ [`on.${r().name}`]: e.currentTarget.checked } as Parameters<typeof url.update>[0])}
                      />
                      <svg class={styles.swatch} viewBox="-8 -8 40 16" aria-hidden="true">
                        <line
                          x1="-6"
                          x2="16"
                          y1="0"
                          y2="0"
                          style={{ stroke: LOOK[r().name].color, "stroke-dasharray": LOOK[r().name].dash }}
                        />
                        <path
                          transform="translate(24 0)"
                          d={symbol(LOOK[r().name].marker, 40)() ?? ""}
                          style={{ fill: LOOK[r().name].color }}
                        />
                      </svg>
                      {RACER_LABELS[r().name]}
                    </label>
                  </th>
                  <td>
                    <NumberBox
                      label={`Learning rate of ${RACER_LABELS[r().name]}`}
                      hideLabel
                      name={`lr-${r().name}`}
                      value={config().racers[r().name].learningRate}
                      min={0}
                      max={2}
                      nudge={lrNudge}
                      onChange={(v) => url.update({ [`lr.${r().name}`]: v } as Parameters<typeof url.update>[0])}
                    />
                  </td>
                  <td data-cell="position">
                    ({formatNumber(r().position[0])}, {formatNumber(r().position[1])})
                  </td>
                  <td data-cell="loss">
                    {r().diverged ? "diverged" : formatScientific(r().loss)}
                    <Show when={r().arrivedAt !== null}>
                      <span class={styles.arrived}> ★ {r().arrivedAt}</span>
                    </Show>
                  </td>
                  <td data-cell="t">{r().t}</td>
                  <td data-cell="state" class={styles.state}>
                    <Show when={r().state.length > 0} fallback={<span class={styles.muted}>none</span>}>
                      <Index each={r().state}>
                        {(e) => (
                          <span class={styles.stateEntry}>
                            <span class={styles.nowrap}>
                              {e().label} = ({formatScientific(e().values[0])},
                            </span>{" "}
                            <span class={styles.nowrap}>{formatScientific(e().values[1])})</span>
                          </span>
                        )}
                      </Index>
                    </Show>
                  </td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </div>
      <figcaption class={styles.caption}>
        Every step is one update of the course's optimizers (src/lib/optim) on the point (x, y), with the exact gradient of the surface. ★ n
        in the table: the step at which the optimizer first came within 0.05 of a minimum. Challenge: Adam on Rosenbrock within{" "}
        {CHALLENGE_STEPS} steps.
      </figcaption>
    </figure>
  );
}
