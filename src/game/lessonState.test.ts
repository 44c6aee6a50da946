import { describe, expect, it } from "vitest";
import { lessonProgressText, lessonStanding, lessonState, mapDetailText } from "./lessonState.ts";
import { emptyProgress } from "./schema.ts";
import { answer, makeStore } from "./testing.ts";

const lesson = { slug: "why-deep-learning", families: ["survey-arithmetic"], skills: ["unit-conversion"], challenge: "c0" };

describe("a lesson's state on the course map", () => {
  it("is available before anything happens", () => {
    expect(lessonState(lesson, emptyProgress())).toBe("available");
  });

  it("is in progress once visited or practised", () => {
    const visited = emptyProgress();
    visited.lessons[lesson.slug] = { first: 1, last: 1 };
    expect(lessonState(lesson, visited)).toBe("in-progress");
    const { store } = makeStore();
    store.recordAttempt(answer({ earned: 0 }));
    expect(lessonState(lesson, store.get())).toBe("in-progress");
  });

  it("is mastered when every skill is mastered and the challenge is done, not before", () => {
    const { store } = makeStore();
    for (let seed = 0; seed < 6; seed++) store.recordAttempt(answer({ seed }));
    expect(lessonState(lesson, store.get())).toBe("in-progress");
    store.completeChallenge("c0");
    expect(lessonState(lesson, store.get())).toBe("mastered");
  });

  it("is never mastered when there is nothing to master", () => {
    const visited = emptyProgress();
    visited.lessons.empty = { first: 1, last: 1 };
    expect(lessonState({ slug: "empty", families: [], skills: [] }, visited)).toBe("in-progress");
  });
});

describe("the words the course map shows for a lesson", () => {
  const lesson = { slug: "why-deep-learning", families: ["survey-arithmetic"], skills: ["unit-conversion", "growth"], challenge: "c0" };

  it("says a finished challenge counted and what is left, instead of a bare “In progress” (issue 15, item 8)", () => {
    const { store } = makeStore();
    store.completeChallenge("c0");
    const standing = lessonStanding(lesson, store.get());
    expect(standing).toEqual({ state: "in-progress", challenge: "done", skillsMastered: 0, skills: 2 });
    expect(lessonProgressText(standing)).toBe("In progress: challenge done, 0 of 2 skills mastered");
    for (let seed = 0; seed < 6; seed++) store.recordAttempt(answer({ seed }));
    expect(lessonProgressText(lessonStanding(lesson, store.get()))).toBe("In progress: challenge done, 1 of 2 skills mastered");
    for (let seed = 0; seed < 6; seed++) store.recordAttempt(answer({ seed, family: "survey-growth", skills: ["growth"] }));
    expect(lessonProgressText(lessonStanding(lesson, store.get()))).toBe("Mastered");
  });

  it("says “Not started” before anything and names an open challenge", () => {
    expect(lessonProgressText(lessonStanding(lesson, emptyProgress()))).toBe("Not started");
    const visited = emptyProgress();
    visited.lessons[lesson.slug] = { first: 1, last: 1 };
    expect(lessonProgressText(lessonStanding(lesson, visited))).toBe("In progress: challenge open, 0 of 2 skills mastered");
    expect(
      lessonProgressText(
        lessonStanding({ slug: "empty", families: [], skills: [] }, { ...visited, lessons: { empty: { first: 1, last: 1 } } }),
      ),
    ).toBe("In progress");
  });

  it("puts a separator between the minutes and the state in the map's detail line (it read “20 minIn progress”)", () => {
    expect(mapDetailText({ title: "Backpropagation", minutes: 20, status: "In progress", summary: "Gradients flow back." })).toBe(
      "Backpropagation — 20 min · In progress. Gradients flow back.",
    );
    expect(mapDetailText({ title: "Later", minutes: 30, status: "", summary: "Soon." })).toBe("Later — 30 min. Soon.");
  });
});
