import { For, createEffect, createMemo, createSignal, mergeProps } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { serializeState } from "../shared/urlState.ts";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { summary, summaryData } from "../../lib/nn/index.ts";
import { ArchitectureEditor } from "../shared/ArchitectureEditor.tsx";
import { DATASETS, DATASET_INFO, TRAINER_PREFIX, architectureOf, buildModel, inputDimOf, trainerSchema } from "../shared/networkSpec.ts";
import type { DatasetId } from "../shared/networkSpec.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import { KERAS_CHALLENGE_ID, engineCode, functionalCode, kerasChallengeMet, kerasParamCount, sequentialCode } from "./kerasCodegen.ts";
import styles from "./kerasCode.module.css";
import "../shared/palette.css";

export type KerasCodeProps = {
  /** URL prefix shared with the network trainer. Default "net". */
  urlPrefix?: string;
  challengeId?: string;
};

/** Copies text with the Clipboard API, falling back to a hidden textarea and execCommand. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the fallback
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

type CodeBlockProps = { id: string; title: string; lang: string; code: string };

function CodeBlock(props: CodeBlockProps) {
  const [status, setStatus] = createSignal("");
  let pre: HTMLPreElement | undefined;
  const copy = async () => {
    const ok = await copyText(props.code);
    if (ok) setStatus("Copied");
    else {
      // Last resort: select the code so the learner can press Ctrl+C / ⌘C.
      const range = document.createRange();
      if (pre) range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      setStatus("Copy blocked by the browser — the code is selected: press Ctrl+C (⌘C).");
    }
    window.setTimeout(() => setStatus(""), 4000);
  };
  return (
    <section class={styles.block} data-code={props.id} aria-labelledby={`code-title-${props.id}`}>
      <div class={styles.blockHead}>
        <h3 id={`code-title-${props.id}`}>{props.title}</h3>
        <button type="button" class="button" data-action="copy" onClick={copy} aria-describedby={`copy-status-${props.id}`}>
          Copy
        </button>
        <span id={`copy-status-${props.id}`} class={styles.copied} role="status" data-testid="copy-status">
          {status()}
        </span>
      </div>
      <pre ref={pre} class={styles.pre} tabindex="0" aria-label={`${props.title} code`}>
        <code class={`language-${props.lang}`}>{props.code}</code>
      </pre>
    </section>
  );
}

/**
 * The trainer's network (read from the same URL parameters) written as Keras Sequential code,
 * Keras functional code and the engine's TypeScript, with the engine's summary table beside the
 * parameter count Keras's formula gives for the generated code.
 */
export function KerasCode(props: KerasCodeProps) {
  const merged = mergeProps({ urlPrefix: TRAINER_PREFIX, challengeId: KERAS_CHALLENGE_ID }, props);
  const url = useUrlState(trainerSchema, merged.urlPrefix);
  const s = url.state;
  const arch = createMemo(() => architectureOf(s()));
  const model = createMemo(() => buildModel(arch(), 1));
  const table = createMemo(() => summaryData(model()));
  const text = createMemo(() => summary(model()));
  const seq = createMemo(() => sequentialCode(arch()));
  const fun = createMemo(() => functionalCode(arch()));
  const eng = createMemo(() => engineCode(arch()));
  const kerasCount = createMemo(() => kerasParamCount(seq()).total);
  const [done, setDone] = createSignal(false);

  createEffect(() => {
    if (!done() && kerasChallengeMet(arch(), table().totalParams)) {
      setDone(true);
      reportChallengeComplete(merged.challengeId, "Exactly 97 parameters — you can count them like Keras does!");
    }
  });

  const trainerLink = createMemo(() => {
    const q = serializeState(trainerSchema, s(), merged.urlPrefix).toString();
    return q ? `../learning-curves/?${q}` : "../learning-curves/";
  });

  return (
    <section class={styles.root} data-widget="keras-code" aria-label="Network as code">
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <label class={styles.field}>
          <span>Data (sets the input width and the loss)</span>
          <select data-control="data" value={s().data} onChange={(e) => url.update({ data: e.currentTarget.value as DatasetId })}>
            <For each={DATASETS}>
              {(d) => (
                <option value={d}>
                  {DATASET_INFO[d].label} —{" "}
                  {d === "csv"
                    ? `${s().csvIn} inputs, ${s().csvTask}`
                    : `${inputDimOf({ ...s(), data: d })} input${inputDimOf({ ...s(), data: d }) > 1 ? "s" : ""}, ${DATASET_INFO[d].task}`}
                </option>
              )}
            </For>
          </select>
        </label>
        <ArchitectureEditor state={s()} update={(patch) => url.update(patch)} training={false} />
      </div>

      <h3 class={styles.summaryTitle}>model.summary()</h3>
      <div class={styles.tableWrap} tabindex="0" role="region" aria-label="Model summary table">
        <table class={styles.table} data-testid="summary-table">
          <caption>Layers of the engine's model, with output shapes and parameter counts</caption>
          <thead>
            <tr>
              <th scope="col">Layer (type)</th>
              <th scope="col">Output shape</th>
              <th scope="col">Param #</th>
              <th scope="col">Keras formula</th>
            </tr>
          </thead>
          <tbody>
            <For each={table().rows}>
              {(row, i) => (
                <tr>
                  <td>
                    {row.name} ({row.kind})
                  </td>
                  <td>({row.outputShape.map((d) => (d === null ? "None" : d)).join(", ")})</td>
                  <td class={styles.num}>{row.params.toLocaleString("en-US")}</td>
                  <td>{formulaFor(table().rows, i(), arch().inputDim)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">
                Total params
              </th>
              <td class={styles.num} data-testid="total-params">
                {table().totalParams.toLocaleString("en-US")}
              </td>
              <td>
                Keras formula on the generated code: <span data-testid="keras-params">{kerasCount().toLocaleString("en-US")}</span>
                {kerasCount() === table().totalParams ? " ✓ same" : " ✗ differs"}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <details class={styles.textSummary}>
        <summary>The same summary as text</summary>
        <pre class={styles.pre} tabindex="0" aria-label="Summary as text">
          {text()}
        </pre>
      </details>

      <CodeBlock id="sequential" title="Keras — Sequential API" lang="python" code={seq()} />
      <CodeBlock id="functional" title="Keras — functional API" lang="python" code={fun()} />
      <CodeBlock id="engine" title="Deep Sky engine — TypeScript" lang="typescript" code={eng()} />
      <p class={styles.hint}>
        Links carry the network both ways:{" "}
        <a href={trainerLink()} data-testid="trainer-link">
          train this network in the trainer →
        </a>
      </p>
    </section>
  );
}

/** "in·out + out" for a Dense row (in = the previous row's width), "no weights" otherwise. */
function formulaFor(rows: { kind: string; outputShape: (number | null)[]; params: number }[], i: number, inputDim: number): string {
  const row = rows[i];
  if (row.kind !== "Dense") return "no weights";
  let width = inputDim;
  for (let k = i - 1; k >= 0; k--) {
    const w = rows[k].outputShape[1];
    if (typeof w === "number") {
      width = w;
      break;
    }
  }
  const out = row.outputShape[1] as number;
  return `${width}·${out} + ${out}`;
}
