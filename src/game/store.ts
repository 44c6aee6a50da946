/**
 * The progress store: reads, changes and saves the learner's progress in a StorageLike
 * (localStorage in the browser), under STORAGE_KEY.
 *
 * Saved progress is never lost:
 *  - Data that cannot be read (broken JSON, someone else's data under our key, a schema from a newer
 *    version of the site, entries that fail validation) is copied verbatim to a backup key
 *    `deep-sky:progress:backup:<ISO time>:<reason>` before anything is written, and a notice tells
 *    the learner (words in notices.ts), until they dismiss it (the backup stays; it can be
 *    downloaded from /practice).
 *  - Older schemas are migrated (migrations.ts); the pre-migration text is backed up too, quietly.
 *  - "Replace" on import (transfer.ts) and "Reset" back up the current progress first.
 *  - If storage refuses to save (private mode, quota), progress lives in memory for the visit and a
 *    notice says it will not be kept.
 *
 * Every change re-reads storage first, so two tabs (or two islands bundled separately) never
 * overwrite each other's newer progress with a stale copy.
 */
import { localDayKey, systemClock, type Clock } from "./clock.ts";
import { awardBadges } from "./badges.ts";
import { levelFor, type LevelInfo } from "./levels.ts";
import { updateSkill } from "./mastery.ts";
import { migrate } from "./migrations.ts";
import { attemptId, emptyProgress, instanceKey, sanitiseV1, type Attempt, type Help, type ProgressV1 } from "./schema.ts";
import { keysWithPrefix, type StorageLike } from "./storage.ts";
import { CHALLENGE_XP, exerciseValue, xpForAttempt } from "./xp.ts";

export const STORAGE_KEY = "deep-sky:progress";
export const BACKUP_PREFIX = "deep-sky:progress:backup:";

/** Why a backup was made. The first four are problems the learner is told about (notices.ts). */
export type BackupReason = "corrupt" | "foreign" | "newer" | "partial" | "migrated" | "replaced" | "reset";
const ALERTING: readonly BackupReason[] = ["corrupt", "foreign", "newer", "partial"];

export type Backup = { key: string; reason: BackupReason; at: string };

/** Something the learner must be told; notices.ts has the words. */
export type Notice = {
  kind: BackupReason | "unsaved";
  /** The backup this notice is about (absent for "unsaved"). */
  backupKey?: string;
};

/** What the page needs to know after a change, for toasts and live regions. */
export type Change = {
  kind: "attempt" | "help" | "challenge" | "visit" | "import" | "reset" | "dismiss" | "external";
  xpGained: number;
  newBadges: string[];
  /** The level reached by this change, when it crossed a threshold. */
  levelUp: LevelInfo | null;
};

/** A graded answer, as the exercise UI reports it. */
/** One exercise instance: the same family version, seed and level are the same exercise. */
export type ExerciseInstance = { family: string; version: number; seed: string; level: number };

export type AttemptInput = {
  family: string;
  version: number;
  seed: string;
  level: number;
  skills: readonly string[];
  lesson?: string;
  earned: number;
  total: number;
  /** Hints taken on this exercise before this answer. */
  hints: number;
};

export type AttemptOutcome = Change & { attempt: Attempt; mastery: Record<string, { before: number; after: number }> };

export type StoreOptions = {
  storage: StorageLike;
  clock?: Clock;
  /** IANA zone for day keys; the runtime's own zone by default (tests pin it). */
  timeZone?: string;
};

export type Listener = (progress: ProgressV1, change: Change) => void;

export class ProgressStore {
  private readonly storage: StorageLike;
  private readonly clock: Clock;
  private readonly timeZone: string | undefined;
  private progress: ProgressV1;
  private saveFailed = false;
  private readonly listeners = new Set<Listener>();

  constructor(options: StoreOptions) {
    this.storage = options.storage;
    this.clock = options.clock ?? systemClock;
    this.timeZone = options.timeZone;
    this.progress = this.read();
  }

  /** The current progress (a fresh read of storage). Treat it as read-only. */
  get(): ProgressV1 {
    this.progress = this.read();
    return this.progress;
  }

  /** Today's local day key, by the injected clock. */
  today(): string {
    return localDayKey(this.clock(), this.timeZone);
  }

  /** Every backup in storage, oldest first. */
  backups(): Backup[] {
    return keysWithPrefix(this.storage, BACKUP_PREFIX).map((key) => {
      const rest = key.slice(BACKUP_PREFIX.length);
      const cut = rest.lastIndexOf(":");
      return { key, at: rest.slice(0, cut), reason: rest.slice(cut + 1) as BackupReason };
    });
  }

  /** The raw text of a backup (for download), or null. */
  backupText(key: string): string | null {
    return key.startsWith(BACKUP_PREFIX) ? this.storage.getItem(key) : null;
  }

  /** Notices to show: problem backups not yet dismissed, and a failing save. */
  notices(): Notice[] {
    const progress = this.get();
    const notices: Notice[] = this.backups()
      .filter((b) => ALERTING.includes(b.reason) && !progress.dismissedBackups.includes(b.key))
      .map((b) => ({ kind: b.reason, backupKey: b.key }));
    if (this.saveFailed) notices.push({ kind: "unsaved" });
    return notices;
  }

  /** Hides a backup's notice; the backup itself is kept. */
  dismissNotice(backupKey: string): void {
    this.update("dismiss", (p) => {
      if (!p.dismissedBackups.includes(backupKey)) p.dismissedBackups.push(backupKey);
      return { xpGained: 0 };
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads storage after another tab changed it, and tells listeners. */
  reload(): void {
    this.progress = this.read();
    this.emit({ kind: "external", xpGained: 0, newBadges: [], levelUp: null });
  }

  /** Records a graded answer: XP, mastery, streak day, badges. Never call it for invalid input. */
  recordAttempt(input: AttemptInput): AttemptOutcome {
    let attempt!: Attempt;
    const mastery: AttemptOutcome["mastery"] = {};
    const change = this.update("attempt", (p, now, day) => {
      const key = instanceKey(input);
      const earlier = p.attempts.filter((a) => instanceKey(a) === key);
      const already = earlier.reduce((sum, a) => sum + a.xp, 0);
      // Tries and help are counted here, from the stored record, so a reload or a second tab cannot
      // reset them.
      const tries = earlier.length;
      const help = p.help[key];
      const hints = Math.max(input.hints, help?.hints ?? 0);
      const afterSolution = help?.solution === true;
      const xp = xpForAttempt(exerciseValue(input.level, input.earned, input.total, hints, tries, afterSolution), already);
      const base = { at: now, family: input.family, seed: input.seed, level: input.level };
      // Two answers in the same millisecond would share an id; nudge the time to keep ids unique.
      while (p.attempts.some((a) => a.id === attemptId(base))) base.at += 1;
      attempt = {
        id: attemptId(base),
        at: base.at,
        day,
        family: input.family,
        version: input.version,
        seed: input.seed,
        level: input.level,
        skills: [...input.skills],
        earned: input.earned,
        total: input.total,
        hints,
        xp,
      };
      if (input.lesson) attempt.lesson = input.lesson;
      if (tries > 0) attempt.tries = tries;
      if (afterSolution) attempt.afterSolution = true;
      p.attempts.push(attempt);
      for (const skill of input.skills) {
        const before = p.mastery[skill]?.p;
        p.mastery[skill] = updateSkill(p.mastery[skill], attempt);
        mastery[skill] = { before: before ?? NaN, after: p.mastery[skill]!.p };
      }
      if (!p.days.includes(day)) p.days = [...p.days, day].sort();
      return { xpGained: xp };
    });
    return { ...change, attempt, mastery };
  }

  /** Help taken so far on an exercise instance, or null when none. */
  helpOn(instance: ExerciseInstance): Help | null {
    return this.get().help[instanceKey(instance)] ?? null;
  }

  /**
   * Records help taken on an exercise instance: `hints` hints shown now (the record keeps the most
   * ever shown), or its worked solution shown. Earns nothing; later answers to it pay less.
   */
  recordHelp(instance: ExerciseInstance, taken: { hints?: number; solution?: boolean }): Change {
    return this.update("help", (p, now) => {
      const key = instanceKey(instance);
      const before = p.help[key];
      p.help[key] = {
        hints: Math.max(before?.hints ?? 0, taken.hints ?? 0),
        solution: (before?.solution ?? false) || taken.solution === true,
        at: now,
      };
      return { xpGained: 0 };
    });
  }

  /** Marks a playground challenge done (once): CHALLENGE_XP and its badge. */
  completeChallenge(id: string): Change & { already: boolean } {
    let already = false;
    const change = this.update("challenge", (p, now, day) => {
      if (p.challenges[id]) {
        already = true;
        return { xpGained: 0 };
      }
      p.challenges[id] = { at: now };
      if (!p.days.includes(day)) p.days = [...p.days, day].sort();
      return { xpGained: CHALLENGE_XP };
    });
    return { ...change, already };
  }

  /** Notes that a lesson page was opened (for "in progress" on the course map). */
  visitLesson(slug: string): void {
    this.update("visit", (p, now) => {
      const seen = p.lessons[slug];
      p.lessons[slug] = { first: seen?.first ?? now, last: now };
      return { xpGained: 0 };
    });
  }

  /** Starts afresh after backing the current progress up. Returns the backup key. */
  reset(): string | null {
    const current = this.get();
    const key =
      current.attempts.length || current.xp || Object.keys(current.lessons).length ? this.backup(JSON.stringify(current), "reset") : null;
    const fresh = emptyProgress();
    fresh.dismissedBackups = [...current.dismissedBackups];
    fresh.updatedAt = this.clock();
    this.progress = fresh;
    this.write(fresh);
    this.emit({ kind: "reset", xpGained: 0, newBadges: [], levelUp: null });
    return key;
  }

  /** The injected clock's time (epoch ms). */
  now(): number {
    return this.clock();
  }

  /**
   * Applies `mutate` to a fresh read, awards badges, saves, and tells listeners. `mutate` returns
   * the XP the change earned (added to the total, except for imports, which set the total).
   * The building block of every change here and of imports (transfer.ts).
   */
  update(kind: Change["kind"], mutate: (p: ProgressV1, now: number, day: string) => { xpGained: number }): Change {
    const p = this.read();
    const now = this.clock();
    const day = localDayKey(now, this.timeZone);
    const levelBefore = levelFor(p.xp).level;
    const { xpGained } = mutate(p, now, day);
    if (kind !== "import") p.xp += xpGained;
    const newBadges = awardBadges(p, now, day);
    const levelAfter = levelFor(p.xp).level;
    p.updatedAt = now;
    this.progress = p;
    this.write(p);
    const change: Change = { kind, xpGained, newBadges, levelUp: levelAfter.index > levelBefore.index ? levelAfter : null };
    this.emit(change);
    return change;
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) listener(this.progress, change);
  }

  private write(progress: ProgressV1): void {
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify(progress));
      this.saveFailed = false;
    } catch {
      this.saveFailed = true;
    }
  }

  /** Copies `raw` to a new backup key (never overwriting one); returns the key. */
  backup(raw: string, reason: BackupReason): string {
    const stamp = new Date(this.clock()).toISOString();
    let key = `${BACKUP_PREFIX}${stamp}:${reason}`;
    for (let n = 2; this.storage.getItem(key) !== null; n++) key = `${BACKUP_PREFIX}${stamp}~${n}:${reason}`;
    try {
      this.storage.setItem(key, raw);
    } catch {
      this.saveFailed = true;
    }
    return key;
  }

  /**
   * Reads storage, backing up whatever cannot be used as-is; when something was backed up or
   * migrated, saves the usable result at once so the backup happens only once.
   */
  private read(): ProgressV1 {
    // While storage refuses writes, what it holds is stale: the in-memory copy is the truth.
    if (this.saveFailed && this.progress) return structuredClone(this.progress);
    let raw: string | null;
    try {
      raw = this.storage.getItem(STORAGE_KEY);
    } catch {
      raw = null;
    }
    if (raw === null) return emptyProgress();
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return this.startAfresh(raw, "corrupt");
    }
    const migrated = migrate(data, this.timeZone);
    if (!migrated.ok) return this.startAfresh(raw, migrated.reason);
    const sanitised = sanitiseV1(migrated.data);
    if (!sanitised) return this.startAfresh(raw, "foreign");
    if (sanitised.dropped > 0 || migrated.from < 1) {
      const key = this.backup(raw, sanitised.dropped > 0 ? "partial" : "migrated");
      if (sanitised.dropped === 0) sanitised.progress.dismissedBackups.push(key);
      this.write(sanitised.progress);
    }
    return sanitised.progress;
  }

  private startAfresh(raw: string, reason: BackupReason): ProgressV1 {
    this.backup(raw, reason);
    const fresh = emptyProgress();
    this.write(fresh);
    return fresh;
  }
}
