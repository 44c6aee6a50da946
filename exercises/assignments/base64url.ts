/**
 * UTF-8 text ↔ base64url (RFC 4648 §5, no padding): the compact, URL- and copy-safe alphabet the
 * assignment links and receipt codes use. Written out (rather than btoa/atob) so that it behaves the
 * same in Node, pages and workers and reports damaged input instead of throwing.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes → base64url without padding. */
export function bytesToBase64url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += ALPHABET[n & 63];
  }
  return out;
}

/** base64url (padding tolerated) → bytes, or null when a character or the length is impossible. */
export function base64urlToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, "");
  if (clean.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const c of clean) {
    const v = INDEX.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
    acc &= 0xffff;
  }
  return bytes;
}

/** Text → UTF-8 → base64url. */
export function encodeText(text: string): string {
  return bytesToBase64url(new TextEncoder().encode(text));
}

/** base64url → UTF-8 → text, or null when the code is not base64url or not valid UTF-8. */
export function decodeText(code: string): string | null {
  const bytes = base64urlToBytes(code);
  if (bytes === null) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
