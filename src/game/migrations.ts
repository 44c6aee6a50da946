/**
 * Schema migrations: saved progress from any earlier schema is brought up to SCHEMA_VERSION one
 * step at a time (v0 → v1 → v2 …), so each step is written and tested once and never again.
 * To change the schema: bump SCHEMA_VERSION in schema.ts, add `MIGRATIONS[n]` taking version n to
 * n + 1, and a test that feeds a saved version-n object through `migrate`.
 *
 * Version 0 never shipped; it is the pre-release shape
 *   { xp: number, solved: { family, seed, level, at, correct }[], badges?: string[] }
 * (no `schema` field), kept to prove the mechanism and as the template for real migrations.
 */
import { localDayKey } from "./clock.ts";
import { SCHEMA_VERSION, attemptId, emptyProgress } from "./schema.ts";

type Migration = (data: Record<string, unknown>, timeZone?: string) => Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `MIGRATIONS[n]` takes a version-n object to version n + 1. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (v0, timeZone) => {
    const next = emptyProgress() as unknown as Record<string, unknown>;
    const solved = Array.isArray(v0.solved) ? v0.solved.filter(isObject) : [];
    const attempts = solved
      .filter((s) => typeof s.family === "string" && typeof s.at === "number" && typeof s.seed === "number")
      .map((s) => {
        const base = {
          at: s.at as number,
          family: s.family as string,
          seed: String(s.seed),
          level: typeof s.level === "number" ? s.level : 1,
        };
        return {
          ...base,
          id: attemptId(base),
          day: localDayKey(base.at, timeZone),
          version: 1,
          // v0 did not record skills; mastery for these starts again from the prior.
          skills: [],
          earned: s.correct === true ? 1 : 0,
          total: 1,
          hints: 0,
          // v0 kept only a total; it is carried over below rather than split across attempts.
          xp: 0,
        };
      });
    next.attempts = attempts;
    next.xp = typeof v0.xp === "number" && v0.xp >= 0 ? v0.xp : 0;
    next.days = [...new Set(attempts.map((a) => a.day))].sort();
    const badges: Record<string, { at: number }> = {};
    if (Array.isArray(v0.badges)) for (const id of v0.badges) if (typeof id === "string") badges[id] = { at: 0 };
    next.badges = badges;
    return next;
  },
};

export type MigrationResult =
  { ok: true; data: Record<string, unknown>; from: number } | { ok: false; reason: "foreign" | "newer"; version?: number };

/** The schema version of saved data: its `schema` field, 0 for the v0 shape, null if unknown. */
export function versionOf(data: unknown): number | null {
  if (!isObject(data)) return null;
  if (typeof data.schema === "number" && Number.isInteger(data.schema) && data.schema >= 0) return data.schema;
  if (data.schema === undefined && Array.isArray(data.solved)) return 0;
  return null;
}

/** Brings `data` up to SCHEMA_VERSION, or says why it cannot. */
export function migrate(data: unknown, timeZone?: string): MigrationResult {
  const from = versionOf(data);
  if (from === null) return { ok: false, reason: "foreign" };
  if (from > SCHEMA_VERSION) return { ok: false, reason: "newer", version: from };
  let current = data as Record<string, unknown>;
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: "foreign" };
    current = step(current, timeZone);
  }
  return { ok: true, data: current, from };
}
