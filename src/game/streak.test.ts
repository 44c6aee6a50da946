import { describe, expect, it } from "vitest";
import { daysBetween, localDayKey } from "./clock.ts";
import { streakOf } from "./streak.ts";

describe("local calendar days", () => {
  it("are the learner's local date, not the UTC date", () => {
    // 2026-03-01 23:30 in Honolulu is already 2026-03-02 09:30 UTC.
    const instant = Date.UTC(2026, 2, 2, 9, 30);
    expect(localDayKey(instant, "Pacific/Honolulu")).toBe("2026-03-01");
    expect(localDayKey(instant, "UTC")).toBe("2026-03-02");
    expect(localDayKey(instant, "Asia/Tokyo")).toBe("2026-03-02");
  });

  it("count whole days across a daylight-saving change", () => {
    // Europe/Berlin springs forward on 2026-03-29: that day has 23 hours.
    const before = Date.UTC(2026, 2, 28, 22, 30); // 23:30 local on the 28th
    const after = before + 24 * 3600_000; // 00:30 local on the 30th (23 h later would be the 29th's 23:30)
    expect(localDayKey(before, "Europe/Berlin")).toBe("2026-03-28");
    expect(localDayKey(after, "Europe/Berlin")).toBe("2026-03-30");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
  });
});

describe("streaks", () => {
  it("are zero with no activity", () => {
    expect(streakOf([], "2026-05-10")).toEqual({ current: 0, best: 0, today: false });
  });

  it("count consecutive days ending today", () => {
    expect(streakOf(["2026-05-08", "2026-05-09", "2026-05-10"], "2026-05-10")).toEqual({ current: 3, best: 3, today: true });
  });

  it("are still alive the morning after (ending yesterday), but not two days later", () => {
    expect(streakOf(["2026-05-08", "2026-05-09"], "2026-05-10")).toMatchObject({ current: 2, today: false });
    expect(streakOf(["2026-05-08", "2026-05-09"], "2026-05-11")).toMatchObject({ current: 0, best: 2 });
  });

  it("remember the best run after a gap", () => {
    const days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-10", "2026-01-11"];
    expect(streakOf(days, "2026-01-11")).toEqual({ current: 2, best: 4, today: true });
  });

  it("ignore duplicates, order and days in the future (a skewed clock)", () => {
    expect(streakOf(["2026-05-10", "2026-05-09", "2026-05-10", "2026-06-01"], "2026-05-10")).toMatchObject({ current: 2, best: 2 });
  });

  it("run across month and year ends", () => {
    expect(streakOf(["2026-12-30", "2026-12-31", "2027-01-01"], "2027-01-01").current).toBe(3);
  });
});
