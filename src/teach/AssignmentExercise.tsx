import { For, Index, Match, Show, Switch, createMemo, createSignal } from "solid-js";
import type { Exercise } from "../../exercises/registry.ts";
import type { Score } from "../lib/grading/index.ts";
import { VERDICT_ICON, VERDICT_TEXT, moveItem, orderOf, resultSummary, sortFeedback } from "../exercise-ui/exerciseModel.ts";
import { PlotChart } from "../exercise-ui/PlotChart.tsx";
import { renderInline, renderPrompt, type MathRenderer } from "../exercise-ui/renderPrompt.ts";
import cardStyles from "../exercise-ui/exercise.module.css";
import styles from "./teach.module.css";

export type AssignmentExerciseProps = {
  exercise: Exercise;
  /** 0-based position and the assignment's size, for the heading. */
  index: number;
  count: number;
  renderMath: MathRenderer;
  /** Current field values (saved with the student's work). */
  draft: Record<string, string>;
  onDraft: (part: string, value: string) => void;
  /** Grades the draft; returns the score (invalid input is not an attempt). */
  onCheck: () => Score;
  attemptsUsed: number;
  attemptsAllowed: number;
  best: number;
  closed: boolean;
  hintsAllowed: boolean;
  hintsShown: number;
  onHint: () => void;
};

/**
 * One exercise of an assignment: the prompt (the exercise card's renderer), a field per part, Check
 * with limited attempts, optional hints. Accepted answers are shown only once the exercise is closed.
 */
export function AssignmentExercise(props: AssignmentExerciseProps) {
  const md = (text: string) => renderPrompt(text, props.renderMath);
  const inline = (text: string) => renderInline(text, props.renderMath);
  const [score, setScore] = createSignal<Score | null>(null);
  const [invalid, setInvalid] = createSignal("");
  const base = () => `ax-${props.index}`;
  const sorted = createMemo(() => sortFeedback(score(), props.exercise.parts.map((p) => p.id)));
  const total = () => props.exercise.parts.length;

  const check = (event: SubmitEvent) => {
    event.preventDefault();
    if (props.closed) return;
    const result = props.onCheck();
    if (result.kind === "invalid") {
      setInvalid(result.message);
      return;
    }
    setInvalid("");
    setScore(result);
  };

  return (
    <article class={`${cardStyles.card} ${styles.exercise}`} data-widget="assignment-exercise" data-index={props.index} data-family={props.exercise.id} data-seed={props.exercise.seed} aria-labelledby={`${base()}-title`}>
      <header class={cardStyles.header}>
        <h3 id={`${base()}-title`} class={cardStyles.title}>
          {props.index + 1}. {props.exercise.title}
        </h3>
        <p class={cardStyles.meta}>
          <span class={cardStyles.chip}>Level {props.exercise.level}</span>
          <span data-testid="attempts">
            Attempts: {props.attemptsUsed} of {props.attemptsAllowed}
          </span>
          <span data-testid="best">
            Points: {props.best} of {total()}
          </span>
        </p>
      </header>
      <div class={cardStyles.prompt} data-testid="prompt" innerHTML={md(props.exercise.prompt)} />
      <Show when={props.exercise.figure}>{(figure) => <PlotChart spec={figure()} />}</Show>
      <form class={cardStyles.form} onSubmit={check} novalidate>
        <For each={props.exercise.parts}>
          {(part) => {
            const id = `${base()}-part-${part.id}`;
            const feedback = () => sorted().byPart[part.id] ?? [];
            const wrong = () => feedback().some((f) => f.verdict !== "correct" && f.verdict !== "info");
            return (
              <div class={cardStyles.part} data-kind={part.kind} data-verdict={feedback().find((f) => f.verdict !== "info")?.verdict}>
                <Switch
                  fallback={
                    <>
                      <label for={id} class={cardStyles.label} innerHTML={inline(part.label)} />
                      <div class={cardStyles.inputRow}>
                        <input
                          id={id}
                          name={part.id}
                          type="text"
                          autocomplete="off"
                          spellcheck={false}
                          class={cardStyles.input}
                          placeholder={part.placeholder ?? ""}
                          value={props.draft[part.id] ?? ""}
                          readOnly={props.closed}
                          aria-invalid={wrong() ? "true" : undefined}
                          aria-describedby={`${id}-feedback`}
                          onInput={(e) => props.onDraft(part.id, e.currentTarget.value)}
                        />
                        <Show when={part.unit}>
                          <span class={cardStyles.unit}>{part.unit}</span>
                        </Show>
                      </div>
                    </>
                  }
                >
                  <Match when={part.kind === "choice"}>
                    <fieldset class={cardStyles.fieldset} aria-describedby={`${id}-feedback`}>
                      <legend class={cardStyles.label} innerHTML={inline(part.label)} />
                      <div class={cardStyles.options}>
                        <For each={part.options ?? []}>
                          {(option) => (
                            <label class={cardStyles.option}>
                              <input type="radio" name={id} value={option.id} checked={props.draft[part.id] === option.id} disabled={props.closed} onChange={() => props.onDraft(part.id, option.id)} />
                              <span innerHTML={inline(option.label)} />
                              <Show when={option.plot}>{(plot) => <PlotChart spec={plot()} width={220} height={130} compact />}</Show>
                            </label>
                          )}
                        </For>
                      </div>
                    </fieldset>
                  </Match>
                  <Match when={part.kind === "ordering"}>
                    <fieldset class={cardStyles.fieldset} aria-describedby={`${id}-feedback`}>
                      <legend class={cardStyles.label} innerHTML={inline(part.label)} />
                      <ol class={cardStyles.ordering}>
                        <Index each={(() => { const o = orderOf(props.draft[part.id] ?? ""); return o.length ? o : (part.items ?? []).map((i) => i.id); })()}>
                          {(itemId, k) => {
                            const label = () => (part.items ?? []).find((i) => i.id === itemId())?.label ?? itemId();
                            const order = () => { const o = orderOf(props.draft[part.id] ?? ""); return o.length ? o : (part.items ?? []).map((i) => i.id); };
                            const plain = () => label().replace(/\$|\*\*|`/g, "");
                            return (
                              <li data-item={itemId()}>
                                <span class={cardStyles.orderLabel} innerHTML={inline(label())} />
                                <span class={cardStyles.orderButtons}>
                                  <button type="button" class={cardStyles.iconButton} disabled={props.closed || k === 0} aria-label={`Move ${plain()} up`} onClick={() => props.onDraft(part.id, moveItem(order(), k, -1).join(", "))}>
                                    ↑
                                  </button>
                                  <button type="button" class={cardStyles.iconButton} disabled={props.closed || k === order().length - 1} aria-label={`Move ${plain()} down`} onClick={() => props.onDraft(part.id, moveItem(order(), k, 1).join(", "))}>
                                    ↓
                                  </button>
                                </span>
                              </li>
                            );
                          }}
                        </Index>
                      </ol>
                    </fieldset>
                  </Match>
                </Switch>
                <div id={`${id}-feedback`} class={cardStyles.partFeedback} data-testid={`feedback-${part.id}`}>
                  <For each={feedback()}>
                    {(f) => (
                      <p data-verdict={f.verdict}>
                        <span class={cardStyles.verdict}>
                          <span aria-hidden="true">{VERDICT_ICON[f.verdict]} </span>
                          {VERDICT_TEXT[f.verdict]}:
                        </span>{" "}
                        <span innerHTML={inline(f.message)} />
                        <Show when={f.accepted && f.verdict !== "correct" && props.closed}>
                          {" "}
                          <span class={cardStyles.accepted}>({f.accepted})</span>
                        </Show>
                      </p>
                    )}
                  </For>
                </div>
              </div>
            );
          }}
        </For>
        <p class={cardStyles.invalid} aria-live="polite" data-testid="invalid-message">
          <Show when={invalid()}>
            <span aria-hidden="true">⚠ </span>
            {invalid()}
          </Show>
        </p>
        <div class={cardStyles.actions}>
          <button type="submit" class="button primary" disabled={props.closed}>
            Check
          </button>
          <Show when={props.hintsAllowed && props.exercise.hints.length > 0}>
            <button type="button" class="button" disabled={props.hintsShown >= props.exercise.hints.length} onClick={() => props.onHint()}>
              {props.hintsShown >= props.exercise.hints.length ? "No more hints" : `Show hint ${props.hintsShown + 1} of ${props.exercise.hints.length}`}
            </button>
          </Show>
        </div>
      </form>
      <Show when={score()?.kind === "points" || props.closed}>
        <p class={cardStyles.result} data-testid="result" aria-live="polite">
          <Show when={score()} fallback={<strong>{props.best >= total() ? "Done: full points." : "No attempts left."}</strong>}>
            {(s) => <strong>{resultSummary(s())}{props.closed && props.best < total() ? " No attempts left." : ""}</strong>}
          </Show>
        </p>
      </Show>
      <Show when={props.hintsShown > 0}>
        <section class={cardStyles.hints} aria-label="Hints">
          <ol>
            <Index each={props.exercise.hints.slice(0, props.hintsShown)}>{(hint) => <li innerHTML={inline(hint())} />}</Index>
          </ol>
        </section>
      </Show>
    </article>
  );
}
