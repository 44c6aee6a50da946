/**
 * The HTML an author pastes to embed a widget, and the oEmbed answer that carries the same HTML.
 * Everything interpolated is escaped for an attribute value, so a state string can never close the
 * attribute or the tag.
 */
import { cleanState } from "./placeholder.ts";

/**
 * The iframe sandbox, one token per need (the embed is on Deep Sky's origin, never the host's):
 * - allow-scripts: the widgets are JavaScript;
 * - allow-same-origin: without it the frame's origin is opaque and its module scripts, workers and
 *   model files (fetched in CORS mode) fail to load from the Deep Sky site; it gives the frame its
 *   own (Deep Sky) origin, not the host's, so it still cannot reach into the host page;
 * - allow-forms: exercise answers are <form>s (handled in script, never sent anywhere); without it
 *   the browser blocks the submit event itself;
 * - allow-popups + allow-popups-to-escape-sandbox: "Open in Deep Sky" opens the full lesson in a new
 *   tab, which should be an ordinary, unsandboxed page.
 * Deliberately absent: allow-top-navigation* (the embed can't navigate the host page),
 * allow-modals, allow-downloads, allow-pointer-lock, allow-presentation.
 */
export const IFRAME_SANDBOX = "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox";
/** Permissions policy: the Keras widget's "Copy" button writes to the clipboard. */
export const IFRAME_ALLOW = "clipboard-write";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type SnippetInput = {
  /** The site root, absolute, ending in "/" (https://deep-sky.example.org/). */
  siteBase: string;
  /** Embed name: "optimizer-race" or "exercise/<family>". */
  name: string;
  title: string;
  /** Query string of the widget's state, without "?" (cleaned again here). */
  state?: string;
  height: number;
};

/** Absolute address of the embed page for `name` with `state`. */
export function embedSrc(input: Pick<SnippetInput, "siteBase" | "name" | "state">): string {
  const url = new URL(`embed/${input.name}/`, input.siteBase);
  url.search = cleanState(input.state);
  return url.href;
}

/** The plain iframe: works where the host strips scripts, at the registry's default height. */
export function iframeSnippet(input: SnippetInput): string {
  return (
    `<iframe src="${escapeHtml(embedSrc(input))}" title="${escapeHtml(input.title)}" width="100%" height="${Math.round(input.height)}"` +
    ` style="border:0;max-width:100%" loading="lazy" sandbox="${IFRAME_SANDBOX}" allow="${IFRAME_ALLOW}"></iframe>`
  );
}

/**
 * Placeholder + loader: with scripts, embed.js replaces the inner iframe with one that resizes to
 * its content and reports results; without scripts, the inner iframe is what the reader gets.
 */
export function loaderSnippet(input: SnippetInput): string {
  const loader = new URL("embed.js", input.siteBase).href;
  const state = cleanState(input.state);
  return [
    `<div data-deep-sky-embed="${escapeHtml(input.name)}" data-state="${escapeHtml(state)}" data-height="${Math.round(input.height)}" data-title="${escapeHtml(input.title)}">`,
    `  ${iframeSnippet(input)}`,
    `</div>`,
    `<script src="${escapeHtml(loader)}" async></script>`,
  ].join("\n");
}

export type OEmbedRich = {
  version: "1.0";
  type: "rich";
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
};

/** The oEmbed 1.0 "rich" answer for a widget at its default state. */
export function oembedJson(input: SnippetInput & { width?: number }): OEmbedRich {
  return {
    version: "1.0",
    type: "rich",
    title: input.title,
    provider_name: "Deep Sky",
    provider_url: input.siteBase,
    html: iframeSnippet(input),
    width: input.width ?? 800,
    height: Math.round(input.height),
  };
}
