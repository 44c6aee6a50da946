/**
 * Moving progress between devices: export to a JSON file, import one (validated, migrated) and
 * merge it into the current progress or replace it (merge rules: merge.ts). Kept apart from the
 * store so lesson pages, which only record progress, do not ship this code.
 */
import { mergeProgress } from "./merge.ts";
import { migrate } from "./migrations.ts";
import { sanitiseV1 } from "./schema.ts";
import type { Change, ProgressStore } from "./store.ts";

/** The `format` field of an exported file. */
export const EXPORT_FORMAT = "deep-sky-progress";

export type ImportMode = "merge" | "replace";
export type ImportResult = { ok: true; change: Change; summary: string } | { ok: false; message: string };

/** The progress as the text of a JSON file, for download. */
export function exportProgress(store: ProgressStore): string {
  const file = { format: EXPORT_FORMAT, exportedAt: new Date(store.now()).toISOString(), progress: store.get() };
  return JSON.stringify(file, null, 2);
}

/**
 * Reads an exported file (or a bare progress object of any known schema version) and merges it
 * into the current progress or replaces it. Invalid files change nothing and say why.
 */
export function importProgress(store: ProgressStore, text: string, mode: ImportMode, timeZone?: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: "That file is not valid JSON, so it cannot be progress exported from this site." };
  }
  if (typeof data === "object" && data !== null && "format" in data) {
    const envelope = data as { format?: unknown; progress?: unknown };
    if (envelope.format !== EXPORT_FORMAT)
      return { ok: false, message: "That JSON file was not exported from this course's progress page." };
    data = envelope.progress;
  }
  const migrated = migrate(data, timeZone);
  if (!migrated.ok) {
    return {
      ok: false,
      message:
        migrated.reason === "newer"
          ? `That file comes from a newer version of the site (schema ${migrated.version}); open the latest site to import it.`
          : "That file does not contain progress from this course.",
    };
  }
  const sanitised = sanitiseV1(migrated.data);
  if (!sanitised) return { ok: false, message: "That file does not contain progress from this course." };
  const incoming = sanitised.progress;

  const change = store.update("import", (p) => {
    const before = p.xp;
    if (mode === "replace") {
      store.backup(JSON.stringify(p), "replaced");
      Object.assign(p, { ...incoming, dismissedBackups: [...p.dismissedBackups] });
    } else {
      Object.assign(p, mergeProgress(p, incoming));
    }
    return { xpGained: Math.max(0, p.xp - before) };
  });
  const p = store.get();
  const skipped = sanitised.dropped > 0 ? ` ${sanitised.dropped} unreadable entries were skipped.` : "";
  const summary =
    `${mode === "replace" ? "Replaced" : "Merged"}: ${p.attempts.length} answers, ${p.xp} XP, ` +
    `${Object.keys(p.badges).length} badges, ${Object.keys(p.challenges).length} challenges.${skipped}`;
  return { ok: true, change, summary };
}
