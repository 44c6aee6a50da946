import { describe, expect, it } from "vitest";
import { SETTLED_RULE, lossSettled } from "./lossSettled.ts";

describe("the loss-settled rule", () => {
  it("is undecided before 2 windows of epochs", () => {
    expect(lossSettled(Array(2 * SETTLED_RULE.window - 1).fill(1))).toEqual({ settled: null, change: null });
  });
  it("says settled for a flat (noisy) curve and not for a falling one", () => {
    const flat = Array.from({ length: 100 }, (_, i) => 0.5 + 0.01 * Math.sin(i * 2.3));
    expect(lossSettled(flat).settled).toBe(true);
    const falling = Array.from({ length: 100 }, (_, i) => Math.exp(-i / 30));
    const f = lossSettled(falling);
    expect(f.settled).toBe(false);
    expect(f.change!).toBeLessThan(-SETTLED_RULE.threshold);
  });
  it("also says not settled when validation loss climbs again (overfitting)", () => {
    const climbing = Array.from({ length: 120 }, (_, i) => 0.2 + 0.0004 * (i - 30) ** 2);
    expect(lossSettled(climbing).settled).toBe(false);
    expect(lossSettled(climbing).change!).toBeGreaterThan(0);
  });
});
