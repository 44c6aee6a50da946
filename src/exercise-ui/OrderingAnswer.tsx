import { For } from "solid-js";
import { feedbackIdOf, type AnswerPartProps } from "./answerPartTypes.ts";
import { moveItem, orderOf } from "./exerciseModel.ts";
import styles from "./exercise.module.css";

/** Label text for speech and aria-labels: the Markdown/TeX markers dropped. */
const plain = (md: string) => md.replace(/\$|\*\*|`/g, "");

/**
 * An ordering answer: a list with "move up"/"move down" buttons. Each move is announced in the
 * card's live region, and focus stays on the moved item's button (at either end, on the one that
 * still works), so a keyboard or screen-reader user can keep moving the same item.
 */
export function OrderingAnswer(props: AnswerPartProps) {
  const labels = () => new Map((props.part.items ?? []).map((item) => [item.id, item.label]));
  // An empty value (nothing saved yet) is the order shown.
  const order = () => {
    const typed = orderOf(props.value);
    return typed.length > 0 ? typed : (props.part.items ?? []).map((item) => item.id);
  };
  const name = (itemId: string) => plain(labels().get(itemId) ?? itemId);
  let list: HTMLOListElement | undefined;

  const move = (index: number, delta: number) => {
    const before = order();
    const next = moveItem(before, index, delta);
    const itemId = before[index]!;
    props.onInput(next.join(", "));
    props.announce(`${name(itemId)} moved to position ${next.indexOf(itemId) + 1} of ${next.length}.`);
    queueMicrotask(() => {
      const row = list?.querySelector<HTMLElement>(`[data-item="${CSS.escape(itemId)}"]`);
      const wanted = row?.querySelector<HTMLButtonElement>(delta < 0 ? "[data-move=up]" : "[data-move=down]");
      const other = row?.querySelector<HTMLButtonElement>(delta < 0 ? "[data-move=down]" : "[data-move=up]");
      (wanted && !wanted.disabled ? wanted : other)?.focus();
    });
  };

  return (
    <fieldset class={styles.fieldset} aria-describedby={feedbackIdOf(props.id)}>
      <legend class={styles.label} innerHTML={props.inline(props.part.label)} />
      <ol class={styles.ordering} ref={list}>
        <For each={order()}>
          {(itemId, index) => (
            <li data-item={itemId}>
              <span class={styles.orderLabel} innerHTML={props.inline(labels().get(itemId) ?? itemId)} />
              <span class={styles.orderButtons}>
                <button
                  type="button"
                  class={styles.iconButton}
                  data-move="up"
                  disabled={props.disabled || index() === 0}
                  aria-label={`Move ${name(itemId)} up`}
                  onClick={() => move(index(), -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class={styles.iconButton}
                  data-move="down"
                  disabled={props.disabled || index() === order().length - 1}
                  aria-label={`Move ${name(itemId)} down`}
                  onClick={() => move(index(), 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          )}
        </For>
      </ol>
    </fieldset>
  );
}
