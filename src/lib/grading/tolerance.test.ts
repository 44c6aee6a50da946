import { describe, expect, it } from "vitest";
import { acceptedText, formatWithin, toleranceInterval, withinTolerance } from "./tolerance.ts";

describe("withinTolerance", () => {
  it("accepts values within the wider of the absolute and relative bounds", () => {
    expect(withinTolerance(0.7315, 0.731, { abs: 0.001 })).toBe(true);
    expect(withinTolerance(0.733, 0.731, { abs: 0.001 })).toBe(false);
    expect(withinTolerance(1005, 1000, { rel: 0.01 })).toBe(true);
    expect(withinTolerance(1011, 1000, { rel: 0.01 })).toBe(false);
    expect(withinTolerance(0.0005, 0, { abs: 0.001, rel: 0.01 })).toBe(true);
  });

  it("accepts the exact bound despite float rounding, and only the exact value with no tolerance", () => {
    expect(withinTolerance(0.1 + 0.2, 0.2, { abs: 0.1 })).toBe(true);
    expect(withinTolerance(3, 3, {})).toBe(true);
    expect(withinTolerance(3.001, 3, {})).toBe(false);
  });

  it("never accepts NaN or infinities", () => {
    expect(withinTolerance(NaN, 1, { abs: 1 })).toBe(false);
    expect(withinTolerance(Infinity, Infinity, { abs: 1 })).toBe(false);
  });
});

describe("accepted interval text", () => {
  it("shows the value and the half-width: accepted: 0.731 ± 0.001", () => {
    expect(acceptedText(0.731, { abs: 0.001 })).toBe("accepted: 0.731 ± 0.001");
    expect(acceptedText(3, {})).toBe("accepted: exactly 3");
    expect(toleranceInterval(10, { rel: 0.1 })).toEqual([9, 11]);
  });

  it("formats the expected value with enough digits to be accepted when typed back", () => {
    const expected = 123.456789;
    const text = formatWithin(expected, { abs: 1e-4 });
    expect(withinTolerance(Number(text), expected, { abs: 1e-4 })).toBe(true);
    expect(formatWithin(0.731058578, { rel: 0.01 })).toBe("0.731");
  });
});
