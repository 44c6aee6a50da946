import { describe, expect, it } from "vitest";
import { defineFamily } from "./family.ts";
import type { FamilyDefinition } from "./family.ts";
import { selfTest } from "./selfTest.ts";
import type { ExerciseFamily } from "./family.ts";

/** A tiny family (x + 1) to break in one way at a time. */
function fixture(overrides: Partial<FamilyDefinition<{ x: number }>> = {}): ExerciseFamily<unknown> {
  return defineFamily<{ x: number }>({
    id: "fixture",
    version: 1,
    title: "x + 1",
    lesson: "neurons-and-layers",
    skills: ["adding"],
    levels: [1],
    generate: (rng) => ({ x: rng.int(1, 100) }),
    render: (p) => ({ prompt: `What is ${p.x} + 1?`, parts: [{ id: "y", label: "y" }] }),
    answer: (p) => ({ y: { kind: "integer", value: p.x + 1 } }),
    hints: () => ["Count on.", "Add one."],
    solution: (p) => [`${p.x} + 1 = ${p.x + 1}`],
    misconceptions: (p) => [{ id: "forgot-one", description: "Adds nothing.", input: { y: String(p.x) }, feedback: "Add the 1." }],
    ...overrides,
  }) as ExerciseFamily<unknown>;
}

describe("selfTest", () => {
  it("passes a correct family", () => {
    expect(selfTest(fixture(), { seeds: 20 })).toEqual([]);
  });

  it("reports a misconception that equals the correct answer (generate cannot find a well-posed draw)", () => {
    const problems = selfTest(fixture({ misconceptions: (p) => [{ id: "same", description: "", input: { y: String(p.x + 1) }, feedback: "?" }] }), { seeds: 5 });
    expect(problems.join("\n")).toMatch(/gives the correct answer/);
  });

  it("reports a solution whose last step does not show the answer", () => {
    expect(selfTest(fixture({ solution: () => ["Think about it."] }), { seeds: 5 }).join("\n")).toMatch(/does not show the answer/);
  });

  it("reports an exercise that is not reproducible from its seed", () => {
    let calls = 0;
    const problems = selfTest(fixture({ generate: (rng) => ({ x: rng.int(1, 100) + calls++ }) }), { seeds: 5 });
    expect(problems.join("\n")).toMatch(/different exercise/);
  });

  it("reports non-finite parameters and missing hints", () => {
    expect(selfTest(fixture({ generate: () => ({ x: NaN }) }), { seeds: 2 }).join("\n")).toMatch(/not finite/);
    expect(selfTest(fixture({ hints: () => ["only one"] }), { seeds: 2 }).join("\n")).toMatch(/two non-empty hints/);
  });

  it("reports two misconceptions that cannot be told apart", () => {
    const twice = (p: { x: number }) => [
      { id: "a", description: "", input: { y: String(p.x) }, feedback: "A" },
      { id: "b", description: "", input: { y: String(p.x) }, feedback: "B" },
    ];
    expect(selfTest(fixture({ misconceptions: twice }), { seeds: 2 }).join("\n")).toMatch(/indistinguishable/);
  });
});
