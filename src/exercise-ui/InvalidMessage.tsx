import { Show } from "solid-js";
import type { Score } from "../lib/grading/index.ts";
import type { PartView } from "../../exercises/family.ts";
import styles from "./exercise.module.css";

export type InvalidMessageProps = {
  id?: string;
  /** The last unreadable submission, or null. */
  invalid: Extract<Score, { kind: "invalid" }> | null;
  parts: readonly PartView[];
  inline: (markdown: string) => string;
};

/**
 * Why the input cannot be read (it costs no attempt), in a polite live region. With several parts
 * the part is named by its label typeset as beside its field ("f(z)", not "$f(z)$"); the reason is
 * plain text, since it quotes what the learner typed.
 */
export function InvalidMessage(props: InvalidMessageProps) {
  const label = () => {
    const part = props.invalid?.part;
    return part ? props.parts.find((p) => p.id === part.id)?.label : undefined;
  };
  return (
    <p id={props.id} class={styles.invalid} aria-live="polite" data-testid="invalid-message">
      <Show when={props.invalid}>
        {(invalid) => (
          <>
            <span aria-hidden="true">⚠ </span>
            <Show when={label() !== undefined && invalid().part} fallback={invalid().message}>
              {(part) => (
                <>
                  <span innerHTML={props.inline(label()!)} />: {part().why}
                </>
              )}
            </Show>
          </>
        )}
      </Show>
    </p>
  );
}
