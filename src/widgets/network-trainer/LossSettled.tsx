import { Show, createMemo } from "solid-js";
import { formatNumber } from "../shared/chartLayout.ts";
import { SETTLED_RULE, lossSettled } from "./lossSettled.ts";
import styles from "./networkDiagram.module.css";

/** The "loss settled" line under the learning curves; the rule is lossSettled.ts. */
export function LossSettled(props: { valLoss: number[] }) {
  const state = createMemo(() => lossSettled(props.valLoss));
  const rule = `smoothed validation loss moved less than ${100 * SETTLED_RULE.threshold} % over the last ${SETTLED_RULE.window} epochs`;
  return (
    <p class={styles.settled} data-testid="loss-settled" data-settled={state().settled === null ? "unknown" : String(state().settled)}>
      <Show
        when={state().settled !== null}
        fallback={`Loss settled? Needs ${2 * SETTLED_RULE.window} epochs to judge (settled = ${rule}).`}
      >
        {state().settled ? "● Loss settled" : "○ Loss still moving"}: {formatNumber(100 * state().change!, 2)} % change of the smoothed
        validation loss over the last {SETTLED_RULE.window} epochs (settled = {rule}).
      </Show>
    </p>
  );
}
