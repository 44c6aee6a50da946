import { For, Show, batch, createEffect, createMemo, createSignal, mergeProps, on, onCleanup } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { ChartFrame, svgPoint } from "../shared/ChartFrame.tsx";
import { formatNumber } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { Rng } from "../../lib/random/index.ts";
import { modelFromConfig, modelToConfig, setWeights } from "../../lib/nn/index.ts";
import { payloadFromData } from "../../lib/worker/index.ts";
import type { FitStartMessage, FromWorkerMessage, ToWorkerMessage } from "../../lib/worker/index.ts";
import {
  CHALLENGE_2D,
  CHALLENGE_SHARE,
  DIFFUSION_2D_PREFIX,
  NEAR,
  SETUP_2D,
  buildNoiseMlp,
  diffusion2dSchema,
  frameStep,
  reverseFrames,
  shareNearData,
  targetPoints,
  trainingRows,
} from "./diffusion2dModel.ts";
import type { Distribution, Sampler } from "./diffusion2dModel.ts";
import "../shared/palette.css";
import styles from "./diffusion.module.css";

export type Diffusion2DProps = {
  /** Id of the lesson challenge (most generated points on the two moons); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "d2". */
  urlPrefix?: string;
};

type Status = "idle" | "training" | "sampling" | "done" | "error";

const SIZE = 320;
const SPAN = 2.4;
const toX = (x: number) => ((x + SPAN) / (2 * SPAN)) * SIZE;
const toY = (y: number) => ((SPAN - y) / (2 * SPAN)) * SIZE;
/** Generated points far outside the square are drawn on its edge rather than outside the chart. */
const inBox = (v: number) => Math.max(-SPAN, Math.min(SPAN, v));
const fromSvg = (p: { x: number; y: number }): [number, number] => [(p.x / SIZE) * 2 * SPAN - SPAN, SPAN - (p.y / SIZE) * 2 * SPAN];

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
  const [status, setStatus] = createSignal<Status>("idle");
  const [error, setError] = createSignal("");
  const [losses, setLosses] = createSignal<number[]>([]);
  const [frames, setFrames] = createSignal<Float32Array[]>([]);
  const [frame, setFrame] = createSignal(0);
  const [trainMs, setTrainMs] = createSignal<number | null>(null);
  const [touched, setTouched] = createSignal(false);
  const [playing, setPlaying] = createSignal(false);
  let worker: Worker | null = null;
  let runId = 0;
  let started = 0;
  let lastConfig: ReturnType<typeof modelToConfig> | null = null;

  const data = createMemo(() => {
    const d = s().dist;
    if (d === "drawn" && drawn().length === 0) return null;
    return targetPoints(d, SETUP_2D.points, new Rng(s().seed).fork("data"), drawn());
  });

  const reset = () => {
    runId++;
    if (worker) worker.postMessage({ type: "stop", id: String(runId - 1) } satisfies ToWorkerMessage);
    batch(() => {
      setStatus("idle");
      setLosses([]);
      setFrames([]);
      setFrame(0);
      setError("");
      setPlaying(false);
    });
  };
  createEffect(on([() => s().dist, () => s().seed, () => s().epochs, drawn], reset, { defer: true }));

  const sample = (weights: { name: string; shape: number[]; buffer: ArrayBuffer }[]) => {
    if (!lastConfig) return;
    setStatus("sampling");
    // Let the page paint "sampling…" before the (short) main-thread loop.
    setTimeout(() => {
      try {
        const model = modelFromConfig(lastConfig!, 0);
        setWeights(model, weights.map((w) => ({ name: w.name, shape: w.shape, data: new Float32Array(w.buffer) })));
        const f = reverseFrames(model, s().sampler, SETUP_2D.samples, s().seed);
        batch(() => {
          setFrames(f);
          setFrame(f.length - 1);
          setStatus("done");
        });
      } catch (e) {
        setStatus("error");
        setError(`Sampling failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }, 0);
  };
  let lastWeights: { name: string; shape: number[]; buffer: ArrayBuffer }[] | null = null;
  // Changing the sampler re-runs the reverse process with the same trained network.
  createEffect(on(() => s().sampler, () => lastWeights && status() === "done" && sample(lastWeights), { defer: true }));

  const onMessage = (event: MessageEvent<FromWorkerMessage>) => {
    const m = event.data;
    if (m.id !== String(runId)) return;
    if (m.type === "error") {
      setStatus("error");
      setError(`Training failed in the worker: ${m.message}`);
      return;
    }
    if (m.type === "progress") {
      queueMicrotask(() => worker?.postMessage({ type: "ack", id: m.id } satisfies ToWorkerMessage));
      setLosses((l) => [...l, ...m.logs.map((g) => g.loss)]);
      return;
    }
    if (m.reason === "stopped") return;
    setTrainMs(performance.now() - started);
    setLosses(m.history.loss.slice());
    lastWeights = m.weights.map((w) => ({ name: w.name, shape: w.shape, buffer: w.buffer }));
    sample(lastWeights);
  };

  const ensureWorker = (): Worker => {
    if (!worker) {
      worker = new Worker(new URL("../../lib/worker/fit.worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = onMessage;
      worker.onerror = (e) => {
        setStatus("error");
        setError(`The training worker failed: ${e.message || "it could not start (is JavaScript in workers blocked?)"}.`);
      };
    }
    return worker;
  };
  onCleanup(() => worker?.terminate());

  const train = () => {
    const d = data();
    if (!d) return;
    reset();
    setTouched(true);
    const rows = trainingRows(d, s().seed);
    const width = 2 + SETUP_2D.embedDims;
    const x = payloadFromData([rows.rows, width], rows.inputs);
    const y = payloadFromData([rows.rows, 2], rows.targets);
    lastConfig = modelToConfig(buildNoiseMlp(s().seed));
    const message: FitStartMessage = {
      type: "start",
      id: String(runId),
      model: lastConfig,
      seed: s().seed,
      x: [x],
      y: [y],
      options: { epochs: s().epochs, batchSize: SETUP_2D.batchSize, loss: "mse", optimizer: { name: "adam", options: { learningRate: SETUP_2D.learningRate } }, rngSeed: s().seed },
    };
    started = performance.now();
    setStatus("training");
    try {
      ensureWorker().postMessage(message, [x.buffer, y.buffer]);
    } catch (e) {
      setStatus("error");
      setError(`Could not start the training worker: ${e instanceof Error ? e.message : String(e)}`);
    }
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
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
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
    return l.map((v, i) => `${i === 0 ? "M" : "L"}${((i / Math.max(1, l.length - 1)) * w + 30).toFixed(1)},${(10 + (1 - (v - min) / (max - min || 1)) * h).toFixed(1)}`).join("");
  });

  const description = () => {
    const d = data();
    const p = points();
    const base = d ? `${d.length / 2} data points of the ${LABELS[s().dist].toLowerCase()} distribution in grey.` : "No data points yet: draw some.";
    if (!p) return base;
    return `${base} ${p.length / 2} generated points at step t = ${frameStep(frame())} of ${SETUP_2D.T}; ${formatNumber((near() ?? 0) * 100, 0)} % of them lie within ${NEAR} of a data point.`;
  };

  return (
    <figure class={styles.root} data-widget="diffusion-2d" data-status={status()} data-frame={frame()} data-near={near() ?? ""} data-points={points() ? points()!.length / 2 : 0}>
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup name="dist" legend="Distribution" options={DISTRIBUTIONS_OPTIONS} value={s().dist} onChange={(dist) => url.update({ dist })} />
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
        <LabelledSlider label="Epochs" name="epochs" value={s().epochs} min={1} max={200} step={1} digits={0} onChange={(epochs) => url.update({ epochs })} hint={`of ${SETUP_2D.rows} (x_t, t) → ε rows`} />
      </div>
      <Show when={s().dist === "drawn"}>
        <p class={styles.note}>
          Click or tap in the square to add points (each becomes a small cluster). With the keyboard: focus the square, move the orange cursor with the arrow keys (Shift for big steps) and press Enter or Space to add a point. {drawn().length} point{drawn().length === 1 ? "" : "s"} drawn.{" "}
          <button type="button" class={styles.secondary} onClick={() => setDrawn([])} disabled={drawn().length === 0}>
            Clear
          </button>
        </p>
      </Show>
      <div class={styles.row}>
        <button type="button" class={styles.primary} data-action="train" onClick={train} disabled={!data() || status() === "training" || status() === "sampling"}>
          {status() === "done" ? "Train again" : "Train the noise predictor"}
        </button>
        <Show when={status() === "training" || status() === "sampling"}>
          <label class={styles.note}>
            {status() === "training" ? `Training in a background worker: epoch ${losses().length} of ${s().epochs}` : "Running the reverse process…"}{" "}
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
                  <For each={Array.from({ length: d().length / 2 }, (_, i) => i)}>{(i) => <circle class={styles.dataPoint} cx={toX(d()[2 * i])} cy={toY(d()[2 * i + 1])} r={2.2} />}</For>
                </g>
              )}
            </Show>
            <Show when={points()}>
              {(p) => (
                <g aria-hidden="true" data-testid="d2-samples">
                  <For each={Array.from({ length: p().length / 2 }, (_, i) => i)}>{(i) => <circle class={styles.samplePoint} cx={toX(inBox(p()[2 * i]))} cy={toY(inBox(p()[2 * i + 1]))} r={2.6} />}</For>
                </g>
              )}
            </Show>
          </ChartFrame>
        </div>
        <div>
          <h3 class={styles.title}>Training loss ‖ε − ε̂‖²</h3>
          <ChartFrame width={340} height={110} label="Training loss per epoch" description={losses().length ? `Loss per epoch, from ${formatNumber(losses()[0], 3)} to ${formatNumber(losses()[losses().length - 1], 3)} after ${losses().length} epochs.` : "No training yet."}>
            <rect class={styles.plotBox} x={30} y={10} width={300} height={90} />
            <path class={styles.lossLine} d={lossPath()} />
            <text class={styles.tickLabel} x={2} y={20}>
              {losses().length ? formatNumber(Math.max(...losses()), 2) : ""}
            </text>
          </ChartFrame>
          <Show when={trainMs() !== null && status() !== "training"}>
            <p class={styles.note} data-testid="d2-time">
              {losses().length} epochs trained in {formatNumber(trainMs()! / 1000, 1)} s in a Web Worker (final loss {formatNumber(losses()[losses().length - 1] ?? NaN, 3)}; a perfect ε̂ is impossible — even the best predictor leaves a loss well above 0, since ε cannot be read off x_t exactly).
            </p>
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
              At t = {frameStep(frame())}: {formatNumber((near() ?? 0) * 100, 0)} % of {SETUP_2D.samples} points within {NEAR} of a data point (pure noise at t = {SETUP_2D.T}: {formatNumber((nearAtStart() ?? 0) * 100, 0)} %).
            </p>
            <p class={styles.note}>
              Honest reading: the cloud does flow onto the shape, but a network this small, trained for seconds, leaves stragglers between the arms and blurs sharp ends; a spiral or a ring covers much of the square, so even noise scores well there. Compare with the noise score, not with 100 %.
            </p>
          </Show>
        </div>
      </div>
    </figure>
  );
}

const DISTRIBUTIONS_OPTIONS = (["moons", "ring", "spiral", "drawn"] as const).map((value) => ({ value, label: LABELS[value] }));
