import { describe, expect, it } from "vitest";
import { lessonState } from "./lessonState.ts";
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
