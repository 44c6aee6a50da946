/**
 * The saved progress, schema version 1, and its validation.
 *
 * Progress is event-sourced where it matters: attempts, challenge completions and active days are
 * the record; XP and per-skill mastery are kept too (so pages need not replay history), and are
 * exactly what replaying the record gives. That is what makes merging two devices well defined
 * (see merge.ts).
 */
import { isDayKey } from "./clock.ts";
import type { SkillMastery } from "./mastery.ts";
import { CHALLENGE_XP } from "./xp.ts";

export const SCHEMA_VERSION = 1;

/** One graded answer (invalid input is never recorded). */
export type Attempt = {
  /** Unique key, used to de-duplicate when merging: `${at}:${family}:${seed}:${level}`. */
  id: string;
  /** Epoch ms when it was graded. */
  at: number;
  /** The learner's local calendar day then ("YYYY-MM-DD"). */
  day: string;
  family: string;
  /** Family version: a new version may generate different exercises from the same seed. */
  version: number;
  /** The exercise seed (any string; the practice page makes short digit strings). */
  seed: string;
  level: number;
  /** Lesson the exercise was practised from, when it was practised inside a lesson. */
  lesson?: string;
  /** Skills the family exercises (copied so mastery can be replayed without the registry). */
  skills: string[];
  earned: number;
  total: number;
  /** Hints taken before this answer. */
  hints: number;
  /** Graded answers to the same exercise before this one (absent: none). */
  tries?: number;
  /** The exercise's worked solution had been shown before this answer (absent: not shown). */
  afterSolution?: true;
  /** XP this attempt earned (after hint costs and earlier attempts on the same exercise). */
  xp: number;
};

export type Stamp = { at: number };

/**
 * Help taken on one exercise instance, kept apart from the answers because it is taken before any
 * answer: a reload must not hand back the hints' XP or a shown solution's reward.
 */
export type Help = {
  /** Hints shown (the most ever shown at once on this instance). */
  hints: number;
  /** The worked solution has been shown. */
  solution: boolean;
  /** Epoch ms of the last help taken. */
  at: number;
};

export type ProgressV1 = {
  schema: 1;
  /** Total experience points. */
  xp: number;
  /** Every graded answer, oldest first. */
  attempts: Attempt[];
  /** Bayesian Knowledge Tracing state per skill id. */
  mastery: Record<string, SkillMastery>;
  /** Local days with activity, sorted (streaks derive from these). */
  days: string[];
  /** Badges earned, by badge id, with when. */
  badges: Record<string, Stamp>;
  /** Playground challenges completed, by challenge id, with when. */
  challenges: Record<string, Stamp>;
  /** Lessons opened, by slug: first and last visit. */
  lessons: Record<string, { first: number; last: number }>;
  /** Help taken, by exercise instance (instanceKey). */
  help: Record<string, Help>;
  /** Backup keys whose notice the learner has dismissed (the backups themselves stay). */
  dismissedBackups: string[];
  /** Epoch ms of the last change. */
  updatedAt: number;
};

export type Progress = ProgressV1;

export function emptyProgress(): ProgressV1 {
  return {
    schema: 1,
    xp: 0,
    attempts: [],
    mastery: {},
    days: [],
    badges: {},
    challenges: {},
    lessons: {},
    help: {},
    dismissedBackups: [],
    updatedAt: 0,
  };
}

export function attemptId(a: { at: number; family: string; seed: string; level: number }): string {
  return `${a.at}:${a.family}:${a.seed}:${a.level}`;
}

/** Key of an exercise instance: same family version, seed and level = the same exercise. */
export function instanceKey(a: { family: string; version: number; seed: string; level: number }): string {
  return `${a.family}@${a.version}:${a.seed}:${a.level}`;
}

// ---------------------------------------------------------------------------------------------
// Validation. Hand-written rather than zod so the course map's progress script stays tiny.
// Entries that do not fit are dropped and counted; the caller keeps a backup of the raw text
// whenever anything was dropped, so nothing is silently lost.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isNonNegative = (v: unknown): v is number => isFiniteNumber(v) && v >= 0;
const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length < 200;

export type Sanitised = { progress: ProgressV1; dropped: number };

function sanitiseAttempt(v: unknown): Attempt | null {
  if (!isObject(v)) return null;
  const { at, day, family, version, seed, level, lesson, skills, earned, total, hints, tries, afterSolution, xp } = v;
  if (!isNonNegative(at) || !isDayKey(day) || !isString(family)) return null;
  if (!isFiniteNumber(version) || !isFiniteNumber(level)) return null;
  if (!(isString(seed) || isFiniteNumber(seed))) return null;
  if (!Array.isArray(skills) || !skills.every(isString)) return null;
  if (!isNonNegative(earned) || !isNonNegative(total) || earned > total) return null;
  if (!isNonNegative(hints) || !isNonNegative(xp)) return null;
  if (lesson !== undefined && !isString(lesson)) return null;
  if (tries !== undefined && !(Number.isInteger(tries) && isNonNegative(tries))) return null;
  if (afterSolution !== undefined && afterSolution !== true) return null;
  const attempt: Attempt = { id: "", at, day, family, version, seed: String(seed), level, skills: [...skills], earned, total, hints, xp };
  if (lesson !== undefined) attempt.lesson = lesson;
  if (typeof tries === "number" && tries > 0) attempt.tries = tries;
  if (afterSolution === true) attempt.afterSolution = true;
  attempt.id = typeof v.id === "string" && v.id ? v.id : attemptId(attempt);
  return attempt;
}

function sanitiseStamps(v: unknown, count: (n: number) => void): Record<string, Stamp> {
  const out: Record<string, Stamp> = {};
  if (!isObject(v)) {
    if (v !== undefined) count(1);
    return out;
  }
  for (const [key, stamp] of Object.entries(v)) {
    if (isString(key) && isObject(stamp) && isNonNegative(stamp.at)) out[key] = { at: stamp.at };
    else count(1);
  }
  return out;
}

/**
 * A v1 progress object from untrusted data (storage, an imported file), or null when the data is
 * not v1 progress at all. Individual malformed entries are dropped and counted.
 */
export function sanitiseV1(data: unknown): Sanitised | null {
  if (!isObject(data) || data.schema !== 1) return null;
  if (!Array.isArray(data.attempts)) return null;
  let dropped = 0;
  const count = (n: number) => {
    dropped += n;
  };
  const attempts: Attempt[] = [];
  for (const raw of data.attempts) {
    const a = sanitiseAttempt(raw);
    if (a) attempts.push(a);
    else dropped++;
  }
  attempts.sort((a, b) => a.at - b.at);

  const mastery: Record<string, SkillMastery> = {};
  if (isObject(data.mastery)) {
    for (const [skill, m] of Object.entries(data.mastery)) {
      if (
        isString(skill) &&
        isObject(m) &&
        isFiniteNumber(m.p) &&
        m.p >= 0 &&
        m.p <= 1 &&
        isNonNegative(m.n) &&
        isNonNegative(m.correct) &&
        isNonNegative(m.at)
      ) {
        mastery[skill] = { p: m.p, n: m.n, correct: m.correct, at: m.at };
      } else dropped++;
    }
  } else if (data.mastery !== undefined) dropped++;

  const days: string[] = [];
  if (Array.isArray(data.days)) {
    for (const d of data.days) {
      if (isDayKey(d)) days.push(d);
      else dropped++;
    }
  }

  const lessons: ProgressV1["lessons"] = {};
  if (isObject(data.lessons)) {
    for (const [slug, visit] of Object.entries(data.lessons)) {
      if (isString(slug) && isObject(visit) && isNonNegative(visit.first) && isNonNegative(visit.last)) {
        lessons[slug] = { first: visit.first, last: visit.last };
      } else dropped++;
    }
  }

  const help: ProgressV1["help"] = {};
  if (isObject(data.help)) {
    for (const [key, h] of Object.entries(data.help)) {
      if (
        isString(key) &&
        isObject(h) &&
        Number.isInteger(h.hints) &&
        isNonNegative(h.hints) &&
        typeof h.solution === "boolean" &&
        isNonNegative(h.at)
      ) {
        help[key] = { hints: h.hints, solution: h.solution, at: h.at };
      } else dropped++;
    }
  } else if (data.help !== undefined) dropped++;

  const dismissedBackups = Array.isArray(data.dismissedBackups)
    ? data.dismissedBackups.filter((k): k is string => typeof k === "string")
    : [];

  const challenges = sanitiseStamps(data.challenges, count);
  // A damaged total (negative, not a number, missing) is what the record itself accounts for.
  let xp: number;
  if (isNonNegative(data.xp)) xp = data.xp;
  else {
    xp = attempts.reduce((sum, a) => sum + a.xp, 0) + Object.keys(challenges).length * CHALLENGE_XP;
    dropped++;
  }

  return {
    progress: {
      schema: 1,
      xp,
      attempts,
      mastery,
      days: [...new Set(days)].sort(),
      badges: sanitiseStamps(data.badges, count),
      challenges,
      lessons,
      help,
      dismissedBackups,
      updatedAt: isNonNegative(data.updatedAt) ? data.updatedAt : 0,
    },
    dropped,
  };
}
