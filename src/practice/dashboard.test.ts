import { describe, expect, it } from "vitest";
import { answer, makeStore } from "../game/testing.ts";
import { dashboard, plural } from "./dashboard.ts";

describe("the practice dashboard", () => {
  it("lists known skills at the prior before practice", () => {
    const { store } = makeStore();
    const d = dashboard(store.get(), store.today(), ["bias"]);
    expect(d.skills).toEqual([{ skill: "bias", p: 0.2, percent: 20, mastered: false, answers: 0 }]);
    expect(d.level.level.name).toBe("2MASS");
    expect(d.streak.current).toBe(0);
    expect(d.practised).toEqual([]);
  });

  it("shows XP, streak, badges and mastery after practice", () => {
    const { store } = makeStore();
    for (let seed = 0; seed < 5; seed++) store.recordAttempt(answer({ seed }));
    const d = dashboard(store.get(), store.today(), ["bias"]);
    expect(d.xp).toBe(50);
    expect(d.streak).toMatchObject({ current: 1, today: true });
    expect(d.badges.map((b) => b.id)).toContain("first-light");
    const row = d.skills.find((s) => s.skill === "unit-conversion")!;
    expect(row.mastered).toBe(true);
    expect(row.answers).toBe(5);
    expect(d.fullyRight).toBe(5);
    expect(d.practised.map((r) => r.skill)).toEqual(["unit-conversion"]);
  });

  it("pluralises", () => {
    expect(plural(1, "day")).toBe("1 day");
    expect(plural(3, "day")).toBe("3 days");
  });
});
