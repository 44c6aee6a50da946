/**
 * The site's Content-Security-Policy: one constant, written by BaseLayout and EmbedLayout as
 * `<meta http-equiv="Content-Security-Policy">` (a static host may not let us set headers).
 *
 * Inline scripts are allowed by their SHA-256 hash only. They are: the two theme scripts below
 * (they must run before first paint, so they can't be deferred modules), Astro's island runtime and
 * its client:* directive loaders, Solid's hydration bootstrap — all hashed here from the exact
 * strings Astro and Solid write — and the small processed `<script>`s that Astro inlines instead of
 * emitting a file (ThemeToggle's), pinned in ASTRO_INLINED_SCRIPT_HASHES. tests/e2e/embed.e2e.test.ts
 * checks every inline script of every built page against this policy and prints the hash of any
 * script it does not cover.
 *
 * What a <meta> policy cannot do: `frame-ancestors` (and `report-uri`, `sandbox`) are ignored in
 * meta. Framing is therefore unrestricted — the embeds are meant to be framed — and a host that
 * wants to restrict who frames the lesson pages must send `Content-Security-Policy:
 * frame-ancestors …` (or X-Frame-Options) as an HTTP header.
 */
import { createHash } from "node:crypto";
import islandScript from "astro/runtime/server/astro-island.prebuilt.js";
import idleDirective from "astro/runtime/client/idle.prebuilt.js";
import loadDirective from "astro/runtime/client/load.prebuilt.js";
import mediaDirective from "astro/runtime/client/media.prebuilt.js";
import onlyDirective from "astro/runtime/client/only.prebuilt.js";
import visibleDirective from "astro/runtime/client/visible.prebuilt.js";
import { generateHydrationScript } from "solid-js/web";
import { SKY_SERVICE_ORIGINS } from "../widgets/sky-classifier/skyServices.ts";

/** BaseLayout: the saved choice of the theme toggle wins, otherwise the system preference. */
export const SITE_THEME_SCRIPT =
  '(function(){var s=null;try{s=localStorage.getItem("deep-sky:theme")}catch(e){}' +
  'var d=s?s==="dark":matchMedia("(prefers-color-scheme: dark)").matches;' +
  'document.documentElement.dataset.theme=d?"dark":"light"})();';

/** EmbedLayout: `?theme=light|dark` from the embedder wins, otherwise the system preference. */
export const EMBED_THEME_SCRIPT =
  '(function(){var t=new URLSearchParams(location.search).get("theme");' +
  'var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);' +
  'document.documentElement.dataset.theme=d?"dark":"light"})();';

/**
 * Scripts Astro inlines because they are small and import nothing (under vite's
 * assetsInlineLimit): their text only exists after the client build, so their hashes are pinned.
 * The e2e check names the hash to put here when one of them changes.
 */
export const ASTRO_INLINED_SCRIPT_HASHES: readonly string[] = [
  // src/components/ThemeToggle.astro's <script>
  "sha256-kevBwAKo9l1OmI3lbiQeogLC+U+4BP4pk5CE+O7kKW4=",
];

export function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

/** Solid writes `<script>…</script><!--xs-->`; the hash covers the element's text only. */
function solidHydrationScript(): string {
  const html = generateHydrationScript();
  return html.slice(html.indexOf(">") + 1, html.indexOf("</script>"));
}

const inlineScriptHashes = [
  sha256(SITE_THEME_SCRIPT),
  sha256(EMBED_THEME_SCRIPT),
  ...[islandScript, idleDirective, loadDirective, mediaDirective, onlyDirective, visibleDirective].map(sha256),
  sha256(solidHydrationScript()),
  ...ASTRO_INLINED_SCRIPT_HASHES,
].map((hash) => `'${hash}'`);

/** Directive → sources, each with the reason it is needed. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  // Anything not named below: only from the site itself.
  "default-src": ["'self'"],
  // Module scripts and chunks from the site; inline scripts by hash (above); 'wasm-unsafe-eval'
  // lets onnxruntime-web compile its WebAssembly (the CNN lesson) — it does not allow eval().
  "script-src": ["'self'", "'wasm-unsafe-eval'", ...inlineScriptHashes],
  // Astro inlines small stylesheets and scoped <style>s, and widgets set style="" attributes
  // (positions, colours): hashes can't cover attributes, and inline CSS cannot run script.
  "style-src": ["'self'", "'unsafe-inline'"],
  // data: for CSS-embedded SVG icons, blob: for canvases exported as images.
  "img-src": ["'self'", "data:", "blob:"],
  // KaTeX's fonts are files of the site.
  "font-src": ["'self'", "data:"],
  // fetch(): model files and onnxruntime's .wasm/.mjs, all served by the site; and the CNN lesson's
  // "Classify any galaxy in the sky" (CDS Sesame names, Legacy Surveys cutouts; its picture is then
  // shown from a blob:, so img-src needs no outside host).
  "connect-src": ["'self'", ...SKY_SERVICE_ORIGINS],
  // The training worker is a module of the site; onnxruntime-web may start its proxy worker from a blob.
  "worker-src": ["'self'", "blob:"],
  // The site frames only itself (nothing today); embedding others' pages is not a feature.
  "frame-src": ["'self'"],
  // No plugins.
  "object-src": ["'none'"],
  // A stray <base> can't redirect relative URLs elsewhere.
  "base-uri": ["'self'"],
  // Forms are handled in script; none may post anywhere but the site.
  "form-action": ["'self'"],
};

/** The policy as one header/meta value. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
  .join("; ");
