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
    const problems = selfTest(
      fixture({ misconceptions: (p) => [{ id: "same", description: "", input: { y: String(p.x + 1) }, feedback: "?" }] }),
      { seeds: 5 },
    );
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

/** A choice family: "which of a, b, c is the largest number?", with its rule and a chart to read. */
function choiceFixture(overrides: Partial<FamilyDefinition<{ values: number[] }>> = {}): ExerciseFamily<unknown> {
  const largest = (p: { values: number[] }) => p.values.indexOf(Math.max(...p.values));
  return defineFamily<{ values: number[] }>({
    id: "choice-fixture",
    version: 1,
    title: "largest",
    lesson: "neurons-and-layers",
    skills: ["comparing"],
    levels: [1],
    generate: (rng) => ({ values: rng.shuffle([1, 2, 3]) }),
    render: (p) => ({
      prompt: "Which bar is the tallest?",
      parts: [{ id: "c", label: "bar" }],
      figure: {
        kind: "curves",
        series: [{ name: "bars", points: p.values.map((v, i): [number, number] => [i, v]) }],
        xLabel: "bar",
        yLabel: "height",
      },
    }),
    answer: (p) => ({
      c: { kind: "choice", options: p.values.map((_, i) => ({ id: "abc"[i], label: `bar ${i}` })), correct: "abc"[largest(p)] },
    }),
    rule: (p, _part, id) => "abc".indexOf(id as string) === largest(p),
    decidableFromFigure: () => true,
    hints: () => ["Look.", "Compare."],
    solution: (p) => [`The tallest is ${"abc"[largest(p)]}: bar ${largest(p)}.`],
    misconceptions: () => [],
    ...overrides,
  }) as ExerciseFamily<unknown>;
}

describe("selfTest well-posedness: every choice, ordering and chart is checked against the family's own rule", () => {
  it("passes a choice family whose key agrees with its rule", () => {
    expect(selfTest(choiceFixture(), { seeds: 10 })).toEqual([]);
  });

  it("reports a choice family that declares no rule, and a chart family that declares no decidability check", () => {
    const problems = selfTest(choiceFixture({ rule: undefined, decidableFromFigure: undefined }), { seeds: 2 }).join("\n");
    expect(problems).toMatch(/declares no rule/);
    expect(problems).toMatch(/declares no decidableFromFigure/);
  });

  it("reports an option the rule calls right but the grader rejects (the key is one of several right answers)", () => {
    const problems = selfTest(choiceFixture({ rule: (p, _part, id) => (p.values["abc".indexOf(id as string)] ?? 0) >= 2 }), {
      seeds: 3,
    }).join("\n");
    expect(problems).toMatch(/is rejected by the grader but the rule says it is right/);
  });

  it("reports an ordering whose grader accepts one order where the rule allows two", () => {
    const ordering = defineFamily<{ shown: string[] }>({
      id: "ordering-fixture",
      version: 1,
      title: "order",
      lesson: "neurons-and-layers",
      skills: ["ordering"],
      levels: [1],
      generate: (rng) => ({ shown: rng.shuffle(["x", "y", "z"]) }),
      render: () => ({ prompt: "x before z; y anywhere", parts: [{ id: "o", label: "order" }] }),
      answer: (p) => ({ o: { kind: "ordering", items: p.shown.map((id) => ({ id, label: id })), correct: ["x", "y", "z"] } }),
      rule: (_p, _part, order) => (order as string[]).indexOf("x") < (order as string[]).indexOf("z"),
      hints: () => ["One.", "Two."],
      solution: () => ["x, y, z"],
      misconceptions: () => [],
    }) as ExerciseFamily<unknown>;
    expect(selfTest(ordering, { seeds: 2 }).join("\n")).toMatch(/“y, x, z” is rejected by the grader but the rule says it is right/);
  });

  it("reports a chart from which the keyed answer cannot be read", () => {
    const problems = selfTest(choiceFixture({ decidableFromFigure: () => "the bars are all the same height" }), { seeds: 2 }).join("\n");
    expect(problems).toMatch(/cannot be read off the chart: the bars are all the same height/);
  });
});
