import { Show, createEffect, createSignal, mergeProps, on, onMount } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { ExerciseCard } from "../exercise-ui/ExerciseCard.tsx";
import type { MathRenderer } from "../exercise-ui/renderPrompt.ts";
import { getProgress } from "../game/progressApi.ts";
import type { ExerciseRef, anotherLike, pickExercise } from "./session.ts";
import { writePracticeUrl } from "./practiceUrl.ts";
import styles from "./practice.module.css";

export type PracticeSessionProps = {
  /** Family ids to practise (unknown ids are skipped). */
  families: readonly string[];
  /** Lesson slug when mounted in a lesson's Practice section. */
  lesson?: string;
  /** An exact exercise to start with (the practice page's ?family=&seed=&level=). */
  initial?: ExerciseRef;
  /** Keep the page URL pointing at the current exercise (the practice page only). */
  syncUrl?: boolean;
  /** Extra query (e.g. the focus) kept in the URL and share links. */
  focus?: string;
  /** Site base URL, for links to /practice. Default "/". */
  base?: string;
  /** Heading level of exercise titles. Default 3. */
  headingLevel?: 2 | 3;
  /** Move keyboard focus to the first exercise when it appears (after a "Start" button). */
  focusFirst?: boolean;
};

/** Uniform [0, 1) from the browser's crypto, for fresh seeds (not part of the seeded engine). */
function cryptoRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

/** What loads on demand: the card, the chooser (with the exercise registry) and KaTeX. */
type Engine = {
  Card: typeof ExerciseCard;
  pick: typeof pickExercise;
  another: typeof anotherLike;
  math: MathRenderer;
};

async function loadEngine(): Promise<Engine> {
  const [card, session, katex] = await Promise.all([import("../exercise-ui/ExerciseCard.tsx"), import("./session.ts"), import("katex")]);
  return {
    Card: card.ExerciseCard,
    pick: session.pickExercise,
    another: session.anotherLike,
    math: (tex, display) => katex.default.renderToString(tex, { displayMode: display, throwOnError: true }),
  };
}

/**
 * One exercise at a time from a set of families, chosen by mastery (src/game/nextExercise.ts),
 * with "another one like this" and "next exercise". Nothing here depends on the learner on the
 * server (progress lives in the browser), so the exercise appears once mounted. The card, the
 * registry and KaTeX (~130 kB gzipped together) are loaded then, as separate chunks.
 */
export function PracticeSession(props: PracticeSessionProps) {
  const merged = mergeProps({ base: "/", headingLevel: 3 as 2 | 3, syncUrl: false, focusFirst: false }, props);
  const [engine, setEngine] = createSignal<Engine | null>(null);
  const [current, setCurrent] = createSignal<(ExerciseRef & { focus: boolean }) | null>(null);
  const [state, setState] = createSignal<"loading" | "ready" | "failed">("loading");
  const [failure, setFailure] = createSignal("");

  const next = (focus: boolean) => {
    const e = engine();
    if (!e) return;
    const pick = e.pick(merged.families, getProgress(), cryptoRandom);
    setCurrent(pick ? { ...pick, focus } : null);
  };

  const start = async (focus: boolean) => {
    try {
      setEngine(await loadEngine());
    } catch (error) {
      setFailure(
        `The exercises could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`,
      );
      setState("failed");
      return;
    }
    if (merged.initial) setCurrent({ ...merged.initial, focus });
    else next(focus);
    setState("ready");
  };

  onMount(() => void start(merged.focusFirst));

  // A new set of families (the practice page's chooser) means a new choice.
  createEffect(
    on(
      () => merged.families.join(","),
      () => {
        if (engine()) next(true);
      },
      { defer: true },
    ),
  );

  const href = (ref: ExerciseRef) => `${merged.base}practice/${writePracticeUrl({ ...ref, focus: merged.focus })}`;

  createEffect(() => {
    const c = current();
    if (!merged.syncUrl || !c) return;
    const url = href(c);
    if (location.pathname + location.search !== url) history.replaceState(null, "", url);
  });

  return (
    <div class={styles.session} data-widget="practice-session" data-ready={state() === "ready" && current() ? "" : undefined}>
      <Show when={state() !== "failed"} fallback={<p role="alert">{failure()}</p>}>
        <Show
          when={engine() && current()}
          fallback={
            <Show when={state() === "ready"} fallback={<p class={styles.loading}>Loading an exercise…</p>}>
              <p>There are no exercises for this selection yet.</p>
            </Show>
          }
        >
          <Show when={current()} keyed>
            {(c) => (
              <Dynamic
                component={engine()!.Card}
                family={c.family}
                seed={c.seed}
                level={c.level}
                renderMath={engine()!.math}
                lesson={merged.lesson}
                headingLevel={merged.headingLevel}
                focusOnMount={c.focus}
                shareHref={href(c)}
                onAnother={() => setCurrent({ ...engine()!.another(c, cryptoRandom), focus: true })}
                onNext={merged.families.length > 1 ? () => next(true) : undefined}
              />
            )}
          </Show>
        </Show>
      </Show>
    </div>
  );
}
