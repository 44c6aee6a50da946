/**
 * One typed schema per widget drives both directions of its URL state (TensorFlow Playground's
 * State.PROPS idea): `parseState` reads a query string into a typed state, `serializeState` writes
 * the state back, omitting defaults so shared links stay short. Keys carry the widget's prefix
 * (`race.lr=0.1`) so several widgets can share one page's URL, and /embed pages reuse the same
 * schema. Bad values never throw: they fall back to the default and are reported as problems the
 * widget shows to the learner.
 */

export interface Field<T> {
  readonly defaultValue: T;
  /** The value, or a sentence saying why the text can't be used. */
  parse(raw: string): { ok: true; value: T } | { ok: false; message: string };
  format(value: T): string;
}

export type Schema = Record<string, Field<unknown>>;
export type StateOf<S extends Schema> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export interface ParsedState<S extends Schema> {
  state: StateOf<S>;
  /** One message per ignored parameter, e.g. `lr=abc ignored: not a number`. */
  problems: string[];
}

/** A number in [min, max]; out-of-range values are rejected, not clamped, so the learner is told. */
export function numberField(defaultValue: number, range: { min: number; max: number; integer?: boolean }): Field<number> {
  return {
    defaultValue,
    parse(raw) {
      const value = Number(raw.trim().replace(/\u2212/g, "-"));
      if (raw.trim() === "" || Number.isNaN(value)) return { ok: false, message: "not a number" };
      // "1e999" or a long run of digits reads as ±∞: a number, just far outside the range.
      if (!Number.isFinite(value)) return { ok: false, message: `must be between ${range.min} and ${range.max}` };
      if (range.integer && !Number.isInteger(value)) return { ok: false, message: "must be a whole number" };
      if (value < range.min || value > range.max) return { ok: false, message: `must be between ${range.min} and ${range.max}` };
      return { ok: true, value };
    },
    format: (value) => String(value),
  };
}

/** One of a fixed set of names (an optimizer, a dataset…). */
export function choiceField<const T extends string>(defaultValue: T, choices: readonly T[]): Field<T> {
  return {
    defaultValue,
    parse(raw) {
      const value = raw.trim() as T;
      return choices.includes(value) ? { ok: true, value } : { ok: false, message: `must be one of ${choices.join(", ")}` };
    },
    format: (value) => value,
  };
}

export function booleanField(defaultValue: boolean): Field<boolean> {
  return {
    defaultValue,
    parse(raw) {
      const value = raw.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(value)) return { ok: true, value: true };
      if (["0", "false", "no", "off"].includes(value)) return { ok: true, value: false };
      return { ok: false, message: "must be true or false" };
    },
    format: (value) => (value ? "1" : "0"),
  };
}

/** A list of numbers separated by commas (e.g. layer sizes "8,8"), each checked by `item`. */
export function numberListField(defaultValue: number[], item: Field<number>, length: { min: number; max: number }): Field<number[]> {
  return {
    defaultValue,
    parse(raw) {
      const parts = raw.split(",").filter((p) => p.trim() !== "");
      if (parts.length < length.min || parts.length > length.max) {
        return { ok: false, message: `needs ${length.min}–${length.max} comma-separated numbers` };
      }
      const values: number[] = [];
      for (const [i, part] of parts.entries()) {
        const parsed = item.parse(part);
        if (!parsed.ok) return { ok: false, message: `item ${i + 1} ${parsed.message}` };
        values.push(parsed.value);
      }
      return { ok: true, value: values };
    },
    format: (value) => value.join(","),
  };
}

function keyOf(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

export function defaultState<S extends Schema>(schema: S): StateOf<S> {
  const state: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema)) state[name] = field.defaultValue;
  return state as StateOf<S>;
}

/** Reads `prefix.name` parameters; unknown parameters of other widgets are left alone. */
export function parseState<S extends Schema>(schema: S, params: URLSearchParams, prefix = ""): ParsedState<S> {
  const state = defaultState(schema) as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, field] of Object.entries(schema)) {
    const key = keyOf(prefix, name);
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = field.parse(raw);
    if (parsed.ok) state[name] = parsed.value;
    else problems.push(`${key}=${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw} ignored: ${parsed.message}`);
  }
  return { state: state as StateOf<S>, problems };
}

/** Writes the non-default fields into `params` (mutating and returning it); defaults are removed. */
export function serializeState<S extends Schema>(
  schema: S,
  state: StateOf<S>,
  prefix = "",
  params = new URLSearchParams(),
): URLSearchParams {
  for (const [name, field] of Object.entries(schema)) {
    const key = keyOf(prefix, name);
    const value = (state as Record<string, unknown>)[name];
    const text = field.format(value);
    if (text === field.format(field.defaultValue)) params.delete(key);
    else params.set(key, text);
  }
  return params;
}
