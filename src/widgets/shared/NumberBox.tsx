import { Show, createEffect, createSignal, createUniqueId, mergeProps } from "solid-js";
import styles from "./numberBox.module.css";

export type NumberBoxProps = {
  label: string;
  /** Keep the label for screen readers only (the row header already names the value). */
  hideLabel?: boolean;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** `data-control` for tests. */
  name?: string;
  /** The value ArrowUp (dir 1) / ArrowDown (dir −1) moves to. Default: ±0.1. */
  nudge?: (value: number, dir: 1 | -1) => number;
};

/**
 * A labelled text box for one number: a typed value in [min, max] is applied at once; anything else
 * is flagged (aria-invalid) and not applied; leaving the box shows the current value again.
 * ArrowUp/ArrowDown nudge the value (by 0.1 unless `nudge` says otherwise).
 */
export function NumberBox(props: NumberBoxProps) {
  const merged = mergeProps({ hideLabel: false }, props);
  const id = `nb-${createUniqueId()}`;
  const shown = (v: number) => String(Number(v.toPrecision(6))).replace("-", "−");
  const [text, setText] = createSignal(shown(merged.value));
  const [editing, setEditing] = createSignal(false);
  const [invalid, setInvalid] = createSignal(false);
  createEffect(() => {
    const v = merged.value;
    if (!editing()) setText(shown(v));
  });
  const apply = (v: number) => {
    if (Number.isFinite(v) && v >= merged.min && v <= merged.max) merged.onChange(Number(v.toFixed(6)));
  };
  return (
    <span class={styles.box} data-control={merged.name}>
      <label for={id} class={merged.hideLabel ? "visually-hidden" : styles.boxLabel}>
        {merged.label}
      </label>
      <input
        id={id}
        class={styles.boxInput}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck={false}
        aria-invalid={invalid() ? "true" : "false"}
        value={text()}
        onFocus={() => setEditing(true)}
        onInput={(event) => {
          const raw = event.currentTarget.value;
          setText(raw);
          const v = Number(raw.trim().replace(/\u2212/g, "-"));
          const ok = raw.trim() !== "" && Number.isFinite(v) && v >= merged.min && v <= merged.max;
          setInvalid(!ok);
          if (ok) apply(v);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.currentTarget.blur();
          if (event.key === "ArrowUp" || event.key === "ArrowDown") {
            event.preventDefault();
            const dir = event.key === "ArrowUp" ? 1 : -1;
            const v = merged.nudge ? merged.nudge(merged.value, dir) : merged.value + dir * 0.1;
            apply(v);
            setText(shown(Number(v.toFixed(6))));
          }
        }}
        onBlur={() => {
          setEditing(false);
          setInvalid(false);
          setText(shown(merged.value));
        }}
      />
      <Show when={invalid()}>
        <span class={styles.boxError}>
          {merged.min} to {merged.max}
        </span>
      </Show>
    </span>
  );
}
