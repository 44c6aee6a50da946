import { line, scaleLinear, scaleLog } from "d3";
import { For, Show, createEffect, createMemo, createSignal, createUniqueId, mergeProps, on, onCleanup, onMount, untrack } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { Axis } from "../shared/Axis.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { clampTo, formatNumber, plotArea } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import type { OptimizerName } from "../../lib/optim/index.ts";
import { contourPaths } from "../shared/contourPaths.ts";
import { markerAt, trailPath } from "../shared/clipPolyline.ts";
import {
  B_DOMAIN,
  N_POINTS,
  ONE_EPOCH_TARGET,
  RUN_LABELS,
  RUN_SIZES,
  W_DOMAIN,
  nudgeMinibatchStart,
  contourLevels,
  indexAtSamples,
  lossAfterOneEpoch,
  lossGrid,
  makeDataset,
  minibatchSchema,
  oneEpochDone,
  runMinibatch,
} from "./minibatchFitModel.ts";
import type { Run } from "./minibatchFitModel.ts";
import styles from "./minibatchFit.module.css";
import "../shared/palette.css";

export type MinibatchFitProps = {
  /** Prefix of this widget's URL parameters. Default "mb". */
  urlPrefix?: string;
  /** Challenge id reported when a run's full-data loss is below target after one epoch. */
  challengeId?: string;
};

const GRID = 64;
const SIZE = { width: 340, height: 320 };
const LOSS_SIZE = { width: 340, height: 320 };
const COLORS = ["var(--chart-2)", "var(--chart-1)", "var(--chart-3)"];
const DASHES = ["none", "6 3", "2 3"];
const OPTIMIZERS: { value: OptimizerName; label: string }[] = [
  { value: "sgd", label: "Plain" },
  { value: "momentum", label: "Momentum" },
  { value: "adam", label: "Adam" },
];
/** Playback speed: samples per second of animation. */
const SAMPLES_PER_SECOND = 160;

/**
 * Fit a line to 100 noisy points with batch sizes 1, 32 and 100 side by side: their paths on the
 * loss contours and their full-data loss against the number of samples seen, played back in time.
 */
export function MinibatchFit(props: MinibatchFitProps) {
  const merged = mergeProps({ urlPrefix: "mb", challengeId: "sgd-one-epoch" }, props);
  const uid = createUniqueId();
  const url = useUrlState(minibatchSchema, merged.urlPrefix);
  const s = () => url.state();

  const data = createMemo(() => makeDataset(s().seed));
  const grid = createMemo(() => lossGrid(data(), W_DOMAIN, B_DOMAIN, GRID, GRID));
  const runs = createMemo<Run[]>(() =>
    RUN_SIZES.map((batchSize) =>
      runMinibatch(data(), {
        batchSize,
        optimizer: s().opt,
        learningRate: s().lr,
        epochs: s().epochs,
        start: [s().w0, s().b0],
        seed: s().seed,
      }),
    ),
  );
  const shown = () => [s().b1, s().b32, s().ball];
  const totalSamples = () => s().epochs * N_POINTS;

  // The playhead lives here while playing (60 writes a second would flood the history API) and is
  // written to the URL whenever playback stops.
  const [playhead, setPlayhead] = createSignal(0);
  const [playing, setPlaying] = createSignal(false);
  const [reducedMotion, setReducedMotion] = createSignal(false);
  // Follow the URL (a shared link, or the seed/epochs changing under a paused playhead).
  createEffect(
    on([() => s().seen, totalSamples], ([fromUrl, total]) => {
      if (!untrack(playing)) setPlayhead(Math.min(fromUrl, total));
    }),
  );
  const commit = (value: number) => {
    const v = Math.round(clampTo(value, 0, totalSamples()));
    setPlayhead(v);
    url.update({ seen: v });
  };

  let frame = 0;
  let last = 0;
  const tick = (time: number) => {
    const dt = last ? Math.min(time - last, 100) : 16;
    last = time;
    const next = playhead() + (dt / 1000) * SAMPLES_PER_SECOND;
    if (next >= totalSamples()) {
      commit(totalSamples());
      setPlaying(false);
      return;
    }
    setPlayhead(next);
    frame = requestAnimationFrame(tick);
  };
  const play = () => {
    if (reducedMotion()) {
      // No animation: jump one epoch per press.
      commit(Math.min(totalSamples(), Math.floor(playhead() / N_POINTS + 1) * N_POINTS));
      return;
    }
    if (playhead() >= totalSamples()) setPlayhead(0);
    setPlaying(true);
    last = 0;
    frame = requestAnimationFrame(tick);
  };
  const pause = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    commit(playhead());
    setPlaying(false);
  };
  onMount(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReducedMotion(query.matches);
    const listen = () => setReducedMotion(query.matches);
    query.addEventListener("change", listen);
    onCleanup(() => {
      query.removeEventListener("change", listen);
      cancelAnimationFrame(frame);
    });
  });

  // ——— contour chart ———
  const area = plotArea(SIZE.width, SIZE.height, { left: 46, bottom: 42, top: 14, right: 14 });
  const sx = scaleLinear().domain(W_DOMAIN).range([area.left, area.right]);
  const sy = scaleLinear().domain(B_DOMAIN).range([area.bottom, area.top]);
  const contourLines = createMemo(() =>
    contourPaths({ values: grid().values, nx: grid().nw, ny: grid().nb, x: W_DOMAIN, y: B_DOMAIN, levels: contourLevels(grid()), sx, sy }),
  );
  const indexOf = (run: Run) => indexAtSamples(run, playhead());
  // A run that diverged ends 10⁶ and more away: trails are cut at the plot (clipPolyline.ts).
  const trail = (run: Run) =>
    trailPath(
      run.path.slice(0, indexOf(run) + 1).map(([w, b]) => [sx(w), sy(b)] as const),
      area,
    );
  const position = (run: Run) => run.path[indexOf(run)];
  /** Where a run's marker is drawn (held just outside the plot once the run has left it). */
  const head = (run: Run) => markerAt([sx(position(run)[0]), sy(position(run)[1])], area);
  const clipId = `mb-clip-${uid}`;

  // ——— loss chart ———
  const lossArea = plotArea(LOSS_SIZE.width, LOSS_SIZE.height, { left: 46, bottom: 42, top: 14, right: 14 });
  const lx = createMemo(() => scaleLinear().domain([0, totalSamples()]).range([lossArea.left, lossArea.right]));
  const ly = createMemo(() => {
    const top = Math.max(...runs().map((r) => r.loss[0])) * 1.3;
    return scaleLog()
      .domain([0.15, Math.max(top, 1)])
      .range([lossArea.bottom, lossArea.top])
      .clamp(true);
  });
  const lossLine = (run: Run) => {
    const n = indexOf(run) + 1;
    const points: [number, number][] = [];
    for (let i = 0; i < n; i++) points.push([lx()(run.seen[i]), ly()(Math.max(run.loss[i], 1e-9))]);
    // Hold the last loss until the playhead (no update happens between batches).
    points.push([lx()(Math.min(playhead(), run.seen.at(-1) ?? 0)), ly()(Math.max(run.loss[n - 1], 1e-9))]);
    return line()(points) ?? "";
  };

  const setStart = (event: PointerEvent, svg: SVGSVGElement) => {
    const p = svgPoint(svg, event);
    const w = Number(clampTo(sx.invert(p.x), W_DOMAIN[0], W_DOMAIN[1]).toFixed(2));
    const b = Number(clampTo(sy.invert(p.y), B_DOMAIN[0], B_DOMAIN[1]).toFixed(2));
    url.update({ w0: w, b0: b });
  };
  let contourSvg: SVGSVGElement | undefined;
  const [dragging, setDragging] = createSignal(false);

  createEffect(() => {
    if (oneEpochDone(runs(), shown(), playhead())) {
      reportChallengeComplete(
        merged.challengeId,
        `After one epoch the loss is below ${ONE_EPOCH_TARGET}: frequent small updates paid off.`,
      );
    }
  });

  const describe = () =>
    runs()
      .map((r, i) => {
        if (!shown()[i]) return "";
        const k = indexOf(r);
        const [w, b] = r.path[k];
        return `${RUN_LABELS[i]}: ${k} updates, w = ${formatNumber(w)}, b = ${formatNumber(b)}, loss ${formatNumber(r.loss[k], 3)}${r.diverged ? " (diverged)" : ""}.`;
      })
      .join(" ");

  return (
    <figure class={styles.root} data-widget="minibatch-fit" data-playing={playing() ? "yes" : "no"}>
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <LabelledSlider
          name="lr"
          label="Learning rate η"
          value={s().lr}
          min={0.001}
          max={0.3}
          step={0.001}
          digits={3}
          onChange={(v) => url.update({ lr: v })}
        />
        <LabelledSlider
          name="epochs"
          label="Epochs"
          value={s().epochs}
          min={1}
          max={20}
          step={1}
          digits={0}
          onChange={(v) => url.update({ epochs: Math.round(v) })}
        />
        <ChoiceGroup
          name="opt"
          legend="Update rule"
          options={OPTIMIZERS.some((o) => o.value === s().opt) ? OPTIMIZERS : [...OPTIMIZERS, { value: s().opt, label: s().opt }]}
          value={s().opt}
          onChange={(v) => url.update({ opt: v })}
        />
        <fieldset class={styles.runs}>
          <legend>Runs shown</legend>
          <For each={RUN_LABELS}>
            {(label, i) => (
              <label class={styles.check}>
                <input
                  type="checkbox"
                  checked={shown()[i()]}
                  data-run={RUN_SIZES[i()]}
                  onChange={(e) =>
                    url.update(
                      i() === 0
                        ? { b1: e.currentTarget.checked }
                        : i() === 1
                          ? { b32: e.currentTarget.checked }
                          : { ball: e.currentTarget.checked },
                    )
                  }
                />
                <svg class={styles.swatch} viewBox="0 0 24 8" aria-hidden="true">
                  <line x1="0" x2="24" y1="4" y2="4" style={{ stroke: COLORS[i()], "stroke-dasharray": DASHES[i()] }} />
                </svg>
                {label}
              </label>
            )}
          </For>
        </fieldset>
      </div>

      <div class={styles.playbar} role="group" aria-label="Playback">
        <Show
          when={playing()}
          fallback={
            <button type="button" class="button primary" data-action="play" onClick={play}>
              {reducedMotion() ? "▶ Next epoch" : "▶ Play"}
            </button>
          }
        >
          <button type="button" class="button primary" data-action="pause" onClick={pause}>
            ❚❚ Pause
          </button>
        </Show>
        <button type="button" class="button" data-action="reset" onClick={() => (pause(), commit(0))}>
          Reset
        </button>
        <div class={styles.scrub}>
          <LabelledSlider
            name="seen"
            label="Samples seen"
            value={Math.round(playhead())}
            min={0}
            max={totalSamples()}
            step={1}
            digits={0}
            hint={`(${formatNumber(playhead() / N_POINTS, 2)} epochs)`}
            onChange={(v) => (playing() ? pause() : undefined, commit(v))}
          />
        </div>
      </div>

      <div class={styles.charts}>
        <div>
          <ChartFrame
            width={SIZE.width}
            height={SIZE.height}
            role="img"
            label="Paths of the three runs on the contours of the full-data loss over slope w and intercept b"
            description={`Start at w = ${s().w0}, b = ${s().b0}. ${describe()}`}
            draggable={dragging()}
            data-testid="mb-contour"
            ref={(el) => (contourSvg = el)}
            onPointerDown={(e) => {
              if (!contourSvg) return;
              setDragging(true);
              try {
                contourSvg.setPointerCapture(e.pointerId);
              } catch {
                // The pointer was already released: nothing to capture.
              }
              setStart(e, contourSvg);
            }}
            onPointerMove={(e) => {
              if (dragging() && contourSvg) setStart(e, contourSvg);
            }}
            onPointerUp={() => setDragging(false)}
          >
            <defs>
              <clipPath id={clipId}>
                <rect x={area.left} y={area.top} width={area.innerWidth} height={area.innerHeight} />
              </clipPath>
            </defs>
            <rect class={styles.plotBg} x={area.left} y={area.top} width={area.innerWidth} height={area.innerHeight} />
            <g clip-path={`url(#${clipId})`}>
              <For each={contourLines()}>
                {(c) => <path class={styles.contour} d={c.d} style={{ "stroke-opacity": String(0.25 + 0.55 * (1 - c.rank)) }} />}
              </For>
              <For each={runs()}>
                {(run, i) => (
                  <Show when={shown()[i()]}>
                    <path
                      class={styles.trail}
                      d={trail(run)}
                      style={{ stroke: COLORS[i()], "stroke-dasharray": DASHES[i()] }}
                      data-trail={run.batchSize}
                    />
                    <circle class={styles.head} cx={head(run)[0]} cy={head(run)[1]} r={4.5} style={{ fill: COLORS[i()] }} />
                  </Show>
                )}
              </For>
              <g
                class={styles.startHandle}
                tabindex="0"
                role="img"
                aria-label={`Start at w = ${s().w0}, b = ${s().b0}. Drag it, or use the arrow keys (Shift for bigger moves).`}
                data-testid="mb-start-handle"
                onPointerDown={(e) => e.currentTarget.focus()}
                onKeyDown={(event) => {
                  const next = nudgeMinibatchStart([s().w0, s().b0], event.key, event.shiftKey);
                  if (!next) return;
                  event.preventDefault();
                  url.update({ w0: next[0], b0: next[1] });
                }}
              >
                <circle class={styles.startHit} cx={sx(s().w0)} cy={sy(s().b0)} r={14} />
                <circle class={styles.start} cx={sx(s().w0)} cy={sy(s().b0)} r={6} data-testid="mb-start" />
              </g>
            </g>
            <Axis scale={sx} orient="bottom" at={area.bottom} ticks={6} label="slope w" />
            <Axis scale={sy} orient="left" at={area.left} ticks={7} label="intercept b" />
          </ChartFrame>
          <p class={styles.chartNote}>Tap or drag on the contours to move the start (or focus the start and use the arrow keys).</p>
        </div>
        <div>
          <ChartFrame
            width={LOSS_SIZE.width}
            height={LOSS_SIZE.height}
            label="Full-data loss against the number of samples seen, for each batch size"
            description={describe()}
            data-testid="mb-loss"
          >
            <rect class={styles.plotBg} x={lossArea.left} y={lossArea.top} width={lossArea.innerWidth} height={lossArea.innerHeight} />
            <line class={styles.epochRule} x1={lx()(N_POINTS)} x2={lx()(N_POINTS)} y1={lossArea.top} y2={lossArea.bottom} />
            <text class={styles.ruleLabel} x={lx()(N_POINTS) + 4} y={lossArea.bottom - 6}>
              1 epoch
            </text>
            <line
              class={styles.targetRule}
              x1={lossArea.left}
              x2={lossArea.right}
              y1={ly()(ONE_EPOCH_TARGET)}
              y2={ly()(ONE_EPOCH_TARGET)}
            />
            <text class={styles.ruleLabel} x={lossArea.right - 4} y={ly()(ONE_EPOCH_TARGET) - 4} text-anchor="end">
              target {ONE_EPOCH_TARGET}
            </text>
            <For each={runs()}>
              {(run, i) => (
                <Show when={shown()[i()]}>
                  <path class={styles.trail} d={lossLine(run)} style={{ stroke: COLORS[i()], "stroke-dasharray": DASHES[i()] }} />
                </Show>
              )}
            </For>
            <line class={styles.playhead} x1={lx()(playhead())} x2={lx()(playhead())} y1={lossArea.top} y2={lossArea.bottom} />
            <Axis scale={lx()} orient="bottom" at={lossArea.bottom} ticks={5} label="samples seen" />
            <Axis
              scale={ly()}
              orient="left"
              at={lossArea.left}
              ticks={4}
              format={(v) => String(v)}
              tickValues={[0.2, 0.5, 1, 2, 5, 10, 20].filter((v) => v <= ly().domain()[1])}
              label="loss E"
            />
          </ChartFrame>
        </div>
      </div>

      <div class={styles.tableWrap} tabindex="0" role="region" aria-label="Runs compared">
        <table class={styles.table} data-testid="mb-table">
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">updates / epoch</th>
              <th scope="col">so far</th>
              <th scope="col">loss now</th>
              <th scope="col">after 1 epoch</th>
            </tr>
          </thead>
          <tbody>
            <For each={runs()}>
              {(run, i) => (
                <tr data-run={run.batchSize} classList={{ [styles.hidden]: !shown()[i()] }}>
                  <th scope="row">
                    <svg class={styles.swatch} viewBox="0 0 24 8" aria-hidden="true">
                      <line x1="0" x2="24" y1="4" y2="4" style={{ stroke: COLORS[i()], "stroke-dasharray": DASHES[i()] }} />
                    </svg>
                    {RUN_LABELS[i()]}
                  </th>
                  <td data-cell="per-epoch">
                    ⌈{N_POINTS}/{run.batchSize}⌉ = {run.updatesPerEpoch}
                  </td>
                  <td data-cell="updates">{indexOf(run)}</td>
                  <td data-cell="loss">
                    {run.diverged && indexOf(run) === run.path.length - 1 ? "diverged" : formatNumber(run.loss[indexOf(run)], 3)}
                  </td>
                  <td data-cell="epoch-loss">{formatNumber(lossAfterOneEpoch(run), 3)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <figcaption class={styles.caption}>
        {N_POINTS} points scattered around a straight line (seed {s().seed}). Each run starts from the same (w, b) and sees the samples in
        the same shuffled order each epoch; only the batch size B differs. Contours show the loss over all {N_POINTS} points, which is what
        we really want small.
      </figcaption>
    </figure>
  );
}
