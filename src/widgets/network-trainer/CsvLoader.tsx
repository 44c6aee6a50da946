import { For, Show, createSignal, createUniqueId } from "solid-js";
import { numericColumns, parseCsv, tableToDataset } from "../../lib/data/index.ts";
import type { CsvTable, Dataset } from "../../lib/data/index.ts";
import styles from "./networkTrainer.module.css";

export type CsvLoaderProps = {
  /** Called with a usable dataset, or null when the current choice cannot be used. */
  onDataset: (dataset: Dataset | null) => void;
};

/** Most input columns the trainer accepts from a CSV. */
const MAX_INPUTS = 12;

/**
 * The learner's own table: a file input or pasted text, then a choice of target and input columns.
 * A file that cannot be used is explained in one sentence and changes nothing else: the previous
 * table, columns and training stay as they were.
 */
export function CsvLoader(props: CsvLoaderProps) {
  const id = createUniqueId();
  const [table, setTable] = createSignal<CsvTable | null>(null);
  const [numeric, setNumeric] = createSignal<number[]>([]);
  const [target, setTarget] = createSignal(0);
  const [inputs, setInputs] = createSignal<number[]>([]);
  const [message, setMessage] = createSignal<{ kind: "error" | "ok"; text: string } | null>(null);
  const [pasted, setPasted] = createSignal("");

  const emit = (t: CsvTable, ins: number[], tgt: number) => {
    const result = tableToDataset(t, ins, tgt);
    if (result.ok) {
      const d = result.dataset;
      setMessage({ kind: "ok", text: `Using ${d.x.length} rows: ${d.inputNames.join(", ")} → ${d.targetName} (${d.task}).` });
      props.onDataset(d);
    } else {
      setMessage({ kind: "error", text: result.message });
      props.onDataset(null);
    }
  };

  const load = (text: string, source: string) => {
    const parsed = parseCsv(text);
    if (!parsed.ok) {
      setMessage({ kind: "error", text: `${source}: ${parsed.message}${table() ? " Your previous table is still loaded." : ""}` });
      return;
    }
    const t = parsed.table;
    const nums = numericColumns(t);
    if (nums.length < 2) {
      const bad = t.columns.findIndex((_, j) => !nums.includes(j));
      const why = tableToDataset(t, [nums[0] ?? (bad === 0 ? 1 : 0)], bad);
      setMessage({
        kind: "error",
        text: `${source}: fewer than two numeric columns. ${why.ok ? "" : why.message}${table() ? " Your previous table is still loaded." : ""}`,
      });
      return;
    }
    const tgt = nums[nums.length - 1];
    const ins = nums.filter((j) => j !== tgt).slice(0, MAX_INPUTS);
    setTable(t);
    setNumeric(nums);
    setTarget(tgt);
    setInputs(ins);
    emit(t, ins, tgt);
  };

  const onFile = async (event: Event & { currentTarget: HTMLInputElement }) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    if (file.size > 2_000_000) {
      setMessage({ kind: "error", text: `${file.name}: the file is too large (${(file.size / 1e6).toFixed(1)} MB); the limit is 2 MB.` });
      return;
    }
    load(await file.text(), file.name);
  };

  const toggleInput = (j: number, on: boolean) => {
    const t = table();
    if (!t) return;
    const next = on ? [...inputs(), j].sort((a, b) => a - b) : inputs().filter((k) => k !== j);
    if (next.length > MAX_INPUTS) {
      setMessage({ kind: "error", text: `At most ${MAX_INPUTS} input columns.` });
      return;
    }
    setInputs(next);
    emit(t, next, target());
  };

  return (
    <div class={styles.csv} data-testid="csv-loader">
      <div class={styles.csvSources}>
        <label class={styles.field}>
          <span>Load a CSV file (header row optional; up to 20 columns, 10–5000 rows)</span>
          <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" data-testid="csv-file" onChange={onFile} />
        </label>
        <label class={styles.field} for={`${id}-paste`}>
          <span>…or paste it here</span>
        </label>
        <textarea
          id={`${id}-paste`}
          class={styles.paste}
          rows="4"
          spellcheck={false}
          placeholder={"g_r, r_i, redshift\n0.61, 0.32, 0.18\n…"}
          value={pasted()}
          onInput={(e) => setPasted(e.currentTarget.value)}
          data-testid="csv-paste"
        />
        <button type="button" class="button" data-action="use-pasted" onClick={() => load(pasted(), "Pasted text")}>
          Use pasted data
        </button>
      </div>
      <p class={message()?.kind === "error" ? styles.error : styles.ok} role="status" data-testid="csv-message">
        {message()?.text ?? "No table loaded yet."}
      </p>
      <Show when={table()}>
        {(t) => (
          <div class={styles.columns}>
            <label class={styles.field}>
              <span>Target column (what to predict)</span>
              <select
                data-control="csv-target"
                value={String(target())}
                onChange={(e) => {
                  const tgt = Number(e.currentTarget.value);
                  const ins = inputs().filter((j) => j !== tgt);
                  setTarget(tgt);
                  setInputs(ins);
                  emit(t(), ins, tgt);
                }}
              >
                <For each={t().columns}>
                  {(name, j) => (
                    <option value={String(j())}>
                      {name}
                      {numeric().includes(j()) ? "" : " (not numeric)"}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <fieldset class={styles.inputCols}>
              <legend>Input columns</legend>
              <For each={t().columns}>
                {(name, j) => (
                  <Show when={j() !== target()}>
                    <label class={styles.check}>
                      <input type="checkbox" checked={inputs().includes(j())} onChange={(e) => toggleInput(j(), e.currentTarget.checked)} />
                      {name}
                      {numeric().includes(j()) ? "" : " (not numeric)"}
                    </label>
                  </Show>
                )}
              </For>
            </fieldset>
          </div>
        )}
      </Show>
    </div>
  );
}
