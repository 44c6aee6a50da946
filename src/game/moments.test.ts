import { describe, expect, it } from "vitest";
import { badgeInfo } from "./badgeInfo.ts";
import { LEVELS } from "./levels.ts";
import { challengeReward, headerSummary, momentsOf } from "./moments.ts";
import { emptyProgress } from "./schema.ts";
import { answer, makeStore } from "./testing.ts";
import { CHALLENGE_XP, exerciseValue } from "./xp.ts";

describe("momentsOf (level-up and badge moments)", () => {
  it("announces the first full answer's badge once, and the level-up on the answer that crosses the threshold, once", () => {
    const { store } = makeStore();
    const seen: string[][] = [];
    // Level-3 answers pay exerciseValue(3, 1, 1, 0) each; count how many reach the second level.
    const perAnswer = exerciseValue(3, 1, 1, 0);
    const needed = Math.ceil(LEVELS[1]!.minXp / perAnswer);
    for (let i = 0; i < needed + 2; i++) seen.push(momentsOf(store.recordAttempt(answer({ seed: i, level: 3 }))).map((m) => m.id));
    expect(seen[0]).toEqual(["first-light"]);
    const withLevel = seen.map((ids, i) => (ids.includes(`level:${LEVELS[1]!.survey}`) ? i : -1)).filter((i) => i >= 0);
    expect(withLevel).toEqual([needed - 1]);
    // The level's own badge is folded into the level-up: one moment, not two.
    expect(seen[needed - 1]!.filter((id) => id === `level:${LEVELS[1]!.survey}`)).toHaveLength(1);
    expect(seen.flat().filter((id) => id === "first-light")).toHaveLength(1);
  });

  it("puts the level-up first and names the level and badges in words", () => {
    const moments = momentsOf({ kind: "attempt", levelUp: LEVELS[1]!, newBadges: ["first-light", `level:${LEVELS[1]!.survey}`] });
    expect(moments.map((m) => m.kind)).toEqual(["level", "badge"]);
    expect(moments[0]!.title).toBe(`Level up: ${LEVELS[1]!.name}`);
    expect(moments[0]!.text).toContain(`${LEVELS[1]!.minXp} XP`);
    expect(moments[1]!.title).toBe(`Badge: ${badgeInfo("first-light").title}`);
  });

  it("brings nothing for a change from another tab, an import or a repeated challenge", () => {
    expect(momentsOf({ kind: "external", levelUp: null, newBadges: [] })).toEqual([]);
    // An import awards the imported progress's badges at once; they were earned elsewhere, earlier.
    expect(momentsOf({ kind: "import", levelUp: LEVELS[1]!, newBadges: ["first-light", "week-streak"] })).toEqual([]);
    const { store } = makeStore();
    store.completeChallenge("neuron-separate-clusters");
    expect(momentsOf(store.completeChallenge("neuron-separate-clusters"))).toEqual([]);
  });

  it("a completed challenge brings its named badge and the first-challenge badge", () => {
    const { store } = makeStore();
    const ids = momentsOf(store.completeChallenge("neuron-separate-clusters")).map((m) => m.title);
    expect(ids).toContain(`Badge: ${badgeInfo("challenge:neuron-separate-clusters").title}`);
    expect(ids).toContain(`Badge: ${badgeInfo("first-challenge").title}`);
  });
});

describe("headerSummary", () => {
  it("reads level, XP, XP to the next level and the streak from progress", () => {
    const progress = { ...emptyProgress(), xp: LEVELS[1]!.minXp + 5, days: ["2026-05-09", "2026-05-10"] };
    const summary = headerSummary(progress, "2026-05-10");
    expect(summary).toMatchObject({
      xp: LEVELS[1]!.minXp + 5,
      level: LEVELS[1]!.name,
      streak: 2,
      toNext: LEVELS[2]!.minXp - LEVELS[1]!.minXp - 5,
    });
    expect(summary.label).toContain(`${LEVELS[2]!.minXp - LEVELS[1]!.minXp - 5} XP to ${LEVELS[2]!.name}`);
    expect(summary.label).toContain("streak 2 days");
  });

  it("starts at the first level with no streak, and has no next level at the top", () => {
    expect(headerSummary(emptyProgress(), "2026-05-10")).toMatchObject({ xp: 0, level: LEVELS[0]!.name, streak: 0 });
    expect(headerSummary({ xp: LEVELS.at(-1)!.minXp, days: [] }, "2026-05-10").toNext).toBeNull();
  });
});

describe("challengeReward", () => {
  it("names the XP and the challenge's own badge", () => {
    const reward = challengeReward("neuron-separate-clusters");
    expect(reward.xp).toBe(CHALLENGE_XP);
    expect(reward.text).toBe(`+${CHALLENGE_XP} XP and the badge “${badgeInfo("challenge:neuron-separate-clusters").title}”.`);
  });
});
