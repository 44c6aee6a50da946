/**
 * The messages an embedded Deep Sky page sends to the page that frames it (through postMessage on the parent).
 *
 *   {type: "deep-sky:ready", name}                  the page has started (name: "optimizer-race",
 *                                                   "exercise/neuron-output")
 *   {type: "deep-sky:resize", height}               the content's height in CSS pixels, after every change
 *   {type: "deep-sky:result", kind: "exercise", name, family, seed, level, earned, total}
 *                                                   a graded answer (invalid input is never one)
 *   {type: "deep-sky:result", kind: "challenge", name, challenge}
 *                                                   a widget's challenge goal was reached
 *
 * Who receives what: ready and resize carry nothing about the learner and go to the origin named
 * by `?parent=` or, without one, to "*" (so a host's own script can size a plain iframe). Results
 * go ONLY to the origin named by `?parent=`; without a valid one they are not sent at all.
 * The receiving side (the loader) accepts a message only from the Deep Sky origin and only from
 * the iframe it created, and then only if `parseEmbedMessage` accepts its shape.
 */

/** Heights above this are treated as a bug in the child, not as content (and are refused). */
export const MAX_HEIGHT = 20_000;

export type ReadyMessage = { type: "deep-sky:ready"; name: string };
export type ResizeMessage = { type: "deep-sky:resize"; height: number };
export type ExerciseResult = {
  type: "deep-sky:result";
  kind: "exercise";
  name: string;
  family: string;
  seed: string;
  level: number;
  earned: number;
  total: number;
};
export type ChallengeResult = { type: "deep-sky:result"; kind: "challenge"; name: string; challenge: string };
export type ResultMessage = ExerciseResult | ChallengeResult;
export type EmbedMessage = ReadyMessage | ResizeMessage | ResultMessage;

/** Embed names: "optimizer-race", or "exercise/<family>". Lower-case words joined by hyphens. */
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEED = /^[\w-]{1,40}$/;

export function isEmbedName(value: unknown): value is string {
  return typeof value === "string" && value.length <= 80 && NAME.test(value);
}

const isSlug = (value: unknown): value is string => typeof value === "string" && value.length <= 60 && SLUG.test(value);
const isCount = (value: unknown, max: number): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max;

export function readyMessage(name: string): ReadyMessage {
  return { type: "deep-sky:ready", name };
}

/** Heights are whole pixels, rounded up so the frame never cuts off a fraction of a line. */
export function resizeMessage(height: number): ResizeMessage {
  return { type: "deep-sky:resize", height: Math.min(MAX_HEIGHT, Math.max(0, Math.ceil(height))) };
}

export function exerciseResult(
  name: string,
  r: { family: string; seed: string; level: number; earned: number; total: number },
): ExerciseResult {
  return {
    type: "deep-sky:result",
    kind: "exercise",
    name,
    family: r.family,
    seed: r.seed,
    level: r.level,
    earned: r.earned,
    total: r.total,
  };
}

export function challengeResult(name: string, challenge: string): ChallengeResult {
  return { type: "deep-sky:result", kind: "challenge", name, challenge };
}

function hasOnlyKeys(record: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(record).every((key) => keys.includes(key));
}

/**
 * The message `data` is, rebuilt from its checked fields, or null when it is anything else:
 * unknown types or extra keys, wrong types, out-of-range numbers, over-long or odd strings.
 * The returned object is new, so nothing from the sender (prototypes, getters) travels on.
 */
export function parseEmbedMessage(data: unknown): EmbedMessage | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  if (Object.getPrototypeOf(data) !== Object.prototype && Object.getPrototypeOf(data) !== null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case "deep-sky:ready":
      if (!hasOnlyKeys(m, ["type", "name"]) || !isEmbedName(m.name)) return null;
      return readyMessage(m.name);
    case "deep-sky:resize":
      if (!hasOnlyKeys(m, ["type", "height"]) || !isCount(m.height, MAX_HEIGHT)) return null;
      return resizeMessage(m.height);
    case "deep-sky:result":
      if (m.kind === "exercise") {
        if (!hasOnlyKeys(m, ["type", "kind", "name", "family", "seed", "level", "earned", "total"])) return null;
        if (!isEmbedName(m.name) || !isSlug(m.family) || typeof m.seed !== "string" || !SEED.test(m.seed)) return null;
        if (!isCount(m.level, 99) || !Number.isInteger(m.level) || !isCount(m.total, 1e6) || !isCount(m.earned, 1e6)) return null;
        if ((m.earned as number) > (m.total as number)) return null;
        return exerciseResult(m.name, {
          family: m.family,
          seed: m.seed,
          level: m.level as number,
          earned: m.earned as number,
          total: m.total as number,
        });
      }
      if (m.kind === "challenge") {
        if (!hasOnlyKeys(m, ["type", "kind", "name", "challenge"]) || !isEmbedName(m.name) || !isSlug(m.challenge)) return null;
        return challengeResult(m.name, m.challenge);
      }
      return null;
    default:
      return null;
  }
}
