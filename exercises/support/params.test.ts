import { describe, expect, it } from "vitest";
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, summaryData } from "../../src/lib/nn/index.ts";
import { conv2dParams, denseParams } from "./params.ts";

// The families count parameters with these small formulas; this test holds them to the engine's own
// layers (src/lib/nn, Keras-shaped), so the two cannot drift apart.
describe("parameter-count formulas agree with src/lib/nn's model summary", () => {
  it("Dense(n_in → n_out) has n_in·n_out + n_out parameters", () => {
    for (const [nIn, nOut] of [
      [3, 4],
      [784, 128],
      [1, 1],
    ]) {
      const model = new Sequential([new Dense(nOut)], { inputShape: [nIn], seed: 0 });
      expect(summaryData(model).rows.find((r) => r.kind === "Dense")!.params).toBe(denseParams(nIn, nOut));
    }
  });

  it("Conv2D(F, k×k) on C channels has k·k·C·F + F parameters, and pooling/flatten none", () => {
    const model = new Sequential(
      [new Conv2D(16, 3, { padding: "same" }), new MaxPool2D(2), new Conv2D(8, 5), new Flatten(), new Dense(10)],
      { inputShape: [3, 32, 32], seed: 0 },
    );
    const rows = summaryData(model).rows;
    expect(rows.map((r) => r.params)).toEqual([conv2dParams(3, 3, 16), 0, conv2dParams(5, 16, 8), 0, denseParams(8 * 12 * 12, 10)]);
  });
});
