import { describe, expect, it } from "vitest";
import { replayMastery } from "./mastery.ts";
import { mergeProgress } from "./merge.ts";
import type { ProgressV1 } from "./schema.ts";
import { answer, makeStore, manualClock } from "./testing.ts";
import { memoryStorage } from "./storage.ts";

function twoDevices(): [ProgressV1, ProgressV1] {
  const clock = manualClock();
  const a = makeStore(memoryStorage(), clock).store;
  const b = makeStore(memoryStorage(), clock).store;
  a.recordAttempt(answer({ seed: 1 }));
  clock.advanceDays(1);
  b.recordAttempt(answer({ seed: 2, earned: 0, skills: ["unit-conversion", "log-scales"] }));
  b.visitLesson("why-deep-learning");
  clock.advanceDays(1);
  a.completeChallenge("x");
  a.visitLesson("why-deep-learning");
  a.recordHelp(answer({ seed: 3 }), { hints: 2 });
  b.recordHelp(answer({ seed: 4 }), { hints: 1 });
  b.recordHelp(answer({ seed: 3 }), { hints: 1, solution: true });
  return [a.get(), b.get()];
}

const strip = (p: ProgressV1) => JSON.stringify({ ...p, updatedAt: 0 });

describe("merging progress", () => {
  it("is commutative and idempotent", () => {
    const [a, b] = twoDevices();
    const ab = mergeProgress(a, b);
    expect(strip(ab)).toBe(strip(mergeProgress(b, a)));
    expect(strip(mergeProgress(ab, b))).toBe(strip(ab));
    expect(strip(mergeProgress(ab, ab))).toBe(strip(ab));
  });

  it("replays mastery over the merged answers in time order", () => {
    const [a, b] = twoDevices();
    const merged = mergeProgress(a, b);
    expect(merged.mastery).toEqual(replayMastery(merged.attempts));
  });

  it("unites days and lesson visits (earliest first, latest last)", () => {
    const [a, b] = twoDevices();
    const merged = mergeProgress(a, b);
    expect(merged.days).toEqual(["2026-05-10", "2026-05-11", "2026-05-12"]);
    expect(merged.lessons["why-deep-learning"]).toEqual({
      first: b.lessons["why-deep-learning"]!.first,
      last: a.lessons["why-deep-learning"]!.last,
    });
  });

  it("unites help per exercise: the more hints, a solution shown on either side", () => {
    const [a, b] = twoDevices();
    const merged = mergeProgress(a, b);
    expect(Object.keys(merged.help)).toEqual(["survey-arithmetic@1:3:1", "survey-arithmetic@1:4:1"]);
    expect(merged.help["survey-arithmetic@1:3:1"]).toMatchObject({ hints: 2, solution: true });
    expect(merged.help["survey-arithmetic@1:4:1"]).toMatchObject({ hints: 1, solution: false });
  });

  it("never lowers XP below either side's total", () => {
    const [a, b] = twoDevices();
    const rich = { ...a, xp: 10_000 };
    expect(mergeProgress(rich, b).xp).toBe(10_000);
  });
});
