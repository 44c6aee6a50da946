import { describe, expect, it } from "vitest";
import { isClosed, newSession, openHint, submit } from "./session.ts";
import { mergeSessions, savedVersion } from "./sessionMerge.ts";
import { T0, sampleAssignment } from "./sampleWork.test-util.ts";

const a = sampleAssignment({ attempts: 2 });
const totals = [1, 1, 1, 1, 1];
const fresh = () => newSession(a, "Ada", T0, totals);

describe("merging one student's work from two tabs", () => {
  it("keeps the attempts of both tabs (the second tab's save no longer erases the first's)", () => {
    const tab1 = submit(a, fresh(), 0, { y: "1" }, 0, T0 + 1000);
    const tab2 = submit(a, fresh(), 1, { y: "2" }, 1, T0 + 2000);
    const merged = mergeSessions(a, tab2, tab1);
    expect(merged.work[0].submissions).toEqual([{ input: { y: "1" }, at: T0 + 1000 }]);
    expect(merged.work[1].points).toEqual([1]);
    expect(mergeSessions(a, tab1, tab2).work.map((w) => w.submissions)).toEqual(merged.work.map((w) => w.submissions));
  });

  it("holds the attempt limit across tabs: the oldest answers count, the exercise is closed in both", () => {
    let tab1 = submit(a, fresh(), 0, { y: "1" }, 0, T0 + 1000);
    tab1 = submit(a, tab1, 0, { y: "2" }, 0, T0 + 3000);
    const tab2 = submit(a, fresh(), 0, { y: "3" }, 1, T0 + 2000);
    const merged = mergeSessions(a, tab1, tab2);
    expect(merged.work[0].submissions.map((s) => s.input.y)).toEqual(["1", "3"]);
    expect(isClosed(a, merged, 0)).toBe(true);
    // Nothing after a full-marks answer.
    const right = submit(a, fresh(), 0, { y: "ok" }, 1, T0 + 500);
    expect(mergeSessions(a, right, tab1).work[0].submissions.map((s) => s.input.y)).toEqual(["ok"]);
  });

  it("keeps hints opened anywhere, the earlier start, and this tab's drafts; merging twice changes nothing", () => {
    const tab1 = openHint({ ...fresh(), startedAt: T0 - 5000 }, 2);
    const tab2 = { ...fresh(), work: fresh().work.map((w, j) => (j === 4 ? { ...w, draft: { y: "typing" } } : w)) };
    const merged = mergeSessions(a, tab2, tab1);
    expect(merged.work[2].hints).toBe(1);
    expect(merged.startedAt).toBe(T0 - 5000);
    expect(merged.work[4].draft).toEqual({ y: "typing" });
    expect(mergeSessions(a, merged, tab1)).toEqual(merged);
  });

  it("reads the version of saved work, or null when it is damaged", () => {
    expect(savedVersion('{"v":2,"student":"Ada"}')).toBe(2);
    expect(savedVersion("{not json")).toBeNull();
  });
});
