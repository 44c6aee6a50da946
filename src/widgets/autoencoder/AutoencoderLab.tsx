import { For, Show, createEffect, createMemo, createSignal, mergeProps, onCleanup, onMount } from "solid-js";
import { useUrlState } from "../useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { formatNumber, formatScientific } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { ModelRunner, InferenceError, ImageFileError, describeError, loadImageFile } from "../../lib/inference/index.ts";
import type { ExecutionProvider, ModelSource, RasterDecoder } from "../../lib/inference/index.ts";
import { loadBrowserRuntime } from "../../lib/inference/browserRuntime.ts";
import type { SemanticParams } from "../../lib/astro/autoencoder-spec.ts";
import { paintGrey, paintRgb } from "../conv-explorer/raster.ts";
import {
  AUTOENCODER_PREFIX,
  CLASSES,
  LATENT,
  angleDifference,
  autoencoderSchema,
  checksum,
  classCentres,
  classMeanCodes,
  codeAt,
  degrees,
  errorMap,
  estimateParams,
  galleryImage,
  galleryItems,
  isAnomaly,
  mapBounds,
  meanSquaredError,
  nearestGalaxy,
  parseLatentMap,
  psnr,
  radians,
  sliderCode,
} from "./autoencoderModel.ts";
import type { GalleryItem, LatentMap } from "./autoencoderModel.ts";
import { DECODER, ENCODER, LATENT_MAP_URL } from "./modelAssets.ts";
import "../shared/palette.css";
import styles from "./autoencoder.module.css";

export type AutoencoderLabProps = {
  /** Id of the lesson challenge ("find an anomaly"); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "ae". */
  prefix?: string;
};

type Status = "idle" | "loading" | "ready" | "error";

const EP_LABEL = { webgpu: "WebGPU", wasm: "WebAssembly (CPU)" } as const;
const CLASS_COLOURS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];
const KIND_LABEL: Record<string, string> = { lens: "strong lens (never seen in training)" };
/** Error map scale: black = 0, white = this RMS error or more. */
const ERROR_SCALE = 0.5;

/** PNG/JPEG in the browser: the browser's own decoder, read back through a canvas (as the CNN demo). */
const decodeInBrowser: RasterDecoder = async (bytes, format) => {
  const bitmap = await createImageBitmap(new Blob([bytes.slice()], { type: format === "png" ? "image/png" : "image/jpeg" }));
  try {
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2-D canvas");
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
  } finally {
    bitmap.close();
  }
};

/** A canvas with a CHW RGB image. */
function RgbTile(props: { image: Float32Array; class?: string; testid?: string }) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    if (canvas) paintRgb(canvas, props.image, 64, 64);
  });
  return <canvas ref={canvas} class={props.class} data-testid={props.testid} aria-hidden="true" />;
}

/** A canvas with a grey H × W map on a fixed scale. */
function GreyTile(props: { values: Float32Array; hi: number; class?: string; testid?: string }) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    if (canvas) paintGrey(canvas, props.values, 64, 64, 0, props.hi);
  });
  return <canvas ref={canvas} class={props.class} data-testid={props.testid} aria-hidden="true" />;
}

/**
 * Runs one decoder call at a time and, while one runs, keeps only the latest request: dragging a
 * point fires dozens of moves a second, and only the newest position is worth decoding.
 */
function latestOnly<T>(work: (input: T) => Promise<void>): (input: T) => void {
  let running = false;
  let pending: { input: T } | null = null;
  const pump = async () => {
    while (pending) {
      const { input } = pending;
      pending = null;
      running = true;
      try {
        await work(input);
      } finally {
        running = false;
      }
    }
  };
  return (input) => {
    pending = { input };
    if (!running) void pump();
  };
}

interface Reconstruction {
  code: Float32Array;
  image: Float32Array;
  error: Float32Array;
  mse: number;
  ep: ExecutionProvider;
  encodeMs: number;
  decodeMs: number;
  notice: string | null;
}

/**
 * The autoencoder lab: reconstruct a simulated galaxy (or an uploaded image) through the 16-number
 * bottleneck and see the error; drag a point across a 2-D map of the latent space and watch the
 * decoder draw; set Sérsic index, axis ratio, size and angle with sliders and let the decoder
 * generate the galaxy. The encoder and decoder are the pipeline's ONNX files, run by onnxruntime-web
 * (WebGPU first, WebAssembly as the fallback), loaded only when the learner starts the demo.
 */
export function AutoencoderLab(props: AutoencoderLabProps) {
  const merged = mergeProps({ prefix: AUTOENCODER_PREFIX }, props);
  const url = useUrlState(autoencoderSchema, merged.prefix);
  const s = url.state;
  const [mounted, setMounted] = createSignal(false);
  const [started, setStarted] = createSignal(false);
  const [touched, setTouched] = createSignal(false);
  const [status, setStatus] = createSignal<Status>("idle");
  const [error, setError] = createSignal<{ message: string; retryable: boolean } | null>(null);
  const [upload, setUpload] = createSignal<{ name: string; format: string; width: number; height: number; image: Float32Array } | null>(null);
  const [uploadError, setUploadError] = createSignal<string | null>(null);
  const [map, setMap] = createSignal<LatentMap | null>(null);
  const [recon, setRecon] = createSignal<Reconstruction | null>(null);
  const [explored, setExplored] = createSignal<{ image: Float32Array; ms: number } | null>(null);
  const [generated, setGenerated] = createSignal<{ image: Float32Array; ms: number } | null>(null);
  const [readBack, setReadBack] = createSignal<SemanticParams | null>(null);
  const [lastEp, setLastEp] = createSignal<{ ep: ExecutionProvider; notice: string | null } | null>(null);
  let runner: ModelRunner | null = null;

  onMount(() => {
    runner = new ModelRunner({ loadRuntime: loadBrowserRuntime });
    setMounted(true);
  });
  onCleanup(() => void runner?.dispose());

  const items = createMemo(() => galleryItems(s().page));
  // Simulated in the browser after mounting (the server renders an empty gallery).
  const images = createMemo(() => (mounted() ? items().map(galleryImage) : []));
  const current = createMemo(() => {
    const up = upload();
    if (up) return { kind: "upload" as const, image: up.image, item: null as GalleryItem | null, truth: null as SemanticParams | null };
    const imgs = images();
    if (imgs.length === 0) return null;
    const item = items()[s().img];
    return { kind: "gallery" as const, image: imgs[s().img].image, item, truth: imgs[s().img].truth };
  });

  const infer = async (model: ModelSource, input: Float32Array) => {
    if (!runner) throw new InferenceError("runtime-load", "The page is not ready yet.");
    const r = await runner.infer(model, input, s().ep);
    setLastEp({ ep: r.ep, notice: r.notice });
    return r;
  };
  const fail = (e: unknown) => {
    const retryable = e instanceof InferenceError ? e.retryable : true;
    setError({ message: describeError(e), retryable });
    setStatus("error");
  };

  let mapPromise: Promise<LatentMap> | null = null;
  const loadMap = () => {
    mapPromise ??= fetch(LATENT_MAP_URL)
      .then((r) => {
        if (!r.ok) throw new InferenceError("model-load", `Could not load the latent map: HTTP ${r.status}`);
        return r.json();
      })
      .then((json) => {
        const m = parseLatentMap(json);
        setMap(m);
        return m;
      });
    mapPromise.catch(() => (mapPromise = null));
    return mapPromise;
  };

  let runId = 0;
  const reconstruct = async () => {
    const src = current();
    if (!src || !runner) return;
    const token = ++runId;
    setStatus("loading");
    setError(null);
    try {
      const [enc] = await Promise.all([infer(ENCODER, src.image), loadMap()]);
      const dec = await infer(DECODER, enc.output);
      if (token !== runId) return;
      const mse = meanSquaredError(src.image, dec.output);
      setRecon({ code: enc.output, image: dec.output, error: errorMap(src.image, dec.output), mse, ep: dec.ep, encodeMs: enc.latencyMs, decodeMs: dec.latencyMs, notice: dec.notice ?? enc.notice });
      setStatus("ready");
    } catch (e) {
      if (token === runId) fail(e);
    }
  };

  createEffect(() => {
    current();
    s().ep;
    if (started()) void reconstruct();
  });

  // The latent explorer: the point is the reference galaxy's map position plus an offset (lx, ly).
  const refGalaxy = () => {
    const m = map();
    return m ? m.galaxies[Math.min(s().ref, m.galaxies.length - 1)] : null;
  };
  const point = () => {
    const g = refGalaxy();
    return g ? ([g.xy[0] + s().lx, g.xy[1] + s().ly] as const) : null;
  };
  const decodeExplorer = latestOnly(async (code: Float32Array) => {
    try {
      const r = await infer(DECODER, code);
      setExplored({ image: r.output, ms: r.latencyMs });
    } catch (e) {
      fail(e);
    }
  });
  createEffect(() => {
    const m = map();
    const p = point();
    if (!m || !p || !started()) return;
    decodeExplorer(codeAt(m, s().ref, p[0], p[1]));
  });

  // The semantic sliders: parameters → semantic units; free units from the chosen class's average.
  const sliderParams = (): SemanticParams => ({ sersicN: s().n, axisRatio: s().q, effectiveRadius: s().re, positionAngle: radians(s().pa % 180) });
  const decodeSliders = latestOnly(async (code: Float32Array) => {
    try {
      const r = await infer(DECODER, code);
      setGenerated({ image: r.output, ms: r.latencyMs });
      // Close the loop: what does the encoder read back from the generated galaxy?
      const back = await infer(ENCODER, r.output);
      setReadBack(estimateParams(back.output));
    } catch (e) {
      fail(e);
    }
  });
  const freeCodes = createMemo(() => {
    const m = map();
    return m ? classMeanCodes(m) : null;
  });
  createEffect(() => {
    const free = freeCodes();
    if (!free || !started()) return;
    const base = s().base;
    decodeSliders(sliderCode(sliderParams(), base === "none" ? new Float32Array(LATENT) : free[CLASSES.indexOf(base)]));
  });

  // The challenge: an image reconstructed worse than 99% of the held-out galaxies (an anomaly).
  const anomaly = () => {
    const r = recon();
    const m = map();
    return r && m ? isAnomaly(r.mse, m.anomalyThreshold) : false;
  };
  createEffect(() => {
    const r = recon();
    const m = map();
    if (merged.challengeId && touched() && r && m && status() === "ready" && isAnomaly(r.mse, m.anomalyThreshold)) {
      const src = current();
      const what = src?.kind === "upload" ? "your image" : `this ${src?.item?.kind ?? "image"}`;
      reportChallengeComplete(merged.challengeId, `The autoencoder reconstructs ${what} with MSE ${formatScientific(r.mse)}, above the ${formatScientific(m.anomalyThreshold)} that 99% of held-out galaxies stay under: an anomaly.`);
    }
  });

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
  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > 64 * 1024 * 1024) {
      setUploadError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; files up to 64 MB are accepted. Cut out the object first.`);
      return;
    }
    try {
      const loaded = await loadImageFile(new Uint8Array(await file.arrayBuffer()), decodeInBrowser, { name: file.name });
      setUploadError(null);
      setUpload({ name: file.name, format: loaded.format.toUpperCase(), width: loaded.width, height: loaded.height, image: loaded.prepared.data });
      setTouched(true);
      setStarted(true);
    } catch (e) {
      setUploadError(e instanceof ImageFileError ? e.message : `${file.name} could not be read: ${describeError(e)}`);
    }
  };

  // --- The map's geometry (SVG user units) ---
  const W = 480;
  const H = 360;
  const bounds = createMemo(() => {
    const m = map();
    return m ? mapBounds(m) : ([-1, 1, -1, 1] as [number, number, number, number]);
  });
  const toSvg = (x: number, y: number): [number, number] => {
    const [x0, x1, y0, y1] = bounds();
    return [((x - x0) / (x1 - x0)) * W, H - ((y - y0) / (y1 - y0)) * H];
  };
  const fromSvg = (px: number, py: number): [number, number] => {
    const [x0, x1, y0, y1] = bounds();
    return [x0 + (px / W) * (x1 - x0), y0 + ((H - py) / H) * (y1 - y0)];
  };
  const moveTo = (x: number, y: number) => {
    const g = refGalaxy();
    if (!g) return;
    const [x0, x1, y0, y1] = bounds();
    const cx = Math.max(x0, Math.min(x1, x));
    const cy = Math.max(y0, Math.min(y1, y));
    setTouched(true);
    url.update({ lx: Number((cx - g.xy[0]).toFixed(3)), ly: Number((cy - g.xy[1]).toFixed(3)) });
  };
  const snapToNearest = () => {
    const m = map();
    const p = point();
    if (!m || !p) return;
    url.update({ ref: nearestGalaxy(m, p[0], p[1]), lx: 0, ly: 0 });
  };
  let svg: SVGSVGElement | undefined;
  let dragging = false;
  const eventPoint = (e: PointerEvent): [number, number] => {
    const r = svg!.getBoundingClientRect();
    return fromSvg(((e.clientX - r.left) / r.width) * W, ((e.clientY - r.top) / r.height) * H);
  };
  const onPointerDown = (e: PointerEvent) => {
    if (!svg) return;
    dragging = true;
    svg.setPointerCapture(e.pointerId);
    const [x, y] = eventPoint(e);
    moveTo(x, y);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!dragging) return;
    const [x, y] = eventPoint(e);
    moveTo(x, y);
  };
  const onPointerUp = (e: PointerEvent) => {
    dragging = false;
    svg?.releasePointerCapture(e.pointerId);
  };
  const onHandleKey = (e: KeyboardEvent) => {
    const p = point();
    if (!p) return;
    const [x0, x1, y0, y1] = bounds();
    const f = e.shiftKey ? 0.1 : 0.025;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-(x1 - x0) * f, 0],
      ArrowRight: [(x1 - x0) * f, 0],
      ArrowUp: [0, (y1 - y0) * f],
      ArrowDown: [0, -(y1 - y0) * f],
    };
    if (moves[e.key]) {
      moveTo(p[0] + moves[e.key][0], p[1] + moves[e.key][1]);
      e.preventDefault();
    } else if (e.key === "Enter" || e.key === " ") {
      snapToNearest();
      e.preventDefault();
    }
  };
  const nearestText = () => {
    const m = map();
    const p = point();
    if (!m || !p) return "";
    const g = m.galaxies[nearestGalaxy(m, p[0], p[1])];
    return `nearest galaxy: a${/^[aeiou]/.test(m.classes[g.class]) ? "n" : ""} ${m.classes[g.class]} (n ${formatNumber(g.sersicN, 1)}, b/a ${formatNumber(g.axisRatio, 2)}, r_e ${formatNumber(g.effectiveRadius, 1)} px)`;
  };
  const mapDescription = () => {
    const m = map();
    if (!m) return "";
    const parts = classCentres(m).map((c) => `${c.name}s (${c.count}) centred near (${formatNumber(c.x, 1)}, ${formatNumber(c.y, 1)})`);
    return `Scatter plot of the latent codes of ${m.galaxies.length} held-out galaxies projected on their first two principal components (${formatNumber(m.pca.explained[0] * 100, 0)} % and ${formatNumber(m.pca.explained[1] * 100, 0)} % of the variance): ${parts.join("; ")}.`;
  };

  const estimate = () => {
    const r = recon();
    return r ? estimateParams(r.code) : null;
  };
  const paramRows = () => {
    const e = estimate();
    if (!e) return [];
    const t = current()?.truth ?? null;
    return [
      { name: "Sérsic index n", est: formatNumber(e.sersicN, 2), truth: t ? formatNumber(t.sersicN, 2) : "—" },
      { name: "axis ratio b/a", est: formatNumber(e.axisRatio, 2), truth: t ? formatNumber(t.axisRatio, 2) : "—" },
      { name: "half-light radius r_e (px)", est: formatNumber(e.effectiveRadius, 1), truth: t ? formatNumber(t.effectiveRadius, 1) : "—" },
      {
        name: "position angle θ (°)",
        est: formatNumber(degrees(e.positionAngle), 0),
        truth: t ? `${formatNumber(degrees(t.positionAngle), 0)} (off by ${formatNumber(angleDifference(degrees(e.positionAngle), degrees(t.positionAngle)), 0)}°)` : "—",
      },
    ];
  };

  return (
    <figure
      class={styles.root}
      data-widget="autoencoder"
      data-status={status()}
      data-ep={lastEp()?.ep ?? ""}
      data-mse={recon()?.mse ?? ""}
      data-recon-sum={recon() ? checksum(recon()!.image) : ""}
      data-explorer-sum={explored() ? checksum(explored()!.image) : ""}
      data-sliders-sum={generated() ? checksum(generated()!.image) : ""}
      data-encode-ms={recon()?.encodeMs ?? ""}
      data-decode-ms={recon()?.decodeMs ?? ""}
    >
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
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
      </div>

      <section class={styles.section} aria-labelledby="ae-recon-title">
        <h3 class={styles.title} id="ae-recon-title">
          1. Reconstruct: image → 16 numbers → image
        </h3>
        <div class={styles.gallery} role="group" aria-label="Gallery of simulated images">
          <For each={items()}>
            {(item) => (
              <button
                type="button"
                class={styles.thumb}
                aria-pressed={!upload() && s().img === item.index}
                aria-label={`Image ${item.index + 1}: a simulated ${KIND_LABEL[item.kind] ?? item.kind}`}
                data-testid={`ae-gallery-${item.index}`}
                onClick={() => pick(item.index)}
              >
                <Show when={images()[item.index]}>{(img) => <RgbTile image={img().image} class={styles.thumbImage} />}</Show>
                <span class={styles.thumbLabel}>{item.inTraining ? item.kind : "lens (new!)"}</span>
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
            <input type="file" accept=".png,.jpg,.jpeg,.fits,.fit,.fts,image/png,image/jpeg,application/fits" data-testid="ae-upload" onChange={onFile} />
          </label>
        </div>
        <Show when={uploadError()}>
          {(message) => (
            <p class={styles.error} role="alert" data-testid="ae-upload-error">
              {message()}
            </p>
          )}
        </Show>
        <Show when={upload()}>
          {(up) => (
            <p class={styles.note} data-testid="ae-upload-info">
              Your image: {up().name} ({up().format}, {up().width} × {up().height} pixels), centre-cropped and resampled to 64 × 64 as the training cutouts.
            </p>
          )}
        </Show>
        <Show when={!started()}>
          <p class={styles.note}>The encoder (200 kB), the decoder (95 kB) and ONNX Runtime (14–27 MB of WebAssembly, downloaded once) load when you start.</p>
          <button type="button" class={styles.primary} data-action="start" onClick={start} disabled={!mounted()}>
            Start the autoencoder
          </button>
        </Show>
        <div class={styles.triptych}>
          <figure class={styles.panel}>
            <Show when={current()}>{(c) => <RgbTile image={c().image} class={styles.bigImage} testid="ae-original" />}</Show>
            <figcaption>Original: 64 × 64 × 3 = 12 288 numbers</figcaption>
          </figure>
          <figure class={styles.panel}>
            <Show when={recon()}>{(r) => <RgbTile image={r().image} class={styles.bigImage} testid="ae-reconstruction" />}</Show>
            <figcaption>Rebuilt from 16 numbers</figcaption>
          </figure>
          <figure class={styles.panel}>
            <Show when={recon()}>{(r) => <GreyTile values={r().error} hi={ERROR_SCALE} class={styles.bigImage} testid="ae-error-map" />}</Show>
            <figcaption>Error map: black = 0, white ≥ {ERROR_SCALE}</figcaption>
          </figure>
        </div>
        <Show when={status() === "loading" && !recon()}>
          <p class={styles.note} role="status">
            Loading the encoder, the decoder and ONNX Runtime…
          </p>
        </Show>
        <Show when={recon()}>
          {(r) => (
            <>
              <p class={styles.stats} data-testid="ae-error" role="status">
                Reconstruction error: MSE <strong>{formatScientific(r().mse, 2)}</strong> per value, PSNR <strong>{formatNumber(psnr(r().mse), 1)} dB</strong>
                <Show when={map()}>
                  {(m) => (
                    <>
                      . A typical held-out galaxy scores {formatScientific(m().medianMse, 2)}, and 99% stay under {formatScientific(m().anomalyThreshold, 2)}; pixel noise alone is about {formatScientific(m().noiseVariance, 2)}.{" "}
                      <span class={anomaly() ? styles.anomaly : styles.typical} data-testid="ae-verdict">
                        {anomaly() ? "Anomaly: this image is unlike the training galaxies." : "Within the range of the training galaxies."}
                      </span>
                    </>
                  )}
                </Show>
              </p>
              <table class={styles.table} data-testid="ae-params">
                <caption>The encoder's semantic units read the main galaxy's structure</caption>
                <thead>
                  <tr>
                    <th scope="col">parameter</th>
                    <th scope="col">encoder's estimate</th>
                    <th scope="col">true (simulator)</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={paramRows()}>
                    {(row) => (
                      <tr>
                        <td>{row.name}</td>
                        <td>{row.est}</td>
                        <td>{row.truth}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <p class={styles.note} data-testid="ae-runtime">
                Ran on <strong>{EP_LABEL[r().ep]}</strong>: encoder {formatNumber(r().encodeMs, 1)} ms, decoder {formatNumber(r().decodeMs, 1)} ms.
              </p>
            </>
          )}
        </Show>
        <Show when={lastEp()?.notice}>
          {(n) => (
            <p class={styles.notice} data-testid="ae-ep-notice">
              {n()}
            </p>
          )}
        </Show>
        <Show when={error()}>
          {(e) => (
            <div class={styles.error} role="alert" data-testid="ae-run-error">
              <p>{e().message}</p>
              <Show when={e().retryable}>
                <button type="button" class={styles.secondary} data-action="retry" onClick={() => void reconstruct()}>
                  Try again
                </button>
              </Show>
            </div>
          )}
        </Show>
      </section>

      <section class={styles.section} aria-labelledby="ae-map-title">
        <h3 class={styles.title} id="ae-map-title">
          2. Walk the latent space
        </h3>
        <p class={styles.note}>
          Each dot is one held-out galaxy's 16-number code, flattened onto the two directions along which the codes vary most (principal components). Drag the ring (or focus it and use the arrow keys, Shift for big steps; Enter jumps to the nearest galaxy) and the decoder draws the galaxy at that point.
        </p>
        <Show when={map()} fallback={<p class={styles.note}>The map appears once the autoencoder has started.</p>}>
          {(m) => (
            <div class={styles.explorer}>
              <div>
                <svg
                  ref={svg}
                  class={styles.map}
                  viewBox={`0 0 ${W} ${H}`}
                  data-testid="ae-map"
                  onPointerDown={onPointerDown}
                  onPointerMove={onPointerMove}
                  onPointerUp={onPointerUp}
                  onPointerCancel={onPointerUp}
                >
                  <title>Latent map</title>
                  <desc>{mapDescription()}</desc>
                  <For each={m().galaxies}>
                    {(g) => {
                      const [x, y] = toSvg(g.xy[0], g.xy[1]);
                      return <circle cx={x} cy={y} r="3.2" fill={CLASS_COLOURS[g.class]} fill-opacity="0.75" />;
                    }}
                  </For>
                  <Show when={point()}>
                    {(p) => {
                      const xy = () => toSvg(p()[0], p()[1]);
                      return (
                        <g
                          class={styles.handle}
                          tabindex="0"
                          role="slider"
                          aria-label="Point in the latent map: arrow keys move it, Enter jumps to the nearest galaxy"
                          aria-valuemin={Math.round(bounds()[0] * 100) / 100}
                          aria-valuemax={Math.round(bounds()[1] * 100) / 100}
                          aria-valuenow={Math.round(p()[0] * 100) / 100}
                          aria-valuetext={`x ${formatNumber(p()[0], 2)}, y ${formatNumber(p()[1], 2)}; ${nearestText()}`}
                          data-testid="ae-handle"
                          onKeyDown={onHandleKey}
                        >
                          <circle cx={xy()[0]} cy={xy()[1]} r="11" fill="none" stroke="var(--fg)" stroke-width="3" />
                          <circle cx={xy()[0]} cy={xy()[1]} r="3" fill="var(--fg)" />
                        </g>
                      );
                    }}
                  </Show>
                </svg>
                <ul class={styles.legend} aria-label="Colours of the classes">
                  <For each={m().classes}>
                    {(name, c) => (
                      <li>
                        <span class={styles.swatch} style={{ background: CLASS_COLOURS[c()] }} aria-hidden="true" />
                        {name}
                      </li>
                    )}
                  </For>
                </ul>
                <p class="visually-hidden">{mapDescription()}</p>
              </div>
              <div class={styles.decoded}>
                <Show when={explored()}>{(e) => <RgbTile image={e().image} class={styles.bigImage} testid="ae-explored" />}</Show>
                <p class={styles.note} aria-live="polite" data-testid="ae-explorer-text">
                  Decoded at ({formatNumber(point()?.[0] ?? 0, 2)}, {formatNumber(point()?.[1] ?? 0, 2)}); {nearestText()}.
                </p>
                <button type="button" class={styles.secondary} data-action="snap" onClick={snapToNearest}>
                  Jump to the nearest galaxy
                </button>
              </div>
            </div>
          )}
        </Show>
      </section>

      <section class={styles.section} aria-labelledby="ae-sliders-title">
        <h3 class={styles.title} id="ae-sliders-title">
          3. Semantic sliders: draw a galaxy from its parameters
        </h3>
        <p class={styles.note}>
          The first five latent units were trained to hold the main galaxy's Sérsic index, axis ratio, size and angle (as cos 2θ and sin 2θ). Set them here; the other 11 units are zero (the decoder learnt to draw from the parameters alone) or the average code of a class you pick. The encoder then reads your drawing back: how close it comes shows how well the two halves agree.
        </p>
        <div class={styles.sliders}>
          <div class={styles.sliderList}>
            <LabelledSlider name="ae-n" label="Sérsic index n" hint="1 = exponential disk, 4 = de Vaucouleurs" value={s().n} min={0.8} max={5} step={0.05} digits={2} onChange={(n) => (setTouched(true), url.update({ n }))} />
            <LabelledSlider name="ae-q" label="Axis ratio b/a" hint="1 = round" value={s().q} min={0.1} max={1} step={0.01} digits={2} onChange={(q) => (setTouched(true), url.update({ q }))} />
            <LabelledSlider name="ae-re" label="Half-light radius r_e" hint="pixels (0.262″ each)" value={s().re} min={1.5} max={18} step={0.1} digits={1} onChange={(re) => (setTouched(true), url.update({ re }))} />
            <LabelledSlider name="ae-pa" label="Position angle θ" hint="degrees, counter-clockwise from the right" value={s().pa} min={0} max={180} step={1} digits={0} onChange={(pa) => (setTouched(true), url.update({ pa }))} />
            <ChoiceGroup
              name="ae-base"
              legend="The 11 free units"
              options={[{ value: "none" as const, label: "zero (parameters only)" }, ...CLASSES.map((c) => ({ value: c, label: `average ${c}` }))]}
              value={s().base}
              onChange={(base) => url.update({ base })}
            />
          </div>
          <div class={styles.decoded}>
            <Show when={generated()} fallback={<p class={styles.note}>Start the autoencoder to draw.</p>}>
              {(g) => <RgbTile image={g().image} class={styles.bigImage} testid="ae-generated" />}
            </Show>
            <Show when={readBack()}>
              {(b) => (
                <p class={styles.note} data-testid="ae-readback" aria-live="polite">
                  The encoder reads this drawing back as n {formatNumber(b().sersicN, 2)}, b/a {formatNumber(b().axisRatio, 2)}, r_e {formatNumber(b().effectiveRadius, 1)} px, θ {formatNumber(degrees(b().positionAngle), 0)}°.
                </p>
              )}
            </Show>
          </div>
        </div>
      </section>
    </figure>
  );
}
