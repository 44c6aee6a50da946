/**
 * Mastery per skill: Bayesian Knowledge Tracing (Corbett & Anderson, 1995).
 *
 * Each skill is a hidden binary state — the learner knows it (L) or not — and each graded answer is
 * a noisy observation of that state. Four parameters, the same for every skill until we have data
 * to fit them per skill:
 *
 *   p(L0) = 0.20  prior that the skill is already known before any exercise (a lesson was read)
 *   p(T)  = 0.15  chance of learning the skill at each practice opportunity (transition not→known)
 *   p(G)  = 0.20  chance of answering right without knowing (a guess; multiple-choice parts)
 *   p(S)  = 0.10  chance of answering wrong while knowing (a slip: a typo, a unit)
 *
 * After an answer, Bayes' rule gives the posterior that the skill was known:
 *
 *   correct:  p(L | ✓) = p(L)(1 − S) / [ p(L)(1 − S) + (1 − p(L)) G ]
 *   wrong:    p(L | ✗) = p(L) S      / [ p(L) S      + (1 − p(L)) (1 − G) ]
 *
 * and the practice itself may have taught it:  p(L)' = p(L | obs) + (1 − p(L | obs)) T.
 *
 * Two extensions, both standard in practice:
 *  - Partial credit: exercises have several parts, so an answer is a credit c ∈ [0, 1]
 *    (earned / total). We treat it as soft evidence, mixing the two posteriors:
 *    p(L | c) = c · p(L | ✓) + (1 − c) · p(L | ✗). With c ∈ {0, 1} this is plain BKT.
 *  - Hints and earlier tries: a right answer after n hints, or after m graded answers to the same
 *    exercise (a correction read off the feedback, or the same exercise again after a reload), is
 *    weaker evidence of knowing — but it is no evidence of *not* knowing. So only the right part
 *    of the evidence is weakened, towards no update at all, with weight w = 1 / (1 + n + m):
 *    p(L | ✓, w) = w · p(L | ✓) + (1 − w) · p(L), and with a credit c:
 *    p(L | c, w) = c · p(L | ✓, w) + (1 − c) · p(L | ✗).
 *    Since p(L | ✓) ≥ p(L) whenever 1 − S ≥ G, a right answer never lowers p(L), however many
 *    hints or tries came before it; a wrong one counts in full. A right answer given after the
 *    worked solution was shown is a copy: w = 0.
 *
 * A skill counts as mastered at p(L) ≥ 0.95, the criterion of Corbett & Anderson. Repeated correct
 * answers drive p(L) to 1; repeated wrong answers drive it down to a floor near p(T) (the update
 * always allows for learning on the next try), so a learner is never "stuck at zero".
 */

/** The four BKT parameters. */
export type BktParams = {
  /** Prior probability the skill is known before any practice. */
  readonly pInit: number;
  /** Probability of learning the skill at each practice opportunity. */
  readonly pTransit: number;
  /** Probability of a correct answer without knowing the skill. */
  readonly pGuess: number;
  /** Probability of a wrong answer despite knowing the skill. */
  readonly pSlip: number;
};

export const BKT: BktParams = { pInit: 0.2, pTransit: 0.15, pGuess: 0.2, pSlip: 0.1 };

/** p(L) at or above which a skill is shown as mastered. */
export const MASTERY_THRESHOLD = 0.95;

/** What the store keeps per skill. */
export type SkillMastery = {
  /** Current probability that the skill is known, p(L). */
  p: number;
  /** Graded answers that exercised this skill. */
  n: number;
  /** Of those, answers with full credit. */
  correct: number;
  /** Epoch ms of the last update. */
  at: number;
};

/**
 * One BKT step: p(L) after an answer with credit `credit` ∈ [0, 1], the right part of its evidence
 * trusted with weight `rightWeight` ∈ [0, 1] (1: plain BKT; see evidenceWeight).
 */
export function bktUpdate(pKnown: number, credit: number, rightWeight = 1, params: BktParams = BKT): number {
  const c = Math.min(1, Math.max(0, credit));
  const w = Math.min(1, Math.max(0, rightWeight));
  const { pTransit: t, pGuess: g, pSlip: s } = params;
  const whenRight = (pKnown * (1 - s)) / (pKnown * (1 - s) + (1 - pKnown) * g);
  const whenWrong = (pKnown * s) / (pKnown * s + (1 - pKnown) * (1 - g));
  const posterior = c * (w * whenRight + (1 - w) * pKnown) + (1 - c) * whenWrong;
  return posterior + (1 - posterior) * t;
}

/** An attempt's credit: the fraction of its points earned, in [0, 1] (0 when it has no points). */
export function creditOf(earned: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(1, Math.max(0, earned / total));
}

/** How far a right answer is trusted after `hints` hints and `tries` earlier answers: 1 / (1 + n + m). */
export function evidenceWeight(hints: number, tries = 0): number {
  return 1 / (1 + Math.max(0, hints) + Math.max(0, tries));
}

/** The mastery record of a skill never practised. */
export function freshSkill(params: BktParams = BKT): SkillMastery {
  return { p: params.pInit, n: 0, correct: 0, at: 0 };
}

/** A skill's record after one more attempt. */
export function updateSkill(
  current: SkillMastery | undefined,
  attempt: { earned: number; total: number; hints: number; tries?: number; afterSolution?: boolean; at: number },
  params: BktParams = BKT,
): SkillMastery {
  const before = current ?? freshSkill(params);
  const full = attempt.total > 0 && attempt.earned >= attempt.total;
  return {
    p: bktUpdate(
      before.p,
      creditOf(attempt.earned, attempt.total),
      attempt.afterSolution ? 0 : evidenceWeight(attempt.hints, attempt.tries ?? 0),
      params,
    ),
    n: before.n + 1,
    correct: before.correct + (full ? 1 : 0),
    at: attempt.at,
  };
}

/** p(L) of a skill, the prior when it was never practised. */
export function pKnown(mastery: Readonly<Record<string, SkillMastery>>, skill: string, params: BktParams = BKT): number {
  return mastery[skill]?.p ?? params.pInit;
}

/** Whether a skill counts as mastered: p(L) at or above MASTERY_THRESHOLD. */
export function isMastered(mastery: Readonly<Record<string, SkillMastery>>, skill: string): boolean {
  return pKnown(mastery, skill) >= MASTERY_THRESHOLD;
}

/**
 * Mastery of every skill from a history of attempts, replayed in time order. Because BKT is
 * path-dependent, this replay (not an average of two devices' numbers) is how merged progress
 * gets its mastery.
 */
export function replayMastery(
  attempts: readonly {
    skills: readonly string[];
    earned: number;
    total: number;
    hints: number;
    tries?: number;
    afterSolution?: boolean;
    at: number;
  }[],
  params: BktParams = BKT,
): Record<string, SkillMastery> {
  const mastery: Record<string, SkillMastery> = {};
  const ordered = [...attempts].sort((a, b) => a.at - b.at);
  for (const attempt of ordered) {
    for (const skill of attempt.skills) mastery[skill] = updateSkill(mastery[skill], attempt, params);
  }
  return mastery;
}
