import { For, Index, Show, createMemo, createSignal, createUniqueId, mergeProps, onCleanup, onMount } from "solid-js";
import type { JSX } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { Score } from "../lib/grading/index.ts";
import { createExercise, gradeExercise } from "../../exercises/registry.ts";
import type { Exercise } from "../../exercises/registry.ts";
import { getFamily } from "../../exercises/registry.ts";
import { HINT_COST, helpOn, recordAttempt, recordHelp } from "../game/progressApi.ts";
import { hintLabel, initialInputs, resultSummary, sortFeedback, toastText } from "./exerciseModel.ts";
import { AnswerPart } from "./AnswerPart.tsx";
import { InvalidMessage } from "./InvalidMessage.tsx";
import { ResultSummary } from "./ResultSummary.tsx";
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
    <article
      ref={card}
      class={styles.card}
      data-widget="exercise"
      data-family={merged.family}
      data-seed={merged.seed}
      data-level={merged.level}
      aria-labelledby={id("title")}
    >
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
  const [invalid, setInvalid] = createSignal<Extract<Score, { kind: "invalid" }> | null>(null);
  const [hintsShown, setHintsShown] = createSignal(0);
  const [graded, setGraded] = createSignal(0);
  const [solutionShown, setSolutionShown] = createSignal(false);
  const [toast, setToast] = createSignal("");
  const [announce, setAnnounce] = createSignal("");

  const sorted = createMemo(() =>
    sortFeedback(
      score(),
      exercise().parts.map((p) => p.id),
    ),
  );
  const full = () => {
    const s = score();
    return s?.kind === "points" && s.earned >= s.total;
  };
  // Closed: answered right or given up. Only then are accepted answers shown (see acceptedToShow).
  const locked = () => solutionShown() || full();
  const setInput = (part: string, value: string) => setInputs((prev) => ({ ...prev, [part]: value }));
  const instance = () => ({ family: exercise().id, version: exercise().version, seed: exercise().seed, level: exercise().level });

  // Help taken on this exercise before a reload is still taken: its hints stay shown (and charged),
  // its worked solution stays open. The store keeps it, so a reload refunds nothing.
  onMount(() => {
    const help = helpOn(instance());
    if (!help) return;
    setHintsShown(Math.min(help.hints, exercise().hints.length));
    if (help.solution) setSolutionShown(true);
  });

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
      setInvalid(result);
      return;
    }
    setInvalid(null);
    setScore(result);
    setGraded((n) => n + 1);
    setAnnounce(resultSummary(result));
    record(result.earned, result.total);
  };

  const giveUp = () => {
    // Giving up before any graded answer is evidence too: recorded as a miss (it costs no XP).
    if (graded() === 0) record(0, exercise().parts.length);
    recordHelp(instance(), { solution: true });
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
            <AnswerPart
              part={part}
              value={inputs()[part.id] ?? ""}
              onInput={(v) => setInput(part.id, v)}
              feedback={sorted().byPart[part.id] ?? []}
              disabled={locked()}
              reveal={locked()}
              id={props.id(`part-${part.id}`)}
              inline={inline}
              announce={setAnnounce}
            />
          )}
        </For>

        <InvalidMessage id={props.id("invalid")} invalid={invalid()} parts={exercise().parts} inline={inline} />

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
                recordHelp(instance(), { hints: hintsShown() });
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

      <ResultSummary score={score()} full={full()} general={sorted().general} inline={inline} />

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
