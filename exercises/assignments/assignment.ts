/**
 * The assignment: what an instructor chose, carried in the link's fragment (never sent to a server).
 *
 * Link fragment: `#a1.<base64url(UTF-8(JSON))>`. "a1" is the format version; a future format gets
 * "a2" and this reader says so instead of misreading it. The JSON is compact:
 * `{ i: id, t: title, d?: due, a: attempts, h: 0|1, x: [[family, version, level, count], …], k?: key hash }`.
 * Everything read is validated field by field (validate.ts) and against the registry (family
 * exists, same version, level offered).
 */
import { decodeText, encodeText } from "./base64url.ts";
import { checksum } from "./checksum.ts";
import { findFamily } from "./exerciseRef.ts";
import { splitInstructorKey } from "./instructorKey.ts";
import { SchemaError, int, list, onlyKeys, record, text } from "./validate.ts";

/** Exercises of one family at one level. */
export interface AssignmentItem {
  family: string;
  /** The family's version when the assignment was made (a changed version changes the numbers). */
  version: number;
  level: number;
  /** How many exercises of this family (each with its own seed). */
  count: number;
}

export interface Assignment {
  /** Random id chosen by the builder; part of every seed, so two assignments never share numbers. */
  id: string;
  title: string;
  /** Due date, "YYYY-MM-DD" (informational; receipts answered later are flagged "late"). */
  due?: string;
  /** Graded attempts allowed per exercise. */
  attempts: number;
  /** Whether students may open the family's hints. */
  hints: boolean;
  items: AssignmentItem[];
  /** SHA-256 of the instructor key (instructorKey.ts); absent in assignments made before instructor links. */
  keyHash?: string;
}

export const FRAGMENT_PREFIX = "a1.";
export const LIMITS = {
  titleLength: 120,
  items: 20,
  perItem: 10,
  exercises: 40,
  attempts: 10,
  /** Longest fragment accepted (a full 20-item assignment is far below it). */
  fragmentLength: 6000,
} as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{4,32}$/;
const FAMILY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DUE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** "YYYY-MM-DD" naming a day that exists (2024-02-29 yes, 2026-02-31 and 2025-04-31 no). */
export function isCalendarDate(text: string): boolean {
  if (!DUE_PATTERN.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  // Date.UTC rolls an impossible day into the next month; a real day survives the round trip.
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The assignment as compact JSON-ready data. */
export function assignmentToWire(a: Assignment): Record<string, unknown> {
  const wire: Record<string, unknown> = { i: a.id, t: a.title };
  if (a.due) wire.d = a.due;
  wire.a = a.attempts;
  wire.h = a.hints ? 1 : 0;
  wire.x = a.items.map((item) => [item.family, item.version, item.level, item.count]);
  if (a.keyHash !== undefined) wire.k = a.keyHash;
  return wire;
}

/** Checks compact data field by field (throws SchemaError with a message for people). */
export function assignmentFromWire(value: unknown, path = "The assignment"): Assignment {
  const w = record(value, path);
  onlyKeys(w, path, ["i", "t", "d", "a", "h", "x", "k"]);
  const id = text(w.i, `${path}’s id`, 4, 32, ID_PATTERN, "4 to 32 letters, digits, - or _");
  const title = text(w.t, `${path}’s title`, 1, LIMITS.titleLength).trim();
  if (title === "") throw new SchemaError(`${path}’s title is empty.`);
  const assignment: Assignment = { id, title, attempts: 1, hints: false, items: [] };
  if (w.d !== undefined) {
    assignment.due = text(w.d, `${path}’s due date`, 10, 10, DUE_PATTERN, "a date like 2025-03-31");
    if (!isCalendarDate(assignment.due)) throw new SchemaError(`${path}’s due date ${assignment.due} is not a day of the calendar.`);
  }
  assignment.attempts = int(w.a, `${path}’s attempts per exercise`, 1, LIMITS.attempts);
  assignment.hints = int(w.h, `${path}’s hints setting`, 0, 1) === 1;
  const items = list(w.x, `${path}’s exercise list`, 1, LIMITS.items);
  assignment.items = items.map((raw, k) => {
    const where = `${path}’s exercise entry ${k + 1}`;
    const entry = list(raw, where, 4, 4);
    return {
      family: text(entry[0], `${where}’s family`, 1, 63, FAMILY_PATTERN, "a family id such as neuron-output"),
      version: int(entry[1], `${where}’s version`, 1, 1000),
      level: int(entry[2], `${where}’s level`, 1, 9),
      count: int(entry[3], `${where}’s count`, 1, LIMITS.perItem),
    };
  });
  if (w.k !== undefined) assignment.keyHash = text(w.k, `${path}’s instructor key hash`, 64, 64, /^[0-9a-f]{64}$/, "64 hex digits");
  const total = exerciseCount(assignment);
  if (total > LIMITS.exercises) throw new SchemaError(`${path} has ${total} exercises; at most ${LIMITS.exercises} are allowed.`);
  return assignment;
}

/** Every family exists in this site's registry, with the same version, at a level it offers. */
export function checkAgainstRegistry(a: Assignment): true | string {
  for (const item of a.items) {
    const family = findFamily(item.family);
    if (family === undefined)
      return `This assignment uses an exercise family this site does not have (“${item.family}”). Ask your instructor for a new link.`;
    if (family.version !== item.version) {
      return `This assignment was made for version ${item.version} of “${family.title}”; the site now has version ${family.version}, whose numbers differ. Ask your instructor for a new link.`;
    }
    if (!family.levels.includes(item.level)) return `“${family.title}” has no level ${item.level}.`;
  }
  return true;
}

/** Total number of exercises. */
export function exerciseCount(a: Assignment): number {
  return a.items.reduce((n, item) => n + item.count, 0);
}

/** The fragment (without "#") that carries this assignment. */
export function encodeAssignment(a: Assignment): string {
  return FRAGMENT_PREFIX + encodeText(JSON.stringify(assignmentToWire(a)));
}

/** A short fingerprint of the assignment's content: equal fingerprints, same assignment. */
export function assignmentFingerprint(a: Assignment): string {
  return checksum(JSON.stringify(assignmentToWire(a)));
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads an assignment from a fragment, a "#…" string or a whole link. Never throws: any input (random
 * bytes, huge strings, markup) gives either a checked assignment or a message for people.
 */
export function decodeAssignment(input: string): Decoded<Assignment> {
  if (typeof input !== "string") return { ok: false, message: "There is no assignment to read." };
  const hash = input.indexOf("#");
  // An instructor link ends in "~<key>": the assignment is what comes before it.
  let fragment = splitInstructorKey(hash >= 0 ? input.slice(hash + 1) : input).link.trim();
  if (fragment === "")
    return { ok: false, message: "This link has no assignment in it (nothing after the #). Ask your instructor for the full link." };
  if (fragment.length > LIMITS.fragmentLength)
    return { ok: false, message: `This assignment link is too long to be one of ours (${fragment.length} characters).` };
  // Some mail programs percent-encode or wrap links; undo the harmless cases.
  fragment = fragment.replace(/%2E/gi, ".").replace(/\s+/g, "");
  const version = /^a(\d{1,4})\./.exec(fragment);
  if (version === null)
    return { ok: false, message: "This is not a Deep Sky assignment link (it should contain “#a1.” followed by the assignment)." };
  if (`a${version[1]}.` !== FRAGMENT_PREFIX) {
    return {
      ok: false,
      message: `This link was made by a newer format (a${version[1]}) than this page reads (${FRAGMENT_PREFIX.slice(0, -1)}). Reload the page, or ask your instructor.`,
    };
  }
  const json = decodeText(fragment.slice(FRAGMENT_PREFIX.length));
  if (json === null)
    return {
      ok: false,
      message:
        "This assignment link is damaged (it has characters or a length a link we make cannot have). Was it cut short or edited? Copy the whole link again.",
    };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return {
      ok: false,
      message: "This assignment link is damaged (its content cannot be read). Was it cut short? Copy the whole link again.",
    };
  }
  try {
    const assignment = assignmentFromWire(data);
    const ok = checkAgainstRegistry(assignment);
    if (ok !== true) return { ok: false, message: ok };
    return { ok: true, value: assignment };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, message: `This assignment link cannot be used: ${error.message}` };
    throw error;
  }
}
