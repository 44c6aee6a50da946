/**
 * Origins named by embedders (`?parent=https://course.example`). Results leave an embed only for
 * the origin its embedder names, so that name is read strictly: a scheme (http or https), a host,
 * an optional port, nothing else — no path, query, fragment, credentials, wildcard or "null".
 */

/** Longest origin accepted (a DNS name is at most 253 characters; scheme and port add a little). */
export const MAX_ORIGIN_LENGTH = 280;

/** The canonical origin (`https://course.example`), or null when `raw` does not name exactly one. */
export function parseOrigin(raw: string | null | undefined): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_ORIGIN_LENGTH) return null;
  // Only printable ASCII without spaces: the URL parser would silently drop tabs and newlines.
  if (!/^https?:\/\/[\x21-\x7e]+$/i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  const origin = url.origin;
  if (origin === "null") return null;
  // "https://a.example" and "https://a.example/" are the same origin; anything else (a path, "@",
  // a different spelling the parser rewrote) is refused rather than guessed at.
  const given = raw.endsWith("/") ? raw.slice(0, -1) : raw;
  return given.toLowerCase() === origin.toLowerCase() ? origin : null;
}
