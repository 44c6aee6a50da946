/**
 * Experience points. The rules, in one place:
 *
 *  - A graded answer is worth XP_PER_LEVEL × exercise level × (earned / total), rounded.
 *  - Each earlier graded answer to the same exercise halves that: the first try pays in full, the
 *    second half, the third a quarter… So a wrong answer costs at least as much as a hint (at
 *    level 1, 5 XP against 3), and a right answer after wrong ones never pays more than a right
 *    first answer with the same hints.
 *  - Each hint taken on an exercise costs HINT_COST XP from that exercise's reward, never below 0:
 *    hints can lower what an exercise pays, never take away XP earned elsewhere.
 *  - Once its worked solution has been shown, an exercise pays nothing more.
 *  - Hints and a shown solution are remembered per exercise (the store's `help`), so reloading the
 *    page does not refund them.
 *  - One exercise instance (family, version, seed, level) pays at most its best value once:
 *    a second correct submission of the same answer earns nothing more, a better score after a
 *    worse one earns the difference. "Another one like this" (a new seed) pays again.
 *  - Invalid input is not an attempt and costs nothing (the store never sees it).
 *  - A playground challenge pays CHALLENGE_XP once.
 */

export const XP_PER_LEVEL = 10;
export const HINT_COST = 3;
export const CHALLENGE_XP = 50;

/**
 * What a graded answer is worth before subtracting XP already paid for the same exercise: `tries`
 * is how many graded answers to this exercise came before it, `afterSolution` whether its worked
 * solution had been shown.
 */
export function exerciseValue(level: number, earned: number, total: number, hints: number, tries = 0, afterSolution = false): number {
  if (!(total > 0) || afterSolution) return 0;
  const fraction = Math.min(1, Math.max(0, earned / total));
  const raw = Math.round(XP_PER_LEVEL * Math.max(1, level) * fraction * 2 ** -Math.max(0, tries));
  return Math.max(0, raw - HINT_COST * Math.max(0, hints));
}

/** XP a new attempt earns, given what earlier attempts on the same instance already earned. */
export function xpForAttempt(value: number, alreadyEarnedOnInstance: number): number {
  return Math.max(0, value - alreadyEarnedOnInstance);
}
