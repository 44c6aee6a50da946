/**
 * What the service worker (src/pwa/serviceWorker.js) keeps for offline use, decided from the files
 * of one build. Pure: the Astro integration (serviceWorkerIntegration.ts) walks the output folder,
 * hashes each file and hands the list here; the result is written into the generated sw.js.
 *
 * Three roles:
 * - precache — fetched when the worker installs, so after one visit every page of the course and
 *   the JS, CSS and fonts they need are on the device (≈4 MB: the HTML carries its typeset math);
 * - runtime — onnxruntime's .wasm and JS bundles and the model files (.onnx, JSON weights): tens of
 *   MB that only a model page needs, so they are cached the first time a page fetches them;
 * - skip — never cached: embeds (they live in other people's pages), oEmbed answers, the embed
 *   loader, and font formats no service-worker browser asks for (every one of them takes woff2).
 *
 * The version is a hash of every file's path and content, so a build that changes any byte gets new
 * cache names, and a build that changes nothing keeps its caches.
 */

/** One file of the built site. */
export interface BuiltFile {
  /** Path inside the output folder, with forward slashes: "lessons/backpropagation/index.html". */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
}

export type FileRole = "precache" | "runtime" | "skip";

/** One cached URL, relative to the worker's scope ("" is the course map). */
export interface ManifestEntry {
  url: string;
  bytes: number;
  /** SHA-256 (hex) the installing worker checks, so a page of another deploy is never cached as this one. */
  sha256: string;
}

export interface PrecacheManifest {
  /** 12 hex digits naming this build; part of every cache name. */
  version: string;
  precache: ManifestEntry[];
  /** Files cached on first use. */
  runtime: ManifestEntry[];
  /** URLs of the lesson pages (all precached), for "N lessons available offline". */
  lessons: string[];
  /** The page served for a navigation that is neither cached nor reachable. */
  offlineUrl: string;
}

/** The generated worker's own file name; never listed in its own manifest. */
export const SERVICE_WORKER_FILE = "sw.js";
export const OFFLINE_PAGE_URL = "offline/";

const PRECACHE_EXTENSIONS = new Set(["html", "js", "mjs", "css", "woff2", "svg", "png", "ico", "webmanifest"]);
const RUNTIME_EXTENSIONS = new Set(["wasm", "onnx"]);

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

export function roleOf(path: string): FileRole {
  if (path === SERVICE_WORKER_FILE || path === "embed.js") return "skip";
  if (path.startsWith("embed/") || path.startsWith("oembed/")) return "skip";
  // The search index (src/build/searchIndexIntegration.ts: Pagefind's .pf_* chunks, its wasm and
  // entry JSON; ≈0.3 MB): precached, so search works offline after one visit like the lessons.
  if (path.startsWith("pagefind/")) return "precache";
  const ext = extensionOf(path);
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (RUNTIME_EXTENSIONS.has(ext)) return "runtime";
  // onnxruntime-web's JS bundles (ort.wasm.bundle.min.*.js, ort.webgpu.bundle.min.*.js): large,
  // needed only beside its .wasm.
  if (path.startsWith("_astro/") && /^ort[.-]/.test(name) && (ext === "js" || ext === "mjs")) return "runtime";
  // Model weights and maps that Vite copied beside the bundles (weights.*.json, latent-map.*.json).
  if (path.startsWith("_astro/") && ext === "json") return "runtime";
  if (PRECACHE_EXTENSIONS.has(ext)) return "precache";
  return "skip";
}

/** "lessons/x/index.html" → "lessons/x/", "index.html" → "", anything else unchanged. */
export function urlOf(path: string): string {
  if (path === "index.html") return "";
  if (path.endsWith("/index.html")) return path.slice(0, -"index.html".length);
  return path;
}

/** Hex SHA-256 of a string, injected so this module stays free of Node and browser APIs. */
export type Sha256Hex = (text: string) => string;

export function buildManifest(files: readonly BuiltFile[], sha256Hex: Sha256Hex): PrecacheManifest {
  const listed = files.filter((f) => f.path !== SERVICE_WORKER_FILE).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const version = sha256Hex(listed.map((f) => `${f.path}\0${f.sha256}\n`).join("")).slice(0, 12);
  const entry = (f: BuiltFile): ManifestEntry => ({ url: urlOf(f.path), bytes: f.bytes, sha256: f.sha256 });
  const precache = listed.filter((f) => roleOf(f.path) === "precache").map(entry);
  const runtime = listed.filter((f) => roleOf(f.path) === "runtime").map(entry);
  const lessons = precache.map((e) => e.url).filter((url) => /^lessons\/[^/]+\/$/.test(url));
  if (!precache.some((e) => e.url === OFFLINE_PAGE_URL))
    throw new Error(`The build has no ${OFFLINE_PAGE_URL} page for the service worker to fall back to.`);
  return { version, precache, runtime, lessons, offlineUrl: OFFLINE_PAGE_URL };
}

/** Sum of the bytes of some entries. */
export function totalBytes(entries: readonly ManifestEntry[]): number {
  return entries.reduce((sum, e) => sum + e.bytes, 0);
}
