import { describe, expect, it } from "vitest";
import { BKT, MASTERY_THRESHOLD, bktUpdate, creditOf, evidenceWeight, replayMastery, updateSkill } from "./mastery.ts";

describe("Bayesian Knowledge Tracing", () => {
  it("matches a hand-computed step: p=0.2, correct → 0.2·0.9/(0.2·0.9+0.8·0.2)=0.5294…, then +T", () => {
    const posterior = (0.2 * 0.9) / (0.2 * 0.9 + 0.8 * 0.2);
    expect(bktUpdate(0.2, 1)).toBeCloseTo(posterior + (1 - posterior) * 0.15, 12);
  });

  it("matches a hand-computed step after a wrong answer: 0.2·0.1/(0.2·0.1+0.8·0.8), then +T", () => {
    const posterior = (0.2 * 0.1) / (0.2 * 0.1 + 0.8 * 0.8);
    expect(bktUpdate(0.2, 0)).toBeCloseTo(posterior + (1 - posterior) * 0.15, 12);
  });

  it("raises p(L) after a correct answer and lowers it after a wrong one (above the p(T) floor)", () => {
    // Below the floor (≈ 0.163) the chance of learning on the next try outweighs a wrong answer's
    // evidence: BKT never lets p(L) sink to zero.
    for (const p of [BKT.pInit, 0.3, 0.5, 0.8, 0.94]) {
      expect(bktUpdate(p, 1)).toBeGreaterThan(p);
      expect(bktUpdate(p, 0)).toBeLessThan(p);
    }
  });

  it("treats partial credit as evidence between right and wrong, monotonically", () => {
    const values = [0, 0.25, 0.5, 0.75, 1].map((c) => bktUpdate(0.4, c));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
  });

  it("converges to mastery after a run of correct answers, and stays in [0, 1]", () => {
    let p = BKT.pInit;
    let steps = 0;
    while (p < MASTERY_THRESHOLD && steps < 50) {
      p = bktUpdate(p, 1);
      steps++;
    }
    expect(steps).toBeLessThanOrEqual(5);
    for (let i = 0; i < 100; i++) p = bktUpdate(p, 1);
    expect(p).toBeLessThanOrEqual(1);
    expect(p).toBeGreaterThan(0.999);
  });

  it("falls to a floor near p(T) after a run of wrong answers, never to zero", () => {
    let p = 0.9;
    for (let i = 0; i < 100; i++) p = bktUpdate(p, 0);
    expect(p).toBeGreaterThanOrEqual(BKT.pTransit);
    expect(p).toBeLessThan(0.2);
    expect(bktUpdate(p, 0)).toBeCloseTo(p, 9); // a fixed point
  });

  it("weakens the evidence of a right answer by the hints and tries before it, towards no update", () => {
    expect(creditOf(2, 2)).toBe(1);
    expect(creditOf(1, 2)).toBe(0.5);
    expect(creditOf(1, 0)).toBe(0);
    expect(evidenceWeight(0)).toBe(1);
    expect(evidenceWeight(1)).toBe(0.5);
    // A right answer after a wrong one on the same exercise counts like one after a hint.
    expect(evidenceWeight(0, 1)).toBe(0.5);
    expect(evidenceWeight(1, 1)).toBeCloseTo(1 / 3, 12);
    expect(bktUpdate(0.3, 1, evidenceWeight(2))).toBeLessThan(bktUpdate(0.3, 1, evidenceWeight(0)));
    // Hand-computed: p = 0.3, right after one hint (w = 1/2): posterior = ½·p(L|✓) + ½·0.3, then +T.
    const right = (0.3 * 0.9) / (0.3 * 0.9 + 0.7 * 0.2);
    const posterior = 0.5 * right + 0.5 * 0.3;
    expect(bktUpdate(0.3, 1, 0.5)).toBeCloseTo(posterior + (1 - posterior) * 0.15, 12);
    // A wrong answer counts in full whatever the weight.
    expect(bktUpdate(0.3, 0, 0.25)).toBeCloseTo(bktUpdate(0.3, 0), 12);
  });

  it("never lowers p(L) after a right answer, however many hints or tries came before it", () => {
    for (const p of [0.01, BKT.pInit, 0.5, 0.9, 0.999]) {
      for (const hints of [0, 1, 3]) {
        for (const tries of [0, 1, 5, 50]) expect(bktUpdate(p, 1, evidenceWeight(hints, tries))).toBeGreaterThanOrEqual(p);
      }
    }
    // The same seeded exercise answered right again and again (a learner reloading its link): each
    // later answer is a further try, and p(L) must only climb.
    let m = updateSkill(undefined, { earned: 1, total: 1, hints: 0, tries: 0, at: 1 });
    for (let tries = 1; tries < 8; tries++) {
      const next = updateSkill(m, { earned: 1, total: 1, hints: 0, tries, at: 1 + tries });
      expect(next.p).toBeGreaterThan(m.p);
      m = next;
    }
  });

  it("counts attempts and full-credit answers per skill", () => {
    let m = updateSkill(undefined, { earned: 1, total: 1, hints: 0, at: 5 });
    m = updateSkill(m, { earned: 0, total: 1, hints: 0, at: 6 });
    expect(m).toMatchObject({ n: 2, correct: 1, at: 6 });
  });

  it("replays attempts in time order, whatever order they are given in", () => {
    const attempts = [
      { skills: ["a"], earned: 1, total: 1, hints: 0, at: 3 },
      { skills: ["a", "b"], earned: 0, total: 1, hints: 0, at: 1 },
      { skills: ["a"], earned: 1, total: 1, hints: 0, at: 2 },
    ];
    const replayed = replayMastery(attempts);
    let p = BKT.pInit;
    p = bktUpdate(p, 0);
    p = bktUpdate(p, 1);
    p = bktUpdate(p, 1);
    expect(replayed.a!.p).toBeCloseTo(p, 12);
    expect(replayed.b!.n).toBe(1);
  });
});
