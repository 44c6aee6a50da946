import { For, Show } from "solid-js";
import styles from "./shared.module.css";

export type UrlNoticeProps = {
  /** Messages from `useUrlState(...).problems()`; nothing is shown when empty. */
  problems: readonly string[];
};

/** Tells the learner which link parameters were ignored (and that defaults were used instead). */
export function UrlNotice(props: UrlNoticeProps) {
  return (
    <Show when={props.problems.length > 0}>
      <div class={styles.notice} role="status" data-testid="url-notice">
        Some settings in this page's link could not be used, so defaults were kept:
        <ul>
          <For each={props.problems}>
            {(problem) => (
              <li>
                <code>{problem}</code>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
