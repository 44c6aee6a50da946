/**
 * The search page's client (src/pages/search.astro): loads Pagefind's search API and its index
 * (written by src/build/searchIndexIntegration.ts) only once the learner starts searching, runs
 * the query as they type, and lists the matching lessons as links with Pagefind's excerpt.
 *
 * What loads when: visiting /search/ loads this module only; focusing the box or arriving with
 * `?q=` loads pagefind.js, which fetches its entry file, the page metadata and its wasm; each query
 * then fetches the index chunks of its words and one excerpt fragment per shown result. All of it
 * is precached by the service worker, so search also works offline after one visit.
 */

/** The part of Pagefind's browser API (pagefind/pagefind.js) this page uses. */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number; noWorker?: boolean }): Promise<void>;
  init(): Promise<void>;
  search(query: string): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] }>;
}

/** How many results are shown; more would bury the lesson that matters under passing mentions. */
export const MAX_RESULTS = 8;

/**
 * How many of Pagefind's ranked pages are read to find the ones that contain the words. The index
 * holds ≈20 pages (13 lessons, the glossary, the model cards), so this reads them all; each read
 * is one small excerpt file.
 */
const MAX_READ = 24;

/**
 * Pagefind 1.6, when a word of the query is not in the index, falls back to the indexed words that
 * are a prefix of it: "quokka" finds three model cards through the "Q" of a stretch formula. A
 * learner looking up a word wants the pages that use it, so a page counts when its excerpt marks a
 * word that starts with a query word (prefix search: "backprop" → "backpropagation"), or that the
 * query word starts with and is at most 3 letters shorter than (stemming: "strides" → "stride").
 */
export function containsQueryWord(excerpt: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const marked = [...excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1].toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""));
  return marked.some((mark) =>
    words.some((word) => mark.startsWith(word) || (word.startsWith(mark) && mark.length >= Math.max(3, word.length - 3))),
  );
}

/** "1 result" / "3 results" for the live status line. */
export function resultCountText(count: number, query: string): string {
  if (count === 0) return `No lesson mentions “${query}”.`;
  const shown = count > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : "";
  return `${count} ${count === 1 ? "page mentions" : "pages mention"} “${query}”${shown}.`;
}

/**
 * Pagefind's excerpt is HTML-escaped text with the matched words in <mark>. It is our own lesson
 * text, but it is still rebuilt from nodes rather than set as HTML: only text and <mark> survive.
 */
function excerptNodes(excerpt: string): Node[] {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? "");
  });
}

export function startSiteSearch(root: HTMLElement, base: string): void {
  const form = root.querySelector<HTMLFormElement>("form")!;
  const input = root.querySelector<HTMLInputElement>("input[type=search]")!;
  const status = root.querySelector<HTMLElement>("[data-search-status]")!;
  const list = root.querySelector<HTMLOListElement>("[data-search-results]")!;

  let api: Promise<PagefindApi> | null = null;
  const loadApi = (): Promise<PagefindApi> => {
    api ??= (async () => {
      // A URL of the built site, not a module of this bundle: Pagefind writes it after the build.
      const url = `${base}pagefind/pagefind.js`;
      const pagefind = (await import(/* @vite-ignore */ url)) as PagefindApi;
      // On the main thread (noWorker): our index is a few hundred kB, and Pagefind's worker falls back
      // to the main thread when it has not started within 5 s (a busy phone, a loaded machine), so
      // the same query could be answered by either path; one path gives the same answer every time.
      await pagefind.options({ baseUrl: base, excerptLength: 24, noWorker: true });
      await pagefind.init();
      return pagefind;
    })();
    return api;
  };

  let latest = 0;
  let queue: Promise<void> = Promise.resolve();
  const run = async (query: string) => {
    const ticket = ++latest;
    const trimmed = query.trim();
    const params = new URLSearchParams(location.search);
    if (trimmed) params.set("q", trimmed);
    else params.delete("q");
    history.replaceState(history.state, "", `${location.pathname}${params.size ? `?${params}` : ""}`);
    if (!trimmed) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    let pagefind: PagefindApi;
    try {
      pagefind = await loadApi();
    } catch {
      api = null;
      if (ticket === latest) status.textContent = "Search could not load. Check your connection and try again.";
      return;
    }
    // One Pagefind search at a time: overlapping searches (one per keystroke) share the index's
    // loading state and could answer with nothing. A search overtaken while it waited is skipped.
    const turn = queue.then(async () => {
      if (ticket !== latest) return null;
      const search = await pagefind.search(trimmed);
      return Promise.all(search.results.slice(0, MAX_READ).map((result) => result.data()));
    });
    queue = turn.then(
      () => undefined,
      () => undefined,
    );
    const read = await turn;
    // A later keystroke started another search while this one ran: its answer wins.
    if (read === null || ticket !== latest) return;
    const found = read.filter((data) => containsQueryWord(data.excerpt, trimmed));
    list.replaceChildren(
      ...found.slice(0, MAX_RESULTS).map((data) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = data.url;
        link.textContent = data.meta.title ?? data.url;
        const excerpt = document.createElement("p");
        excerpt.append(...excerptNodes(data.excerpt));
        item.append(link, excerpt);
        return item;
      }),
    );
    status.textContent = resultCountText(found.length, trimmed);
  };

  // Typing searches at once; Enter only keeps the page from reloading (the form works without
  // script too: it submits ?q= to this page).
  input.addEventListener("input", () => void run(input.value));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run(input.value);
  });
  input.addEventListener("focus", () => void loadApi().catch(() => (api = null)), { once: true });

  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    void run(initial);
  }
  root.dataset.ready = "";
}
