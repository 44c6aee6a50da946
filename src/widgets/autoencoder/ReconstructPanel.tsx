import { For, Show, createSignal } from "solid-js";
import { formatNumber, formatScientific } from "../shared/chartLayout.ts";
import { ImageFileError, describeError, loadImageFile } from "../../lib/inference/index.ts";
import type { ExecutionProvider } from "../../lib/inference/index.ts";
import type { SemanticParams } from "../../lib/zoo/index.ts";
import { angleDifference, degrees, physicalEstimate } from "./autoencoderModel.ts";
import type { ClampedEstimate } from "./autoencoderModel.ts";
import { psnr } from "../../lib/nn/index.ts";
import type { GalleryImage, GalleryItem, LatentMap } from "./autoencoderModel.ts";
import { decodeInBrowser } from "../shared/decodeInBrowser.ts";
import { GreyTile } from "./GreyTile.tsx";
import { RgbTile } from "../shared/RgbTile.tsx";
import styles from "./autoencoder.module.css";

const EP_LABEL = { webgpu: "WebGPU", wasm: "WebAssembly (CPU)" } as const;
const KIND_LABEL: Record<string, string> = { lens: "strong lens (never seen in training)" };
/** Error map scale: black = 0, white = this RMS error or more. */
const ERROR_SCALE = 0.5;

/** An uploaded image, prepared for the encoder. */
export interface Upload {
  name: string;
  /** "PNG", "JPEG" or "FITS". */
  format: string;
  width: number;
  height: number;
  /** Centre-cropped and resampled to 64 × 64, CHW RGB. */
  image: Float32Array;
}

/** One pass through the autoencoder: the code, the rebuilt image, its error and the run times. */
export interface Reconstruction {
  code: Float32Array;
  image: Float32Array;
  error: Float32Array;
  mse: number;
  ep: ExecutionProvider;
  encodeMs: number;
  decodeMs: number;
  notice: string | null;
}

export type ReconstructPanelProps = {
  /** The gallery page's items, and their simulated images (empty until mounted). */
  items: GalleryItem[];
  images: GalleryImage[];
  /** Gallery index shown pressed; null while an upload is shown. */
  selected: number | null;
  upload: Upload | null;
  /** The image being reconstructed and, for a simulated one, its true parameters. */
  current: { image: Float32Array; truth: SemanticParams | null } | null;
  recon: Reconstruction | null;
  map: LatentMap | null;
  /** Whether this image counts as an anomaly (reconstructed worse than 99% of held-out galaxies). */
  anomaly: boolean;
  started: boolean;
  mounted: boolean;
  loading: boolean;
  notice: string | null;
  error: { message: string; retryable: boolean } | null;
  onPick: (index: number) => void;
  onMore: () => void;
  onUpload: (upload: Upload) => void;
  onStart: () => void;
  onRetry: () => void;
};

/** Panel 1: pick a gallery galaxy or upload an image, and see it rebuilt from 16 numbers with its error map. */
export function ReconstructPanel(props: ReconstructPanelProps) {
  const [uploadError, setUploadError] = createSignal<string | null>(null);

  const pick = (index: number) => {
    setUploadError(null);
    props.onPick(index);
  };
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
    try {
      const loaded = await loadImageFile(new Uint8Array(await file.arrayBuffer()), decodeInBrowser, { name: file.name });
      setUploadError(null);
      props.onUpload({
        name: file.name,
        format: loaded.format.toUpperCase(),
        width: loaded.width,
        height: loaded.height,
        image: loaded.prepared.data,
      });
    } catch (e) {
      setUploadError(e instanceof ImageFileError ? e.message : `${file.name} could not be read: ${describeError(e)}`);
    }
  };

  const paramRows = () => {
    const r = props.recon;
    if (!r) return [];
    const { params: e, clamped } = physicalEstimate(r.code);
    const t = props.current?.truth ?? null;
    // A read-out outside the physical range is shown clamped, with the raw value (b/a = −0.03 was printed as is).
    const shown = (name: ClampedEstimate["name"], digits: number) => {
      const c = clamped.find((i) => i.name === name);
      return c ? `${formatNumber(e[name], digits)} (read-out ${formatNumber(c.raw, 2)})` : formatNumber(e[name], digits);
    };
    return [
      { name: "Sérsic index n", est: shown("sersicN", 2), truth: t ? formatNumber(t.sersicN, 2) : "—" },
      { name: "axis ratio b/a", est: shown("axisRatio", 2), truth: t ? formatNumber(t.axisRatio, 2) : "—" },
      { name: "half-light radius r_e (px)", est: formatNumber(e.effectiveRadius, 1), truth: t ? formatNumber(t.effectiveRadius, 1) : "—" },
      {
        name: "position angle θ (°)",
        est: formatNumber(degrees(e.positionAngle), 0),
        truth: t
          ? `${formatNumber(degrees(t.positionAngle), 0)} (off by ${formatNumber(angleDifference(degrees(e.positionAngle), degrees(t.positionAngle)), 0)}°)`
          : "—",
      },
    ];
  };

  return (
    <section class={styles.section} aria-labelledby="ae-recon-title">
      <h3 class={styles.title} id="ae-recon-title">
        1. Reconstruct: image → 16 numbers → image
      </h3>
      <div class={styles.gallery} role="group" aria-label="Gallery of simulated images">
        <For each={props.items}>
          {(item) => (
            <button
              type="button"
              class={styles.thumb}
              aria-pressed={props.selected === item.index}
              aria-label={`Image ${item.index + 1}: a simulated ${KIND_LABEL[item.kind] ?? item.kind}`}
              data-testid={`ae-gallery-${item.index}`}
              onClick={() => pick(item.index)}
            >
              <Show when={props.images[item.index]}>{(img) => <RgbTile image={img().image} class={styles.thumbImage} />}</Show>
              <span class={styles.thumbLabel}>{item.inTraining ? item.kind : "lens (new!)"}</span>
            </button>
          )}
        </For>
      </div>
      <div class={styles.row}>
        <button type="button" class={styles.secondary} data-action="more" onClick={() => props.onMore()}>
          New gallery images
        </button>
        <label class={styles.upload}>
          <span>Or upload your own image (PNG, JPEG or FITS):</span>
          <input
            type="file"
            accept=".png,.jpg,.jpeg,.fits,.fit,.fts,image/png,image/jpeg,application/fits"
            data-testid="ae-upload"
            onChange={onFile}
          />
        </label>
      </div>
      <Show when={uploadError()}>
        {(message) => (
          <p class={styles.error} role="alert" data-testid="ae-upload-error">
            {message()}
          </p>
        )}
      </Show>
      <Show when={props.upload}>
        {(up) => (
          <p class={styles.note} data-testid="ae-upload-info">
            Your image: {up().name} ({up().format}, {up().width} × {up().height} pixels), centre-cropped and resampled to 64 × 64 as the
            training cutouts.
          </p>
        )}
      </Show>
      <Show when={!props.started}>
        <p class={styles.note}>
          The encoder (200 kB), the decoder (95 kB) and ONNX Runtime (14–27 MB of WebAssembly, downloaded once) load when you start.
        </p>
        <button type="button" class={styles.primary} data-action="start" onClick={() => props.onStart()} disabled={!props.mounted}>
          Start the autoencoder
        </button>
      </Show>
      <div class={styles.triptych}>
        <figure class={styles.panel}>
          <Show when={props.current}>{(c) => <RgbTile image={c().image} class={styles.bigImage} testid="ae-original" />}</Show>
          <figcaption>Original: 64 × 64 × 3 = 12 288 numbers</figcaption>
        </figure>
        <figure class={styles.panel}>
          <Show when={props.recon}>{(r) => <RgbTile image={r().image} class={styles.bigImage} testid="ae-reconstruction" />}</Show>
          <figcaption>Rebuilt from 16 numbers</figcaption>
        </figure>
        <figure class={styles.panel}>
          <Show when={props.recon}>
            {(r) => <GreyTile values={r().error} hi={ERROR_SCALE} class={styles.bigImage} testid="ae-error-map" />}
          </Show>
          <figcaption>Error map: black = 0, white ≥ {ERROR_SCALE}</figcaption>
        </figure>
      </div>
      <Show when={props.loading && !props.recon}>
        <p class={styles.note} role="status">
          Loading the encoder, the decoder and ONNX Runtime…
        </p>
      </Show>
      <Show when={props.recon}>
        {(r) => (
          <>
            <p class={styles.stats} data-testid="ae-error" role="status">
              Reconstruction error: MSE <strong>{formatScientific(r().mse, 2)}</strong> per value, PSNR{" "}
              <strong>{formatNumber(psnr(r().mse), 1)} dB</strong>
              <Show when={props.map}>
                {(m) => (
                  <>
                    . A typical held-out galaxy scores {formatScientific(m().medianMse, 2)}, and 99% stay under{" "}
                    {formatScientific(m().anomalyThreshold, 2)}; pixel noise alone is about {formatScientific(m().noiseVariance, 2)}.{" "}
                    <span class={props.anomaly ? styles.anomaly : styles.typical} data-testid="ae-verdict">
                      {props.anomaly
                        ? "Anomaly: this image is unlike the training galaxies."
                        : "Pixel error within the range of the training galaxies."}
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
            <Show when={physicalEstimate(r().code).clamped}>
              {(clamped) => (
                <Show when={clamped().length > 0}>
                  <p class={styles.note} data-testid="ae-clamped">
                    Each estimate is read out linearly from one latent unit, so it can overshoot what a galaxy can have: slightly for a very
                    flat or compact galaxy, far for an image unlike any galaxy. Such read-outs are shown clamped to the possible range (
                    {clamped()
                      .map((c) => c.why)
                      .join("; ")}
                    ).
                  </p>
                </Show>
              )}
            </Show>
            <p class={styles.note} data-testid="ae-runtime">
              Ran on <strong>{EP_LABEL[r().ep]}</strong>: encoder {formatNumber(r().encodeMs, 1)} ms, decoder{" "}
              {formatNumber(r().decodeMs, 1)} ms.
            </p>
          </>
        )}
      </Show>
      <Show when={props.notice}>
        {(n) => (
          <p class={styles.notice} data-testid="ae-ep-notice">
            {n()}
          </p>
        )}
      </Show>
      <Show when={props.error}>
        {(e) => (
          <div class={styles.error} role="alert" data-testid="ae-run-error">
            <p>{e().message}</p>
            <Show when={e().retryable}>
              <button type="button" class={styles.secondary} data-action="retry" onClick={() => props.onRetry()}>
                Try again
              </button>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
