import { For } from "solid-js";
import type { Conflict } from "../../exercises/assignments/index.ts";
import { exerciseColumns, findFamily, revealName } from "../../exercises/assignments/index.ts";
import styles from "./teach.module.css";

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Receipts under one name (or look-alike names) that cannot all be one student's work, side by side:
 * one column per receipt, so the instructor can see which answers, hints or times differ and decide
 * which counts. Names are shown with their hidden characters made visible.
 */
export function ConflictView(props: { conflict: Conflict; label: string }) {
  const results = () => props.conflict.entries.map((e) => e.result!);
  const names = () => exerciseColumns(results()[0]?.exercises.map((x) => x.family) ?? [], (id) => findFamily(id)?.title ?? id);
  return (
    <div class={styles.conflict}>
      <ul class={styles.conflictReasons}>
        <For each={props.conflict.reasons}>{(reason) => <li>{reason}</li>}</For>
      </ul>
      <div class="scroll-x" tabindex="0" role="region" aria-label={props.label}>
        <table class={styles.table} data-testid="conflict-table">
          <caption class="visually-hidden">{props.label}</caption>
          <thead>
            <tr>
              <td />
              <For each={props.conflict.entries}>{(e) => <th scope="col">Receipt #{e.number}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Name as written</th>
              <For each={results()}>{(r) => <td>{revealName(r.receipt.student)}</td>}</For>
            </tr>
            <tr>
              <th scope="row">Started</th>
              <For each={results()}>{(r) => <td>{utc(r.receipt.startedAt)}</td>}</For>
            </tr>
            <tr>
              <th scope="row">Issued</th>
              <For each={results()}>{(r) => <td>{utc(r.receipt.issuedAt)}</td>}</For>
            </tr>
            <tr>
              <th scope="row">Points</th>
              <For each={results()}>{(r) => <td>{`${r.earned}/${r.total}`}</td>}</For>
            </tr>
            <For each={names()}>
              {(name, j) => (
                <tr>
                  <th scope="row">{name}</th>
                  <For each={results()}>
                    {(r) => {
                      const x = r.exercises[j()];
                      return (
                        <td>
                          {x
                            ? `${x.earned}/${x.total} · ${x.attempts} attempt${x.attempts === 1 ? "" : "s"} · ${x.hints} hint${x.hints === 1 ? "" : "s"}`
                            : "—"}
                        </td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
