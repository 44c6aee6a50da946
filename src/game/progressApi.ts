/**
 * The progress API for lessons and widgets — the one way page code talks to the game layer.
 *
 *   import { completeChallenge, recordAttempt, onProgressChange } from "../game/progressApi.ts";
 *
 *   completeChallenge(id)      a lesson widget calls this when its challenge goal is met; it pays
 *                              CHALLENGE_XP and a badge once (later calls return `already: true`).
 *   recordAttempt(input)       the exercise UI calls this for every *graded* answer (never for
 *                              invalid input): XP, mastery, streak and badges follow.
 *   recordHelp(instance, help) the exercise UI calls this when a hint or the worked solution is
 *                              shown; helpOn(instance) reads it back after a reload.
 *   visitLesson(slug)          a lesson page calls this once on load (the course map's
 *                              "in progress").
 *   getProgress()              the current progress (read-only; see schema.ts).
 *   onProgressChange(cb)       cb(progress, change) after every change, in this tab or another
 *                              one; returns an unsubscribe function.
 *   progressStore()            the store itself, for the practice page (export, import, reset,
 *                              notices, backups).
 *
 * It also re-exports the game's types and the pure helpers that pages and apps read progress with
 * (levels, streaks, badges, mastery, the course map's lesson state, the next-exercise chooser).
 *
 * Every change also dispatches `new CustomEvent("deep-sky:progress", { detail: change })` on
 * `window`, so plain scripts (the course map, a header badge) can listen without importing Solid
 * or this module: `addEventListener("deep-sky:progress", (e) => …)`. Changes made in another tab
 * arrive through the browser's `storage` event and are re-dispatched with `kind: "external"`.
 *
 * All functions are safe to call during server rendering: there they do nothing and return
 * empty progress, so islands can call them without `isServer` checks of their own.
 */
import {
  ProgressStore,
  STORAGE_KEY,
  type AttemptInput,
  type AttemptOutcome,
  type Change,
  type ExerciseInstance,
  type Listener,
} from "./store.ts";
import { emptyProgress, type Help, type ProgressV1 } from "./schema.ts";
import { memoryStorage, type StorageLike } from "./storage.ts";

export type { AttemptInput, AttemptOutcome, Change, ExerciseInstance, Notice } from "./store.ts";
export type { Help, ProgressV1 } from "./schema.ts";

// Besides the functions below, pages, layouts, components, apps and widgets may use only these: the
// game's types and a few pure readings of a progress value (no store access). The house-rules test
// forbids them every other file of src/game, so this list is the game layer's whole public surface.
export { emptyProgress } from "./schema.ts";
export { noticeMessage } from "./notices.ts";
export { challengeReward, headerSummary, momentsOf, type HeaderSummary, type Moment } from "./moments.ts";
export { exportProgress, importProgress, type ImportMode } from "./transfer.ts";
export { localDayKey } from "./clock.ts";
export { HINT_COST } from "./xp.ts";
export { badgeInfo, type BadgeInfo } from "./badgeInfo.ts";
export { levelFor, type LevelProgress } from "./levels.ts";
export { BKT, MASTERY_THRESHOLD } from "./mastery.ts";
export { streakOf, type Streak } from "./streak.ts";
export { chooseNext, type FamilyInfo } from "./nextExercise.ts";
export { LESSON_PROGRESS_TEXT, lessonProgressText, lessonStanding, lessonState, mapDetailText, type LessonFacts } from "./lessonState.ts";

/** Name of the window event dispatched after every progress change. */
export const PROGRESS_EVENT = "deep-sky:progress";

let store: ProgressStore | null = null;

const inBrowser = () => typeof window !== "undefined" && typeof document !== "undefined";

/** localStorage, or an in-memory stand-in where the browser forbids it (some private modes). */
function browserStorage(): StorageLike {
  try {
    const storage = window.localStorage;
    storage.getItem(STORAGE_KEY);
    return storage;
  } catch {
    return memoryStorage();
  }
}

/** The page's progress store (created on first use). Only call it in the browser. */
export function progressStore(): ProgressStore {
  if (store) return store;
  const created = new ProgressStore({ storage: browserStorage() });
  created.subscribe((_progress, change) => {
    window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: change }));
  });
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY || event.key === null) created.reload();
  });
  store = created;
  return created;
}

export function getProgress(): ProgressV1 {
  return inBrowser() ? progressStore().get() : emptyProgress();
}

export function recordAttempt(input: AttemptInput): AttemptOutcome | null {
  return inBrowser() ? progressStore().recordAttempt(input) : null;
}

export function recordHelp(instance: ExerciseInstance, help: { hints?: number; solution?: boolean }): void {
  if (inBrowser()) progressStore().recordHelp(instance, help);
}

/** Help already taken on an exercise instance (hints shown, solution shown), or null. */
export function helpOn(instance: ExerciseInstance): Help | null {
  return inBrowser() ? progressStore().helpOn(instance) : null;
}

export function completeChallenge(id: string): (Change & { already: boolean }) | null {
  return inBrowser() ? progressStore().completeChallenge(id) : null;
}

export function visitLesson(slug: string): void {
  if (inBrowser()) progressStore().visitLesson(slug);
}

/**
 * Calls `callback` after every progress change. Listens to the window event rather than the store,
 * so it also hears changes made by a second copy of this module (islands bundled separately).
 */
export function onProgressChange(callback: Listener): () => void {
  if (!inBrowser()) return () => {};
  const handler = (event: Event) => callback(getProgress(), (event as CustomEvent<Change>).detail);
  window.addEventListener(PROGRESS_EVENT, handler);
  return () => window.removeEventListener(PROGRESS_EVENT, handler);
}
