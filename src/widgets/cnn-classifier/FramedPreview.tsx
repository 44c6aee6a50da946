// The upload's framing preview: shown only once a file has been read, so it is fetched with the first
// upload (CnnClassifier loads it lazily), and with it the colour checks' inversion and the luminance of
// the auto-framing that it draws with.
import { For, Show, createEffect } from "solid-js";
import { NATIVE_FIELD_ARCSEC, invertRgba, luminance } from "../../lib/astro/index.ts";
import type { ImageInput, PreparedImage } from "../../lib/astro/index.ts";
import { formatNumber } from "../shared/chartLayout.ts";
import styles from "./uploadFraming.module.css";

/** One sentence on how the picture became the network's 64 × 64 input. */
export function framingText(prepared: PreparedImage): string {
  const side = formatNumber(prepared.crop.side, 0);
  if (prepared.framing === "pixel-scale") {
    return `At ${formatNumber(prepared.pixelScale!, 3)}″ per pixel, the network's ${formatNumber(NATIVE_FIELD_ARCSEC, 1)}″ field is the outlined ${side}-pixel square around the centre, resampled to 64 × 64.`;
  }
  if (prepared.framing === "auto" && prepared.source) {
    return `Auto-framed: the outlined ${side}-pixel square is centred on the central object (at ${formatNumber(prepared.source.x, 0)}, ${formatNumber(prepared.source.y, 0)}) and sized so it fills the frame as the training galaxies do, then resampled to 64 × 64.`;
  }
  return `The outlined ${side}-pixel centred square, resampled to 64 × 64.`;
}

export type FramedPreviewProps = { input: ImageInput; prepared: PreparedImage };

/** The longest side of the preview canvas, in canvas pixels. */
const PREVIEW_MAX = 1200;

/** The uploaded picture with the square the network saw outlined (areas outside the picture are padded with sky), the framing sentence and any warnings. */
export default function FramedPreview(props: FramedPreviewProps) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    const { input, prepared } = props;
    if (!canvas) return;
    const { crop } = prepared;
    const x0 = Math.floor(Math.min(0, crop.x));
    const y0 = Math.floor(Math.min(0, crop.y));
    const x1 = Math.ceil(Math.max(input.width, crop.x + crop.side));
    const y1 = Math.ceil(Math.max(input.height, crop.y + crop.side));
    // The preview is drawn at most PREVIEW_MAX pixels across: a crop several times the picture (a fine
    // pixel scale) or a 6000-pixel photo would otherwise ask for a canvas larger than browsers allow.
    const k = Math.min(1, PREVIEW_MAX / Math.max(x1 - x0, y1 - y0));
    canvas.width = Math.max(1, Math.round((x1 - x0) * k));
    canvas.height = Math.max(1, Math.round((y1 - y0) * k));
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#333";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const pixels = new ImageData(input.width, input.height);
    if (input.kind === "rgba") {
      // Shown as the network's input was made: an inverted picture inverted back.
      const n = input.width * input.height;
      pixels.data.set(prepared.colours.inverted ? invertRgba(input.data, n) : Uint8ClampedArray.from(input.data).subarray(0, 4 * n));
    } else {
      const lum = luminance(input);
      for (let p = 0; p < lum.length; p++) pixels.data.set([lum[p] * 255, lum[p] * 255, lum[p] * 255, 255], 4 * p);
    }
    const picture = document.createElement("canvas");
    picture.width = input.width;
    picture.height = input.height;
    picture.getContext("2d")?.putImageData(pixels, 0, 0);
    ctx.setTransform(k, 0, 0, k, 0, 0);
    ctx.drawImage(picture, -x0, -y0);
    // A light line on a dark one: visible on any sky (widths in picture pixels, scaled with it).
    const w = Math.max(1 / k, (x1 - x0) / 160);
    ctx.lineWidth = 3 * w;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.8)";
    ctx.strokeRect(crop.x - x0, crop.y - y0, crop.side, crop.side);
    ctx.lineWidth = w;
    ctx.strokeStyle = "#ffd84a";
    ctx.strokeRect(crop.x - x0, crop.y - y0, crop.side, crop.side);
  });
  return (
    <div
      class={styles.preview}
      data-testid="upload-framing"
      data-framing={props.prepared.framing}
      data-crop={[props.prepared.crop.x, props.prepared.crop.y, props.prepared.crop.side].map((v) => v.toFixed(1)).join(",")}
    >
      <canvas ref={canvas} class={styles.previewImage} aria-hidden="true" />
      <div>
        <p class={styles.hint}>{framingText(props.prepared)}</p>
        <Show when={props.prepared.warnings.length > 0}>
          <ul class={styles.warnings} data-testid="upload-warnings" aria-label="Warnings about your image">
            <For each={props.prepared.warnings}>{(w) => <li>{w}</li>}</For>
          </ul>
        </Show>
      </div>
    </div>
  );
}
