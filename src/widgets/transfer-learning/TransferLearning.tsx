import { For, Show, batch, createMemo, createSignal, mergeProps, onCleanup, onMount } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { formatNumber } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { CurvesChart } from "../shared/CurvesChart.tsx";
import { RgbTile } from "../shared/RgbTile.tsx";
import { describeError } from "../../lib/inference/index.ts";
import type { EpPreference, ExecutionProvider } from "../../lib/inference/index.ts";
import { lazyModelRunner } from "../shared/lazyModelRunner.ts";
import { modelSource } from "../shared/modelAssets.ts";
import { AccuracyChart } from "./AccuracyChart.tsx";
import { ParamTableView } from "./ParamTableView.tsx";
import { TASK_IDS, TRANSFER_PREFIX, transferSchema } from "./transferState.ts";
import type { TaskId } from "./transferState.ts";
import {
  EMBEDDING_SIZE,
  EPOCHS,
  HELD_OUT,
  TASKS,
  accuracy,
  challengeMet,
  headStart,
  paramTable,
  scratchStart,
  stackImages,
  taskExample,
} from "./transferModel.ts";
import type { CurvePoint, Example } from "./transferModel.ts";
import { startFit } from "../shared/startFit.ts";
import type { FitRun } from "../shared/startFit.ts";
import "../shared/palette.css";
import styles from "./transferLearning.module.css";

export type TransferLearningProps = {
  /** Id of the lesson challenge (few labels, the head clearly ahead); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "tl". */
  urlPrefix?: string;
};

type Phase = "idle" | "simulating" | "features" | "training" | "done" | "stopped" | "error";

/** How the backbone ran on the last images it embedded. */
type FeatureInfo = { ep: ExecutionProvider; notice: string | null; images: number; totalMs: number; sessionMs: number; checksum: number };

/** A finished comparison, with the settings it ran with (the controls may have moved since). */
type Result = { task: TaskId; n: number; seed: number; head: number; scratch: number; headMs: number; scratchMs: number };

const EP_LABEL: Record<ExecutionProvider, string> = { webgpu: "WebGPU", wasm: "WebAssembly (CPU)" };
const BACKBONE = modelSource("galaxy-morphology-backbone");
/** Images per backbone run. */
const FEATURE_BATCH = 100;
/** Preview thumbnails of the training set. */
const PREVIEW = 8;
/** The scratch CNN's held-out pass costs about two training epochs: let the worker train between them. */
const SCRATCH_ACK_DELAY_MS = 500;

const pct = (v: number) => `${formatNumber(v * 100, 1)} %`;
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Transfer learning, measured: the morphology CNN's frozen convolutional part (backbone.onnx, run by
 * onnxruntime-web on WebGPU or WebAssembly) turns simulated cutouts into 64 features; a new dense head
 * learns a new task from a few labelled examples in a Web Worker, while the same network learns it
 * from scratch in another worker; their held-out accuracy and training loss are drawn as they train.
 */
export function TransferLearning(props: TransferLearningProps) {
  const merged = mergeProps({ urlPrefix: TRANSFER_PREFIX }, props);
  const url = useUrlState(transferSchema, merged.urlPrefix);
  const s = url.state;
  const table = paramTable();

  const [mounted, setMounted] = createSignal(false);
  const [phase, setPhase] = createSignal<Phase>("idle");
  const [progress, setProgress] = createSignal({ fraction: 0, text: "" });
  const [features, setFeatures] = createSignal<FeatureInfo | null>(null);
  const [headPoints, setHeadPoints] = createSignal<CurvePoint[]>([]);
  const [scratchPoints, setScratchPoints] = createSignal<CurvePoint[]>([]);
  const [headLoss, setHeadLoss] = createSignal<number[]>([]);
  const [scratchLoss, setScratchLoss] = createSignal<number[]>([]);
  const [result, setResult] = createSignal<Result | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const runner = lazyModelRunner();
  onMount(() => setMounted(true));

  // Caches survive failed and repeated runs, so a retry or a second run redoes only what is missing:
  // examples per task/split/seed (grown as n grows), embeddings per provider preference and example.
  const examples = new Map<string, Example[]>();
  const embeddings = new Map<string, Float32Array[]>();
  const exampleList = (task: TaskId, split: "train" | "held-out", seed: number) => {
    const key = `${task}|${split}|${split === "train" ? seed : 0}`;
    let list = examples.get(key);
    if (!list) examples.set(key, (list = []));
    return { key, list };
  };

  // The training set's first examples, so the learner sees what the task is (simulated after mount).
  const preview = createMemo(() => {
    if (!mounted()) return [];
    const { task, seed } = s();
    const { list } = exampleList(task, "train", seed);
    for (let i = list.length; i < PREVIEW; i++) list.push(taskExample(task, "train", seed, i));
    return list.slice(0, PREVIEW);
  });

  let runs: FitRun[] = [];
  let runId = 0;
  const cancelRuns = () => {
    for (const r of runs) r.stop();
    runs = [];
  };
  onCleanup(() => {
    runId += 1;
    cancelRuns();
    runner.dispose();
  });

  const running = () => phase() === "simulating" || phase() === "features" || phase() === "training";

  /** Simulates the examples `list` lacks up to `count`, yielding to the page every few images. */
  async function simulate(
    task: TaskId,
    split: "train" | "held-out",
    seed: number,
    count: number,
    token: number,
    report: (done: number) => void,
  ) {
    const { list } = exampleList(task, split, seed);
    while (list.length < count) {
      list.push(taskExample(task, split, seed, list.length));
      if (list.length % 8 === 0) {
        report(list.length);
        await nextFrame();
        if (token !== runId) throw new DOMException("superseded", "AbortError");
      }
    }
    return list.slice(0, count);
  }

  /** The backbone's 64 features of each example, computing only those not cached for this provider. */
  async function embed(
    pref: EpPreference,
    key: string,
    list: Example[],
    token: number,
    report: (done: number) => void,
    timing: FeatureInfo,
  ) {
    const cacheKey = `${pref}|${key}`;
    let cached = embeddings.get(cacheKey);
    if (!cached) embeddings.set(cacheKey, (cached = []));
    while (cached.length < list.length) {
      const from = cached.length;
      const count = Math.min(FEATURE_BATCH, list.length - from);
      const out = await (await runner.get()).infer(BACKBONE, stackImages(list.slice(from, from + count).map((e) => e.image)), pref, count);
      if (token !== runId) throw new DOMException("superseded", "AbortError");
      if (out.output.length !== count * EMBEDDING_SIZE)
        throw new Error(`The backbone returned ${out.output.length} values for ${count} images.`);
      for (let i = 0; i < count; i++) cached.push(out.output.slice(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE));
      timing.ep = out.ep;
      timing.notice = out.notice;
      timing.images += count;
      timing.totalMs += out.latencyMs;
      timing.sessionMs += out.sessionMs;
      report(cached.length);
    }
    const flat = new Float32Array(list.length * EMBEDDING_SIZE);
    for (let i = 0; i < list.length; i++) flat.set(cached[i], i * EMBEDDING_SIZE);
    return flat;
  }

  async function run() {
    if (!mounted()) return;
    const token = ++runId;
    cancelRuns();
    const { task, n, seed, ep } = s();
    const labels = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 1));
    batch(() => {
      setError(null);
      setHeadPoints([]);
      setScratchPoints([]);
      setHeadLoss([]);
      setScratchLoss([]);
      setPhase("simulating");
      setProgress({ fraction: 0, text: "Simulating the cutouts…" });
    });
    try {
      // 1. Data (0–10 % of the bar): n training and HELD_OUT held-out cutouts.
      const total = n + HELD_OUT;
      const train = await simulate(task, "train", seed, n, token, (k) =>
        setProgress({ fraction: (0.1 * k) / total, text: `Simulating the cutouts: ${k} of ${total}` }),
      );
      const held = await simulate(task, "held-out", seed, HELD_OUT, token, (k) =>
        setProgress({ fraction: (0.1 * (n + k)) / total, text: `Simulating the cutouts: ${n + k} of ${total}` }),
      );
      const heldLabels = held.map((e) => e.label);

      // 2. Features (10–30 %): the frozen backbone, once per image, in ONNX Runtime.
      setPhase("features");
      setProgress({ fraction: 0.1, text: "Loading ONNX Runtime and the pre-trained backbone…" });
      const timing: FeatureInfo = { ep: ep === "wasm" ? "wasm" : "webgpu", notice: null, images: 0, totalMs: 0, sessionMs: 0, checksum: 0 };
      const featureText = (k: number) => ({
        fraction: 0.1 + (0.2 * k) / total,
        text: `Extracting features with the frozen backbone: ${k} of ${total} images`,
      });
      const trainE = await embed(ep, exampleList(task, "train", seed).key, train, token, (k) => setProgress(featureText(k)), timing);
      const heldE = await embed(ep, exampleList(task, "held-out", seed).key, held, token, (k) => setProgress(featureText(n + k)), timing);
      // Sum of every feature of this run: one number that two providers must agree on (the browser test compares them).
      for (const e of [trainE, heldE]) for (const v of e) timing.checksum += v;
      if (timing.images > 0) setFeatures(timing);

      // 3. Training (30–100 %): the head and the scratch CNN, each in its own worker, side by side.
      setPhase("training");
      let headEpochs = 0;
      let scratchEpochs = 0;
      // The head's epochs take milliseconds, the CNN's most of the time: weight the bar accordingly.
      const trainText = () => ({
        fraction: 0.3 + (0.7 * (headEpochs + 4 * scratchEpochs)) / (5 * EPOCHS),
        text: `Training: new head ${headEpochs} of ${EPOCHS} epochs, CNN from scratch ${scratchEpochs} of ${EPOCHS} epochs`,
      });
      setProgress(trainText());
      const started = performance.now();
      const headRun = startFit(headStart(`head-${token}`, seed, trainE, labels, heldE, heldLabels), {
        onProgress: (m) => {
          headEpochs = m.epochsDone;
          const first = m.epochsDone - m.logs.length + 1;
          batch(() => {
            setHeadLoss((l) => [...l, ...m.logs.map((g) => g.loss)]);
            setHeadPoints((p) => [...p, ...m.logs.map((g, i) => ({ epoch: first + i, value: g.valAccuracy ?? NaN }))]);
            setProgress(trainText());
          });
        },
      });
      const scratchRun = startFit(
        scratchStart(`scratch-${token}`, seed, stackImages(train.map((e) => e.image)), labels, stackImages(held.map((e) => e.image))),
        {
          ackDelayMs: SCRATCH_ACK_DELAY_MS,
          onProgress: (m) => {
            scratchEpochs = m.epochsDone;
            batch(() => {
              setScratchLoss((l) => [...l, ...m.logs.map((g) => g.loss)]);
              if (m.predictions) setScratchPoints((p) => [...p, { epoch: m.epochsDone, value: accuracy(m.predictions!, heldLabels) }]);
              setProgress(trainText());
            });
          },
        },
      );
      runs = [headRun, scratchRun];
      const headDone = headRun.done.then((d) => ({ d, ms: performance.now() - started }));
      const scratchDone = scratchRun.done.then((d) => ({ d, ms: performance.now() - started }));
      const [h, c] = await Promise.all([headDone, scratchDone]);
      if (token !== runId) return;
      runs = [];
      const head = h.d.history.valAccuracy.at(-1) ?? NaN;
      const scratch = accuracy(c.d.predictions!, heldLabels);
      batch(() => {
        // The done message's predictions are after the last epoch: make sure the curves end there.
        setScratchPoints((p) => (p.at(-1)?.epoch === c.d.epochsDone ? p : [...p, { epoch: c.d.epochsDone, value: scratch }]));
        setResult({ task, n, seed, head, scratch, headMs: h.ms, scratchMs: c.ms });
        setProgress({ fraction: 1, text: "Done." });
        setPhase("done");
      });
      if (merged.challengeId && challengeMet(n, head, scratch)) {
        reportChallengeComplete(
          merged.challengeId,
          `With ${n} labelled examples the transferred head reached ${pct(head)} on held-out cutouts, the CNN from scratch ${pct(scratch)}.`,
        );
      }
    } catch (e) {
      if (token !== runId || (e instanceof DOMException && e.name === "AbortError")) return;
      cancelRuns();
      const during = phase() === "training" ? "Training failed in the background worker: " : "";
      batch(() => {
        setError(during + describeError(e));
        setPhase("error");
      });
    }
  }

  const stop = () => {
    runId += 1;
    cancelRuns();
    setPhase("stopped");
  };

  const lastPoint = (p: CurvePoint[]) => p.at(-1) ?? null;
  const accuracyDescription = () => {
    const h = lastPoint(headPoints());
    const c = lastPoint(scratchPoints());
    if (!h && !c) return "No training yet: press Train both models to draw the held-out accuracy of both models against the epoch.";
    const part = (name: string, p: CurvePoint | null, points: CurvePoint[]) =>
      p
        ? `${name}: ${pct(p.value)} after epoch ${p.epoch} (measured ${points.length} times, lowest ${pct(Math.min(...points.map((q) => q.value)))}, highest ${pct(Math.max(...points.map((q) => q.value)))})`
        : `${name}: not measured yet`;
    return `Held-out accuracy on ${HELD_OUT} cutouts, 50 % is chance. ${part("New head on the frozen backbone", h, headPoints())}. ${part("CNN trained from scratch", c, scratchPoints())}.`;
  };
  const lossDescription = () => {
    const hl = headLoss();
    const cl = scratchLoss();
    if (hl.length === 0 && cl.length === 0) return "No training yet.";
    const part = (name: string, l: number[]) =>
      l.length
        ? `${name} from ${formatNumber(l[0], 3)} to ${formatNumber(l[l.length - 1], 3)} after ${l.length} epochs`
        : `${name} not started`;
    return `Training loss (cross-entropy on the labelled examples, log scale): ${part("new head", hl)}; ${part("CNN from scratch", cl)}.`;
  };

  const verdict = () => {
    const r = result();
    if (!r) return null;
    const diff = r.head - r.scratch;
    if (diff >= 0.05) return `The transferred head is ${formatNumber(diff * 100, 1)} points ahead.`;
    if (diff <= -0.05)
      return `This time the CNN from scratch is ${formatNumber(-diff * 100, 1)} points ahead — with so few examples, luck matters. Try other examples.`;
    return "The two are within 5 points of each other: with these examples neither is clearly better.";
  };

  return (
    <figure
      class={styles.root}
      data-widget="transfer-learning"
      data-phase={phase()}
      data-ep={features()?.ep ?? ""}
      data-head-acc={result()?.head ?? ""}
      data-scratch-acc={result()?.scratch ?? ""}
      data-feature-ms={features() ? features()!.totalMs / features()!.images : ""}
      data-feature-sum={features()?.checksum ?? ""}
      data-head-ms={result()?.headMs ?? ""}
      data-scratch-ms={result()?.scratchMs ?? ""}
    >
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup
          name="task"
          legend="New task"
          options={TASK_IDS.map((t) => ({ value: t, label: TASKS[t].label }))}
          value={s().task}
          onChange={(task) => url.update({ task })}
        />
        <ChoiceGroup
          name="ep"
          legend="Run the backbone on"
          options={[
            { value: "auto", label: "WebGPU if possible" },
            { value: "wasm", label: "WebAssembly (CPU)" },
          ]}
          value={s().ep === "webgpu" ? "auto" : s().ep}
          onChange={(ep) => url.update({ ep })}
        />
      </div>
      <p class={styles.note}>{TASKS[s().task].about}</p>
      <div class={styles.sliderRow}>
        <LabelledSlider
          name="examples"
          label="Labelled training examples"
          hint="half of each class"
          value={s().n}
          min={10}
          max={100}
          step={10}
          digits={0}
          onChange={(n) => url.update({ n: Math.round(n) })}
        />
      </div>

      <h3 class={styles.title}>The first training examples (set {s().seed})</h3>
      <div class={styles.gallery} role="list" aria-label={`First ${PREVIEW} training examples`}>
        <For each={preview()}>
          {(ex, i) => (
            <div class={styles.thumb} role="listitem" aria-label={`Example ${i() + 1}: ${TASKS[s().task].classes[ex.label]}`}>
              <RgbTile image={ex.image} class={styles.thumbImage} />
              <span class={styles.thumbLabel}>{TASKS[s().task].classes[ex.label]}</span>
            </div>
          )}
        </For>
      </div>
      <div class={styles.row}>
        <button
          type="button"
          class={styles.secondary}
          data-action="new-examples"
          onClick={() => url.update({ seed: (s().seed % 9999) + 1 })}
        >
          Draw other training examples
        </button>
      </div>

      <h3 class={styles.title}>What trains: the frozen backbone and the new head</h3>
      <ParamTableView table={table} examples={s().n} />

      <div class={styles.row}>
        <Show
          when={running()}
          fallback={
            <button type="button" class={styles.primary} data-action="train" disabled={!mounted()} onClick={() => void run()}>
              {result() ? "Train both models again" : "Train both models"}
            </button>
          }
        >
          <button type="button" class={styles.secondary} data-action="stop" onClick={stop}>
            Stop
          </button>
        </Show>
      </div>
      <Show when={phase() === "idle" && !result()}>
        <p class={styles.note}>
          The backbone (157 kB) and ONNX Runtime (14–27 MB of WebAssembly, downloaded once) load when you press the button. Then {s().n}{" "}
          training and {HELD_OUT} held-out cutouts are simulated, the backbone turns each into 64 features, and both models train for{" "}
          {EPOCHS} epochs in background workers.
        </p>
      </Show>
      <Show when={running() || phase() === "done"}>
        <div class={styles.progress}>
          <label class={styles.progressLabel}>
            <span>{progress().text}</span>
            <progress max="1" value={progress().fraction} data-testid="progress" />
          </label>
        </div>
      </Show>
      <Show when={phase() === "stopped"}>
        <p class={styles.note} role="status">
          Stopped. The simulated cutouts and their features are kept: training again starts at once.
        </p>
      </Show>
      <Show when={error()}>
        {(message) => (
          <div class={styles.error} role="alert" data-testid="run-error">
            <p>{message()}</p>
            <p>Your settings, the cutouts and the features computed so far are kept.</p>
            <button type="button" class={styles.secondary} data-action="retry" onClick={() => void run()}>
              Try again
            </button>
          </div>
        )}
      </Show>

      <Show when={features()}>
        {(f) => (
          <>
            <p class={styles.note} data-testid="runtime">
              Backbone ran on <strong>{EP_LABEL[f().ep]}</strong>: {f().images} images in {formatNumber(f().totalMs, 0)} ms,{" "}
              {formatNumber(f().totalMs / f().images, 2)} ms per image
              <Show when={f().sessionMs > 0}> (opening the model took {formatNumber(f().sessionMs, 0)} ms more)</Show>.
            </p>
            <Show when={f().notice}>
              {(n) => (
                <p class={styles.notice} data-testid="ep-notice">
                  {n()}
                </p>
              )}
            </Show>
          </>
        )}
      </Show>

      <Show when={result()}>
        {(r) => (
          <div class={styles.results} data-testid="results" role="status">
            <p class={styles.resultLine}>
              Held-out accuracy on {HELD_OUT} {TASKS[r().task].label.toLowerCase()} cutouts after {EPOCHS} epochs on {r().n} examples (set{" "}
              {r().seed}):
            </p>
            <ul class={styles.resultList}>
              <li>
                New head on the frozen backbone: <strong data-testid="head-acc">{pct(r().head)}</strong> (trained in{" "}
                {formatNumber(r().headMs / 1000, 1)} s)
              </li>
              <li>
                CNN from scratch: <strong data-testid="scratch-acc">{pct(r().scratch)}</strong> (trained in{" "}
                {formatNumber(r().scratchMs / 1000, 1)} s)
              </li>
            </ul>
            <p class={styles.resultLine}>{verdict()}</p>
          </div>
        )}
      </Show>

      <div class={styles.charts}>
        <AccuracyChart
          label="Held-out accuracy against epoch"
          description={accuracyDescription()}
          epochs={EPOCHS}
          data-testid="accuracy-chart"
          series={[
            { name: "new head on frozen backbone", points: headPoints(), color: "var(--chart-1)", dash: "none", marker: "circle" },
            { name: "CNN from scratch", points: scratchPoints(), color: "var(--chart-2)", dash: "6 4", marker: "square" },
          ]}
        />
        <CurvesChart
          label="Training loss against epoch"
          description={lossDescription()}
          epochs={EPOCHS}
          scale="log"
          yLabel="training loss"
          data-testid="loss-chart"
          series={[
            { name: "new head on frozen backbone", values: headLoss(), color: "var(--chart-1)", dash: "none" },
            { name: "CNN from scratch", values: scratchLoss(), color: "var(--chart-2)", dash: "6 4" },
          ]}
        />
      </div>
    </figure>
  );
}
