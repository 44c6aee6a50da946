import { describe, expect, it } from "vitest";
import { parsePracticeUrl, writePracticeUrl } from "./practiceUrl.ts";

describe("the practice page's URL", () => {
  it("round-trips one exact exercise and a focus", () => {
    const state = { focus: "lesson:neurons-and-layers", family: "neuron-output", seed: "123456", level: 2 };
    expect(parsePracticeUrl(writePracticeUrl(state))).toEqual(state);
  });

  it("ignores what it cannot read", () => {
    expect(parsePracticeUrl("?family=<script>&seed=a b&level=x&focus=evil")).toEqual({});
    expect(parsePracticeUrl("?level=0")).toEqual({});
  });

  it("writes nothing for the default state", () => {
    expect(writePracticeUrl({ focus: "all" })).toBe("");
  });

  it("reads skills with spaces", () => {
    expect(parsePracticeUrl("?focus=skill%3Aweighted+sum").focus).toBe("skill:weighted sum");
  });
});
