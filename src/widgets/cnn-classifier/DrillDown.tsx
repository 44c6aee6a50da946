import { For, Show, createEffect, createMemo, createSignal } from "solid-js";
import type { Sequential } from "../../lib/nn/index.ts";
import type { Prediction } from "../../lib/inference/index.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";
import { formatNumber, formatScientific } from "../shared/chartLayout.ts";
import { paintGrey } from "../shared/raster.ts";
import { logitTerms, outOfDistribution, pixelArithmetic, softmaxBreakdown, traceForward } from "./drillDown.ts";
import type { OodCalibration } from "./drillDown.ts";
import calibration from "./oodCalibration.json";
import styles from "./drillDown.module.css";

export type DrillDownProps = {
  model: Sequential;
  modelId: ClassifierId;
  /** The image the prediction is for (CHW). */
  image: Float32Array;
  prediction: Prediction;
  /** The feature map picked in the classifier: conv layer name and channel. */
  layer: string;
  channel: number;
};

const f = (v: number) => formatNumber(v, 3);
/** Small positive numbers (exp of a low logit, a tiny probability) in scientific notation rather than "0". */
const small = (v: number) => (v !== 0 && Math.abs(v) < 1e-3 ? formatScientific(v) : formatNumber(v, 4));
/** Input channels spelled out term by term; deeper layers list each channel's partial sum. */
const TERMS_SHOWN = 27;

/** Nine numbers as a 3 × 3 block, row by row (a kernel or an input patch), read as a list by screen readers. */
function Grid3(props: { values: number[]; label: string }) {
  return (
    <span
      class={styles.grid3}
      role="img"
      aria-label={`${props.label}, row by row: ${props.values.map((v) => formatNumber(v, 2)).join(", ")}`}
    >
      <For each={props.values}>{(v) => <span aria-hidden="true">{formatNumber(v, 2)}</span>}</For>
    </span>
  );
}

/**
 * The classifier's drill-down: the picked feature map's kernel, the input patch and the arithmetic
 * at a chosen pixel, the dense head's largest contributions to the top logit, the logits → softmax
 * breakdown next to onnxruntime's probabilities, and the out-of-distribution note. Every number is
 * read from one traced engine forward pass of the network already on the page (drillDown.ts).
 */
export default function DrillDown(props: DrillDownProps) {
  const trace = createMemo(() => traceForward(props.model, props.image));
  const conv = createMemo(() => trace().convs.find((c) => c.name === props.layer) ?? trace().convs[0]);
  const [pixel, setPixel] = createSignal<[number, number]>([0, 0]);
  // Start at the map's strongest pixel, so the arithmetic shows something non-zero.
  createEffect(() => {
    const c = conv();
    const [, h, w] = c.outShape;
    const plane = c.output.subarray(props.channel * h * w, (props.channel + 1) * h * w);
    let best = 0;
    for (let p = 1; p < plane.length; p++) if (plane[p] > plane[best]) best = p;
    setPixel([Math.floor(best / w), best % w]);
  });
  const arithmetic = createMemo(() => pixelArithmetic(conv(), props.channel, pixel()[0], pixel()[1]));
  const mapValue = () => {
    const c = conv();
    const [, h, w] = c.outShape;
    return c.output[(props.channel * h + pixel()[0]) * w + pixel()[1]];
  };
  const channelSums = createMemo(() => {
    const a = arithmetic();
    const per = conv().kernelShape[2] * conv().kernelShape[3];
    return Array.from({ length: conv().inShape[0] }, (_, ch) => {
      let s = 0;
      for (let t = ch * per; t < (ch + 1) * per; t++) s += a.weights[t] * a.patch[t];
      return s;
    });
  });

  const softmax = createMemo(() => softmaxBreakdown(trace().logits));
  const maxDiff = createMemo(() => Math.max(...softmax().rows.map((r, k) => Math.abs(r.probability - props.prediction.firstView[k]))));
  const top = createMemo(() => {
    const rows = softmax().rows;
    let best = 0;
    for (let k = 1; k < rows.length; k++) if (rows[k].probability > rows[best].probability) best = k;
    return best;
  });
  const head = createMemo(() => logitTerms(trace(), top()));
  const cal = () => (calibration as Record<string, OodCalibration>)[props.modelId];
  const ood = createMemo(() => outOfDistribution(trace().logits, cal()));

  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    const c = conv();
    const [, h, w] = c.outShape;
    const plane = c.output.subarray(props.channel * h * w, (props.channel + 1) * h * w);
    let max = 0;
    for (const v of plane) if (v > max) max = v;
    if (canvas) paintGrey(canvas, plane, w, h, 0, max || 1);
  });
  const size = () => conv().outShape[1];
  const movePixel = (e: KeyboardEvent) => {
    const [y, x] = pixel();
    const n = size();
    const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = d[e.key];
    if (!step) return;
    e.preventDefault();
    setPixel([Math.min(n - 1, Math.max(0, y + step[0])), Math.min(n - 1, Math.max(0, x + step[1]))]);
  };
  const onMapClick = (e: MouseEvent) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const n = size();
    setPixel([
      Math.min(n - 1, Math.floor(((e.clientY - r.top) / r.height) * n)),
      Math.min(n - 1, Math.floor(((e.clientX - r.left) / r.width) * n)),
    ]);
  };

  return (
    <section class={styles.root} data-testid="drill-down" aria-label={`Inside ${conv().name}, map ${props.channel + 1}`}>
      <h3 class={styles.title}>
        Inside {conv().name}, map {props.channel + 1}
      </h3>
      <div class={styles.top}>
        <div>
          <div
            class={styles.mapBox}
            tabindex="0"
            role="application"
            aria-roledescription="pixel picker"
            aria-label={`${conv().name} map ${props.channel + 1}, ${size()} × ${size()} pixels; arrow keys choose a pixel (now row ${pixel()[0] + 1}, column ${pixel()[1] + 1})`}
            onKeyDown={movePixel}
            onClick={onMapClick}
            data-testid="pixel-picker"
          >
            <canvas ref={canvas} class={styles.map} aria-hidden="true" />
            <span
              class={styles.cursor}
              aria-hidden="true"
              style={{
                left: `${(100 * pixel()[1]) / size()}%`,
                top: `${(100 * pixel()[0]) / size()}%`,
                width: `${100 / size()}%`,
                height: `${100 / size()}%`,
              }}
            />
          </div>
          <p class={styles.note}>Click the map or use the arrow keys to pick a pixel.</p>
        </div>
        <div
          class={styles.arith}
          data-testid="pixel-arithmetic"
          data-z={arithmetic().z}
          data-relu={arithmetic().relu}
          data-map-value={mapValue()}
        >
          <p>
            Pixel (row {pixel()[0] + 1}, column {pixel()[1] + 1}) reads a {conv().kernelShape[2]} × {conv().kernelShape[3]} window of all{" "}
            {conv().inShape[0]} input channels
            {conv().stride[0] > 1 ? `, stride ${conv().stride[0]}` : ""}, starting at input row {arithmetic().origin[0] + 1}, column{" "}
            {arithmetic().origin[1] + 1}
            {arithmetic().padded.some(Boolean) ? " (part of it is zero padding outside the image)" : ""}.
          </p>
          <Show
            when={arithmetic().weights.length <= TERMS_SHOWN}
            fallback={
              <div class={styles.scroll} tabindex="0" role="region" aria-label="Sums per input channel">
                <table class={styles.table}>
                  <caption>Per input channel: its 3 × 3 kernel w, the input patch x, and Σ w·x</caption>
                  <thead>
                    <tr>
                      <th scope="col">Input channel</th>
                      <th scope="col">Kernel w</th>
                      <th scope="col">Patch x</th>
                      <th scope="col">Σ w·x</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={channelSums()}>
                      {(s, ch) => (
                        <tr>
                          <th scope="row">{ch() + 1}</th>
                          <td>
                            <Grid3 values={arithmetic().weights.slice(9 * ch(), 9 * ch() + 9)} label={`kernel of channel ${ch() + 1}`} />
                          </td>
                          <td>
                            <Grid3 values={arithmetic().patch.slice(9 * ch(), 9 * ch() + 9)} label={`input patch of channel ${ch() + 1}`} />
                          </td>
                          <td>{f(s)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            }
          >
            <div class={styles.scroll} tabindex="0" role="region" aria-label="Terms of the sum">
              <table class={styles.table}>
                <caption>Kernel weight × input value, term by term</caption>
                <thead>
                  <tr>
                    <th scope="col">Channel</th>
                    <th scope="col">Row, column</th>
                    <th scope="col">w</th>
                    <th scope="col">x</th>
                    <th scope="col">w·x</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={arithmetic().weights}>
                    {(w, t) => {
                      const k = () => conv().kernelShape;
                      const ch = () => Math.floor(t() / (k()[2] * k()[3]));
                      const i = () => Math.floor((t() % (k()[2] * k()[3])) / k()[3]);
                      const j = () => t() % k()[3];
                      return (
                        <tr>
                          <th scope="row">{["z", "r", "g"][ch()] ?? ch() + 1}</th>
                          <td>
                            {i() + 1}, {j() + 1}
                          </td>
                          <td>{f(w)}</td>
                          <td>{arithmetic().padded[t()] ? "0 (pad)" : f(arithmetic().patch[t()])}</td>
                          <td>{f(w * arithmetic().patch[t()])}</td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
          <p class={styles.sum}>
            Σ w·x = {f(arithmetic().sum)}; + b ({f(arithmetic().bias)}) = <strong>{f(arithmetic().z)}</strong>
            <Show when={arithmetic().normalised !== null}>; batch norm → {f(arithmetic().normalised!)}</Show>; ReLU →{" "}
            <strong>{f(arithmetic().relu)}</strong> (the map's value there: {f(mapValue())}).
          </p>
        </div>
      </div>

      <h4 class={styles.title}>From features to the prediction</h4>
      <p data-testid="logit-terms">
        The last layer computes each class's logit as Σ feature × weight + bias over the {trace().head.features} features of the layer
        before it. For <strong>{props.prediction.labels[top()]}</strong>: bias {f(head().bias)}
        <For each={head().terms}>
          {(t) => (
            <>
              {" "}
              + f{t.feature + 1} ({f(t.value)}) × {f(t.weight)}
            </>
          )}
        </For>{" "}
        + {trace().head.features - head().terms.length} smaller terms ({f(head().rest)}) = <strong>{f(head().logit)}</strong>.
      </p>
      <div class={styles.scroll} tabindex="0" role="region" aria-label="Softmax breakdown">
        <table class={styles.table} data-testid="softmax-table" data-max-diff={maxDiff()}>
          <caption>
            Softmax: p = exp(ℓ − m) / Σ exp(ℓ − m), with m = the largest logit ({f(softmax().max)}); Σ = {formatNumber(softmax().sum, 4)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Logit ℓ</th>
              <th scope="col">exp(ℓ − m)</th>
              <th scope="col">p (engine)</th>
              <th scope="col">p (onnxruntime)</th>
            </tr>
          </thead>
          <tbody>
            <For each={softmax().rows}>
              {(r, k) => (
                <tr classList={{ [styles.topRow]: k() === top() }}>
                  <th scope="row">{props.prediction.labels[k()]}</th>
                  <td>{f(r.logit)}</td>
                  <td>{small(r.exp)}</td>
                  <td>{small(r.probability)}</td>
                  <td>{small(props.prediction.firstView[k()])}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class={styles.note}>
        The engine's softmax and onnxruntime's (the image as shown
        {props.prediction.views > 1 ? "; the bars above average several flips and turns" : ""}) differ by at most{" "}
        {maxDiff().toExponential(1)}.
      </p>
      <p
        class={ood().flagged ? styles.warn : styles.note}
        data-testid="ood-note"
        data-flagged={String(ood().flagged)}
        data-energy={ood().energy}
      >
        {ood().flagged
          ? "Out of distribution? The network's logits for this image are weaker than for 99 % of images like its training set, so treat the probabilities with care. "
          : "No out-of-distribution warning. "}
        Energy −log Σ exp ℓ = {f(ood().energy)}; the warning shows above {f(cal().threshold)}, the {Math.round(100 * cal().quantile)}th
        percentile over {cal().images} held-out simulated images. This is a hint, not a guarantee: an image unlike the training set can
        still give strong logits, and 1 in 100 ordinary images is flagged.
      </p>
    </section>
  );
}
