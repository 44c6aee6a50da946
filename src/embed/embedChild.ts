/**
 * The embedded page's side of the protocol (src/lib/embed/protocol.ts), run by EmbedLayout:
 * announces the page, reports its height on every change, and forwards graded answers and
 * challenge completions as results — to the origin named by `?parent=` only. It never reads from
 * or writes to the parent window beyond postMessage.
 */
import { challengeResult, exerciseResult, parseOrigin, readyMessage, resizeMessage, type EmbedMessage } from "../lib/embed/index.ts";
import { getProgress, PROGRESS_EVENT, type Change } from "../game/progressApi.ts";

export type EmbedChildOptions = {
  /** Embed name ("optimizer-race", "exercise/neuron-output"). */
  name: string;
  /** Challenge id the widget reports, if any. */
  challenge?: string;
  /** The element whose height is the content's height. */
  root: HTMLElement;
  /** "Open in Deep Sky" links: their href gets the page's current widget state on click. */
  openLinks: HTMLAnchorElement[];
};

/** Widget parameters of the current address, without the embed's own (parent, theme). */
function currentState(): URLSearchParams {
  const params = new URLSearchParams(window.location.search);
  params.delete("parent");
  params.delete("theme");
  return params;
}

export function startEmbedChild(options: EmbedChildOptions): void {
  const parentOrigin = parseOrigin(new URLSearchParams(window.location.search).get("parent"));
  const framed = window.parent !== window;

  // ready/resize carry nothing about the learner: to the named parent, else to anyone framing us.
  // Results carry answers: to the named parent only (the browser drops them if it's someone else).
  const post = (message: EmbedMessage) => {
    if (!framed) return;
    const target = parentOrigin ?? (message.type === "deep-sky:result" ? null : "*");
    if (target) window.parent.postMessage(message, target);
  };

  post(readyMessage(options.name));

  let lastHeight = -1;
  const measure = () => {
    const style = getComputedStyle(options.root);
    const height = options.root.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    const message = resizeMessage(height);
    if (message.height === lastHeight) return;
    lastHeight = message.height;
    post(message);
  };
  measure();
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(measure).observe(options.root);

  let challengeSent = false;
  window.addEventListener(PROGRESS_EVENT, (event) => {
    const change = (event as CustomEvent<Change>).detail;
    if (change?.kind === "attempt") {
      const attempt = getProgress().attempts.at(-1);
      if (attempt) post(exerciseResult(options.name, attempt));
    } else if (change?.kind === "challenge" && options.challenge && !challengeSent) {
      challengeSent = true;
      post(challengeResult(options.name, options.challenge));
    }
  });

  for (const link of options.openLinks) {
    const base = link.href;
    const withState = () => {
      const url = new URL(base);
      for (const [key, value] of currentState()) url.searchParams.set(key, value);
      link.href = url.href;
    };
    link.addEventListener("click", withState);
    link.addEventListener("focus", withState);
    link.addEventListener("pointerenter", withState);
  }
}
