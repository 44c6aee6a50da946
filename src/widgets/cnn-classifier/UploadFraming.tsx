import { For, Show } from "solid-js";
import { NATIVE_FIELD_ARCSEC } from "../../lib/astro/index.ts";
import { formatNumber } from "../shared/chartLayout.ts";
import { PRESET_OPTIONS, SCALE_MODE_LABELS } from "./uploadScale.ts";
import type { ScaleMode, UploadScale } from "./uploadScale.ts";
import styles from "./uploadFraming.module.css";

const MODES = Object.keys(SCALE_MODE_LABELS) as ScaleMode[];

/** The upload form's "how big is a pixel?" controls: native radios, a survey menu and a number field, all labelled. */
export function ScaleControls(props: { value: UploadScale; onChange: (value: UploadScale) => void; name?: string }) {
  const name = () => props.name ?? "upload-scale";
  const set = (patch: Partial<UploadScale>) => props.onChange({ ...props.value, ...patch });
  return (
    <fieldset class={styles.scale} data-testid="upload-scale">
      <legend>How big is a pixel of your image?</legend>
      <For each={MODES}>
        {(mode) => (
          <label class={styles.option}>
            <input type="radio" name={name()} value={mode} checked={props.value.mode === mode} onChange={() => set({ mode })} />
            {SCALE_MODE_LABELS[mode]}
          </label>
        )}
      </For>
      <Show when={props.value.mode === "preset"}>
        <label class={styles.field}>
          Survey{" "}
          <select
            value={props.value.preset}
            onChange={(e) => set({ preset: e.currentTarget.value as UploadScale["preset"] })}
            data-testid="upload-preset"
          >
            <For each={PRESET_OPTIONS}>{(o) => <option value={o.value}>{o.label}</option>}</For>
          </select>
        </label>
      </Show>
      <Show when={props.value.mode === "pixel-scale" || props.value.mode === "fov"}>
        <label class={styles.field}>
          {props.value.mode === "fov" ? "Field of view (arcsec)" : "Arcsec per pixel"}{" "}
          <input
            type="text"
            inputmode="decimal"
            class={styles.number}
            value={props.value.value}
            data-testid="upload-scale-value"
            onChange={(e) => set({ value: e.currentTarget.value })}
          />
        </label>
      </Show>
      <p class={styles.hint}>
        The network was trained on {formatNumber(NATIVE_FIELD_ARCSEC, 1)}″ cutouts of 0.262″ pixels. With a known scale your image is cut to
        that field; FITS files with a WCS use it when the scale is unknown.
      </p>
    </fieldset>
  );
}
