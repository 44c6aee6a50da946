import { describe, expect, it } from "vitest";
import { withoutColour } from "./withoutColour.ts";

describe("withoutColour", () => {
  it("gives each pixel's three planes their mean, keeping brightness, and leaves its input alone", () => {
    // Two pixels (CHW): pure red (1, 0, 0) and a blue-white (0.4, 0.6, 0.8).
    const chw = Float32Array.from([1, 0.4, 0, 0.6, 0, 0.8]);
    const grey = withoutColour(chw);
    expect(Array.from(grey).map((v) => +v.toFixed(6))).toEqual([0.333333, 0.6, 0.333333, 0.6, 0.333333, 0.6]);
    expect(chw[0]).toBe(1);
    // A grey picture stays as it is.
    expect(Array.from(withoutColour(grey))).toEqual(Array.from(grey));
  });
});
