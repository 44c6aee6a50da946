import { For, createEffect, createMemo, createSignal, mergeProps } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { TeX } from "../shared/TeX.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { formatNumber, texNumber } from "../shared/chartLayout.ts";
import {
  CONV_PREFIX,
  GALAXIES,
  KERNEL_PRESETS,
  PRESET_LABELS,
  SIZE,
  convSchema,
  convolve,
  galaxyPlane,
  kernelOf,
  moveFocus,
  pool,
  range,
  termsAt,
} from "./convModel.ts";
import { paintGrey } from "../shared/raster.ts";
import "../shared/palette.css";
import styles from "./convExplorer.module.css";

export type ConvExplorerProps = {
  /** URL parameter prefix. Default "conv". */
  urlPrefix?: string;
};

/** Three decimals, trailing zeros dropped, true minus sign: for the small table of products. */
const short = (v: number) => formatNumber(v, 3);

/**
 * Slide a 3 × 3 kernel over the r band of a simulated galaxy: pick or edit the kernel, move the
 * focused pixel (click, or arrow keys on the image), read the nine products and their sum at that
 * pixel, see the whole feature map (the engine's conv2d) and its 2 × 2 pooling.
 */
export function ConvExplorer(props: ConvExplorerProps) {
  const merged = mergeProps({ urlPrefix: CONV_PREFIX }, props);
  const url = useUrlState(convSchema, merged.urlPrefix);
  const s = url.state;
  const plane = createMemo(() => galaxyPlane(s().galaxy));
  const kernel = createMemo(() => kernelOf(s().kernel, s().w));
  const feature = createMemo(() => convolve(plane(), kernel()));
  const pooled = createMemo(() => pool(feature(), s().pool));
  const terms = createMemo(() => termsAt(plane(), kernel(), s().x, s().y));
  const value = () => feature()[s().y * SIZE + s().x];
  const [announce, setAnnounce] = createSignal("");

  let input: HTMLCanvasElement | undefined;
  let output: HTMLCanvasElement | undefined;
  let pooledCanvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    const [lo, hi] = range(plane());
    if (input) paintGrey(input, plane(), SIZE, SIZE, lo, hi);
  });
  createEffect(() => {
    const [lo, hi] = range(feature());
    if (output) paintGrey(output, feature(), SIZE, SIZE, lo, hi);
  });
  createEffect(() => {
    const [lo, hi] = range(pooled());
    if (pooledCanvas) paintGrey(pooledCanvas, pooled(), SIZE / 2, SIZE / 2, lo, hi);
  });

  const setFocus = (x: number, y: number) => {
    url.update({ x, y });
    setAnnounce(`Pixel (${x}, ${y}): output ${short(feature()[y * SIZE + x])}`);
  };
  const onKey = (event: KeyboardEvent) => {
    const next = moveFocus(event.key, event.shiftKey, s().x, s().y);
    if (!next) return;
    event.preventDefault();
    setFocus(next.x, next.y);
  };
  const onPick = (event: MouseEvent) => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const x = Math.floor(((event.clientX - rect.left) / rect.width) * SIZE);
    const y = Math.floor(((event.clientY - rect.top) / rect.height) * SIZE);
    setFocus(Math.max(0, Math.min(SIZE - 1, x)), Math.max(0, Math.min(SIZE - 1, y)));
  };
  const editWeight = (i: number, raw: string) => {
    const v = Number(raw.replace(/\u2212/g, "-"));
    if (raw.trim() === "" || !Number.isFinite(v) || Math.abs(v) > 99) return;
    const w = kernel().slice();
    w[i] = v;
    url.update({ kernel: "custom", w });
  };
  const sumTex = () =>
    `y_{${s().y},${s().x}} = \\sum_{i=1}^{3}\\sum_{j=1}^{3} w_{ij}\\, p_{ij} = ${texNumber(
      terms().reduce((a, t) => a + t.product, 0),
      4,
    )}`;
  const [lo, hi] = [() => range(feature())[0], () => range(feature())[1]];

  return (
    <figure class={styles.root} data-widget="conv-explorer" data-x={s().x} data-y={s().y} data-value={value()}>
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup
          name="kernel"
          legend="Kernel"
          options={KERNEL_PRESETS.map((k) => ({ value: k, label: PRESET_LABELS[k] }))}
          value={s().kernel}
          onChange={(kernel) => url.update({ kernel })}
        />
        <ChoiceGroup
          name="galaxy"
          legend="Galaxy (r band)"
          options={GALAXIES.map((g) => ({ value: g, label: g }))}
          value={s().galaxy}
          onChange={(galaxy) => url.update({ galaxy })}
        />
      </div>
      <fieldset class={styles.kernel} data-control="weights">
        <legend>Kernel weights (edit any to make a custom kernel)</legend>
        <div class={styles.kernelGrid}>
          <For each={kernel()}>
            {(w, i) => (
              <input
                type="number"
                step="0.25"
                min="-99"
                max="99"
                value={Number(w.toFixed(4))}
                aria-label={`Weight row ${Math.floor(i() / 3) + 1}, column ${(i() % 3) + 1}`}
                onChange={(e) => editWeight(i(), e.currentTarget.value)}
              />
            )}
          </For>
        </div>
      </fieldset>

      <div class={styles.panels}>
        <div class={styles.panel}>
          <h3 class={styles.panelTitle} id="conv-input-title">
            Input: 64 × 64 pixels
          </h3>
          <div
            class={styles.imageBox}
            tabindex="0"
            role="application"
            aria-roledescription="image with movable focus"
            aria-labelledby="conv-input-title"
            aria-describedby="conv-input-help"
            data-testid="conv-input"
            onKeyDown={onKey}
            onClick={onPick}
          >
            <canvas ref={input} class={styles.pixels} aria-hidden="true" />
            <svg class={styles.overlay} viewBox={`0 0 ${SIZE} ${SIZE}`} aria-hidden="true">
              <rect class={styles.window} x={s().x - 1} y={s().y - 1} width={3} height={3} />
            </svg>
          </div>
          <p id="conv-input-help" class={styles.help}>
            Click a pixel, or focus the image and use the arrow keys (Shift: 8 pixels). Focus at ({s().x}, {s().y}).
          </p>
        </div>
        <div class={styles.panel}>
          <h3 class={styles.panelTitle}>Feature map: 64 × 64</h3>
          <div class={styles.imageBox}>
            <canvas
              ref={output}
              class={styles.pixels}
              role="img"
              aria-label={`Feature map after the ${PRESET_LABELS[s().kernel].toLowerCase()} kernel; values from ${short(lo())} (black) to ${short(hi())} (white).`}
              data-testid="conv-output"
            />
            <svg class={styles.overlay} viewBox={`0 0 ${SIZE} ${SIZE}`} aria-hidden="true">
              <rect class={styles.window} x={s().x} y={s().y} width={1} height={1} />
            </svg>
          </div>
          <p class={styles.help}>
            Black {short(lo())}, white {short(hi())}.
          </p>
        </div>
        <div class={styles.panel}>
          <h3 class={styles.panelTitle}>After 2 × 2 pooling: 32 × 32</h3>
          <div class={styles.imageBox}>
            <canvas
              ref={pooledCanvas}
              class={styles.pixels}
              role="img"
              aria-label={`The feature map after 2 × 2 ${s().pool} pooling: 32 × 32 values.`}
              data-testid="conv-pooled"
            />
            <svg class={styles.overlay} viewBox={`0 0 ${SIZE / 2} ${SIZE / 2}`} aria-hidden="true">
              <rect class={styles.window} x={s().x >> 1} y={s().y >> 1} width={1} height={1} />
            </svg>
          </div>
          <ChoiceGroup
            name="pool"
            legend="Pooling"
            options={[
              { value: "max", label: "max" },
              { value: "avg", label: "average" },
            ]}
            value={s().pool}
            onChange={(p) => url.update({ pool: p })}
          />
        </div>
      </div>

      <h3 class={styles.panelTitle}>
        The arithmetic at pixel ({s().x}, {s().y})
      </h3>
      <table class={styles.terms} data-testid="conv-terms">
        <caption class="visually-hidden">Weight × pixel for each of the nine positions of the kernel</caption>
        <tbody>
          <For each={[0, 1, 2]}>
            {(row) => (
              <tr>
                <For each={terms().slice(row * 3, row * 3 + 3)}>
                  {(t) => (
                    <td classList={{ [styles.outside]: t.outside }}>
                      <span class={styles.factor}>
                        {short(t.weight)} × {short(t.pixel)}
                      </span>
                      <span class={styles.product}>= {short(t.product)}</span>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <TeX tex={sumTex()} data-testid="conv-sum" />
      <p class={styles.help}>
        The engine's conv2d gives <strong data-testid="conv-value">{short(value())}</strong> at this pixel. Grey cells fall outside the
        image and count as 0 (zero padding keeps the map 64 × 64).
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announce()}
      </p>
    </figure>
  );
}
