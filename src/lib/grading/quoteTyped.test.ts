import { describe, expect, it } from "vitest";
import { QUOTE_LIMIT, quoteTyped } from "./quoteTyped.ts";
import { parseNumber } from "./number.ts";

describe("quoteTyped", () => {
  it("quotes short input as typed", () => {
    expect(quoteTyped("banana")).toBe("“banana”");
  });

  it("shortens long input to QUOTE_LIMIT characters, ending in …, without splitting a character", () => {
    const long = "σ".repeat(500);
    const q = quoteTyped(long);
    expect(Array.from(q.slice(1, -1))).toHaveLength(QUOTE_LIMIT);
    expect(q.endsWith("…”")).toBe(true);
    expect(quoteTyped("😀".repeat(60)).slice(1, -2)).toBe("😀".repeat(QUOTE_LIMIT - 1));
  });

  it("keeps an unreadable answer's message short whatever was pasted", () => {
    const pasted = "w1*x1+w2*x2+b".repeat(400);
    const r = parseNumber(pasted);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.length).toBeLessThan(120);
      expect(r.message).toMatch(/^“w1\*x1\+w2\*x2\+b.*…” is not a number/);
    }
  });
});
