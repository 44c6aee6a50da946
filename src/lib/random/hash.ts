/**
 * splitmix32: one step of Sebastiano Vigna's SplitMix adapted to 32-bit words. It turns any 32-bit
 * integer (including 0 and consecutive seeds) into a well-mixed one, which is what a PRNG seed needs.
 * Only integer arithmetic (Math.imul, >>>) is used, so every JavaScript engine agrees bit for bit.
 */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A 32-bit seed from a string: FNV-1a over the UTF-16 code units, then a splitmix32 finaliser so that
 * strings differing in one character give unrelated seeds. Same string → same seed everywhere.
 */
export function seedFromString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return splitmix32(h >>> 0);
}
