import { For, Show, batch, createEffect, createMemo, createSignal, mergeProps, on, onCleanup, untrack } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { formatNumber } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { Rng } from "../../lib/random/index.ts";
import { payloadFromData } from "../../lib/worker/index.ts";
import type { FitStartMessage } from "../../lib/worker/index.ts";
import { isStopped, startFit } from "../shared/startFit.ts";
import type { FitRun } from "../shared/startFit.ts";
import {
  CHALLENGE_SHARE,
  DIFFUSION_2D_PREFIX,
  NEAR,
  SETUP_2D,
  diffusion2dSchema,
  frameStep,
  shareNearData,
  targetPoints,
  trainingRows,
} from "./diffusion2dModel.ts";
import type { Distribution, Sampler } from "./diffusion2dModel.ts";
import { d2InputsKey, d2Transition, initialD2State, lossesOf, netOf } from "./diffusion2dMachine.ts";
import type { D2Event, D2State } from "./diffusion2dMachine.ts";
import "../shared/palette.css";
import styles from "./diffusion.module.css";

export type Diffusion2DProps = {
  /** Id of the lesson challenge (most generated points on the two moons); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "d2". */
  urlPrefix?: string;
};

type Status = D2State["phase"];

const SIZE = 320;
const SPAN = 2.4;
const toX = (x: number) => ((x + SPAN) / (2 * SPAN)) * SIZE;
const toY = (y: number) => ((SPAN - y) / (2 * SPAN)) * SIZE;
/** Generated points far outside the square are drawn on its edge rather than outside the chart. */
const inBox = (v: number) => Math.max(-SPAN, Math.min(SPAN, v));
const fromSvg = (p: { x: number; y: number }): [number, number] => [(p.x / SIZE) * 2 * SPAN - SPAN, SPAN - (p.y / SIZE) * 2 * SPAN];

// The noise-predicting MLP and the reverse process need the engine (≈12 kB of gzipped JS): they load
// when the learner first presses Train, not with the page.
const networkModule = () => import("./diffusion2dNetwork.ts");

const LABELS: Record<Distribution, string> = { moons: "Two moons", ring: "Ring", spiral: "Spiral", drawn: "Draw your own" };

/**
 * Diffusion in the plane: pick (or draw) a distribution of points, train a small MLP to predict the
 * noise ε from (x_t, t) in a Web Worker, then run the reverse process from a Gaussian cloud and scrub
 * through its steps.
 */
export function Diffusion2D(props: Diffusion2DProps) {
  const merged = mergeProps({ urlPrefix: DIFFUSION_2D_PREFIX }, props);
  const url = useUrlState(diffusion2dSchema, merged.urlPrefix);
  const s = url.state;
  const [drawn, setDrawn] = createSignal<[number, number][]>([]);
  const [cursor, setCursor] = createSignal<[number, number]>([0, 0]);
  const [frame, setFrame] = createSignal(0);
  const [touched, setTouched] = createSignal(false);
  const [playing, setPlaying] = createSignal(false);

  // Everything about training and sampling is the pure state machine's (diffusion2dMachine.ts):
  // this component sends it events and draws its state.
  const inputsKey = () => d2InputsKey({ dist: s().dist, seed: s().seed, epochs: s().epochs, drawn: drawn() });
  const [machine, setMachine] = createSignal<D2State>(initialD2State(untrack(inputsKey)));
  const send = (event: D2Event) => setMachine((state) => d2Transition(state, event));
  const status = (): Status => machine().phase;
  const losses = createMemo(() => lossesOf(machine()));
  const frames = createMemo(() => {
    const m = machine();
    return m.phase === "done" ? m.frames : [];
  });
  const error = () => {
    const m = machine();
    return m.phase === "error" ? m.message : "";
  };

  let fitRun: FitRun | null = null;
  let runId = 0;
  const stopRun = () => {
    fitRun?.stop();
    fitRun = null;
  };
  onCleanup(stopRun);

  const data = createMemo(() => {
    const d = s().dist;
    if (d === "drawn" && drawn().length === 0) return null;
    return targetPoints(d, SETUP_2D.points, new Rng(s().seed).fork("data"), drawn());
  });

  // New data, seed or epoch count: the machine discards the network (and a running training).
  createEffect(
    on(inputsKey, (key) => {
      send({ type: "inputs", key });
      if (machine().phase === "idle") stopRun();
    }),
  );
  // A sampler choice re-samples the trained network, if there is one.
  createEffect(
    on(
      () => s().sampler,
      (sampler) => send({ type: "sampler", sampler }),
      { defer: true },
    ),
  );

  // Entering "sampling" (after training, or after a sampler switch) runs the reverse process once.
  createEffect(
    on(
      () => {
        const m = machine();
        return m.phase === "sampling" ? m : null;
      },
      (m) => {
        if (!m) return;
        stopPlay();
        // Let the page paint "sampling…" before the (short) main-thread loop.
        setTimeout(async () => {
          try {
            const { sampleTrained } = await networkModule();
            if (machine() !== m) return;
            const f = sampleTrained(m.net, m.sampler, SETUP_2D.samples, s().seed);
            batch(() => {
              send({ type: "sampled", sampler: m.sampler, frames: f });
              setFrame(f.length - 1);
            });
          } catch (e) {
            if (machine() === m) send({ type: "failed", message: `Sampling failed: ${e instanceof Error ? e.message : String(e)}` });
          }
        }, 0);
      },
    ),
  );

  const train = async () => {
    const d = data();
    if (!d) return;
    stopRun();
    stopPlay();
    setTouched(true);
    const run = ++runId;
    const seed = s().seed;
    send({ type: "train", run });
    let config: FitStartMessage["model"];
    try {
      config = (await networkModule()).noiseMlpConfig(seed);
    } catch (e) {
      send({ type: "failed", run, message: `Training could not start: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    // New inputs while the network code loaded end this run (the machine is idle again): start nothing.
    const now = machine();
    if (now.phase !== "training" || now.run !== run) return;
    const rows = trainingRows(d, seed);
    const width = 2 + SETUP_2D.embedDims;
    const x = payloadFromData([rows.rows, width], rows.inputs);
    const y = payloadFromData([rows.rows, 2], rows.targets);
    const message: FitStartMessage = {
      type: "start",
      id: `d2-${run}`,
      model: config,
      seed,
      x: [x],
      y: [y],
      options: {
        epochs: s().epochs,
        batchSize: SETUP_2D.batchSize,
        loss: "mse",
        optimizer: { name: "adam", options: { learningRate: SETUP_2D.learningRate } },
        rngSeed: seed,
      },
    };
    const started = performance.now();
    const current = startFit(message, { onProgress: (m) => send({ type: "progress", run, losses: m.logs.map((g) => g.loss) }) });
    fitRun = current;
    current.done.then(
      (m) => {
        if (fitRun === current) fitRun = null;
        send({
          type: "trained",
          run,
          sampler: s().sampler,
          net: { config, weights: m.weights, losses: m.history.loss.slice(), trainMs: performance.now() - started },
        });
      },
      (e: unknown) => {
        if (fitRun === current) fitRun = null;
        if (isStopped(e)) return;
        send({ type: "failed", run, message: `Training failed in the worker: ${e instanceof Error ? e.message : String(e)}` });
      },
    );
  };

  // Playback of the reverse process.
  let timer: ReturnType<typeof setInterval> | undefined;
  const stopPlay = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    setPlaying(false);
  };
  const play = () => {
    if (playing()) return stopPlay();
    if (frame() >= frames().length - 1) setFrame(0);
    setPlaying(true);
    timer = setInterval(() => {
      if (frame() >= frames().length - 1) return stopPlay();
      setFrame((f) => f + 1);
    }, 80);
  };
  onCleanup(stopPlay);

  const points = createMemo(() => frames()[frame()] ?? null);
  const near = createMemo(() => {
    const p = points();
    const d = data();
    return p && d ? shareNearData(p, d) : null;
  });
  const nearAtStart = createMemo(() => {
    const f = frames();
    const d = data();
    return f.length > 0 && d ? shareNearData(f[0], d) : null;
  });
  const finalNear = createMemo(() => {
    const f = frames();
    const d = data();
    return f.length > 0 && d ? shareNearData(f[f.length - 1], d) : null;
  });

  createEffect(() => {
    const n = finalNear();
    if (merged.challengeId && touched() && status() === "done" && s().dist === "moons" && n !== null && n >= CHALLENGE_SHARE) {
      reportChallengeComplete(merged.challengeId, `${formatNumber(n * 100, 0)} % of the generated points landed on the two moons.`);
    }
  });

  // Drawing: click/tap adds a point; arrow keys move the cursor, Enter or Space adds one there.
  let svg: SVGSVGElement | undefined;
  const addPoint = (p: [number, number]) => {
    if (s().dist !== "drawn") return;
    setDrawn((d) => [...d, [Math.max(-2, Math.min(2, p[0])), Math.max(-2, Math.min(2, p[1]))]]);
  };
  const onPadKey = (e: KeyboardEvent) => {
    if (s().dist !== "drawn") return;
    const step = e.shiftKey ? 0.5 : 0.1;
    const [cx, cy] = cursor();
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    if (moves[e.key]) {
      e.preventDefault();
      setCursor([Math.max(-2, Math.min(2, cx + moves[e.key][0])), Math.max(-2, Math.min(2, cy + moves[e.key][1]))]);
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      addPoint(cursor());
    }
  };

  const lossPath = createMemo(() => {
    const l = losses();
    if (l.length === 0) return "";
    const max = Math.max(...l);
    const min = Math.min(...l, 0);
    const w = 300;
    const h = 90;
    return l
      .map(
        (v, i) =>
          `${i === 0 ? "M" : "L"}${((i / Math.max(1, l.length - 1)) * w + 30).toFixed(1)},${(10 + (1 - (v - min) / (max - min || 1)) * h).toFixed(1)}`,
      )
      .join("");
  });

  const description = () => {
    const d = data();
    const p = points();
    const base = d
      ? `${d.length / 2} data points of the ${LABELS[s().dist].toLowerCase()} distribution in grey.`
      : "No data points yet: draw some.";
    if (!p) return base;
    return `${base} ${p.length / 2} generated points at step t = ${frameStep(frame())} of ${SETUP_2D.T}; ${formatNumber((near() ?? 0) * 100, 0)} % of them lie within ${NEAR} of a data point.`;
  };

  return (
    <figure
      class={styles.root}
      data-widget="diffusion-2d"
      data-status={status()}
      data-frame={frame()}
      data-near={near() ?? ""}
      data-points={points() ? points()!.length / 2 : 0}
    >
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup
          name="dist"
          legend="Distribution"
          options={DISTRIBUTIONS_OPTIONS}
          value={s().dist}
          onChange={(dist) => url.update({ dist })}
        />
        <ChoiceGroup
          name="sampler"
          legend="Reverse process"
          options={[
            { value: "ddpm" as Sampler, label: "DDPM (adds noise)" },
            { value: "ddim" as Sampler, label: "DDIM (deterministic)" },
          ]}
          value={s().sampler}
          onChange={(sampler) => url.update({ sampler })}
        />
        <LabelledSlider
          label="Epochs"
          name="epochs"
          value={s().epochs}
          min={1}
          max={200}
          step={1}
          digits={0}
          onChange={(epochs) => url.update({ epochs })}
          hint={`of ${SETUP_2D.rows} (x_t, t) → ε rows`}
        />
      </div>
      <Show when={s().dist === "drawn"}>
        <p class={styles.note}>
          Click or tap in the square to add points (each becomes a small cluster). With the keyboard: focus the square, move the orange
          cursor with the arrow keys (Shift for big steps) and press Enter or Space to add a point. {drawn().length} point
          {drawn().length === 1 ? "" : "s"} drawn.{" "}
          <button type="button" class={styles.secondary} onClick={() => setDrawn([])} disabled={drawn().length === 0}>
            Clear
          </button>
        </p>
      </Show>
      <div class={styles.row}>
        <button
          type="button"
          class={styles.primary}
          data-action="train"
          onClick={() => void train()}
          disabled={!data() || status() === "training" || status() === "sampling"}
        >
          {status() === "done" ? "Train again" : "Train the noise predictor"}
        </button>
        <Show when={status() === "training" || status() === "sampling"}>
          <label class={styles.note}>
            {status() === "training"
              ? `Training in a background worker: epoch ${losses().length} of ${s().epochs}`
              : "Running the reverse process…"}{" "}
            <progress class={styles.progress} max={s().epochs} value={losses().length} aria-label="Training progress (epochs)" />
          </label>
        </Show>
      </div>
      <Show when={error()}>
        <p class={styles.error} role="alert" data-testid="d2-error">
          {error()}
        </p>
      </Show>
      <div class={styles.grid}>
        <div class={styles.plot}>
          <ChartFrame
            width={SIZE}
            height={SIZE}
            label={s().dist === "drawn" ? "Drawing area and generated points" : "Data and generated points"}
            description={description()}
            role={s().dist === "drawn" ? "group" : "img"}
            ref={(el) => (svg = el)}
            onPointerDown={(e) => {
              if (s().dist === "drawn" && svg) addPoint(fromSvg(svgPoint(svg, e)));
            }}
            data-testid="d2-plot"
          >
            <rect class={styles.plotBox} x={0} y={0} width={SIZE} height={SIZE} />
            <Show when={s().dist === "drawn"}>
              <rect
                class={styles.pad}
                x={0}
                y={0}
                width={SIZE}
                height={SIZE}
                fill="transparent"
                tabindex="0"
                role="button"
                aria-label={`Drawing area: arrow keys move the cursor (now at ${formatNumber(cursor()[0], 1)}, ${formatNumber(cursor()[1], 1)}), Enter adds a point there`}
                onKeyDown={onPadKey}
              />
              <circle class={styles.cursor} cx={toX(cursor()[0])} cy={toY(cursor()[1])} r={7} />
            </Show>
            <Show when={data()}>
              {(d) => (
                <g aria-hidden="true">
                  <For each={Array.from({ length: d().length / 2 }, (_, i) => i)}>
                    {(i) => <circle class={styles.dataPoint} cx={toX(d()[2 * i])} cy={toY(d()[2 * i + 1])} r={2.2} />}
                  </For>
                </g>
              )}
            </Show>
            <Show when={points()}>
              {(p) => (
                <g aria-hidden="true" data-testid="d2-samples">
                  <For each={Array.from({ length: p().length / 2 }, (_, i) => i)}>
                    {(i) => <circle class={styles.samplePoint} cx={toX(inBox(p()[2 * i]))} cy={toY(inBox(p()[2 * i + 1]))} r={2.6} />}
                  </For>
                </g>
              )}
            </Show>
          </ChartFrame>
        </div>
        <div>
          <h3 class={styles.title}>Training loss ‖ε − ε̂‖²</h3>
          <ChartFrame
            width={340}
            height={110}
            label="Training loss per epoch"
            description={
              losses().length
                ? `Loss per epoch, from ${formatNumber(losses()[0], 3)} to ${formatNumber(losses()[losses().length - 1], 3)} after ${losses().length} epochs.`
                : "No training yet."
            }
          >
            <rect class={styles.plotBox} x={30} y={10} width={300} height={90} />
            <path class={styles.lossLine} d={lossPath()} />
            <text class={styles.tickLabel} x={2} y={20}>
              {losses().length ? formatNumber(Math.max(...losses()), 2) : ""}
            </text>
          </ChartFrame>
          <Show when={netOf(machine())}>
            {(net) => (
              <p class={styles.note} data-testid="d2-time">
                {net().losses.length} epochs trained in {formatNumber(net().trainMs / 1000, 1)} s in a Web Worker (final loss{" "}
                {formatNumber(net().losses[net().losses.length - 1], 3)}; a perfect ε̂ is impossible — even the best predictor leaves a loss
                well above 0, since ε cannot be read off x_t exactly).
              </p>
            )}
          </Show>
          <Show when={frames().length > 0}>
            <LabelledSlider
              label="Reverse-process frame"
              name="frame"
              value={frame()}
              min={0}
              max={frames().length - 1}
              step={1}
              digits={0}
              onChange={(f) => {
                stopPlay();
                setFrame(f);
              }}
              valueText={(f) => `step t = ${frameStep(f)}`}
              hint={`step t = ${frameStep(frame())} (from ${SETUP_2D.T}, pure noise, to 0)`}
            />
            <div class={styles.row}>
              <button type="button" class={styles.secondary} data-action="play" onClick={play}>
                {playing() ? "Pause" : "Play the reverse process"}
              </button>
            </div>
            <p class={styles.numbers} role="status" data-testid="d2-quality">
              At t = {frameStep(frame())}: {formatNumber((near() ?? 0) * 100, 0)} % of {SETUP_2D.samples} points within {NEAR} of a data
              point (pure noise at t = {SETUP_2D.T}: {formatNumber((nearAtStart() ?? 0) * 100, 0)} %).
            </p>
            <p class={styles.note}>
              Honest reading: the cloud does flow onto the shape, but a network this small, trained for seconds, leaves stragglers between
              the arms and blurs sharp ends; a spiral or a ring covers much of the square, so even noise scores well there. Compare with the
              noise score, not with 100 %.
            </p>
          </Show>
        </div>
      </div>
    </figure>
  );
}

const DISTRIBUTIONS_OPTIONS = (["moons", "ring", "spiral", "drawn"] as const).map((value) => ({ value, label: LABELS[value] }));
