import { For, Show } from "solid-js";
import { feedbackIdOf, type AnswerPartProps } from "./answerPartTypes.ts";
import { PlotChart } from "./PlotChart.tsx";
import styles from "./exercise.module.css";

/** One option out of several (radio buttons in a labelled group; options may carry a chart). */
export function ChoiceAnswer(props: AnswerPartProps) {
  return (
    <fieldset class={styles.fieldset} aria-describedby={feedbackIdOf(props.id)}>
      <legend class={styles.label} innerHTML={props.inline(props.part.label)} />
      <div class={styles.options}>
        <For each={props.part.options ?? []}>
          {(option) => (
            <label class={styles.option} data-plot={option.plot ? "" : undefined}>
              <input
                type="radio"
                name={props.id}
                value={option.id}
                checked={props.value === option.id}
                disabled={props.disabled}
                onChange={() => props.onInput(option.id)}
              />
              <span innerHTML={props.inline(option.label)} />
              <Show when={option.plot}>{(plot) => <PlotChart spec={plot()} width={220} height={130} compact />}</Show>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
