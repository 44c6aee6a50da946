/**
 * Tiny schema helpers for data that arrives from outside (URL fragments, receipts, localStorage):
 * every check returns the value or throws a SchemaError whose message names the field and says what
 * was expected, so a page can show it as is.
 */

export class SchemaError extends Error {}

export function fail(path: string, expected: string, got: unknown): never {
  throw new SchemaError(`${path} should be ${expected}, but it is ${describe(got)}.`);
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string") return value.length > 40 ? `a ${value.length}-character text` : `the text ${JSON.stringify(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  return `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) fail(path, "an object", value);
  return value;
}

export function list(value: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `a list`, value);
  if (value.length < min || value.length > max) fail(path, `a list of ${min} to ${max} entries`, value);
  return value;
}

export function int(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    fail(path, `a whole number from ${min} to ${max}`, value);
  return value;
}

// Control characters other than tab and newline never belong in names, titles or answers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export function text(value: unknown, path: string, min: number, max: number, pattern?: RegExp, patternText?: string): string {
  if (typeof value !== "string") fail(path, "a text", value);
  if (value.length < min || value.length > max)
    fail(path, min > 0 ? `a text of ${min} to ${max} characters` : `a text of at most ${max} characters`, value);
  if (CONTROL.test(value)) fail(path, "a text without control characters", value);
  if (pattern && !pattern.test(value)) fail(path, patternText ?? `a text like ${pattern}`, value);
  return value;
}

/** Rejects keys other than `allowed` (so a misspelt or injected field is not silently ignored). */
export function onlyKeys(value: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new SchemaError(`${path} has an unexpected field “${key.slice(0, 40)}”.`);
  }
}
