import { For, Show } from "solid-js";
import type { Feedback, Score } from "../lib/grading/index.ts";
import { resultSummary } from "./exerciseModel.ts";
import styles from "./exercise.module.css";

export type ResultSummaryProps = {
  /** The last graded answer (a points score); nothing is shown for null or an unreadable answer. */
  score: Score | null;
  /** Whether it earned every point (the card's colour). */
  full: boolean;
  /** Feedback that belongs to no single part (part feedback sits beside its field). */
  general: readonly Feedback[];
  inline: (markdown: string) => string;
};

/** The result of a graded answer: "2 of 3 points", then the feedback that is about the whole answer. */
export function ResultSummary(props: ResultSummaryProps) {
  return (
    <Show when={props.score?.kind === "points" ? props.score : null}>
      {(score) => (
        <div class={styles.result} data-full={props.full ? "" : undefined} data-testid="result">
          <p>
            <strong>{resultSummary(score())}</strong>
          </p>
          <Show when={props.general.length > 0}>
            <ul class={styles.feedbackList}>
              <For each={props.general}>
                {(f) => (
                  <li data-verdict={f.verdict}>
                    <span innerHTML={props.inline(f.message)} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
}
