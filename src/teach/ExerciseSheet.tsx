import { For, Index, Show } from "solid-js";
import type { Exercise } from "../../exercises/registry.ts";
import { acceptedFor, answerDisplay } from "../lib/grading/index.ts";
import { PlotChart } from "../exercise-ui/PlotChart.tsx";
import { renderInline, renderPrompt, type MathRenderer } from "../exercise-ui/renderPrompt.ts";
import styles from "./teach.module.css";

export type ExerciseSheetProps = {
  exercises: readonly Exercise[];
  renderMath: MathRenderer;
  /** "worksheet": prompts with space to answer; "key": the accepted answers and the worked steps. */
  kind: "worksheet" | "key";
  title: string;
  /** Who it is for ("Preview (no student)" or the student's ID). */
  forWhom: string;
  due?: string;
};

/**
 * A printable worksheet or answer key: the same exercises (same seeds, same numbers) the assignment
 * link gives the named student. Prompts go through the exercise card's renderer (escaped Markdown +
 * KaTeX), never as raw HTML.
 */
export function ExerciseSheet(props: ExerciseSheetProps) {
  const md = (text: string) => renderPrompt(text, props.renderMath);
  const inline = (text: string) => renderInline(text, props.renderMath);
  return (
    <section class={styles.sheet} data-sheet={props.kind} aria-label={props.kind === "key" ? "Answer key" : "Worksheet"}>
      <header class={styles.sheetHeader}>
        <h3>
          {props.title} — {props.kind === "key" ? "answer key" : "worksheet"}
        </h3>
        <p>
          For: <strong>{props.forWhom}</strong>
          <Show when={props.due}> · due {props.due}</Show>
          <Show when={props.kind === "worksheet"}>
            <span class={styles.nameLine}> · Name/ID: ____________________</span>
          </Show>
        </p>
      </header>
      <ol class={styles.sheetList}>
        <For each={props.exercises}>
          {(e) => (
            <li class={styles.sheetItem} data-seed={e.seed}>
              <p class={styles.sheetTitle}>
                <strong>{e.title}</strong> <span class={styles.muted}>(level {e.level})</span>
              </p>
              <Show when={props.kind === "worksheet"}>
                <div class={styles.prompt} innerHTML={md(e.prompt)} />
                <Show when={e.figure}>{(figure) => <PlotChart spec={figure()} />}</Show>
              </Show>
              <ul class={styles.sheetParts}>
                <Index each={e.parts}>
                  {(part) => (
                    <li>
                      <span innerHTML={inline(part().label)} />
                      <Show when={props.kind === "worksheet"}>
                        <Show when={part().options}>
                          {(options) => (
                            <ul class={styles.choiceList} data-testid="sheet-options">
                              <For each={options()}>
                                {(o) => (
                                  <li>
                                    <code>{o.id}</code> <span innerHTML={inline(o.label)} />
                                    <Show when={o.plot}>{(plot) => <PlotChart spec={plot()} width={220} height={130} compact />}</Show>
                                  </li>
                                )}
                              </For>
                            </ul>
                          )}
                        </Show>
                        {/* An ordering is answered by writing ids in order, not by ticking: the items with their ids, then a line. */}
                        <Show when={part().items}>
                          {(items) => (
                            <>
                              <ul class={styles.itemList} data-testid="sheet-items">
                                <For each={items()}>
                                  {(o) => (
                                    <li>
                                      <code>{o.id}</code> <span innerHTML={inline(o.label)} />
                                    </li>
                                  )}
                                </For>
                              </ul>
                              <span class={styles.orderLine}>Order (ids, first to last):</span>
                              <span class={styles.blank} aria-hidden="true" />
                            </>
                          )}
                        </Show>
                        <Show when={!part().options && !part().items}>
                          <span class={styles.blank} aria-hidden="true" />
                        </Show>
                      </Show>
                      <Show when={props.kind === "key"}>
                        {" "}
                        <strong data-testid="key-answer" innerHTML={inline(answerDisplay(e.answer[part().id]!))} />{" "}
                        <span class={styles.muted}>({acceptedFor(e.answer[part().id]!)})</span>
                      </Show>
                    </li>
                  )}
                </Index>
              </ul>
              <Show when={props.kind === "key" && e.solution.length > 0}>
                <ol class={styles.steps} aria-label="Worked solution" data-testid="key-steps">
                  <Index each={e.solution}>{(step) => <li innerHTML={inline(step())} />}</Index>
                </ol>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
