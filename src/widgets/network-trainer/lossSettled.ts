// The trainer's "loss settled" rule, apart from unitView.ts so the always-shown line stays small.
/**
 * The "loss settled" rule. Validation loss from mini-batch training is noisy, so it is first
 * smoothed with an exponential moving average, sᵢ = α·lossᵢ + (1 − α)·sᵢ₋₁ (α = 0.1, s₀ = loss₀).
 * The loss has settled when the smoothed value moved by less than `threshold` (1 %) of itself over
 * the last `window` (20) epochs: |sₙ − sₙ₋window| / sₙ₋window < threshold. Needs at least 2·window
 * epochs, so the average has forgotten its start.
 */
export const SETTLED_RULE = { alpha: 0.1, window: 20, threshold: 0.01 } as const;

export interface SettledState {
  /** null until there are enough epochs to judge. */
  settled: boolean | null;
  /** Relative change of the smoothed loss over the window (signed; negative = still falling). */
  change: number | null;
}

export function lossSettled(
  valLoss: readonly number[],
  rule: { alpha: number; window: number; threshold: number } = SETTLED_RULE,
): SettledState {
  const finite = valLoss.filter((v) => Number.isFinite(v));
  if (finite.length < 2 * rule.window) return { settled: null, change: null };
  const smooth: number[] = [];
  let s = finite[0];
  for (const v of finite) {
    s = rule.alpha * v + (1 - rule.alpha) * s;
    smooth.push(s);
  }
  const now = smooth[smooth.length - 1];
  const before = smooth[smooth.length - 1 - rule.window];
  const change = (now - before) / before;
  return { settled: Math.abs(change) < rule.threshold, change };
}
