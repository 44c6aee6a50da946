/**
 * What the loader reads from a host page's placeholder —
 *   <div data-deep-sky-embed="optimizer-race" data-state="race.lr=0.1" data-height="640">
 *   <deep-sky-embed name="exercise/neuron-output" state="seed=12&level=2" theme="dark">
 * — checked and turned into the iframe's address. Attributes come from pages we don't control, so
 * every one is validated; anything unreadable is dropped (the embed falls back to its defaults),
 * and a bad name refuses the placeholder with a message the loader shows as text.
 */
import { parseOrigin } from "./origin.ts";
import { isEmbedName, MAX_HEIGHT } from "./protocol.ts";

export const DEFAULT_FRAME_HEIGHT = 480;
export const MIN_FRAME_HEIGHT = 120;
/** Query parameters the embed page reserves for itself: the loader sets them, state may not. */
export const RESERVED_PARAMS = ["parent", "theme"] as const;
const MAX_STATE_LENGTH = 2000;
const MAX_PARAMS = 40;
const MAX_VALUE_LENGTH = 400;
/** A widget parameter is `prefix.name` (race.s, race.lr.adam) or a bare word (seed, level). */
const PARAM_KEY = /^[a-z][a-z0-9]{0,19}(?:\.[a-zA-Z][\w.-]{0,39})?$/;

export type Theme = "light" | "dark";

export type FrameSpec = {
  name: string;
  /** Clean query string without "?", e.g. "race.lr=0.1&race.opt=adam". */
  state: string;
  height: number;
  title: string;
  theme: Theme | null;
};

export type PlaceholderAttributes = {
  name: string | null;
  state?: string | null;
  height?: string | null;
  title?: string | null;
  theme?: string | null;
};

export function parseTheme(raw: string | null | undefined): Theme | null {
  return raw === "light" || raw === "dark" ? raw : null;
}

/** Keeps only well-formed widget parameters; reserved and malformed ones are dropped silently. */
export function cleanState(raw: string | null | undefined): string {
  if (!raw || raw.length > MAX_STATE_LENGTH) return "";
  const out = new URLSearchParams();
  let count = 0;
  for (const [key, value] of new URLSearchParams(raw.startsWith("?") ? raw.slice(1) : raw)) {
    if (count >= MAX_PARAMS) break;
    if (!PARAM_KEY.test(key) || (RESERVED_PARAMS as readonly string[]).includes(key)) continue;
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (value.length > MAX_VALUE_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) continue;
    out.set(key, value);
    count++;
  }
  return out.toString();
}

export function parseHeight(raw: string | null | undefined): number {
  const value = raw ? Number(raw) : NaN;
  if (!Number.isInteger(value)) return DEFAULT_FRAME_HEIGHT;
  return Math.min(MAX_HEIGHT, Math.max(MIN_FRAME_HEIGHT, value));
}

/** Plain text of at most 120 characters (it becomes the iframe's accessible name). */
function cleanTitle(raw: string | null | undefined, name: string): string {
  const text = (raw ?? "")
    // eslint-disable-next-line no-control-regex -- control characters become spaces
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim()
    .slice(0, 120);
  return text || `Deep Sky: ${name}`;
}

export function readPlaceholder(attrs: PlaceholderAttributes): { ok: true; spec: FrameSpec } | { ok: false; message: string } {
  const name = attrs.name?.trim() ?? "";
  if (!isEmbedName(name)) return { ok: false, message: "Deep Sky embed: the placeholder does not name a widget (e.g. optimizer-race)." };
  return {
    ok: true,
    spec: {
      name,
      state: cleanState(attrs.state),
      height: parseHeight(attrs.height),
      title: cleanTitle(attrs.title, name),
      theme: parseTheme(attrs.theme),
    },
  };
}

/**
 * The iframe's address: `<site>/embed/<name>/?<state>&parent=<origin>&theme=<theme>`.
 * `siteBase` is the site's root as an absolute URL ending in "/" (the loader derives it from its
 * own script address). `parent` is the host page's origin; a bad one is left out (no results).
 */
export function frameSrc(siteBase: string, spec: FrameSpec, parent: string | null): string {
  const url = new URL(`embed/${spec.name}/`, siteBase);
  const params = new URLSearchParams(spec.state);
  const origin = parseOrigin(parent);
  if (origin) params.set("parent", origin);
  if (spec.theme) params.set("theme", spec.theme);
  url.search = params.toString();
  return url.href;
}
