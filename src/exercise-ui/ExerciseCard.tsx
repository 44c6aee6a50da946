import { For, Index, Match, Show, Switch, createMemo, createSignal, createUniqueId, mergeProps, onCleanup, onMount } from "solid-js";
import type { JSX } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { Score } from "../lib/grading/index.ts";
import { createExercise, gradeExercise } from "../../exercises/registry.ts";
import type { Exercise } from "../../exercises/registry.ts";
import type { PartView } from "../../exercises/family.ts";
import { getFamily } from "../../exercises/registry.ts";
import { HINT_COST, recordAttempt } from "../game/progressApi.ts";
import {
  VERDICT_ICON,
  VERDICT_TEXT,
  hintLabel,
  initialInputs,
  moveItem,
  orderOf,
  resultSummary,
  sortFeedback,
  toastText,
} from "./exerciseModel.ts";
import { PlotChart } from "./PlotChart.tsx";
import { renderInline, renderPrompt, type MathRenderer } from "./renderPrompt.ts";
import { focusOverflowingMath } from "./focusOverflowingMath.ts";
import styles from "./exercise.module.css";

export type ExerciseCardProps = {
  /** Exercise family id (exercises/registry.ts). */
  family: string;
  seed: string;
  level: number;
  /** TeX → HTML (KaTeX's renderToString, loaded by the parent). */
  renderMath: MathRenderer;
  /** Lesson slug, when practised inside a lesson (recorded with each attempt). */
  lesson?: string;
  /** "Another one like this": same family and level, new seed. */
  onAnother: () => void;
  /** "Next exercise", chosen by mastery; the button is hidden without it. */
  onNext?: () => void;
  /** Link to this exact exercise on the practice page (shown as "Link to this exercise"). */
  shareHref?: string;
  /** Move keyboard focus to the card's title when it appears (after "another one"). */
  focusOnMount?: boolean;
  /** Heading level of the card's title inside the page's outline. Default 3. */
  headingLevel?: 2 | 3;
};

type Loaded = { ok: true; exercise: Exercise; skills: readonly string[] } | { ok: false; message: string };

/**
 * One generated exercise: prompt, a labelled input per answer part, Check, progressive hints that
 * cost XP, the worked solution, and "another one like this". Unreadable input gets a message and
 * costs nothing; graded answers are recorded through the progress API.
 */
export function ExerciseCard(props: ExerciseCardProps) {
  const merged = mergeProps({ headingLevel: 3 as 2 | 3, focusOnMount: false }, props);
  const uid = createUniqueId();
  const id = (name: string) => `ex-${uid}-${name}`;

  const loaded = createMemo((): Loaded => {
    try {
      const exercise = createExercise(merged.family, merged.seed, merged.level);
      return { ok: true, exercise, skills: getFamily(merged.family).skills };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  });

  let title: HTMLHeadingElement | undefined;
  let card: HTMLElement | undefined;
  onMount(() => {
    if (merged.focusOnMount) title?.focus();
    if (card) onCleanup(focusOverflowingMath(card));
  });

  return (
    <article ref={card} class={styles.card} data-widget="exercise" data-family={merged.family} data-seed={merged.seed} data-level={merged.level} aria-labelledby={id("title")}>
      <Show
        when={(() => {
          const l = loaded();
          return l.ok ? l : null;
        })()}
        fallback={
          <p class={styles.error} role="alert">
            This exercise could not be made: {(loaded() as { message: string }).message}
          </p>
        }
      >
        {(l) => <Body {...merged} loaded={l()} id={id} titleRef={(el) => (title = el)} />}
      </Show>
    </article>
  );
}

type BodyProps = ExerciseCardProps & {
  loaded: { exercise: Exercise; skills: readonly string[] };
  id: (name: string) => string;
  titleRef: (el: HTMLHeadingElement) => void;
  headingLevel: 2 | 3;
};

function Body(props: BodyProps) {
  const exercise = () => props.loaded.exercise;
  const md = (text: string) => renderPrompt(text, props.renderMath);
  const inline = (text: string) => renderInline(text, props.renderMath);

  const [inputs, setInputs] = createSignal<Record<string, string>>(initialInputs(exercise().parts));
  const [score, setScore] = createSignal<Score | null>(null);
  const [invalid, setInvalid] = createSignal("");
  const [hintsShown, setHintsShown] = createSignal(0);
  const [graded, setGraded] = createSignal(0);
  const [solutionShown, setSolutionShown] = createSignal(false);
  const [toast, setToast] = createSignal("");
  const [announce, setAnnounce] = createSignal("");

  const sorted = createMemo(() => sortFeedback(score(), exercise().parts.map((p) => p.id)));
  const full = () => {
    const s = score();
    return s?.kind === "points" && s.earned >= s.total;
  };
  const locked = () => solutionShown() || full();
  const setInput = (part: string, value: string) => setInputs((prev) => ({ ...prev, [part]: value }));

  const record = (earned: number, total: number) => {
    const outcome = recordAttempt({
      family: exercise().id,
      version: exercise().version,
      seed: exercise().seed,
      level: exercise().level,
      skills: props.loaded.skills,
      earned,
      total,
      hints: hintsShown(),
      ...(props.lesson ? { lesson: props.lesson } : {}),
    });
    if (outcome) setToast(toastText(outcome, hintsShown()));
  };

  const check: JSX.EventHandler<HTMLFormElement, SubmitEvent> = (event) => {
    event.preventDefault();
    if (locked()) return;
    const result = gradeExercise(exercise(), inputs());
    if (result.kind === "invalid") {
      // Unreadable input is not an attempt: nothing is recorded, the previous grading stays.
      setInvalid(result.message);
      return;
    }
    setInvalid("");
    setScore(result);
    setGraded((n) => n + 1);
    setAnnounce(resultSummary(result));
    record(result.earned, result.total);
  };

  const giveUp = () => {
    // Giving up before any graded answer is evidence too: recorded as a miss (it costs no XP).
    if (graded() === 0) record(0, exercise().parts.length);
    setSolutionShown(true);
    setAnnounce("The worked solution is shown below.");
  };

  const sub = () => `h${props.headingLevel + 1}`;

  return (
    <>
      <header class={styles.header}>
        <Dynamic component={`h${props.headingLevel}`} id={props.id("title")} class={styles.title} tabindex="-1" ref={props.titleRef}>
          {exercise().title}
        </Dynamic>
        <p class={styles.meta}>
          <span class={styles.chip}>Level {exercise().level}</span>
          <span>Exercise #{exercise().seed}</span>
          <Show when={props.shareHref}>
            <a href={props.shareHref}>Link to this exercise</a>
          </Show>
        </p>
      </header>

      <div class={styles.prompt} data-testid="prompt" innerHTML={md(exercise().prompt)} />
      <Show when={exercise().figure}>{(figure) => <PlotChart spec={figure()} />}</Show>

      <form class={styles.form} onSubmit={check} novalidate aria-describedby={props.id("invalid")}>
        <For each={exercise().parts}>
          {(part) => (
            <Part
              part={part}
              value={inputs()[part.id] ?? ""}
              onInput={(v) => setInput(part.id, v)}
              feedback={sorted().byPart[part.id] ?? []}
              disabled={locked()}
              id={props.id(`part-${part.id}`)}
              inline={inline}
              renderMath={props.renderMath}
              announce={setAnnounce}
            />
          )}
        </For>

        <p id={props.id("invalid")} class={styles.invalid} aria-live="polite" data-testid="invalid-message">
          <Show when={invalid()}>
            <span aria-hidden="true">⚠ </span>
            {invalid()}
          </Show>
        </p>

        <div class={styles.actions}>
          <button type="submit" class="button primary" disabled={locked()}>
            Check
          </button>
          <Show when={exercise().hints.length > 0 && !full()}>
            <button
              type="button"
              class="button"
              disabled={hintsShown() >= exercise().hints.length || solutionShown()}
              onClick={() => {
                setHintsShown((n) => n + 1);
                setAnnounce(`Hint ${hintsShown()}: shown below. It lowers this exercise's reward by ${HINT_COST} XP.`);
              }}
            >
              {hintLabel(hintsShown(), exercise().hints.length)}
            </button>
          </Show>
          <Show when={!solutionShown()}>
            <button type="button" class="button" onClick={giveUp}>
              {graded() > 0 ? "Show worked solution" : "Give up: show the solution"}
            </button>
          </Show>
        </div>
      </form>

      <Show when={score()?.kind === "points"}>
        <div class={styles.result} data-full={full() ? "" : undefined} data-testid="result">
          <p>
            <strong>{resultSummary(score()!)}</strong>
          </p>
          <Show when={sorted().general.length > 0}>
            <ul class={styles.feedbackList}>
              <For each={sorted().general}>
                {(f) => (
                  <li data-verdict={f.verdict}>
                    <span innerHTML={inline(f.message)} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>

      <Show when={hintsShown() > 0}>
        <section class={styles.hints} aria-labelledby={props.id("hints")}>
          <Dynamic component={sub()} id={props.id("hints")}>
            Hints
          </Dynamic>
          <ol>
            <Index each={exercise().hints.slice(0, hintsShown())}>{(hint) => <li innerHTML={inline(hint())} />}</Index>
          </ol>
        </section>
      </Show>

      <Show when={solutionShown()}>
        <section class={styles.solution} aria-labelledby={props.id("solution")} data-testid="solution">
          <Dynamic component={sub()} id={props.id("solution")}>
            Worked solution
          </Dynamic>
          <ol>
            <Index each={exercise().solution}>{(step) => <li innerHTML={inline(step())} />}</Index>
          </ol>
        </section>
      </Show>

      <div class={styles.next}>
        <button type="button" class={full() || solutionShown() ? "button primary" : "button"} onClick={() => props.onAnother()}>
          Another one like this
        </button>
        <Show when={props.onNext}>
          {(next) => (
            <button type="button" class="button" onClick={() => next()()} title="Chosen by what you know least">
              Next exercise
            </button>
          )}
        </Show>
      </div>

      <p class={styles.toast} aria-live="polite" data-testid="xp-toast" data-shown={toast() ? "" : undefined}>
        {toast()}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announce()}
      </p>
    </>
  );
}

type PartProps = {
  part: PartView;
  value: string;
  onInput: (value: string) => void;
  feedback: readonly { verdict: "correct" | "incorrect" | "misconception" | "info"; message: string; accepted?: string }[];
  disabled: boolean;
  id: string;
  inline: (md: string) => string;
  renderMath: MathRenderer;
  announce: (text: string) => void;
};

/** True when a feedback message only repeats its verdict ("Correct."), so it is not shown twice. */
const sameAsVerdict = (f: { verdict: keyof typeof VERDICT_TEXT; message: string }) =>
  f.message.trim().replace(/[.!]$/, "").toLowerCase() === VERDICT_TEXT[f.verdict].toLowerCase();

/** One answer field, chosen by the part's kind, with its feedback underneath. */
function Part(props: PartProps) {
  const feedbackId = `${props.id}-feedback`;
  const wrong = () => props.feedback.some((f) => f.verdict === "incorrect" || f.verdict === "misconception");
  const verdict = () => props.feedback.find((f) => f.verdict !== "info")?.verdict;
  const feedback = (
    <div id={feedbackId} class={styles.partFeedback} data-testid={`feedback-${props.part.id}`}>
      <For each={props.feedback}>
        {(f) => (
          <p data-verdict={f.verdict}>
            <span class={styles.verdict}>
              <span aria-hidden="true">{VERDICT_ICON[f.verdict]} </span>
              {VERDICT_TEXT[f.verdict]}
              {sameAsVerdict(f) ? "." : ":"}
            </span>
            <Show when={!sameAsVerdict(f)}>
              {" "}
              <span innerHTML={props.inline(f.message)} />
            </Show>
            <Show when={f.accepted && f.verdict !== "correct"}>
              {" "}
              <span class={styles.accepted}>({f.accepted})</span>
            </Show>
          </p>
        )}
      </For>
    </div>
  );

  return (
    <div class={styles.part} data-kind={props.part.kind} data-verdict={verdict()}>
      <Switch
        fallback={
          <>
            <label for={props.id} class={styles.label} innerHTML={props.inline(props.part.label)} />
            <div class={styles.inputRow}>
              <input
                id={props.id}
                name={props.part.id}
                type="text"
                autocomplete="off"
                autocapitalize="off"
                spellcheck={false}
                inputmode={props.part.kind === "number" || props.part.kind === "integer" ? "decimal" : "text"}
                class={styles.input}
                data-kind={props.part.kind}
                placeholder={props.part.placeholder ?? ""}
                value={props.value}
                readOnly={props.disabled}
                aria-invalid={wrong() ? "true" : undefined}
                aria-describedby={feedbackId}
                onInput={(e) => props.onInput(e.currentTarget.value)}
              />
              <Show when={props.part.unit}>
                <span class={styles.unit}>{props.part.unit}</span>
              </Show>
            </div>
          </>
        }
      >
        <Match when={props.part.kind === "choice"}>
          <fieldset class={styles.fieldset} aria-describedby={feedbackId}>
            <legend class={styles.label} innerHTML={props.inline(props.part.label)} />
            <div class={styles.options}>
              <For each={props.part.options ?? []}>
                {(option) => (
                  <label class={styles.option} data-plot={option.plot ? "" : undefined}>
                    <input
                      type="radio"
                      name={props.id}
                      value={option.id}
                      checked={props.value === option.id}
                      disabled={props.disabled}
                      onChange={() => props.onInput(option.id)}
                    />
                    <span innerHTML={props.inline(option.label)} />
                    <Show when={option.plot}>{(plot) => <PlotChart spec={plot()} width={220} height={130} compact />}</Show>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </Match>
        <Match when={props.part.kind === "ordering"}>
          <Ordering {...props} feedbackId={feedbackId} />
        </Match>
      </Switch>
      {feedback}
    </div>
  );
}

/** An ordering answer: a list with "move up"/"move down" buttons (keyboard and screen-reader friendly). */
function Ordering(props: PartProps & { feedbackId: string }) {
  const labels = () => new Map((props.part.items ?? []).map((item) => [item.id, item.label]));
  const order = () => orderOf(props.value);
  let list: HTMLOListElement | undefined;
  const plain = (md: string) => md.replace(/\$|\*\*|`/g, "");

  const move = (index: number, delta: number) => {
    const next = moveItem(order(), index, delta);
    const itemId = order()[index]!;
    props.onInput(next.join(", "));
    const position = next.indexOf(itemId);
    props.announce(`${plain(labels().get(itemId) ?? itemId)} moved to position ${position + 1} of ${next.length}.`);
    // Keep focus on the moved item's control; at either end, on the one that still works.
    queueMicrotask(() => {
      const row = list?.querySelector<HTMLElement>(`[data-item="${CSS.escape(itemId)}"]`);
      const wanted = row?.querySelector<HTMLButtonElement>(delta < 0 ? "[data-move=up]" : "[data-move=down]");
      const other = row?.querySelector<HTMLButtonElement>(delta < 0 ? "[data-move=down]" : "[data-move=up]");
      (wanted && !wanted.disabled ? wanted : other)?.focus();
    });
  };

  return (
    <fieldset class={styles.fieldset} aria-describedby={props.feedbackId}>
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
                  aria-label={`Move ${plain(labels().get(itemId) ?? itemId)} up`}
                  onClick={() => move(index(), -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class={styles.iconButton}
                  data-move="down"
                  disabled={props.disabled || index() === order().length - 1}
                  aria-label={`Move ${plain(labels().get(itemId) ?? itemId)} down`}
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
