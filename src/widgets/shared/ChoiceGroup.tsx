import { For, createUniqueId } from "solid-js";
import styles from "./shared.module.css";

export type ChoiceGroupProps<T extends string> = {
  /** The group's visible name (a <legend>). */
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  /** Stable name for tests and styling (`data-control`). */
  name?: string;
};

/**
 * One-of-many choice as real radio inputs styled as pills: arrow keys move between options, Tab
 * enters and leaves the group, and screen readers announce "radio, 3 of 10" natively.
 */
export function ChoiceGroup<T extends string>(props: ChoiceGroupProps<T>) {
  const group = `choice-${createUniqueId()}`;
  return (
    <fieldset class={styles.choices} data-control={props.name}>
      <legend class={styles.choicesLegend}>{props.legend}</legend>
      <div class={styles.choiceRow}>
        <For each={props.options}>
          {(option) => (
            <label class={styles.choice}>
              <input
                type="radio"
                name={group}
                value={option.value}
                checked={props.value === option.value}
                onChange={() => props.onChange(option.value)}
              />
              <span>{option.label}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
