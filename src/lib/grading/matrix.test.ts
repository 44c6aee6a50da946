import { describe, expect, it } from "vitest";
import { formatMatrix, formatVector, parseMatrix, parseVector } from "./matrix.ts";

describe("parseVector", () => {
  it.each([
    ["[1, 2, 3]", [1, 2, 3]],
    ["(1, 2, 3)", [1, 2, 3]],
    ["1, 2, 3", [1, 2, 3]],
    ["1 2 3", [1, 2, 3]],
    ["[1 2 3]", [1, 2, 3]],
    ["[1; 2; 3]", [1, 2, 3]],
    ["[\u22120.5, 1/4, 1e-3]", [-0.5, 0.25, 0.001]],
    ["  [ 7 ]  ", [7]],
  ])("reads %j", (text, expected) => {
    expect(parseVector(text)).toEqual({ ok: true, value: expected });
  });

  it("names the entry that is not a number", () => {
    const r = parseVector("[1, x, 3]");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Entry 2:/);
  });

  it("reports unclosed brackets, empty entries, empty vectors and matrices given for vectors", () => {
    for (const [text, pattern] of [
      ["[1,2", /never closed/],
      ["1,2]", /without a matching/],
      ["[1,,2]", /Entry 2 is empty/],
      ["[]", /empty/],
      ["", /Enter a vector/],
      ["[1, 2; 3, 4]", /matrix/],
    ] as const) {
      const r = parseVector(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.message, text).toMatch(pattern);
    }
  });

  it("formats vectors so that they read back", () => {
    expect(formatVector([1, -0.5, 1 / 3])).toBe("[1, -0.5, 0.333333]");
    expect(parseVector(formatVector([1, -0.5]))).toEqual({ ok: true, value: [1, -0.5] });
  });
});

describe("parseMatrix", () => {
  const m22 = [
    [1, 2],
    [3, 4],
  ];
  it.each([
    ["[1, 2; 3, 4]"],
    ["[[1,2],[3,4]]"],
    ["1 2; 3 4"],
    ["[1 2; 3 4]"],
    ["1, 2\n3, 4"],
    ["[[1, 2], [3, 4]]"],
    ["[1,2],[3,4]"],
    ["1 2; 3 4;"],
    ["((1, 2), (3, 4))"],
  ])("reads %j as a 2×2 matrix", (text) => {
    expect(parseMatrix(text)).toEqual({ ok: true, value: m22 });
  });

  it("reads one row as a 1×n matrix and unicode minus inside entries", () => {
    expect(parseMatrix("[1, \u22122, 3]")).toEqual({ ok: true, value: [[1, -2, 3]] });
  });

  it("says which row is ragged: Row 2 has 3 entries but row 1 has 2", () => {
    expect(parseMatrix("[1, 2; 3, 4, 5]")).toEqual({ ok: false, message: "Row 2 has 3 entries but row 1 has 2." });
    expect(parseMatrix("[[1, 2], [3]]")).toEqual({ ok: false, message: "Row 2 has 1 entry but row 1 has 2." });
  });

  it("names the row and entry that is not a number, and reports bracket problems", () => {
    const bad = parseMatrix("[1, 2; 3, banana]");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^Row 2, entry 2:/);
    expect(parseMatrix("[[1,2],[3,4]").ok).toBe(false);
    expect(parseMatrix("").ok).toBe(false);
    expect(parseMatrix("[1, 2;; 3, 4]").ok).toBe(false);
  });

  it("formats matrices in the [a, b; c, d] form that reads back", () => {
    expect(formatMatrix(m22)).toBe("[1, 2; 3, 4]");
    expect(parseMatrix(formatMatrix(m22))).toEqual({ ok: true, value: m22 });
  });
});
