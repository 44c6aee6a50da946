import { describe, expect, it } from "vitest";
import { answerText, checkAnswer } from "./answerSpec.ts";
import type { AnswerSpec } from "./answerSpec.ts";
import { gradeParts, validateParts } from "./grade.ts";

const num: AnswerSpec = { kind: "number", value: 0.731, tolerance: { abs: 0.001 } };
const int: AnswerSpec = { kind: "integer", value: 16 };
const vec: AnswerSpec = { kind: "vector", value: [1, 2, 3], tolerance: { abs: 0.01 } };
const mat: AnswerSpec = {
  kind: "matrix",
  value: [
    [1, 2],
    [3, 4],
  ],
  tolerance: { abs: 0.01 },
};
const choice: AnswerSpec = {
  kind: "choice",
  options: [
    { id: "a", label: "tanh" },
    { id: "b", label: "ReLU" },
  ],
  correct: "a",
};
const order: AnswerSpec = {
  kind: "ordering",
  items: [
    { id: "x", label: "X" },
    { id: "y", label: "Y" },
    { id: "z", label: "Z" },
  ],
  correct: ["z", "x", "y"],
};
const expr: AnswerSpec = {
  kind: "expression",
  variables: ["s"],
  canonical: "s*(1-s)",
  points: [{ s: 0.2 }, { s: 0.7 }],
  tolerance: { rel: 1e-9, abs: 1e-12 },
};

describe("checkAnswer", () => {
  it("grades a number within tolerance and shows the accepted interval", () => {
    expect(checkAnswer(num, "0.7312")).toEqual({ kind: "graded", correct: true, message: "Correct.", accepted: "accepted: 0.731 ± 0.001" });
    expect(checkAnswer(num, "0.75")).toMatchObject({ kind: "graded", correct: false });
  });

  it("strips the unit when the learner types it after the number", () => {
    const days: AnswerSpec = { kind: "number", value: 12, tolerance: { rel: 0.01 }, unit: "days" };
    expect(checkAnswer(days, "12 days")).toMatchObject({ correct: true });
    expect(checkAnswer(days, "12")).toMatchObject({ correct: true });
  });

  it("grades integers exactly", () => {
    expect(checkAnswer(int, "16")).toMatchObject({ correct: true });
    expect(checkAnswer(int, "15")).toMatchObject({ correct: false });
    expect(checkAnswer(int, "15.5")).toMatchObject({ kind: "invalid" });
  });

  it("checks a vector's length first with its own message, then each entry", () => {
    expect(checkAnswer(vec, "[1, 2]")).toMatchObject({ correct: false, message: "The answer has 3 entries; yours has 2." });
    expect(checkAnswer(vec, "[1, 2.5, 3]")).toMatchObject({ correct: false, message: "Entry 2 is outside the accepted range." });
    expect(checkAnswer(vec, "1 2 3.001")).toMatchObject({ correct: true });
  });

  it("checks a matrix's shape first with its own message, then each entry", () => {
    expect(checkAnswer(mat, "[1, 2, 3; 4, 5, 6]")).toMatchObject({ correct: false, message: "The answer is a 2×2 matrix; yours is 2×3." });
    expect(checkAnswer(mat, "[[1, 2], [3, 5]]")).toMatchObject({
      correct: false,
      message: "Entry (2, 2) (row, column) is outside the accepted range.",
    });
    expect(checkAnswer(mat, "1 2; 3 4")).toMatchObject({ correct: true });
  });

  it("grades a choice by option id and refuses ids that are not options", () => {
    expect(checkAnswer(choice, "a")).toMatchObject({ correct: true, accepted: "accepted: tanh" });
    expect(checkAnswer(choice, "b")).toMatchObject({ correct: false });
    expect(checkAnswer(choice, "c")).toMatchObject({ kind: "invalid" });
  });

  it("grades an ordering of comma-separated ids, refusing unknown, repeated and missing ids", () => {
    expect(checkAnswer(order, "z, x, y")).toMatchObject({ correct: true });
    expect(checkAnswer(order, "x, z, y")).toMatchObject({ correct: false, message: "The order is wrong from position 1 on." });
    expect(checkAnswer(order, "z, x, q")).toMatchObject({ kind: "invalid" });
    expect(checkAnswer(order, "z, z, y")).toMatchObject({ kind: "invalid" });
    expect(checkAnswer(order, "z, x")).toMatchObject({ kind: "invalid", message: "Missing from the order: y." });
  });

  it("grades a formula by evaluating it and the canonical formula at the sample points", () => {
    expect(checkAnswer(expr, "s - s^2")).toMatchObject({ correct: true });
    expect(checkAnswer(expr, "σ(z)")).toMatchObject({ kind: "invalid" });
    const wrong = checkAnswer(expr, "s");
    expect(wrong).toMatchObject({ correct: false });
    if (wrong.kind === "graded") expect(wrong.message).toMatch(/at s = 0.2/);
  });

  it("turns every answer spec into text that grades as correct", () => {
    for (const spec of [num, int, vec, mat, choice, order, expr])
      expect(checkAnswer(spec, answerText(spec))).toMatchObject({ correct: true });
  });
});

describe("gradeParts", () => {
  const specs = { value: num, derivative: { ...num, value: 0.196612 } as AnswerSpec };
  const forgot = { id: "pre-activation", description: "used z", input: { value: "0.5" }, feedback: "You reported z, not σ(z)." };

  it("gives one point per correct part (partial credit)", () => {
    const score = gradeParts(specs, { value: "0.731", derivative: "0.3" });
    expect(score).toMatchObject({ kind: "points", earned: 1, total: 2 });
  });

  it("scores a matched misconception zero on its parts with its own feedback and id", () => {
    const score = gradeParts(specs, { value: "0.5", derivative: "0.196612" }, [forgot]);
    expect(score.kind).toBe("points");
    if (score.kind !== "points") return;
    expect(score.earned).toBe(1);
    expect(score.feedback[0]).toMatchObject({
      part: "value",
      verdict: "misconception",
      misconception: "pre-activation",
      message: forgot.feedback,
    });
  });

  it("calls unreadable or missing input invalid, naming the part, so that it costs no attempt", () => {
    expect(gradeParts(specs, { value: "banana", derivative: "1" }, [], { value: "σ(z)" })).toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(/^σ\(z\): /),
    });
    // The part and the reason apart, so a page can typeset the label ("$f(z)$") instead of printing its TeX.
    expect(gradeParts(specs, { value: "banana", derivative: "1" }, [], { value: "$f(z)$" })).toMatchObject({
      kind: "invalid",
      part: { id: "value", why: expect.stringMatching(/^“banana” is not a number/) },
    });
    expect(gradeParts(specs, { value: "0.7" })).toMatchObject({ kind: "invalid" });
    expect(validateParts({ value: num }, { value: "" })).toBe("Enter a number.");
  });
});
