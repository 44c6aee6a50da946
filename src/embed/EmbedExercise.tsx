import { Show, createSignal, onMount } from "solid-js";
import { PracticeSession } from "../practice/PracticeSession.tsx";
import { parsePracticeUrl } from "../practice/practiceUrl.ts";
import type { ExerciseRef } from "../practice/session.ts";

export type EmbedExerciseProps = {
  /** Exercise family id (from the page path, checked against the registry at build time). */
  family: string;
  /** The family's first level, used when the URL names a seed but no level. */
  defaultLevel: number;
  /** Site base URL. */
  base: string;
};

/**
 * One exercise family for /embed/exercise/<family>/?seed=&level=: the exact exercise the URL names
 * (read with the practice page's own URL schema), else one chosen for the learner; "another one
 * like this" stays in the family.
 */
export function EmbedExercise(props: EmbedExerciseProps) {
  const [initial, setInitial] = createSignal<ExerciseRef | undefined>(undefined);
  const [ready, setReady] = createSignal(false);

  onMount(() => {
    const state = parsePracticeUrl(window.location.search);
    if (state.seed) setInitial({ family: props.family, seed: state.seed, level: state.level ?? props.defaultLevel });
    setReady(true);
  });

  return (
    <div>
      <Show when={ready()} fallback={<p>Loading an exercise…</p>}>
        <PracticeSession families={[props.family]} initial={initial()} base={props.base} headingLevel={2} />
      </Show>
    </div>
  );
}
