import { For } from "solid-js";
import { modelSummary } from "./engineModel.ts";
import type { ClassifierId } from "../../lib/zoo/index.ts";
import styles from "./cnnClassifier.module.css";

export type ModelSummaryProps = {
  model: ClassifierId;
};

/**
 * The shipped network's summary (layer, output shape, parameters), from the engine's own
 * `summaryData` of the network in the model zoo (src/lib/zoo/classifierNetwork.ts). Rendered at build time: no JavaScript.
 */
export function ModelSummary(props: ModelSummaryProps) {
  const data = modelSummary(props.model);
  return (
    <div class={styles.summaryWrap} tabindex="0" role="region" aria-labelledby={`summary-${props.model}`}>
      <table class={styles.summary} data-testid="model-summary">
        <caption id={`summary-${props.model}`}>The {props.model} network, layer by layer (N is the batch size)</caption>
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col">Param #</th>
          </tr>
        </thead>
        <tbody>
          <For each={data.rows}>
            {(row) => (
              <tr>
                <td>
                  {row.name} <span class={styles.kind}>({row.kind})</span>
                </td>
                <td>{row.shape}</td>
                <td>{row.params.toLocaleString("en-US")}</td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td>{data.total.toLocaleString("en-US")}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
