import { formatNumber } from "./number.ts";

/**
 * How far an answer may be from the expected value: within `abs` absolute, or within `rel` of |expected|,
 * whichever is wider. With neither given, only the exact value is accepted.
 */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

/** Half-width of the accepted interval: max(abs, rel·|expected|). */
export function toleranceWidth(expected: number, tolerance: Tolerance): number {
  return Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(expected));
}

/** |value − expected| ≤ max(abs, rel·|expected|), with a hair of slack for the float rounding of the bound. */
export function withinTolerance(value: number, expected: number, tolerance: Tolerance): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(expected)) return false;
  const width = toleranceWidth(expected, tolerance);
  return Math.abs(value - expected) <= width + 1e-12 * Math.max(1, Math.abs(expected));
}

/** [expected − width, expected + width] */
export function toleranceInterval(expected: number, tolerance: Tolerance): [number, number] {
  const width = toleranceWidth(expected, tolerance);
  return [expected - width, expected + width];
}

/**
 * The expected value with just enough significant digits that typing it back is accepted: the
 * rounding error stays under a quarter of the tolerance width. 3 digits at least, 15 at most.
 */
export function formatWithin(expected: number, tolerance: Tolerance): string {
  const width = toleranceWidth(expected, tolerance);
  if (Number.isInteger(expected) && Math.abs(expected) < 1e15) return String(expected);
  // Start near the digits the width calls for (log10 of value over width), never below 3.
  const estimate = width > 0 && expected !== 0 ? Math.floor(Math.log10(Math.abs(expected) / width)) : 3;
  for (let digits = Math.min(14, Math.max(3, estimate)); digits < 15; digits++) {
    const text = formatNumber(expected, digits);
    if (Math.abs(Number(text) - expected) <= width / 4) return text;
  }
  return formatNumber(expected, 15);
}

/** "accepted: 0.731 ± 0.001", or "accepted: exactly 3" when the tolerance is zero. */
export function acceptedText(expected: number, tolerance: Tolerance): string {
  const width = toleranceWidth(expected, tolerance);
  if (width === 0) return `accepted: exactly ${formatNumber(expected, 15)}`;
  return `accepted: ${formatWithin(expected, tolerance)} ± ${formatNumber(width, 2)}`;
}
