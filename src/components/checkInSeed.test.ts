import { describe, expect, it } from "vitest";
import { checkInSeed } from "./checkInSeed.ts";

describe("checkInSeed", () => {
  it("is stable: the same lesson, position and round always give the same six-digit seed", () => {
    expect(checkInSeed("neurons-and-layers", 0)).toBe(checkInSeed("neurons-and-layers", 0, 0));
    expect(checkInSeed("neurons-and-layers", 1)).toMatch(/^[1-9]\d{5}$/);
  });

  it("differs between positions, lessons and rounds ('another one like this')", () => {
    const lessons = ["why-deep-learning", "neurons-and-layers", "activation-functions", "backpropagation"];
    const seeds = lessons.flatMap((lesson) => [0, 1, 2].flatMap((position) => [0, 1].map((round) => checkInSeed(lesson, position, round))));
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it("is FNV-1a of the key text, folded into 100000–999999", () => {
    // FNV-1a 32-bit of the empty string is the offset basis 0x811c9dc5; of "a" it is 0xe40c292c.
    // Checked here through the key format, recomputed independently of the implementation.
    const fnv = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0, 0x811c9dc5);
    expect(fnv("a")).toBe(0xe40c292c);
    expect(checkInSeed("x", 3, 1)).toBe(String(100_000 + (fnv("check-in:x:3:1") % 900_000)));
  });
});
