import { Show } from "solid-js";
import { feedbackIdOf, type AnswerPartProps } from "./answerPartTypes.ts";
import styles from "./exercise.module.css";

export type TextAnswerProps = AnswerPartProps & { wrong: boolean };

/** A typed answer: a number, an integer, a vector, a matrix or a formula, with its unit. */
export function TextAnswer(props: TextAnswerProps) {
  return (
    <>
      <label for={props.id} class={styles.label} innerHTML={props.inline(props.part.label)} />
      <div class={styles.inputRow}>
        <input
          id={props.id}
          name={props.part.id}
          type="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          inputmode={props.part.kind === "number" || props.part.kind === "integer" ? "decimal" : "text"}
          class={styles.input}
          data-kind={props.part.kind}
          placeholder={props.part.placeholder ?? ""}
          value={props.value}
          readOnly={props.disabled}
          aria-invalid={props.wrong ? "true" : undefined}
          aria-describedby={feedbackIdOf(props.id)}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <Show when={props.part.unit}>
          <span class={styles.unit}>{props.part.unit}</span>
        </Show>
      </div>
    </>
  );
}
