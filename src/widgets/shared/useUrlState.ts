import { createEffect, createSignal, onMount, type Accessor } from "solid-js";
import { isServer } from "solid-js/web";
import { defaultState, parseState, serializeState, type Schema, type StateOf } from "./urlState.ts";

export interface UrlStateHandle<S extends Schema> {
  state: Accessor<StateOf<S>>;
  /** Replaces some fields; the URL follows (history.replaceState, so Back still leaves the page). */
  update(patch: Partial<StateOf<S>>): void;
  /** Messages about URL parameters that were ignored, for the widget to show. */
  problems: Accessor<string[]>;
}

/**
 * A widget's state mirrored in the page URL through its schema. Starts from the defaults (so the
 * server-rendered HTML matches), then on mount reads the URL; afterwards every change is written back.
 */
export function useUrlState<S extends Schema>(schema: S, prefix: string): UrlStateHandle<S> {
  const [state, setState] = createSignal<StateOf<S>>(defaultState(schema));
  const [problems, setProblems] = createSignal<string[]>([]);
  const [ready, setReady] = createSignal(false);

  onMount(() => {
    const parsed = parseState(schema, new URLSearchParams(window.location.search), prefix);
    setState(() => parsed.state);
    setProblems(parsed.problems);
    setReady(true);
  });

  createEffect(() => {
    const current = state();
    if (isServer || !ready()) return;
    const url = new URL(window.location.href);
    serializeState(schema, current, prefix, url.searchParams);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  });

  return {
    state,
    problems,
    update: (patch) => setState((previous) => ({ ...previous, ...patch })),
  };
}
