import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "./migrations.ts";
import { SCHEMA_VERSION, emptyProgress } from "./schema.ts";
import { memoryStorage, type StorageLike } from "./storage.ts";
import { BACKUP_PREFIX, STORAGE_KEY } from "./store.ts";
import { noticeMessage } from "./notices.ts";
import { exportProgress, importProgress } from "./transfer.ts";
import { answer, makeStore, manualClock } from "./testing.ts";
import { CHALLENGE_XP, HINT_COST, XP_PER_LEVEL } from "./xp.ts";

describe("the progress store, loading", () => {
  it("starts empty with no notices when nothing is saved", () => {
    const { store } = makeStore();
    expect(store.get()).toEqual(emptyProgress());
    expect(store.notices()).toEqual([]);
  });

  it("keeps corrupt JSON as a backup, starts afresh and tells the learner, without throwing", () => {
    const storage = memoryStorage({ [STORAGE_KEY]: "{not json" });
    const { store } = makeStore(storage);
    expect(store.get().attempts).toEqual([]);
    const [backup] = store.backups();
    expect(backup?.reason).toBe("corrupt");
    expect(storage.getItem(backup!.key)).toBe("{not json");
    const notices = store.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "corrupt", backupKey: backup!.key });
    expect(noticeMessage(notices[0]!)).toMatch(/backup/);
    // The main key now holds valid progress, so the backup is made once, not on every read.
    store.get();
    expect(store.backups()).toHaveLength(1);
  });

  it("backs up foreign data and data from a newer schema", () => {
    const foreign = makeStore(memoryStorage({ [STORAGE_KEY]: JSON.stringify({ hello: "world" }) })).store;
    expect(foreign.notices()[0]?.kind).toBe("foreign");
    const newer = makeStore(memoryStorage({ [STORAGE_KEY]: JSON.stringify({ schema: SCHEMA_VERSION + 1, xp: 5, attempts: [] }) })).store;
    expect(newer.notices()[0]?.kind).toBe("newer");
    expect(newer.backupText(newer.backups()[0]!.key)).toContain(`"schema":${SCHEMA_VERSION + 1}`);
  });

  it("keeps the readable entries of partly damaged progress and backs up the original", () => {
    const { store: first, storage } = makeStore();
    first.recordAttempt(answer());
    const saved = JSON.parse(storage.getItem(STORAGE_KEY)!);
    saved.attempts.push({ family: 42 });
    storage.setItem(STORAGE_KEY, JSON.stringify(saved));
    const { store } = makeStore(storage);
    expect(store.get().attempts).toHaveLength(1);
    expect(store.notices()[0]?.kind).toBe("partial");
  });

  it("loads progress saved before help was kept, and drops damaged help entries with a notice", () => {
    const { store: first, storage } = makeStore();
    first.recordAttempt(answer());
    const saved = JSON.parse(storage.getItem(STORAGE_KEY)!);
    delete saved.help;
    storage.setItem(STORAGE_KEY, JSON.stringify(saved));
    const older = makeStore(storage).store;
    expect(older.get().help).toEqual({});
    expect(older.notices()).toEqual([]);
    saved.help = { "a@1:1:1": { hints: 2, solution: false, at: 5 }, "b@1:1:1": { hints: -1, solution: "yes", at: 5 } };
    storage.setItem(STORAGE_KEY, JSON.stringify(saved));
    const damaged = makeStore(storage).store;
    expect(damaged.get().help).toEqual({ "a@1:1:1": { hints: 2, solution: false, at: 5 } });
    expect(damaged.notices()[0]?.kind).toBe("partial");
  });

  it("treats a damaged XP total as damage, not as foreign data: the total is what the answers earned", () => {
    const { store: first, storage } = makeStore();
    first.recordAttempt(answer());
    const saved = JSON.parse(storage.getItem(STORAGE_KEY)!);
    saved.xp = -5;
    storage.setItem(STORAGE_KEY, JSON.stringify(saved));
    const { store } = makeStore(storage);
    expect(store.get().attempts).toHaveLength(1);
    expect(store.get().xp).toBe(XP_PER_LEVEL);
    expect(store.notices()[0]?.kind).toBe("partial");
  });

  it("hides a notice once dismissed but keeps the backup", () => {
    const { store } = makeStore(memoryStorage({ [STORAGE_KEY]: "garbage" }));
    const key = store.notices()[0]!.backupKey!;
    store.dismissNotice(key);
    expect(store.notices()).toEqual([]);
    expect(store.backupText(key)).toBe("garbage");
  });

  it("keeps progress in memory and says so when storage refuses to save", () => {
    const refusing: StorageLike = {
      ...memoryStorage(),
      length: 0,
      key: () => null,
      getItem: () => null,
      removeItem: () => {},
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const { store } = makeStore(refusing);
    store.recordAttempt(answer());
    expect(store.get().attempts).toHaveLength(1);
    expect(store.notices().map((n) => n.kind)).toContain("unsaved");
  });
});

describe("schema migrations", () => {
  const v0 = {
    xp: 40,
    solved: [
      { family: "survey-arithmetic", seed: 3, level: 1, at: Date.UTC(2026, 0, 5, 10), correct: true },
      { family: "survey-arithmetic", seed: 4, level: 2, at: Date.UTC(2026, 0, 6, 10), correct: false },
    ],
    badges: ["first-light"],
  };

  it("has a step for every version below the current one", () => {
    for (let v = 0; v < SCHEMA_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe("function");
  });

  it("takes hypothetical v0 progress to v1: answers, XP, days and badges carried over", () => {
    const result = migrate(v0, "UTC");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.from).toBe(0);
    expect(result.data.schema).toBe(1);
    expect(result.data.xp).toBe(40);
    expect(result.data.days).toEqual(["2026-01-05", "2026-01-06"]);
    expect(result.data.attempts).toMatchObject([
      { earned: 1, total: 1, seed: "3" },
      { earned: 0, seed: "4", level: 2 },
    ]);
    expect(result.data.badges).toHaveProperty("first-light");
  });

  it("migrates v0 found in storage on load and keeps the original as a quiet backup", () => {
    const { store, storage } = makeStore(memoryStorage({ [STORAGE_KEY]: JSON.stringify(v0) }));
    expect(store.get()).toMatchObject({ schema: 1, xp: 40 });
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).schema).toBe(1);
    expect(store.backups().map((b) => b.reason)).toEqual(["migrated"]);
    expect(store.notices()).toEqual([]);
  });

  it("refuses data it does not recognise", () => {
    expect(migrate([1, 2, 3])).toMatchObject({ ok: false, reason: "foreign" });
    expect(migrate("text")).toMatchObject({ ok: false, reason: "foreign" });
    expect(migrate({ schema: 99 })).toMatchObject({ ok: false, reason: "newer", version: 99 });
  });
});

describe("the progress store, recording", () => {
  it("pays XP for a right answer, scaled by level, and updates mastery and the day", () => {
    const { store } = makeStore();
    const outcome = store.recordAttempt(answer({ level: 2 }));
    expect(outcome.xpGained).toBe(2 * XP_PER_LEVEL);
    expect(store.get().xp).toBe(2 * XP_PER_LEVEL);
    expect(outcome.mastery["unit-conversion"]!.after).toBeGreaterThan(0.2);
    expect(store.get().days).toEqual(["2026-05-10"]);
    expect(outcome.newBadges).toContain("first-light");
  });

  it("pays nothing for a wrong answer but records it and lowers mastery", () => {
    const { store } = makeStore();
    const outcome = store.recordAttempt(answer({ earned: 0 }));
    expect(outcome.xpGained).toBe(0);
    expect(store.get().attempts).toHaveLength(1);
    expect(store.get().mastery["unit-conversion"]!.p).toBeLessThan(0.2);
  });

  it("charges hints against the exercise's reward only", () => {
    const { store } = makeStore();
    store.recordAttempt(answer({ seed: 1 }));
    const outcome = store.recordAttempt(answer({ seed: 2, hints: 1 }));
    expect(outcome.xpGained).toBe(XP_PER_LEVEL - HINT_COST);
    const many = store.recordAttempt(answer({ seed: 3, hints: 9 }));
    expect(many.xpGained).toBe(0);
    expect(store.get().xp).toBe(2 * XP_PER_LEVEL - HINT_COST);
  });

  it("does not pay twice for the same exercise, but does pay for another one like it", () => {
    const { store, clock } = makeStore();
    expect(store.recordAttempt(answer({ seed: 7 })).xpGained).toBe(XP_PER_LEVEL);
    clock.advance(1000);
    expect(store.recordAttempt(answer({ seed: 7 })).xpGained).toBe(0);
    expect(store.recordAttempt(answer({ seed: 8 })).xpGained).toBe(XP_PER_LEVEL);
  });

  it("pays a right answer after a wrong one less than a right first answer, and less than a hint would cost", () => {
    const { store, clock } = makeStore();
    expect(store.recordAttempt(answer({ seed: 5, earned: 0 })).xpGained).toBe(0);
    clock.advance(1000);
    const corrected = store.recordAttempt(answer({ seed: 5 }));
    // Second try: half the value (5 XP at level 1), below a first answer after one hint (10 − 3).
    expect(corrected.xpGained).toBe(XP_PER_LEVEL / 2);
    expect(corrected.xpGained).toBeLessThan(XP_PER_LEVEL - HINT_COST);
    expect(corrected.attempt.tries).toBe(1);
    // And it is weaker evidence for mastery than the same right answer given first time.
    const fresh = makeStore().store.recordAttempt(answer({ seed: 5 }));
    expect(corrected.mastery["unit-conversion"]!.after).toBeLessThan(fresh.mastery["unit-conversion"]!.after);
  });

  it("counts tries from the stored history, so a reload does not reset them", () => {
    const { store, storage, clock } = makeStore();
    store.recordAttempt(answer({ seed: 9, earned: 0 }));
    clock.advance(1000);
    const reloaded = makeStore(storage, clock).store;
    expect(reloaded.recordAttempt(answer({ seed: 9 })).attempt.tries).toBe(1);
    expect(reloaded.get().attempts.map((a) => a.tries)).toEqual([undefined, 1]);
  });

  it("remembers hints taken before any answer, so a reload does not refund their cost", () => {
    const { store, storage, clock } = makeStore();
    const exercise = answer({ seed: 11 });
    store.recordHelp(exercise, { hints: 1 });
    store.recordHelp(exercise, { hints: 3 });
    store.recordHelp(exercise, { hints: 2 }); // an older tab reporting fewer: the most shown counts
    expect(store.helpOn(exercise)).toMatchObject({ hints: 3, solution: false });
    clock.advance(1000);
    // The reloaded page starts with no hints of its own.
    const reloaded = makeStore(storage, clock).store;
    const outcome = reloaded.recordAttempt({ ...exercise, hints: 0 });
    expect(outcome.xpGained).toBe(XP_PER_LEVEL - 3 * HINT_COST);
    expect(outcome.attempt.hints).toBe(3);
    // Help on one exercise costs nothing on another.
    expect(reloaded.helpOn(answer({ seed: 12 }))).toBeNull();
    expect(reloaded.recordAttempt(answer({ seed: 12 })).xpGained).toBe(XP_PER_LEVEL);
  });

  it("pays nothing, and adds no mastery, for a right answer after the worked solution was shown", () => {
    const { store, storage, clock } = makeStore();
    const exercise = answer({ seed: 13 });
    store.recordAttempt({ ...exercise, earned: 0 }); // giving up records a miss first
    store.recordHelp(exercise, { solution: true });
    const before = store.get().mastery["unit-conversion"]!.p;
    clock.advance(1000);
    const copied = makeStore(storage, clock).store.recordAttempt(exercise);
    expect(copied.xpGained).toBe(0);
    expect(copied.attempt.afterSolution).toBe(true);
    // Only the chance of learning from the practice itself (p(T)) moves p(L).
    expect(copied.mastery["unit-conversion"]!.after).toBeCloseTo(before + (1 - before) * 0.15, 12);
    expect(store.get().xp).toBe(0);
  });

  it("gives attempts in the same millisecond distinct ids", () => {
    const { store } = makeStore();
    store.recordAttempt(answer({ seed: 1 }));
    store.recordAttempt(answer({ seed: 1 }));
    const ids = store.get().attempts.map((a) => a.id);
    expect(new Set(ids).size).toBe(2);
  });

  it("pays a challenge once, with its badge", () => {
    const { store } = makeStore();
    const first = store.completeChallenge("tune-the-learning-rate");
    expect(first).toMatchObject({ xpGained: CHALLENGE_XP, already: false });
    expect(first.newBadges).toEqual(expect.arrayContaining(["first-challenge", "challenge:tune-the-learning-rate"]));
    expect(store.completeChallenge("tune-the-learning-rate")).toMatchObject({ xpGained: 0, already: true, newBadges: [] });
  });

  it("reports a level-up when XP crosses a threshold", () => {
    const { store } = makeStore();
    store.completeChallenge("a");
    const change = store.completeChallenge("b");
    expect(change.levelUp?.survey).toBe("sdss");
    expect(change.newBadges).toContain("level:sdss");
  });

  it("awards 10-in-a-row, mastery and 7-day-streak badges", () => {
    const { store, clock } = makeStore();
    const badges = new Set<string>();
    for (let i = 0; i < 10; i++) {
      for (const b of store.recordAttempt(answer({ seed: i })).newBadges) badges.add(b);
      clock.advanceDays(1);
    }
    expect(badges).toContain("ten-in-a-row");
    expect(badges).toContain("mastered:unit-conversion");
    expect(badges).toContain("week-streak");
  });

  it("remembers lesson visits, first and last", () => {
    const { store, clock } = makeStore();
    store.visitLesson("why-deep-learning");
    const first = clock.clock();
    clock.advance(5000);
    store.visitLesson("why-deep-learning");
    expect(store.get().lessons["why-deep-learning"]).toEqual({ first, last: first + 5000 });
  });

  it("tells subscribers about each change", () => {
    const { store } = makeStore();
    const seen: string[] = [];
    const stop = store.subscribe((p, change) => seen.push(`${change.kind}:${p.xp}`));
    store.recordAttempt(answer());
    stop();
    store.recordAttempt(answer({ seed: 2 }));
    expect(seen).toEqual([`attempt:${XP_PER_LEVEL}`]);
  });

  it("does not let two tabs overwrite each other's progress", () => {
    const storage = memoryStorage();
    const clock = manualClock();
    const tabA = makeStore(storage, clock).store;
    const tabB = makeStore(storage, clock).store;
    tabA.recordAttempt(answer({ seed: 1 }));
    clock.advance(10);
    tabB.recordAttempt(answer({ seed: 2 }));
    expect(tabA.get().attempts).toHaveLength(2);
    expect(tabA.get().xp).toBe(2 * XP_PER_LEVEL);
  });
});

describe("export, import and reset", () => {
  it("exports a file that imports on another device to the same progress", () => {
    const { store } = makeStore();
    store.recordAttempt(answer());
    store.completeChallenge("c1");
    store.visitLesson("why-deep-learning");
    const file = exportProgress(store);
    expect(JSON.parse(file)).toMatchObject({ format: "deep-sky-progress" });
    const other = makeStore().store;
    const result = importProgress(other, file, "replace");
    expect(result.ok).toBe(true);
    const { updatedAt: _a, ...mine } = store.get();
    const { updatedAt: _b, ...theirs } = other.get();
    expect(theirs).toEqual(mine);
  });

  it("rejects files that are not progress, changing nothing", () => {
    const { store } = makeStore();
    store.recordAttempt(answer());
    const before = JSON.stringify(store.get());
    for (const text of [
      "not json",
      "[]",
      JSON.stringify({ format: "other" }),
      JSON.stringify({ format: "deep-sky-progress", progress: { schema: 1 } }),
      JSON.stringify({ schema: 7 }),
    ]) {
      const result = importProgress(store, text, "merge");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(store.get())).toBe(before);
  });

  it("merges another device's progress: answers de-duplicated, XP summed, badges united", () => {
    const clock = manualClock();
    const laptop = makeStore(memoryStorage(), clock).store;
    laptop.recordAttempt(answer({ seed: 1 }));
    const phone = makeStore(memoryStorage(), clock).store;
    importProgress(phone, exportProgress(laptop), "replace");
    clock.advance(1000);
    laptop.recordAttempt(answer({ seed: 2 }));
    phone.recordAttempt(answer({ seed: 3 }));
    phone.completeChallenge("c1");

    const result = importProgress(laptop, exportProgress(phone), "merge");
    expect(result.ok).toBe(true);
    const merged = laptop.get();
    expect(merged.attempts.map((a) => a.seed)).toEqual(["1", "2", "3"]);
    expect(merged.xp).toBe(3 * XP_PER_LEVEL + CHALLENGE_XP);
    expect(Object.keys(merged.challenges)).toEqual(["c1"]);
    expect(merged.badges).toHaveProperty("first-challenge");
    // Importing the same file again changes nothing.
    const again = JSON.stringify({ ...merged, updatedAt: 0 });
    importProgress(laptop, exportProgress(phone), "merge");
    expect(JSON.stringify({ ...laptop.get(), updatedAt: 0 })).toBe(again);
  });

  it("backs up the current progress before replacing it", () => {
    const { store, storage } = makeStore();
    store.recordAttempt(answer());
    const before = JSON.stringify(store.get());
    importProgress(store, JSON.stringify(emptyProgress()), "replace");
    const backup = store.backups().find((b) => b.reason === "replaced")!;
    expect(storage.getItem(backup.key)).toBe(before);
    expect(store.notices()).toEqual([]);
  });

  it("resets to empty progress, keeping a backup", () => {
    const { store, storage } = makeStore();
    store.recordAttempt(answer());
    const key = store.reset();
    expect(store.get().attempts).toEqual([]);
    expect(key?.startsWith(BACKUP_PREFIX)).toBe(true);
    expect(JSON.parse(storage.getItem(key!)!).attempts).toHaveLength(1);
  });
});
