import { describe, expect, it } from "vitest";
import { createExercise, gradeExercise } from "../../exercises/registry.ts";
import {
  acceptedToShow,
  hintLabel,
  initialInputs,
  moveItem,
  newSeed,
  orderOf,
  resultSummary,
  sortFeedback,
  toastText,
} from "./exerciseModel.ts";

describe("the exercise card's logic", () => {
  it("starts ordering parts in the shown order and the others empty", () => {
    expect(
      initialInputs([
        { id: "a", label: "A", kind: "number" },
        {
          id: "o",
          label: "O",
          kind: "ordering",
          items: [
            { id: "x", label: "X" },
            { id: "y", label: "Y" },
          ],
        },
      ]),
    ).toEqual({ a: "", o: "x, y" });
    expect(orderOf("x, y")).toEqual(["x", "y"]);
  });

  it("keeps the accepted interval of a wrong answer hidden until the exercise is closed", () => {
    const exercise = createExercise("survey-days", "424242", 1);
    const wrong = gradeExercise(exercise, Object.fromEntries(exercise.parts.map((p) => [p.id, "12345"])));
    if (wrong.kind !== "points") throw new Error("expected a graded answer");
    const f = wrong.feedback.find((line) => line.verdict !== "correct")!;
    expect(f.accepted).toMatch(/±/); // grading still says what was accepted…
    expect(acceptedToShow(f, false)).toBeNull(); // …but an open exercise does not show it,
    expect(acceptedToShow(f, true)).toBe(f.accepted); // a closed one does.
    expect(acceptedToShow({ verdict: "correct", accepted: f.accepted }, true)).toBeNull();
  });

  it("says in the toast when a later try paid less", () => {
    expect(toastText({ xpGained: 5, newBadges: [], levelUp: null, attempt: { tries: 1 } }, 0)).toBe("+5 XP (try 2 pays 1/2)");
    expect(toastText({ xpGained: 10, newBadges: [], levelUp: null, attempt: {} }, 0)).toBe("+10 XP");
  });

  it("moves ordering items up and down, and not past the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("sorts feedback onto its parts, the rest as general", () => {
    const sorted = sortFeedback(
      {
        kind: "points",
        earned: 1,
        total: 2,
        feedback: [
          { part: "a", verdict: "correct", message: "ok" },
          { verdict: "info", message: "all" },
        ],
      },
      ["a", "b"],
    );
    expect(sorted.byPart.a).toHaveLength(1);
    expect(sorted.byPart.b).toEqual([]);
    expect(sorted.general).toHaveLength(1);
    expect(sortFeedback({ kind: "invalid", message: "?" }, ["a"]).byPart.a).toEqual([]);
  });

  it("says what a hint costs on the button", () => {
    expect(hintLabel(0, 3)).toBe("Show hint 1 of 3 (−3 XP)");
    expect(hintLabel(1, 3)).toBe("Show hint 2 of 3 (−3 XP)");
    expect(hintLabel(3, 3)).toBe("No more hints");
  });

  it("summarises a result in words", () => {
    expect(resultSummary({ kind: "points", earned: 1, total: 1, feedback: [] })).toMatch(/^All right/);
    expect(resultSummary({ kind: "points", earned: 0, total: 2, feedback: [] })).toMatch(/^0 of 2 points/);
    expect(resultSummary({ kind: "invalid", message: "Type a number." })).toBe("Type a number.");
  });

  it("toasts only what changed", () => {
    expect(toastText({ xpGained: 0, newBadges: [], levelUp: null }, 0)).toBe("");
    expect(toastText({ xpGained: 7, newBadges: ["first-light"], levelUp: null }, 1)).toBe(
      "+7 XP (after −3 XP for hints) · Badge: First light",
    );
  });

  it("draws six-digit seeds, never the one it was asked to avoid", () => {
    expect(newSeed(() => 0)).toBe("100000");
    expect(newSeed(() => 0.999999)).toBe("999999");
    let calls = 0;
    expect(newSeed(() => (calls++ === 0 ? 0 : 0.5), "100000")).toBe("550000");
  });
});
