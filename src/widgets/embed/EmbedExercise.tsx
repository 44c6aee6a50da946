import { Show, createSignal, onCleanup, onMount } from "solid-js";
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

  let root: HTMLDivElement | undefined;
  onMount(() => {
    const state = parsePracticeUrl(window.location.search);
    if (state.seed) setInitial({ family: props.family, seed: state.seed, level: state.level ?? props.defaultLevel });
    setReady(true);
    // Embeds are narrow, so display math in a prompt may scroll sideways inside itself; a region
    // that scrolls must be reachable from the keyboard (axe: scrollable-region-focusable).
    const focusable = () => {
      for (const el of root?.querySelectorAll<HTMLElement>(".katex-display") ?? []) {
        if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
        else el.removeAttribute("tabindex");
      }
    };
    const observer = new MutationObserver(focusable);
    if (root) observer.observe(root, { childList: true, subtree: true });
    window.addEventListener("resize", focusable);
    onCleanup(() => {
      observer.disconnect();
      window.removeEventListener("resize", focusable);
    });
  });

  return (
    <div ref={root}>
      <Show when={ready()} fallback={<p>Loading an exercise…</p>}>
        <PracticeSession families={[props.family]} initial={initial()} base={props.base} headingLevel={2} />
      </Show>
    </div>
  );
}
