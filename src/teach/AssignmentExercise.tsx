import { For, Index, Show, createMemo, createSignal } from "solid-js";
import type { Exercise } from "../../exercises/registry.ts";
import type { Score } from "../lib/grading/index.ts";
import { AnswerPart } from "../exercise-ui/AnswerPart.tsx";
import { InvalidMessage } from "../exercise-ui/InvalidMessage.tsx";
import { resultSummary, sortFeedback } from "../exercise-ui/exerciseModel.ts";
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
 * One exercise of an assignment: the prompt, the exercise card's answer parts, Check with limited
 * attempts, optional hints. Accepted answers are shown only once the exercise is closed.
 */
export function AssignmentExercise(props: AssignmentExerciseProps) {
  const md = (text: string) => renderPrompt(text, props.renderMath);
  const inline = (text: string) => renderInline(text, props.renderMath);
  const [score, setScore] = createSignal<Score | null>(null);
  const [invalid, setInvalid] = createSignal<Extract<Score, { kind: "invalid" }> | null>(null);
  const [announce, setAnnounce] = createSignal("");
  const base = () => `ax-${props.index}`;
  const sorted = createMemo(() =>
    sortFeedback(
      score(),
      props.exercise.parts.map((p) => p.id),
    ),
  );
  const total = () => props.exercise.parts.length;

  const check = (event: SubmitEvent) => {
    event.preventDefault();
    if (props.closed) return;
    const result = props.onCheck();
    if (result.kind === "invalid") {
      setInvalid(result);
      return;
    }
    setInvalid(null);
    setScore(result);
    setAnnounce(resultSummary(result));
  };

  return (
    <article
      class={`${cardStyles.card} ${styles.exercise}`}
      data-widget="assignment-exercise"
      data-index={props.index}
      data-family={props.exercise.id}
      data-seed={props.exercise.seed}
      aria-labelledby={`${base()}-title`}
    >
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
      <form class={cardStyles.form} onSubmit={check} novalidate aria-describedby={`${base()}-invalid`}>
        <For each={props.exercise.parts}>
          {(part) => (
            <AnswerPart
              part={part}
              value={props.draft[part.id] ?? ""}
              onInput={(value) => props.onDraft(part.id, value)}
              feedback={sorted().byPart[part.id] ?? []}
              disabled={props.closed}
              reveal={props.closed}
              id={`${base()}-part-${part.id}`}
              inline={inline}
              announce={setAnnounce}
            />
          )}
        </For>
        <InvalidMessage id={`${base()}-invalid`} invalid={invalid()} parts={props.exercise.parts} inline={inline} />
        <div class={cardStyles.actions}>
          <button type="submit" class="button primary" disabled={props.closed}>
            Check
          </button>
          <Show when={props.hintsAllowed && props.exercise.hints.length > 0}>
            <button
              type="button"
              class="button"
              disabled={props.closed || props.hintsShown >= props.exercise.hints.length}
              onClick={() => props.onHint()}
            >
              {props.hintsShown >= props.exercise.hints.length
                ? "No more hints"
                : `Show hint ${props.hintsShown + 1} of ${props.exercise.hints.length}`}
            </button>
          </Show>
        </div>
      </form>
      <Show when={score()?.kind === "points" || props.closed}>
        <p class={cardStyles.result} data-testid="result">
          <Show when={score()} fallback={<strong>{props.best >= total() ? "Done: full points." : "No attempts left."}</strong>}>
            {(s) => (
              <strong>
                {resultSummary(s())}
                {props.closed && props.best < total() ? " No attempts left." : ""}
              </strong>
            )}
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
      <p class="visually-hidden" aria-live="polite">
        {announce()}
      </p>
    </article>
  );
}
