import { Show, createEffect, createSignal, createUniqueId, mergeProps } from "solid-js";
import styles from "./shared.module.css";

export type LabelledSliderProps = {
  /** The one visible label; names both the range and the number box for assistive technology. */
  label: string;
  value: number;
  min: number;
  max: number;
  /** Step of the range (arrow keys move by this). Default: (max − min) / 100. */
  step?: number;
  /** Called with every accepted value, from the range or from a valid number typed in the box. */
  onChange: (value: number) => void;
  /** Decimals shown in the number box. Default 2. With 0 the box takes whole numbers only (it could not show a fraction). */
  digits?: number;
  /** A short hint under the label (units, meaning). */
  hint?: string;
  /** Spoken value for the range, e.g. "0.5, converges". Default: the number. */
  valueText?: (value: number) => string;
  /** Stable name for tests and styling (`data-control`). */
  name?: string;
};

/**
 * A range and a number box that edit one value, under one label. Dragging the range or pressing its
 * arrow keys moves in `step`s; the box accepts any number in [min, max] (typed values are not rounded
 * to the step). A typed value out of range or unreadable is flagged (aria-invalid, and a line saying
 * what the box takes) and not applied; leaving the box restores the current value.
 */
export function LabelledSlider(props: LabelledSliderProps) {
  const merged = mergeProps({ digits: 2 }, props);
  const id = createUniqueId();
  const labelId = `slider-label-${id}`;
  const rangeId = `slider-range-${id}`;
  const hintId = `slider-hint-${id}`;
  const step = () => merged.step ?? (merged.max - merged.min) / 100;
  const shown = (v: number) => String(Number(v.toFixed(merged.digits)));

  const [text, setText] = createSignal(shown(merged.value));
  const [editing, setEditing] = createSignal(false);
  const [invalid, setInvalid] = createSignal(false);
  // Follow the value while the learner is not typing in the box.
  createEffect(() => {
    const v = merged.value;
    if (!editing()) setText(shown(v));
  });

  const whole = () => merged.digits === 0;
  const typed = (raw: string) => {
    setText(raw);
    const v = Number(raw.trim().replace(/\u2212/g, "-"));
    const ok = raw.trim() !== "" && Number.isFinite(v) && v >= merged.min && v <= merged.max && (!whole() || Number.isInteger(v));
    setInvalid(!ok);
    if (ok) merged.onChange(v);
  };

  return (
    <div class={styles.slider} data-control={merged.name}>
      <label id={labelId} class={styles.sliderLabel} for={rangeId}>
        {merged.label}
        <Show when={merged.hint}>
          {" "}
          <span id={hintId} class={styles.sliderHint}>
            {merged.hint}
          </span>
        </Show>
      </label>
      <input
        id={rangeId}
        class={styles.range}
        type="range"
        min={merged.min}
        max={merged.max}
        step={step()}
        value={merged.value}
        aria-valuetext={merged.valueText ? merged.valueText(merged.value) : undefined}
        onInput={(event) => merged.onChange(Number(event.currentTarget.value))}
      />
      <input
        class={styles.number}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck={false}
        aria-labelledby={labelId}
        aria-invalid={invalid() ? "true" : "false"}
        aria-describedby={invalid() ? `${rangeId}-invalid` : undefined}
        value={text()}
        onFocus={() => setEditing(true)}
        onInput={(event) => typed(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.currentTarget.blur();
        }}
        onBlur={() => {
          setEditing(false);
          setInvalid(false);
          setText(shown(merged.value));
        }}
      />
      <Show when={invalid()}>
        <span id={`${rangeId}-invalid`} class={styles.sliderInvalid} role="status">
          {whole() ? "A whole number" : "A number"} from {merged.min} to {merged.max}
        </span>
      </Show>
    </div>
  );
}
