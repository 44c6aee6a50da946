import type { ParseResult } from "./score.ts";
import { quoteTyped } from "./quoteTyped.ts";

// Characters people type that mean an ASCII minus or plus: the Unicode minus sign (U+2212), the
// hyphen (U+2010), en dash (U+2013) and the full-width forms that phone keyboards produce.
const MINUS_LIKE = /[\u2212\u2010\u2013\uFE63\uFF0D]/g;
const PLUS_LIKE = /[\uFF0B\uFE62]/g;

/** Normalises the look-alike minus and plus signs and the non-breaking spaces to ASCII. */
export function normalizeSigns(text: string): string {
  // Fast path: plain ASCII text has nothing to normalise.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7F]*$/.test(text)) return text;
  return text
    .replace(MINUS_LIKE, "-")
    .replace(PLUS_LIKE, "+")
    .replace(/[\u00A0\u202F\u2009]/g, " ");
}

// A plain decimal: optional sign, digits with an optional point (".5" and "5." both accepted),
// optional exponent. Anchored; whitespace is trimmed before matching.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Scientific notation written out: 2.5×10^3, 2.5*10^-3, 2.5·10^3, 2.5 x 10^3.
const TIMES_TEN = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*[×*·xX]\s*10\s*\^\s*\(?\s*([+-]?\d+)\s*\)?$/;

function readDecimal(text: string): number | null {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  const m = TIMES_TEN.exec(t);
  if (m) return Number(`${m[1]}e${m[2]}`);
  return null;
}

/**
 * Reads a real number as people type it: `1e-3`, `-0.5`, `−0.5` (Unicode minus), `+2`, ` 3 `,
 * `2.5e+2`, `2.5×10^3` and a fraction `1/3` (each side a decimal). Commas and spaces inside the number
 * are refused with a message: a comma is a thousands separator in one country and a decimal point in
 * the next, so guessing would grade someone's 0,5 as 5.
 */
export function parseNumber(text: string): ParseResult<number> {
  const t = normalizeSigns(text).trim();
  if (t === "") return { ok: false, message: "Enter a number." };
  if (t.includes(",")) {
    return {
      ok: false,
      message: `${quoteTyped(t)} contains a comma. Write numbers without thousands separators and with a point for decimals (1234.5, 0.5).`,
    };
  }
  const direct = readDecimal(t);
  if (direct !== null) return finite(direct, t);
  const slash = t.indexOf("/");
  if (slash >= 0 && slash === t.lastIndexOf("/")) {
    const top = readDecimal(t.slice(0, slash));
    const bottom = readDecimal(t.slice(slash + 1));
    if (top === null || bottom === null) {
      return { ok: false, message: `${quoteTyped(t)} is not a fraction of two numbers, like 1/3.` };
    }
    if (bottom === 0) return { ok: false, message: `${quoteTyped(t)} divides by zero.` };
    return finite(top / bottom, t);
  }
  if (/^[+-]?[\d.]+(\s+[\d.]+)+$/.test(t)) {
    return { ok: false, message: `${quoteTyped(t)} has spaces inside the number. Write it without spaces (1000, not 1 000).` };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)\s*\p{L}+$/u.test(t)) {
    return { ok: false, message: `${quoteTyped(t)} has text after the number. Enter the number only.` };
  }
  return { ok: false, message: `${quoteTyped(t)} is not a number. Examples of numbers: 0.25, -3, 1e-3, 1/3.` };
}

function finite(value: number, text: string): ParseResult<number> {
  if (!Number.isFinite(value)) return { ok: false, message: `${quoteTyped(text)} is too large to be a finite number.` };
  // −0 prints as "0" everywhere but behaves differently in 1/x; answers never need it.
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Reads a whole number (any form parseNumber accepts whose value is an integer, e.g. `1e3`, `6/2`). */
export function parseInteger(text: string): ParseResult<number> {
  const n = parseNumber(text);
  if (!n.ok) return n.message === "Enter a number." ? { ok: false, message: "Enter a whole number." } : n;
  if (!Number.isInteger(n.value)) {
    return { ok: false, message: `The answer is a whole number; ${quoteTyped(text.trim())} is ${formatNumber(n.value)}.` };
  }
  if (!Number.isSafeInteger(n.value)) return { ok: false, message: `${quoteTyped(text.trim())} is too large to count exactly.` };
  return n;
}

/**
 * A short, readable rendering of a number: integers in full, other values with `significant`
 * significant digits and no trailing zeros (0.731059, 1.5e-7, 2.5e+21).
 */
export function formatNumber(x: number, significant = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const rounded = Number(x.toPrecision(significant));
  return String(rounded === 0 ? 0 : rounded);
}
