import { Show, batch, createEffect, createMemo, createSignal, lazy, mergeProps, on, onCleanup, For } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { serializeState } from "../shared/urlState.ts";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { formatNumber } from "../shared/chartLayout.ts";
import { modelToConfig } from "../../lib/nn/index.ts";
import type { EpochLogs } from "../../lib/nn/index.ts";
import { payloadFromData } from "../../lib/worker/index.ts";
import type { FitDoneMessage, FitStartMessage } from "../../lib/worker/index.ts";
import { isStopped, startFit } from "../shared/startFit.ts";
import type { FitRun } from "../shared/startFit.ts";
import { regression1dTruth } from "../../lib/data/index.ts";
import type { Dataset } from "../../lib/data/index.ts";
import {
  DATASETS,
  DATASET_INFO,
  TRAINER_PREFIX,
  architectureOf,
  buildModel,
  optimizerOptions,
  trainerSchema,
} from "../shared/networkSpec.ts";
import type { DatasetId, TrainerState } from "../shared/networkSpec.ts";
import {
  CHALLENGE_ID,
  CHALLENGE_TARGET,
  PRESETS,
  challengeMet,
  diagnose,
  divergedAt,
  makeDataset,
  makeProbe,
  outputToValue,
  prepare,
  probeTensorData,
} from "./trainerModel.ts";
import { diagnosisMessage } from "./diagnosisMessage.ts";
import { ArchitectureEditor, OPTIMIZER_LABELS } from "../shared/ArchitectureEditor.tsx";
import { CurvesChart } from "../shared/CurvesChart.tsx";
import { PredictionChart } from "./PredictionChart.tsx";
import { LossSettled } from "./LossSettled.tsx";
import type { WeightPayload } from "../../lib/worker/index.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import styles from "./networkTrainer.module.css";
import "../shared/palette.css";

// The network diagram (unit thumbnails, weights as lines) loads with the first training run.
const NetworkDiagram = lazy(() => import("./NetworkDiagram.tsx"));
// The CSV loader (and the table parsing it brings) is fetched only when "your own CSV" is chosen:
// most learners never open it, so it is not part of the page's first load.
const CsvLoader = lazy(() => import("./CsvLoader.tsx").then((m) => ({ default: m.CsvLoader })));

export type NetworkTrainerProps = {
  /** Prefix of the URL parameters (shared with the Keras-code widget). Default "net". */
  urlPrefix?: string;
  /** Challenge reported when validation loss on the spirals drops below the target. */
  challengeId?: string;
  /** Link to the Keras-code page; the architecture's URL parameters are appended. Default "../keras-styles/". */
  kerasHref?: string;
};

type Status = "idle" | "running" | "paused" | "finished" | "early" | "diverged" | "error";

const STATUS_TEXT: Record<Status, string> = {
  idle: "Ready — press Train.",
  running: "Training in a background worker…",
  paused: "Paused.",
  finished: "Finished all epochs.",
  early: "Stopped early: validation loss stopped improving (best weights restored).",
  diverged: "Training stopped.",
  error: "Training failed.",
};

/** A loss for the readouts: "∞" once it overflowed, "diverged" once it is not a number at all. */
function lossText(value: number): string {
  if (Number.isFinite(value)) return formatNumber(value, 4);
  return value === Infinity ? "∞" : "diverged";
}

/**
 * A TensorFlow-Playground-style trainer on the project's engine: pick data, layers, optimizer and
 * regularisation; train in a Web Worker; watch learning curves and the model's predictions live.
 */
export function NetworkTrainer(props: NetworkTrainerProps) {
  const merged = mergeProps({ urlPrefix: TRAINER_PREFIX, challengeId: CHALLENGE_ID, kerasHref: "../keras-styles/" }, props);
  const url = useUrlState(trainerSchema, merged.urlPrefix);
  const s = url.state;
  const update = (patch: Partial<TrainerState>) => url.update(patch);

  const [csvData, setCsvData] = createSignal<Dataset | null>(null);
  const dataset = createMemo(() => makeDataset(s(), csvData()));
  const prepared = createMemo(() => {
    const d = dataset();
    return d ? prepare(d, s().val) : null;
  });
  const probe = createMemo(() => {
    const d = dataset();
    return d ? makeProbe(d) : null;
  });
  const arch = createMemo(() => architectureOf(s()));

  const [status, setStatus] = createSignal<Status>("idle");
  const [error, setError] = createSignal("");
  const [loss, setLoss] = createSignal<number[]>([]);
  const [valLoss, setValLoss] = createSignal<number[]>([]);
  const [acc, setAcc] = createSignal<number[]>([]);
  const [valAcc, setValAcc] = createSignal<number[]>([]);
  const [raw, setRaw] = createSignal<Float32Array | null>(null);
  const [netWeights, setNetWeights] = createSignal<WeightPayload[] | null>(null);
  /** Set by the first Train press: only then is the diagram's code fetched. */
  const [diagramWanted, setDiagramWanted] = createSignal(false);
  const [speed, setSpeed] = createSignal<number | null>(null);
  const [challengeDone, setChallengeDone] = createSignal(false);
  const [notice, setNotice] = createSignal("");

  let fitRun: FitRun | null = null;
  let runStart = { time: 0, epochs: 0 };

  const epochs = () => loss().length;
  const values = createMemo(() => {
    const r = raw();
    const p = prepared();
    const d = dataset();
    if (!r || !p || !d) return null;
    return Float32Array.from(r, (v) => outputToValue(v, d.task, p.targetStats));
  });
  /** Epoch (1-based) of the lowest finite validation loss. */
  const bestEpoch = createMemo(() => {
    const v = valLoss();
    let best = -1;
    v.forEach((x, i) => {
      if (Number.isFinite(x) && (best < 0 || x < v[best])) best = i;
    });
    return best < 0 ? null : best + 1;
  });
  /** Epoch (1-based) where the loss stopped being finite, read from the history itself. */
  const divergedEpoch = createMemo(() => {
    const i = divergedAt(loss(), valLoss());
    return i === null ? null : i + 1;
  });
  /** What the verdict's advice depends on: the run's own settings and how it ended. */
  const runFacts = () => ({
    earlyStopping: arch().earlyStopping,
    stoppedEarly: status() === "early",
    bestEpoch: bestEpoch(),
    l2: s().l2,
    dropout: s().dropout,
    divergedEpoch: divergedEpoch(),
    training: {
      optimizer: arch().optimizer,
      optimizerLabel: OPTIMIZER_LABELS[arch().optimizer],
      learningRate: arch().learningRate,
      batchSize: Math.min(arch().batchSize, prepared()?.trainRows ?? Infinity),
      trainRows: prepared()?.trainRows ?? 0,
      hiddenLayers: arch().hidden.length,
      activation: s().act,
    },
  });
  const verdict = createMemo(() => (status() === "idle" || status() === "running" ? null : diagnose(loss(), valLoss())));

  const clearRun = () => {
    fitRun?.stop();
    fitRun = null;
    batch(() => {
      setLoss([]);
      setValLoss([]);
      setAcc([]);
      setValAcc([]);
      setRaw(null);
      setNetWeights(null);
      setStatus("idle");
      setError("");
    });
  };

  // Any change to the setup (data, network, training settings) discards the current run.
  createEffect(on([() => JSON.stringify(s()), csvData], () => clearRun(), { defer: true }));

  const onProgress = (
    all: EpochLogs[],
    epochsDone: number,
    predictions: Float32Array | undefined,
    weights: WeightPayload[] | undefined,
  ) => {
    // Keep epochs up to the first whose loss is not finite, and stop there: every later epoch would
    // only train NaNs. That message's predictions and weights are not numbers either, so the charts
    // keep those of the previous message.
    const cut = divergedAt(
      all.map((g) => g.loss),
      all.map((g) => g.valLoss ?? NaN),
    );
    const logs = cut === null ? all : all.slice(0, cut + 1);
    batch(() => {
      setLoss((l) => [...l, ...logs.map((g) => g.loss)]);
      setValLoss((l) => [...l, ...logs.map((g) => g.valLoss ?? NaN)]);
      if (logs[0]?.accuracy !== undefined) {
        setAcc((l) => [...l, ...logs.map((g) => g.accuracy ?? NaN)]);
        setValAcc((l) => [...l, ...logs.map((g) => g.valAccuracy ?? NaN)]);
      }
      if (cut === null) {
        setRaw(predictions ?? null);
        if (weights) setNetWeights(weights);
      } else {
        fitRun?.stop();
        fitRun = null;
        setStatus("diverged");
      }
      const dt = (performance.now() - runStart.time) / 1000;
      if (dt > 0.2) setSpeed((epochsDone - runStart.epochs) / dt);
    });
    if (!challengeDone() && logs.some((g) => challengeMet(s(), g.valLoss))) {
      setChallengeDone(true);
      reportChallengeComplete(merged.challengeId, `Validation loss below ${CHALLENGE_TARGET} on the spirals — well done!`);
    }
  };
  /** A run ended ("paused", "finished" or "early"): its predictions and speed. */
  const onRunEnd = (m: FitDoneMessage) => {
    batch(() => {
      setRaw(m.predictions ?? null);
      setNetWeights(m.weights);
      setStatus(m.reason === "stopped" ? "idle" : m.reason);
      if (m.runEpochs > 0 && m.runMs > 200) setSpeed(m.runEpochs / (m.runMs / 1000));
    });
  };
  onCleanup(() => fitRun?.stop());

  const start = () => {
    const p = prepared();
    const pr = probe();
    const d = dataset();
    if (!p || !pr || !d) return;
    const a = arch();
    if (p.trainRows < 2 || p.rows - p.trainRows < 1) {
      setNotice("Not enough rows to split into training and validation sets.");
      return;
    }
    setNotice("");
    const state = s();
    const x = payloadFromData([p.rows, p.features], p.x);
    const y = payloadFromData([p.rows, 1], p.y);
    const probeData = payloadFromData([pr.points.length, p.features], probeTensorData(pr, p.inputStats));
    const message: FitStartMessage = {
      type: "start",
      id: "trainer",
      model: modelToConfig(buildModel(a, state.seed)),
      seed: state.seed,
      x: [x],
      y: [y],
      probe: [probeData],
      options: {
        epochs: a.epochs,
        batchSize: Math.min(a.batchSize, p.trainRows),
        loss: a.loss,
        optimizer: { name: a.optimizer, options: optimizerOptions(a) },
        validationSplit: a.validationSplit,
        metrics: d.task === "classification" ? ["accuracy"] : undefined,
        rngSeed: state.seed,
        earlyStopping: a.earlyStopping ? { patience: a.earlyStopping.patience, restoreBestWeights: true } : undefined,
        progressWeights: true,
      },
    };
    runStart = { time: performance.now(), epochs: 0 };
    setDiagramWanted(true);
    setStatus("running");
    const current = startFit(message, {
      onProgress: (m) => onProgress(m.logs, m.epochsDone, m.predictions, m.weights),
      onPause: onRunEnd,
    });
    fitRun = current;
    current.done.then(
      (m) => {
        if (fitRun === current) onRunEnd(m);
      },
      (e: unknown) => {
        if (fitRun !== current || isStopped(e)) return;
        batch(() => {
          setStatus("error");
          setError(e instanceof Error ? e.message : String(e));
        });
      },
    );
  };

  const play = () => {
    if (status() === "paused") {
      runStart = { time: performance.now(), epochs: epochs() };
      setStatus("running");
      fitRun?.resume();
      return;
    }
    if (status() !== "idle") clearRun();
    start();
  };
  const pause = () => fitRun?.pause();

  const applyPreset = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    update(preset.state);
    setNotice(`${preset.label} preset loaded. ${preset.expect} Press Train to see it.`);
  };

  const kerasLink = createMemo(() => {
    const params = serializeState(trainerSchema, s(), merged.urlPrefix);
    const q = params.toString();
    return q ? `${merged.kerasHref}?${q}` : merged.kerasHref;
  });

  const lossDescription = createMemo(() => {
    const n = epochs();
    if (n === 0) return "Learning curves: no epochs trained yet.";
    const best = bestEpoch();
    const diverged = divergedEpoch();
    return `Learning curves after ${n} epochs: training loss ${lossText(loss()[n - 1])}, validation loss ${lossText(valLoss()[n - 1])}${
      best ? `; lowest validation loss ${formatNumber(valLoss()[best - 1], 4)} at epoch ${best}` : ""
    }${diverged ? `; the loss diverged at epoch ${diverged}, where the curves end` : ""}.`;
  });
  const accDescription = createMemo(() => {
    const n = acc().length;
    if (n === 0) return "Accuracy curves: no epochs trained yet.";
    return `Accuracy after ${n} epochs: training ${Math.round(100 * acc()[n - 1])} %, validation ${Math.round(100 * valAcc()[n - 1])} %.`;
  });

  const isClassification = () =>
    dataset()?.task === "classification" || (s().data !== "csv" && DATASET_INFO[s().data].task === "classification");
  const running = () => status() === "running";

  return (
    <section class={styles.root} data-widget="network-trainer" data-status={status()} data-epoch={epochs()} aria-label="Network trainer">
      <UrlNotice problems={url.problems()} />

      <div class={styles.presets} role="group" aria-label="Presets from the lecture">
        <span class={styles.presetsLabel}>Presets:</span>
        <For each={PRESETS}>
          {(p) => (
            <button type="button" class="button" data-preset={p.id} onClick={() => applyPreset(p.id)}>
              {p.label}
            </button>
          )}
        </For>
      </div>
      <Show when={notice()}>
        <p class={styles.notice} role="status" data-testid="trainer-notice">
          {notice()}
        </p>
      </Show>

      <details class={styles.section} open>
        <summary>Data</summary>
        <ChoiceGroup
          legend="Dataset"
          name="data"
          options={DATASETS.map((d) => ({ value: d, label: DATASET_INFO[d].label }))}
          value={s().data}
          onChange={(v: DatasetId) => update({ data: v })}
        />
        <Show
          when={s().data === "csv"}
          fallback={
            <div class={styles.dataControls}>
              <p class={styles.hint}>
                {DATASET_INFO[s().data].description}; {DATASET_INFO[s().data].task}.
              </p>
              <LabelledSlider
                label="Examples"
                name="n"
                value={s().n}
                min={20}
                max={2000}
                step={10}
                digits={0}
                onChange={(v) => update({ n: Math.round(v) })}
              />
              <LabelledSlider
                label="Noise"
                name="noise"
                hint={s().data === "photoz" ? "(× 0.25 mag photometric error)" : undefined}
                value={s().noise}
                min={0}
                max={1}
                step={0.05}
                onChange={(v) => update({ noise: v })}
              />
              <button type="button" class="button" data-action="new-sample" onClick={() => update({ seed: (s().seed + 1) % 1_000_000 })}>
                New sample (seed {s().seed})
              </button>
            </div>
          }
        >
          <CsvLoader
            onDataset={(d) => {
              setCsvData(d);
              if (d) update({ csvIn: d.inputNames.length, csvTask: d.task });
            }}
          />
        </Show>
      </details>

      <details class={styles.section} open>
        <summary>Network and training</summary>
        <ArchitectureEditor state={s()} update={update} />
        <p class={styles.hint}>
          Output: one linear unit (
          {isClassification()
            ? "a logit; loss = binary cross-entropy"
            : "the prediction; loss = mean squared error on standardised targets"}
          ).{" "}
          <a href={kerasLink()} data-testid="keras-link">
            See this network as Keras code →
          </a>
        </p>
      </details>

      {/* Train, its status and the charts: one block, so on a phone it can stay in view (sticky)
          above the controls while they scroll under it (networkTrainer.module.css). */}
      <div class={styles.output} data-testid="trainer-output">
        <div class={styles.playbar}>
          <Show
            when={running()}
            fallback={
              <button type="button" class="button primary" data-action="play" onClick={play} disabled={!prepared()}>
                {status() === "paused" ? "▶ Resume" : status() === "idle" ? "▶ Train" : "▶ Train again"}
              </button>
            }
          >
            <button type="button" class="button primary" data-action="pause" onClick={pause}>
              ❚❚ Pause
            </button>
          </Show>
          <button type="button" class="button" data-action="reset" onClick={clearRun}>
            ↺ Reset
          </button>
          <span class={styles.counter} data-testid="epoch">
            Epoch {epochs()} / {s().epochs}
          </span>
          <span class={styles.counter} data-testid="speed">
            {speed() !== null ? `${Math.round(speed()!)} epochs/s` : ""}
          </span>
        </div>
        <p class={styles.status} role="status" data-testid="status">
          {STATUS_TEXT[status()]}
          {status() === "error" ? ` ${error()}` : ""}
          <Show when={verdict()}>
            {(v) => (
              <span data-testid="diagnosis" data-diagnosis={v()}>
                {" "}
                {diagnosisMessage(v(), runFacts())}
              </span>
            )}
          </Show>
        </p>
        <Show when={s().data === "csv" && !dataset()}>
          <p class={styles.hint}>Load a table above to train on your own data.</p>
        </Show>

        {/* On a phone the charts are one row that scrolls sideways (networkTrainer.module.css):
            focusable so it scrolls by keyboard too, faded at the edge where more waits (scroll-cue). */}
        <div class={`${styles.charts} scroll-cue`} tabindex="0" role="region" aria-label="Charts">
          <div>
            <CurvesChart
              label="Learning curves"
              description={lossDescription()}
              series={[
                { name: "training loss", values: loss(), color: "var(--chart-1)", dash: "none" },
                { name: "validation loss", values: valLoss(), color: "var(--chart-2)", dash: "7 4" },
              ]}
              epochs={s().epochs}
              scale="log"
              yLabel="loss (log scale)"
              marker={s().es ? bestEpoch() : null}
              markerLabel="best"
              data-testid="loss-chart"
            />
            <p
              class={styles.readout}
              data-testid="loss-readout"
              data-loss={loss()[epochs() - 1] ?? ""}
              data-val-loss={valLoss()[epochs() - 1] ?? ""}
            >
              <Show when={epochs() > 0} fallback="Loss: —">
                Loss: training {lossText(loss()[epochs() - 1])} · validation {lossText(valLoss()[epochs() - 1])}
                {/* The accuracy of a network whose outputs are not numbers means nothing. */}
                <Show when={acc().length > 0 && divergedEpoch() === null}>
                  {" "}
                  · accuracy {Math.round(100 * acc()[acc().length - 1])} % / {Math.round(100 * valAcc()[valAcc().length - 1])} %
                </Show>
              </Show>
            </p>
            <LossSettled valLoss={valLoss()} />
            <Show when={isClassification()}>
              <CurvesChart
                label="Accuracy curves"
                description={accDescription()}
                series={[
                  { name: "training accuracy", values: acc(), color: "var(--chart-1)", dash: "none" },
                  { name: "validation accuracy", values: valAcc(), color: "var(--chart-2)", dash: "7 4" },
                ]}
                epochs={s().epochs}
                scale="unit"
                yLabel="accuracy"
                data-testid="accuracy-chart"
              />
            </Show>
          </div>
          <Show when={dataset() && probe() && prepared()}>
            <PredictionChart
              dataset={dataset()!}
              trainRows={prepared()!.trainRows}
              probe={probe()!}
              values={values()}
              truth={s().data === "reg1d" ? regression1dTruth : undefined}
            />
          </Show>
        </div>
      </div>

      <Show when={dataset() && probe() && prepared()}>
        <details class={styles.section} open>
          <summary>Inside the network</summary>
          <Show
            when={diagramWanted()}
            fallback={<p class={styles.hint}>Press Train to see each hidden unit's activation and the weights between units.</p>}
          >
            {/* After a divergence the diagram keeps the last finite weights, or gives way to a note when there were none. */}
            <Show when={divergedEpoch() !== null}>
              <p class={styles.hint} data-testid="diverged-weights">
                {netWeights()
                  ? "The diagram shows the weights from before the loss diverged: after it they are no longer finite numbers."
                  : "The loss diverged before training reported any finite weights, so there is no network to draw."}
              </p>
            </Show>
            <Show when={divergedEpoch() === null || netWeights()}>
              <NetworkDiagram
                arch={arch()}
                inputNames={dataset()!.inputNames}
                probe={probe()!}
                probeData={probeTensorData(probe()!, prepared()!.inputStats)}
                weights={netWeights()}
              />
            </Show>
          </Show>
        </details>
      </Show>
    </section>
  );
}
