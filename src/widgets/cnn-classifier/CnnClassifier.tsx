import { For, Show, createEffect, createMemo, createSignal, lazy, mergeProps, on, onCleanup, onMount, untrack } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { formatNumber, formatScientific } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { InferenceError, ImageFileError, describeError, loadImageFile } from "../../lib/inference/index.ts";
import type { ModelRunner } from "../../lib/inference/index.ts";
import type { Prediction } from "../../lib/inference/index.ts";
import { decodeInBrowser } from "../shared/decodeInBrowser.ts";
import { lazyModelRunner } from "../shared/lazyModelRunner.ts";
import type { Sequential } from "../../lib/nn/index.ts";
import { paintGrey } from "../shared/raster.ts";
import { RgbTile } from "../shared/RgbTile.tsx";
import { CLASSIFIERS, CLASSIFIER_IDS, classifierInput } from "../../lib/zoo/index.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";
import type { EngineResult, FeatureMapLayer } from "./engineModel.ts";
import { galleryImage, galleryItems } from "./gallery.ts";
import type { GalleryItem } from "./gallery.ts";
import { ScaleControls } from "./UploadFraming.tsx";
import { DEFAULT_UPLOAD_SCALE, uploadPrepareOptions } from "./uploadScale.ts";
import type { UploadScale } from "./uploadScale.ts";
import { withoutColour } from "../../lib/astro/index.ts";
import type { ImageInput, PreparedImage } from "../../lib/astro/index.ts";
import { CLASSIFIER_PREFIX, classifierSchema, isPredictionFor, maxDifference, subjectImage, verdictFor } from "./classifierState.ts";
import type { PredictionSubject } from "./classifierState.ts";
import { modelSource } from "../shared/modelAssets.ts";
import "../shared/palette.css";
import styles from "./cnnClassifier.module.css";
import drillStyles from "./drillDown.module.css";
import { mapGridKeyDown } from "./mapGridKeys.ts";

// The drill-down (kernel arithmetic, softmax breakdown) loads only when a feature map is picked, and the
// upload's framing preview (with the colour checks' inversion it draws with) with the first upload.
const DrillDown = lazy(() => import("./DrillDown.tsx"));
const FramedPreview = lazy(() => import("./FramedPreview.tsx"));
// The engine's forward pass that draws the feature maps (and with it the engine's layers and the ONNX
// weight reader) comes with the first prediction, as onnxruntime and the model do.
const engineModule = () => import("./engineModel.ts");

export type CnnClassifierProps = {
  /** Id of the lesson challenge ("find an image the model gets wrong"); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "cnn". */
  urlPrefix?: string;
};

type Source =
  | { kind: "gallery"; item: GalleryItem; image: Float32Array }
  | {
      kind: "upload";
      name: string;
      format: string;
      width: number;
      height: number;
      plane: number;
      planes: number;
      image: Float32Array;
      bytes: Uint8Array;
      input: ImageInput;
      prepared: PreparedImage;
    };

type Status = "idle" | "loading" | "ready" | "error";

const EP_LABEL = { webgpu: "WebGPU", wasm: "WebAssembly (CPU)" } as const;

/** One feature map drawn in grey (its own 0 → max scale). */
function MapTile(props: { layer: FeatureMapLayer; channel: number }) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    const l = props.layer;
    const n = l.height * l.width;
    const plane = l.data.subarray(props.channel * n, (props.channel + 1) * n);
    let max = 0;
    for (const v of plane) if (v > max) max = v;
    if (canvas) paintGrey(canvas, plane, l.width, l.height, 0, max || 1);
  });
  return <canvas ref={canvas} class={styles.mapTile} title={`${props.layer.name} map ${props.channel + 1}`} aria-hidden="true" />;
}

/**
 * The classifier demo: pick a simulated galaxy or lens from the gallery or upload a PNG, JPEG or
 * FITS image; the shipped model (ONNX, run by onnxruntime-web on WebGPU or WebAssembly) gives the
 * class probabilities, and the engine's forward pass with the same weights draws every conv layer's
 * feature maps.
 */
export function CnnClassifier(props: CnnClassifierProps) {
  const merged = mergeProps({ urlPrefix: CLASSIFIER_PREFIX }, props);
  const url = useUrlState(classifierSchema, merged.urlPrefix);
  const s = url.state;
  const [mounted, setMounted] = createSignal(false);
  const [touched, setTouched] = createSignal(false);
  const [started, setStarted] = createSignal(false);
  const [upload, setUpload] = createSignal<Extract<Source, { kind: "upload" }> | null>(null);
  const [uploadError, setUploadError] = createSignal<string | null>(null);
  /** How big a pixel of the upload is (auto-framing by default); see uploadScale.ts. */
  const [uploadScale, setUploadScale] = createSignal<UploadScale>(DEFAULT_UPLOAD_SCALE);
  const [status, setStatus] = createSignal<Status>("idle");
  const [prediction, setPrediction] = createSignal<Prediction | null>(null);
  /** The image and model the shown prediction was made for (the next image's run may still be going). */
  const [predicted, setPredicted] = createSignal<PredictionSubject | null>(null);
  const [engine, setEngine] = createSignal<EngineResult | null>(null);
  /** The engine network behind the shown maps, and the map picked for the drill-down. */
  const [engineNet, setEngineNet] = createSignal<Sequential | null>(null);
  const [picked, setPicked] = createSignal<{ layer: string; channel: number } | null>(null);
  const [error, setError] = createSignal<{ message: string; retryable: boolean } | null>(null);
  const classifier = lazyModelRunner();
  const engineModels = new Map<ClassifierId, Promise<Sequential>>();

  onMount(() => setMounted(true));
  onCleanup(() => classifier.dispose());

  const items = createMemo(() => galleryItems(s().model, s().page));
  // Simulated in the browser, only after mounting (the server renders an empty gallery).
  const images = createMemo(() => (mounted() ? items().map(galleryImage) : []));
  const source = createMemo<Source | null>(() => {
    const up = upload();
    if (up) return up;
    const imgs = images();
    if (imgs.length === 0) return null;
    return { kind: "gallery", item: items()[s().img], image: imgs[s().img] };
  });
  const truth = () => {
    const src = source();
    return src?.kind === "gallery" ? src.item.truth : null;
  };
  /** The picture the network is given: the source's, or the same made grey (the colour ablation). */
  const seen = createMemo(() => {
    const src = source();
    if (!src) return null;
    return s().colour === "grey" ? withoutColour(src.image) : src.image;
  });
  /** What is shown now, as a prediction's subject. */
  const shown = (src: Source): PredictionSubject => ({ image: subjectImage(src, s().colour), model: s().model });

  // The feature maps' engine network reads its weights from the model.onnx the runner fetches anyway
  // (one download, shared), not from a separate file of weights.
  const engineModel = (runner: ModelRunner, id: ClassifierId): Promise<Sequential> => {
    let p = engineModels.get(id);
    if (!p) {
      p = Promise.all([runner.modelBytes(modelSource(id)), engineModule()]).then(([bytes, { loadEngineModel }]) =>
        loadEngineModel(id, bytes),
      );
      p.catch(() => engineModels.delete(id));
      engineModels.set(id, p);
    }
    return p;
  };

  let runId = 0;
  const run = async () => {
    const src = source();
    const image = seen();
    if (!src || !image) return;
    const id = s().model;
    const ep = s().ep;
    const token = ++runId;
    const subject = shown(src);
    setStatus("loading");
    setError(null);
    try {
      const { input, views } = classifierInput(CLASSIFIERS[id], image);
      const runner = await classifier.get();
      const [pred, net, { engineForward }] = await Promise.all([
        runner.predict(modelSource(id), input, ep, views),
        engineModel(runner, id),
        engineModule(),
      ]);
      const result = engineForward(net, image);
      if (token !== runId) return;
      setPrediction(pred);
      setPredicted(subject);
      setEngine(result);
      setEngineNet(net);
      setStatus("ready");
    } catch (e) {
      if (token !== runId) return;
      const retryable = e instanceof InferenceError ? e.retryable : true;
      setError({ message: describeError(e), retryable });
      setStatus("error");
    }
  };

  // Once started, every change of image, colour, model or provider runs the model again.
  createEffect(() => {
    // Bare reads subscribe the effect to the image (as it is or made grey), model and provider.
    void seen();
    void s().model;
    void s().ep;
    if (started()) void run();
  });

  createEffect(() => {
    const p = prediction();
    const t = truth();
    // Greying the picture to make the model fail does not count: the challenge is about the images as they are.
    if (merged.challengeId && touched() && p && t && status() === "ready" && verdict() === "wrong" && s().colour === "colour") {
      reportChallengeComplete(
        merged.challengeId,
        `The ${CLASSIFIERS[s().model].label.toLowerCase()} model called a ${t} “${p.top}” (${formatNumber(p.probabilities[p.topIndex] * 100, 0)} %).`,
      );
    }
  });

  // Starting flips `started`; the effect above then runs the model (calling run here too would start
  // two runs at once).
  const start = () => {
    setTouched(true);
    setStarted(true);
  };
  const pick = (index: number) => {
    setTouched(true);
    setUpload(null);
    setUploadError(null);
    url.update({ img: index });
    setStarted(true);
  };

  let uploadBytes: { name: string; bytes: Uint8Array } | null = null;
  // Each load takes a ticket; only the newest may show its result, so a big file picked first and
  // decoded last cannot replace the one picked after it (nor an old framing a newer one).
  let uploadTicket = 0;
  const loadUpload = async (name: string, bytes: Uint8Array, plane = 0) => {
    const ticket = ++uploadTicket;
    // The framing preview is fetched alongside the file reader, not after the file has been read.
    void FramedPreview.preload();
    const scale = uploadPrepareOptions(uploadScale());
    if ("error" in scale) {
      setUploadError(scale.error);
      return;
    }
    try {
      // Auto-framing reproduces the framing of the chosen model's training cutouts.
      const set = s().model === "lens-finder" ? "lens" : "morphology";
      const loaded = await loadImageFile(bytes, decodeInBrowser, { name, plane, prepare: { ...scale.options, set } });
      if (ticket !== uploadTicket) return;
      setUploadError(null);
      setUpload({
        kind: "upload",
        name,
        format: loaded.format.toUpperCase(),
        width: loaded.width,
        height: loaded.height,
        plane: loaded.plane,
        planes: loaded.planes,
        image: loaded.prepared.data,
        bytes,
        input: loaded.input,
        prepared: loaded.prepared,
      });
      setTouched(true);
      setStarted(true);
    } catch (e) {
      if (ticket !== uploadTicket) return;
      setUploadError(e instanceof ImageFileError ? e.message : `${name} could not be read: ${describeError(e)}`);
    }
  };
  // Auto-framing depends on the model (its training cutouts' framing): a model switch re-frames.
  createEffect(
    on(
      () => s().model,
      () => {
        const up = untrack(upload);
        if (uploadBytes && up) void loadUpload(uploadBytes.name, uploadBytes.bytes, up.plane);
      },
      { defer: true },
    ),
  );
  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > 64 * 1024 * 1024) {
      setUploadError(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; files up to 64 MB are accepted. Cut out the object first.`,
      );
      return;
    }
    const ticket = ++uploadTicket;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (ticket !== uploadTicket) return; // another file was picked while this one was read
    uploadBytes = { name: file.name, bytes };
    await loadUpload(file.name, bytes);
  };

  const probs = () => {
    const p = prediction();
    return p ? Array.from(p.probabilities) : [];
  };
  const agreement = () => {
    const p = prediction();
    const e = engine();
    // The engine runs the image as given: compare it with onnxruntime's answer for that same view.
    return p && e ? maxDifference(p.firstView, e.probabilities) : null;
  };
  /** The shown prediction was made for the shown image and model (not the previous ones). */
  const isCurrent = () => {
    const src = source();
    return src !== null && isPredictionFor(predicted(), shown(src));
  };
  const verdict = () => {
    const p = prediction();
    const subject = predicted();
    const src = source();
    if (!p || !subject || !src) return null;
    return verdictFor({ top: p.top, subject }, shown(src), truth());
  };
  const layerText = (l: FeatureMapLayer) => {
    let best = 0;
    for (let k = 1; k < l.channels; k++) if (l.means[k] > l.means[best]) best = k;
    const dead = Array.from(l.means).filter((m) => m === 0).length;
    return `${l.name}: ${l.channels} maps of ${l.height} × ${l.width}; strongest on average is map ${best + 1} (mean ${formatNumber(l.means[best], 3)}); ${dead} map${dead === 1 ? "" : "s"} entirely zero for this image.`;
  };

  return (
    <figure
      class={styles.root}
      data-widget="cnn-classifier"
      data-status={status()}
      data-ep={prediction()?.ep ?? ""}
      data-top={prediction()?.top ?? ""}
      data-truth={truth() ?? ""}
      data-probs={probs().join(",")}
      data-agreement={agreement() ?? ""}
      data-latency={prediction()?.latencyMs ?? ""}
    >
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup
          name="model"
          legend="Model"
          options={CLASSIFIER_IDS.map((m) => ({ value: m, label: CLASSIFIERS[m].label }))}
          value={s().model}
          onChange={(model) => {
            setTouched(true);
            url.update({ model });
          }}
        />
        <ChoiceGroup
          name="ep"
          legend="Run on"
          options={[
            { value: "auto", label: "WebGPU if possible" },
            { value: "wasm", label: "WebAssembly (CPU)" },
          ]}
          value={s().ep === "webgpu" ? "auto" : s().ep}
          onChange={(ep) => url.update({ ep })}
        />
        <ChoiceGroup
          name="colour"
          legend="Picture"
          options={[
            { value: "colour", label: "In colour" },
            { value: "grey", label: "Made grey" },
          ]}
          value={s().colour}
          onChange={(colour) => {
            setTouched(true);
            url.update({ colour });
          }}
        />
      </div>

      <h3 class={styles.title}>Gallery: simulated {s().model === "lens-finder" ? "lenses and non-lenses" : "galaxies"}</h3>
      <div class={styles.gallery} role="group" aria-label="Gallery of simulated images">
        <For each={items()}>
          {(item) => (
            <button
              type="button"
              class={styles.thumb}
              aria-pressed={!upload() && s().img === item.index}
              aria-label={`Image ${item.index + 1}: a simulated ${item.truth}`}
              data-testid={`gallery-${item.index}`}
              onClick={() => pick(item.index)}
            >
              <Show when={images()[item.index]}>{(img) => <RgbTile image={img()} class={styles.thumbImage} />}</Show>
              <span class={styles.thumbLabel}>{item.truth}</span>
            </button>
          )}
        </For>
      </div>
      <div class={styles.row}>
        <button
          type="button"
          class={styles.secondary}
          data-action="more"
          onClick={() => {
            setTouched(true);
            setUpload(null);
            url.update({ page: (s().page + 1) % 10000, img: 0 });
          }}
        >
          New gallery images
        </button>
        <label class={styles.upload}>
          <span>Or upload your own image (PNG, JPEG or FITS):</span>
          <input
            type="file"
            accept=".png,.jpg,.jpeg,.fits,.fit,.fts,image/png,image/jpeg,application/fits"
            data-testid="upload"
            onChange={onFile}
          />
        </label>
      </div>
      <ScaleControls
        value={uploadScale()}
        onChange={(value) => {
          setUploadScale(value);
          // Re-frame the current upload with the new scale.
          if (uploadBytes && upload()) void loadUpload(uploadBytes.name, uploadBytes.bytes, upload()!.plane);
        }}
      />
      <Show when={uploadError()}>
        {(message) => (
          <p class={styles.error} role="alert" data-testid="upload-error">
            {message()}
          </p>
        )}
      </Show>
      <Show when={upload()}>
        {(up) => (
          <p class={styles.note} data-testid="upload-info">
            Your image: {up().name} ({up().format}, {up().width} × {up().height} pixels
            <Show when={up().planes > 1}>
              , plane {up().plane + 1} of {up().planes}
            </Show>
            ).{" "}
            <Show when={up().planes > 1}>
              <label>
                Plane{" "}
                <input
                  type="number"
                  min="1"
                  max={up().planes}
                  value={up().plane + 1}
                  class={styles.planeInput}
                  onChange={(e) => {
                    const plane = Number(e.currentTarget.value) - 1;
                    if (uploadBytes && Number.isInteger(plane) && plane >= 0 && plane < up().planes)
                      void loadUpload(uploadBytes.name, uploadBytes.bytes, plane);
                    else setUploadError(`The plane must be a whole number from 1 to ${up().planes}; plane ${up().plane + 1} is used.`);
                  }}
                />
              </label>
            </Show>
          </p>
        )}
      </Show>
      <Show when={upload()}>{(up) => <FramedPreview input={up().input} prepared={up().prepared} />}</Show>

      <Show when={!started()}>
        <p class={styles.note}>
          The model (160 kB) and ONNX Runtime (14–27 MB of WebAssembly, downloaded once) load when you ask for the first prediction.
        </p>
        <button type="button" class={styles.primary} data-action="classify" onClick={start} disabled={!mounted()}>
          Classify this image
        </button>
      </Show>

      <div class={styles.result}>
        <div class={styles.inputView}>
          <h3 class={styles.title}>What the network sees</h3>
          <Show when={seen()}>{(image) => <RgbTile image={image()} class={styles.bigImage} testid="seen-image" />}</Show>
          <p class={styles.note} data-testid="seen-note">
            <Show when={s().colour === "grey"} fallback={<>64 × 64 pixels, R = z, G = r, B = g.</>}>
              64 × 64 pixels made grey: each pixel is the mean of its R, G and B. The network was trained on colour pictures only, so this
              is an ablation — compare the probabilities with the picture in colour to see how much of the answer rested on colour.
            </Show>
          </p>
        </div>
        <div class={styles.bars}>
          <h3 class={styles.title}>Class probabilities</h3>
          <Show when={status() === "loading" && !prediction()}>
            <p class={styles.note} role="status">
              Loading the model and ONNX Runtime…
            </p>
          </Show>
          <Show when={prediction()}>
            {(p) => (
              <>
                <ol class={styles.barList} data-testid="probabilities" aria-label="Class probabilities">
                  <For each={p().labels}>
                    {(label, i) => (
                      <li classList={{ [styles.barTop]: i() === p().topIndex }}>
                        <span class={styles.barLabel}>{label}</span>
                        <span class={styles.barTrack} aria-hidden="true">
                          <span class={styles.barFill} style={{ width: `${(p().probabilities[i()] * 100).toFixed(2)}%` }} />
                        </span>
                        <span class={styles.barValue}>{formatNumber(p().probabilities[i()] * 100, 1)} %</span>
                      </li>
                    )}
                  </For>
                </ol>
                <p class={styles.verdict} data-testid="verdict" role="status" data-verdict={verdict() ?? ""}>
                  <Show when={isCurrent()} fallback={<>Predicting this image…</>}>
                    Top class: <strong>{p().top}</strong>
                    <Show when={truth()}>
                      {(t) => (
                        <>
                          {" "}
                          — true class: <strong>{t()}</strong>{" "}
                          <span class={verdict() === "right" ? styles.right : styles.wrong}>
                            {verdict() === "right" ? "✓ right" : "✗ the model got this one wrong"}
                          </span>
                        </>
                      )}
                    </Show>
                  </Show>
                </p>
                <p class={styles.note} data-testid="runtime">
                  Ran on <strong>{EP_LABEL[p().ep]}</strong> in {formatNumber(p().latencyMs, 1)} ms
                  <Show when={p().sessionMs > 0}> (loading the session took {formatNumber(p().sessionMs, 0)} ms)</Show>.
                  <Show when={p().views > 1}>
                    {" "}
                    The probabilities are the average over the image's {p().views} flips and quarter turns (the sky has no up); the image as
                    shown alone gives {p().top} {formatNumber(p().firstView[p().topIndex] * 100, 1)} %.
                  </Show>
                  <Show when={agreement() !== null}>
                    {" "}
                    The engine's forward pass (which drew the maps below) agrees with onnxruntime on the image as shown to{" "}
                    {formatScientific(agreement()!)}.
                  </Show>
                </p>
                <Show when={p().notice}>
                  {(n) => (
                    <p class={styles.notice} data-testid="ep-notice">
                      {n()}
                    </p>
                  )}
                </Show>
              </>
            )}
          </Show>
          <Show when={error()}>
            {(e) => (
              <div class={styles.error} role="alert" data-testid="run-error">
                <p>{e().message}</p>
                <Show when={e().retryable}>
                  <button type="button" class={styles.secondary} data-action="retry" onClick={() => void run()}>
                    Try again
                  </button>
                </Show>
              </div>
            )}
          </Show>
        </div>
      </div>

      <Show when={engine()}>
        {(e) => (
          <section class={styles.maps} data-testid="feature-maps" aria-label="Feature maps of every convolutional layer">
            <h3 class={styles.title}>Feature maps of every convolutional layer</h3>
            <p class={styles.note}>
              Each square is one filter's output after its ReLU, black = 0, white = that map's largest value. Pick one (click, or Tab to a
              layer and use the arrow keys and Enter) to see how it is computed.
            </p>
            <For each={e().layers}>
              {(layer) => (
                <div class={styles.mapLayer} data-layer={layer.name}>
                  <h4 class={styles.mapTitle}>
                    {layer.name}: {layer.channels} maps of {layer.height} × {layer.width}
                  </h4>
                  <div class={styles.mapGrid} style={{ "--tile": `${Math.max(2.2, Math.min(4, layer.width / 8))}rem` }}>
                    <For each={Array.from({ length: layer.channels }, (_, k) => k)}>
                      {(k) => (
                        <button
                          type="button"
                          class={drillStyles.tileButton}
                          aria-pressed={picked()?.layer === layer.name && picked()?.channel === k}
                          aria-label={`${layer.name} map ${k + 1}: show how it is computed`}
                          tabindex={(picked()?.layer === layer.name ? picked()!.channel === k : k === 0) ? 0 : -1}
                          data-map={`${layer.name}-${k}`}
                          onClick={() => setPicked({ layer: layer.name, channel: k })}
                          onKeyDown={mapGridKeyDown}
                        >
                          <MapTile layer={layer} channel={k} />
                        </button>
                      )}
                    </For>
                  </div>
                  <p class="visually-hidden">{layerText(layer)}</p>
                </div>
              )}
            </For>
            <Show when={picked() && engineNet() && prediction() && isCurrent() && seen()}>
              <DrillDown
                model={engineNet()!}
                modelId={s().model}
                image={seen()!}
                prediction={prediction()!}
                layer={picked()!.layer}
                channel={picked()!.channel}
              />
            </Show>
          </section>
        )}
      </Show>
    </figure>
  );
}
