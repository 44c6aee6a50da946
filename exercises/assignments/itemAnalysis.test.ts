import { describe, expect, it } from "vitest";
import { exerciseParams, getFamily } from "../registry.ts";
import { encodeReceipt } from "./receipt.ts";
import { buildGradebook } from "./regrade.ts";
import { itemAnalysis, itemAnalysisCsv } from "./itemAnalysis.ts";
import { T0, sampleAssignment, studentReceipt } from "./sampleWork.test-util.ts";
import { assignedExercises } from "./variants.ts";

const a = sampleAssignment();

/** A class of 30: a third right everywhere, a third reporting z instead of f(z) on exercise 1 (a known mistake, then right), a third leaving exercise 1 blank. */
function classOf30() {
  return Array.from({ length: 30 }, (_, i) => {
    const student = `student-${i}`;
    const r = studentReceipt(a, student);
    if (i % 3 === 1) {
      const ref = assignedExercises(a, student)[0];
      const family = getFamily(ref.family);
      const mistake = family.misconceptions!(exerciseParams(ref.family, ref.seed, ref.level)).find((m) => m.id === "pre-activation")!;
      r.exercises[0].submissions.unshift({ input: mistake.input, at: T0 + 30_000 });
      // The right answer after it comes 2 minutes in; only the first answer's time counts.
    }
    if (i % 3 === 2) r.exercises[0].submissions = [];
    return { source: `#${i}`, code: encodeReceipt(r) };
  });
}

describe("item analysis", () => {
  it("counts the score distribution, the most common mistake and the time to the first answer", () => {
    const book = buildGradebook(classOf30(), a);
    const [first, second] = itemAnalysis(book);
    expect(first.column).toBe("neuron-output #1");
    expect(first.students).toBe(30);
    expect(first.distribution).toEqual({ full: 20, partial: 0, zero: 0, unanswered: 10 });
    expect(first.topMisconception).toEqual({ id: "pre-activation", students: 10 });
    // Ten students answered first at 1 minute, ten at 0.5 minutes: the median of twenty is 0.75.
    expect(first.medianMinutesToFirstAnswer).toBe(0.75);
    expect(first.meanAttempts).toBe(1.5);
    expect(first.meanPoints).toBeCloseTo(20 / 30, 12);
    expect(second.distribution.full).toBe(30);
    expect(second.topMisconception).toBeNull();
    const csv = itemAnalysisCsv(book).split("\r\n");
    expect(csv[0]).toMatch(/^exercise,students,answered,mean points/);
    expect(csv[1]).toBe("neuron-output #1,30,20,0.67,1,20,0,0,10,pre-activation,10,0.75,1.5");
  });
});
