import { describe, expect, it } from "vitest";
import {
  attemptsLeft,
  isClosed,
  newSession,
  openHint,
  parseSession,
  serializeSession,
  sessionScore,
  setDraft,
  storageKey,
  submit,
  toReceipt,
} from "./session.ts";
import { decodeReceipt, encodeReceipt } from "./receipt.ts";
import { T0, sampleAssignment } from "./sampleWork.test-util.ts";

const a = sampleAssignment({ attempts: 2 });
const totals = [1, 1, 1, 1, 1];

describe("a student's session", () => {
  it("counts attempts, closes an exercise at full marks or when attempts run out", () => {
    let s = newSession(a, "Ada", T0, totals);
    s = submit(a, s, 0, { y: "1" }, 0, T0 + 1);
    expect(attemptsLeft(a, s, 0)).toBe(1);
    expect(isClosed(a, s, 0)).toBe(false);
    s = submit(a, s, 0, { y: "2" }, 0, T0 + 2);
    expect(isClosed(a, s, 0)).toBe(true);
    expect(submit(a, s, 0, { y: "3" }, 1, T0 + 3)).toBe(s);
    s = submit(a, s, 1, { c: "x" }, 1, T0 + 4);
    expect(isClosed(a, s, 1)).toBe(true);
    expect(sessionScore(s)).toEqual({ earned: 1, total: 5 });
  });

  it("saves and restores (drafts, hints, submissions) and is keyed by assignment and student", () => {
    let s = newSession(a, "Ada", T0, totals);
    s = setDraft(s, 2, "order", "b, a");
    s = openHint(s, 2);
    s = submit(a, s, 0, { y: "0.5" }, 1, T0 + 5);
    expect(parseSession(serializeSession(s), a, "ada")).toEqual(s);
    expect(storageKey(a, "Ada")).toBe(storageKey(a, " ada "));
    expect(storageKey(a, "Ada")).not.toBe(storageKey(a, "Grace"));
    expect(parseSession(null, a, "Ada")).toBeNull();
  });

  it("refuses saved work that is corrupt or belongs to someone else", () => {
    const s = newSession(a, "Ada", T0, totals);
    expect(parseSession("{", a, "Ada")).toMatchObject({ error: expect.stringMatching(/could not be read/) });
    expect(parseSession(serializeSession(s), a, "Grace")).toMatchObject({ error: expect.stringMatching(/another student/) });
    expect(parseSession(JSON.stringify({ v: 1, student: "Ada", startedAt: 1, work: [] }), a, "Ada")).toMatchObject({
      error: expect.any(String),
    });
  });

  it("becomes a receipt holding the raw answers, attempts and times", () => {
    let s = newSession(a, "Ada", T0, totals);
    s = submit(a, s, 0, { y: " 0.73 " }, 1, T0 + 60_000);
    const receipt = toReceipt(a, s, T0 + 120_000);
    const decoded = decodeReceipt(encodeReceipt(receipt));
    expect(decoded.ok && decoded.receipt.exercises[0].submissions).toEqual([{ input: { y: " 0.73 " }, at: T0 + 60_000 }]);
    expect(decoded.ok && decoded.receipt.claimed).toEqual({ earned: 1, total: 5 });
  });
});
