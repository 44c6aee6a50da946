import { For } from "solid-js";
import { formatNumber } from "../shared/chartLayout.ts";
import type { ParamTable } from "./transferModel.ts";
import styles from "./transferLearning.module.css";

export type ParamTableViewProps = {
  /** The transferred model's layers and counts (paramTable() in transferModel.ts). */
  table: ParamTable;
  /** Labelled examples the learner chose (for the sentence comparing with training from scratch). */
  examples: number;
};

/**
 * Freezing made concrete: every layer of the transferred model with its parameter count and whether
 * its weights are frozen (pre-trained, no gradient) or trained, the totals, and what each means.
 */
export function ParamTableView(props: ParamTableViewProps) {
  return (
    <>
      <div class={styles.tableWrap} role="region" aria-label="Parameter table" tabindex="0">
        <table class={styles.table} data-testid="param-table">
          <caption class={styles.caption}>The transferred model: the morphology network with a new two-class head</caption>
          <thead>
            <tr>
              <th scope="col">Layer (type, output shape)</th>
              <th scope="col" class={styles.num}>
                Params
              </th>
              <th scope="col">Weights</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.table.rows}>
              {(r) => (
                <tr
                  class={r.role === "frozen" ? styles.frozenRow : r.role === "trainable" ? styles.trainableRow : undefined}
                  data-role={r.role}
                >
                  <th scope="row">
                    <span class={styles.layerName}>{r.name}</span>{" "}
                    <span class={styles.layerKind}>
                      {r.kind}, <span class={styles.shape}>{r.shape}</span>
                    </span>
                  </th>
                  <td class={styles.num}>{r.params.toLocaleString("en-US")}</td>
                  <td>{r.role === "frozen" ? "frozen" : r.role === "trainable" ? "trains" : "none"}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Frozen</th>
              <td class={styles.num} data-testid="frozen-count">
                {props.table.frozen.toLocaleString("en-US")}
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row">Trainable</th>
              <td class={styles.num} data-testid="trainable-count">
                {props.table.trainable.toLocaleString("en-US")}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p class={styles.note}>
        <strong>Frozen</strong> layers keep their pre-trained weights and get no gradient: ONNX Runtime computes their output, the 64
        features, once per image. <strong>Trainable</strong> weights start random and are updated by Adam in a Web Worker. The transferred
        model trains {props.table.trainable.toLocaleString("en-US")} of its{" "}
        {(props.table.frozen + props.table.trainable).toLocaleString("en-US")} parameters (
        {formatNumber((100 * props.table.trainable) / (props.table.frozen + props.table.trainable), 2)} %). Trained from scratch, the same
        network has to learn all {props.table.scratchTrainable.toLocaleString("en-US")} from the same {props.examples} examples.
      </p>
    </>
  );
}
