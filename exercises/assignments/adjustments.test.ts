import { describe, expect, it } from "vitest";
import { adjustedGrade } from "./adjustments.ts";
import { gradebookRows } from "./csv.ts";
import { encodeReceipt } from "./receipt.ts";
import { buildGradebook, regradeReceipt } from "./regrade.ts";
import { T0, sampleAssignment, studentReceipt } from "./sampleWork.test-util.ts";

// Due 2025-03-01: the day ends at 2025-03-02 12:00 UTC (UTC−12).
const a = sampleAssignment({ due: "2025-03-01" });
function lateBy(hours: number, student = "Ada") {
  const r = studentReceipt(a, student);
  const at = Date.UTC(2025, 2, 2, 12) + hours * 3_600_000;
  r.exercises[4].submissions[0].at = at;
  r.issuedAt = at + 60_000;
  return r;
}

describe("late penalty, extensions and overrides", () => {
  it("takes the penalty per started day late, capped at 100 %", () => {
    const adj = { latePenaltyPerDay: 10, extensions: new Map(), overrides: new Map() };
    const onTime = regradeReceipt(studentReceipt(a, "Ada"));
    expect(adjustedGrade(onTime, a, adj)).toMatchObject({ daysLate: 0, penaltyPercent: 0, final: onTime.earned });
    const r = regradeReceipt(lateBy(25));
    expect(adjustedGrade(r, a, adj)).toMatchObject({ daysLate: 2, penaltyPercent: 20, final: (r.earned * 80) / 100 });
    expect(adjustedGrade(r, a, { ...adj, latePenaltyPerDay: 70 }).final).toBe(0);
  });

  it("an extension moves the student's due date; an override sets the points with its comment", () => {
    const r = regradeReceipt(lateBy(25, " ADA "));
    const adj = { latePenaltyPerDay: 10, extensions: new Map([["ada", "2025-03-05"]]), overrides: new Map() };
    expect(adjustedGrade(r, a, adj)).toMatchObject({ due: "2025-03-05", daysLate: 0, final: r.earned });
    const over = { ...adj, overrides: new Map([["ada", { points: 3, comment: "Doctor's note" }]]) };
    expect(adjustedGrade(r, a, over)).toMatchObject({ final: 3, comment: "Doctor's note" });
  });

  it("the CSV carries days late, penalty, final points and the comment; an override resolves a conflict", () => {
    const ada = studentReceipt(a, "Ada");
    const other = { ...studentReceipt(a, "Ada", [0, 1], T0 + 7_200_000), startedAt: T0 + 5000 };
    const book = buildGradebook(
      [ada, other].map((r, i) => ({ source: `#${i}`, code: encodeReceipt(r) })),
      a,
    );
    const adj = {
      latePenaltyPerDay: 5,
      extensions: new Map(),
      overrides: new Map([["ada", { points: 4, comment: "Kept #1, =checked with student" }]]),
    };
    const [header, row] = gradebookRows(book, adj);
    expect(header.slice(-5)).toEqual(["flags", "days late", "late penalty %", "final points", "comment"]);
    expect(row.slice(-4)).toEqual([0, 0, 4, "Kept #1, =checked with student"]);
  });
});
