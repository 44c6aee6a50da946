import { describe, expect, it } from "vitest";
import { formatNumber, parseInteger, parseNumber } from "./number.ts";

function value(text: string): number {
  const r = parseNumber(text);
  if (!r.ok) throw new Error(`“${text}” did not parse: ${r.message}`);
  return r.value;
}
function message(text: string): string {
  const r = parseNumber(text);
  if (r.ok) throw new Error(`“${text}” parsed as ${r.value}`);
  return r.message;
}

describe("parseNumber", () => {
  it.each([
    ["1e-3", 0.001],
    ["-0.5", -0.5],
    ["\u22120.5", -0.5],
    ["+2", 2],
    [" 3 ", 3],
    ["2.5e+2", 250],
    ["2.5E2", 250],
    [".5", 0.5],
    ["5.", 5],
    ["1/3", 1 / 3],
    ["-1/4", -0.25],
    ["\u22123/4", -0.75],
    ["1e-3/2", 0.0005],
    ["2.5×10^3", 2500],
    ["2.5*10^-3", 0.0025],
    ["2.5 x 10^(−3)", 0.0025],
    ["-0", 0],
  ])("reads %j as %d", (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 15);
  });

  it("refuses a comma as thousands separator or decimal comma, and says to use neither", () => {
    expect(message("1,000")).toMatch(/comma/);
    expect(message("0,5")).toMatch(/point for decimals/);
  });

  it("explains empty input, words, spaces inside digits, division by zero and trailing text", () => {
    expect(message("")).toBe("Enter a number.");
    expect(message("   ")).toBe("Enter a number.");
    expect(message("banana")).toMatch(/not a number/);
    expect(message("1 000")).toMatch(/spaces inside/);
    expect(message("1/0")).toMatch(/divides by zero/);
    expect(message("12 apples")).toMatch(/text after the number/);
    expect(message("1/2/3")).toMatch(/not a number/);
    expect(message("a/3")).toMatch(/fraction/);
  });

  it("refuses infinities and overflow", () => {
    expect(parseNumber("Infinity").ok).toBe(false);
    expect(parseNumber("1e999").ok).toBe(false);
    expect(parseNumber("NaN").ok).toBe(false);
  });
});

describe("parseInteger", () => {
  it("reads whole numbers in any number form", () => {
    expect(parseInteger("42")).toEqual({ ok: true, value: 42 });
    expect(parseInteger("1e3")).toEqual({ ok: true, value: 1000 });
    expect(parseInteger("6/2")).toEqual({ ok: true, value: 3 });
    expect(parseInteger("\u22127")).toEqual({ ok: true, value: -7 });
  });

  it("says the answer is a whole number when given a fraction or decimal", () => {
    const r = parseInteger("2.5");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/whole number/);
    expect(parseInteger("").ok).toBe(false);
  });
});

describe("formatNumber", () => {
  it("prints integers in full and other numbers with six significant digits, no trailing zeros", () => {
    expect(formatNumber(12345678)).toBe("12345678");
    expect(formatNumber(0.7310585786)).toBe("0.731059");
    expect(formatNumber(0.5)).toBe("0.5");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
    expect(formatNumber(-0.000001)).toBe("-0.000001");
  });

  it("prints what parseNumber reads back", () => {
    for (const x of [0.1234567, -3.25e-9, 6.02e23, -17]) expect(value(formatNumber(x, 15))).toBe(x);
  });
});
