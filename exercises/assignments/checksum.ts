/**
 * A 53-bit integrity checksum (cyrb53: two multiply-xorshift lanes over the UTF-16 code units).
 *
 * It detects accidental damage — a code cut short, a character changed by hand or by a mail program —
 * and casual editing. It is NOT a signature: there is no secret, so anyone who reads this file can
 * recompute it after editing a receipt. Regrading from the seeds (regrade.ts) is what makes the score
 * trustworthy; the checksum only says "this is the code the page produced, intact".
 */
export function checksum(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(36).padStart(CHECKSUM_LENGTH, "0");
}

/** Characters of a checksum (53 bits in base 36). */
export const CHECKSUM_LENGTH = 11;
