/** Helpers shared by the game layer's unit tests (not shipped: only *.test.ts import this). */
import { memoryStorage, type StorageLike } from "./storage.ts";
import { ProgressStore, type AttemptInput } from "./store.ts";

/** A clock the test moves by hand; starts at 2026-05-10 12:00 UTC. */
export function manualClock(start = Date.UTC(2026, 4, 10, 12)) {
  let now = start;
  const clock = () => now;
  return {
    clock,
    advance(ms: number) {
      now += ms;
    },
    advanceDays(days: number) {
      now += days * 86_400_000;
    },
  };
}

export function makeStore(storage: StorageLike = memoryStorage(), clock = manualClock()) {
  const store = new ProgressStore({ storage, clock: clock.clock, timeZone: "UTC" });
  return { store, storage, clock };
}

export function answer(overrides: Partial<Omit<AttemptInput, "seed">> & { seed?: number | string } = {}): AttemptInput {
  const { seed = 1, ...rest } = overrides;
  return {
    family: "survey-arithmetic",
    version: 1,
    seed: String(seed),
    level: 1,
    skills: ["unit-conversion"],
    earned: 1,
    total: 1,
    hints: 0,
    ...rest,
  };
}
