import { For, Show } from "solid-js";
import type { Feedback } from "../lib/grading/index.ts";
import { VERDICT_ICON, VERDICT_TEXT, acceptedToShow, sameAsVerdict } from "./exerciseModel.ts";
import styles from "./exercise.module.css";

export type PartFeedbackProps = {
  /** The element id (the part's field is described by it). */
  id: string;
  partId: string;
  feedback: readonly Feedback[];
  /** The exercise is closed (answered right, given up or out of attempts): accepted answers may show. */
  reveal: boolean;
  inline: (markdown: string) => string;
};

/** The verdict and message under one answer part; the accepted answer only once the exercise is closed. */
export function PartFeedback(props: PartFeedbackProps) {
  return (
    <div id={props.id} class={styles.partFeedback} data-testid={`feedback-${props.partId}`}>
      <For each={props.feedback}>
        {(f) => (
          <p data-verdict={f.verdict}>
            <span class={styles.verdict}>
              <span aria-hidden="true">{VERDICT_ICON[f.verdict]} </span>
              {VERDICT_TEXT[f.verdict]}
              {sameAsVerdict(f) ? "." : ":"}
            </span>
            <Show when={!sameAsVerdict(f)}>
              {" "}
              <span innerHTML={props.inline(f.message)} />
            </Show>
            <Show when={acceptedToShow(f, props.reveal)}>
              {(accepted) => (
                <>
                  {" "}
                  <span class={styles.accepted} data-testid="accepted">
                    ({accepted()})
                  </span>
                </>
              )}
            </Show>
          </p>
        )}
      </For>
    </div>
  );
}
