// Deep Sky's service worker. The build prepends `const BUILD = {…}` (src/build/precacheManifest.ts:
// version, precache and runtime lists with sizes and SHA-256s) and writes the result as sw.js at the
// site's root; this file is the code half and is never served as is.
//
// One build = one version = its own two caches, "deep-sky-<version>-pages" (everything precached at
// install) and "deep-sky-<version>-runtime" (onnxruntime and model files, cached on first use). A
// page always comes with the assets of its own build:
// - install fetches every precached file fresh and checks its SHA-256 against the build's, so a file
//   of another deploy makes the install fail (the browser retries later) instead of mixing in;
// - pages are answered from the precache, so the HTML and the hashed JS/CSS it names are one build;
// - a new worker waits until the learner accepts "a new version is ready — reload" (or every tab of
//   the old version is closed), then deletes the old version's caches as it activates.
// Requests to other origins are never intercepted: embeds in third-party pages, and anything those
// pages load, are none of this worker's business.
/* global BUILD */

const PREFIX = "deep-sky-";
const PAGES = `${PREFIX}${BUILD.version}-pages`;
const RUNTIME = `${PREFIX}${BUILD.version}-runtime`;
const SCOPE = self.registration.scope;
const PRECACHED = new Map(BUILD.precache.map((entry) => [entry.url, entry]));
const RUNTIME_FILES = new Map(BUILD.runtime.map((entry) => [entry.url, entry]));

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Fetches one precache entry past the HTTP cache and stores it if its bytes are this build's. */
async function precacheEntry(cache, entry) {
  const url = new URL(entry.url, SCOPE).href;
  const response = await fetch(url, { cache: "reload" });
  if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
  const body = await response.arrayBuffer();
  const digest = hex(await crypto.subtle.digest("SHA-256", body));
  if (digest !== entry.sha256) throw new Error(`precache: ${url} is not the file of build ${BUILD.version}`);
  // A fresh Response: drops the `redirected` flag a host's trailing-slash redirect may have set,
  // which a navigation would otherwise refuse.
  await cache.put(url, new Response(body, { status: 200, headers: response.headers }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PAGES);
      try {
        await Promise.all(BUILD.precache.map((entry) => precacheEntry(cache, entry)));
      } catch (error) {
        // A failed install leaves nothing behind; the browser tries again on a later visit.
        await caches.delete(PAGES);
        throw error;
      }
      // The first worker on this device takes over at once (there is no older version to mix with);
      // an update waits for the learner (see "skip-waiting" below).
      if (!self.registration.active) await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const runtime = await caches.open(RUNTIME);
      for (const name of await caches.keys()) {
        if (!name.startsWith(PREFIX) || name === PAGES || name === RUNTIME) continue;
        if (name.endsWith("-runtime")) {
          // Runtime files have content-hashed names: one this build still lists is byte-identical,
          // so an update that did not touch onnxruntime or a model does not download 27 MB again.
          const old = await caches.open(name);
          for (const request of await old.keys()) {
            const key = relative(new URL(request.url));
            const response = RUNTIME_FILES.has(key) && !(await runtime.match(request)) ? await old.match(request) : undefined;
            if (response) await runtime.put(request, response);
          }
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The request's path relative to the scope, without query or fragment ("lessons/x/"). */
function relative(url) {
  const path = url.origin + url.pathname;
  return path.startsWith(SCOPE) ? decodeURIComponent(path.slice(SCOPE.length)) : null;
}

/** The precache key a navigation to `path` means: "lessons/x", "lessons/x/index.html" → "lessons/x/". */
function pageKey(path) {
  if (PRECACHED.has(path)) return path;
  if (path.endsWith("index.html") && PRECACHED.has(path.slice(0, -"index.html".length))) return path.slice(0, -"index.html".length);
  if (PRECACHED.has(`${path}/`)) return `${path}/`;
  return null;
}

async function fromPrecache(key) {
  const cache = await caches.open(PAGES);
  return cache.match(new URL(key, SCOPE).href);
}

async function navigate(request, path) {
  const key = pageKey(path);
  const cached = key === null ? undefined : await fromPrecache(key);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline and not saved: the offline page, which says so and lists what is saved.
    const offline = await fromPrecache(BUILD.offlineUrl);
    if (offline) return offline;
    throw error;
  }
}

async function precachedAsset(request, path) {
  return (await fromPrecache(path)) ?? fetch(request);
}

async function cacheFirst(event, path) {
  const cache = await caches.open(RUNTIME);
  const key = new URL(path, SCOPE).href;
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(event.request);
  // Stored while the page reads its own copy, so a 27 MB wasm streams to the page without waiting.
  if (response.ok && response.type === "basic") event.waitUntil(cache.put(key, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = relative(url);
  if (path === null) return;
  // Embeds are meant to run inside other sites: leave them to the network, cached or not.
  if (path.startsWith("embed/") || path.startsWith("oembed/") || path === "embed.js") return;
  if (request.mode === "navigate") event.respondWith(navigate(request, path));
  else if (PRECACHED.has(path)) event.respondWith(precachedAsset(request, path));
  else if (RUNTIME_FILES.has(path)) event.respondWith(cacheFirst(event, path));
});

/** What is on this device now: saved lessons, runtime/model files and their sizes (from the build's list). */
async function offlineStatus() {
  const pages = await caches.open(PAGES);
  const savedPages = new Set((await pages.keys()).map((request) => relative(new URL(request.url))));
  const runtime = await caches.open(RUNTIME);
  const savedRuntime = (await runtime.keys()).map((request) => RUNTIME_FILES.get(relative(new URL(request.url)))).filter(Boolean);
  const precachedBytes = BUILD.precache.filter((entry) => savedPages.has(entry.url)).reduce((sum, entry) => sum + entry.bytes, 0);
  const runtimeBytes = savedRuntime.reduce((sum, entry) => sum + entry.bytes, 0);
  return {
    version: BUILD.version,
    lessons: BUILD.lessons.filter((url) => savedPages.has(url)),
    lessonTotal: BUILD.lessons.length,
    precachedFiles: savedPages.size,
    precachedBytes,
    runtime: savedRuntime.map((entry) => ({ url: entry.url, bytes: entry.bytes })),
    runtimeBytes,
    totalBytes: precachedBytes + runtimeBytes,
  };
}

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "status" && event.ports[0]) {
    const port = event.ports[0];
    offlineStatus().then(
      (status) => port.postMessage(status),
      (error) => port.postMessage({ error: String(error) }),
    );
  }
});
