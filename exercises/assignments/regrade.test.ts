import { describe, expect, it } from "vitest";
import { encodeText } from "./base64url.ts";
import { checksum } from "./checksum.ts";
import { encodeReceipt } from "./receipt.ts";
import { buildGradebook, regradeReceipt } from "./regrade.ts";
import { gradebookCsv } from "./csv.ts";
import { T0, sampleAssignment, studentReceipt } from "./sampleWork.test-util.ts";

const a = sampleAssignment();
const paste = (codes: string[]) => codes.map((code, i) => ({ source: `pasted #${i + 1}`, code }));

/** Edits a receipt's JSON and recomputes the checksum, as a student who read the source could. */
function forge(code: string, edit: (body: Record<string, unknown>) => void): string {
  const payload = code.slice(5, code.lastIndexOf("."));
  const bytes = Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const body = JSON.parse(new TextDecoder().decode(bytes));
  edit(body);
  const next = encodeText(JSON.stringify(body));
  return `DSR1.${next}.${checksum(next)}`;
}

describe("regrading", () => {
  it("regrades right answers to full points and wrong ones to zero, from the seeds", () => {
    const r = regradeReceipt(studentReceipt(a, "Ada", [1, 3]));
    expect(r.exercises.map((e) => e.earned)).toEqual([1, 0, 1, 0, 1]);
    expect(r.total).toBe(r.exercises.reduce((s, e) => s + e.total, 0));
    expect(r.flags).toEqual([]);
  });

  it("another student's right answers are wrong for this student (the numbers differ)", () => {
    const ada = studentReceipt(a, "Ada");
    const copied = { ...studentReceipt(a, "Grace"), exercises: ada.exercises };
    const r = regradeReceipt(copied);
    expect(r.earned).toBeLessThan(r.total);
    expect(r.flags.map((f) => f.kind)).toContain("claimed-score");
  });

  it("detects an edited score even when the checksum was recomputed", () => {
    const code = encodeReceipt(studentReceipt(a, "Ada", [0, 1]));
    const book = buildGradebook(paste([forge(code, (b) => (b.sc = [7, 7]))]));
    expect(book.rows).toHaveLength(1);
    expect(book.rows[0].earned).toBeLessThan(7);
    expect(book.rows[0].flags).toEqual([
      expect.objectContaining({ kind: "claimed-score", message: expect.stringMatching(/\(7\/7\) is not what its responses earn/) }),
    ]);
  });

  it("flags a truncated or edited code as unreadable, and grades the rest", () => {
    const good = encodeReceipt(studentReceipt(a, "Ada"));
    const other = encodeReceipt(studentReceipt(a, "Grace"));
    const book = buildGradebook(paste([good, other.slice(0, -20), other.replace(/.{3}(?=\.[0-9a-z]{11}$)/, "AAA")]));
    expect(book.rows.map((r) => r.receipt.student)).toEqual(["Ada"]);
    expect(book.entries[1].problem?.kind).toBe("truncated");
    expect(book.entries[2].problem?.kind).toBe("edited");
  });

  it("flags receipts of another assignment, and an assignment edited inside a receipt", () => {
    const other = sampleAssignment({ id: "Other123", title: "Week 4" });
    const edited = sampleAssignment({ attempts: 10 });
    const book = buildGradebook(
      paste([
        encodeReceipt(studentReceipt(a, "Ada")),
        encodeReceipt(studentReceipt(other, "Bob")),
        encodeReceipt(studentReceipt(edited, "Cy")),
      ]),
      a,
    );
    expect(book.given).toBe(true);
    expect(book.rows.map((r) => r.receipt.student)).toEqual(["Ada"]);
    expect(book.entries[1].result?.flags[0]).toMatchObject({
      kind: "foreign",
      message: expect.stringMatching(/another assignment \(“Week 4”/),
    });
    expect(book.entries[2].result?.flags[0]).toMatchObject({ kind: "foreign", message: expect.stringMatching(/same id .* edited/) });
  });

  it("without an assignment link, the assignment most receipts share is the reference", () => {
    const other = sampleAssignment({ id: "Other123" });
    const book = buildGradebook(
      paste([encodeReceipt(studentReceipt(other, "Bob")), encodeReceipt(studentReceipt(a, "Ada")), encodeReceipt(studentReceipt(a, "Cy"))]),
    );
    expect(book.given).toBe(false);
    expect(book.assignment?.id).toBe(a.id);
    expect(book.entries[0].result?.flags[0].kind).toBe("foreign");
  });

  it("flags duplicates and counts a student's latest receipt once when it continues the earlier one", () => {
    const before = studentReceipt(a, "Ada", [0, 1, 2], T0 + 1000_000);
    const right = studentReceipt(a, "Ada");
    // Handed in again after more work: the earlier answers are all still there, right ones added.
    const after = {
      ...before,
      student: " ADA ",
      issuedAt: T0 + 2000_000,
      exercises: before.exercises.map((e, j) => ({
        ...e,
        submissions: [...e.submissions, ...(j <= 2 ? [{ ...right.exercises[j].submissions[0], at: T0 + 1500_000 }] : [])],
      })),
    };
    const first = encodeReceipt(before);
    const later = encodeReceipt(after);
    const book = buildGradebook(paste([first, later, first]));
    expect(book.rows).toHaveLength(1);
    expect(book.rows[0].earned).toBe(book.rows[0].total);
    expect(book.entries[2].result?.flags).toContainEqual(
      expect.objectContaining({ kind: "duplicate", message: "The same receipt as #1." }),
    );
    expect(book.entries[0].result?.flags).toContainEqual(expect.objectContaining({ kind: "same-student" }));
    expect(book.entries[1].counted).toBe(true);
  });

  it("flags more attempts than allowed, hints when not allowed, late answers and unreadable responses", () => {
    const strict = sampleAssignment({ attempts: 1, hints: false, due: "2025-02-01" });
    const r = studentReceipt(strict, "Ada");
    r.exercises[0].submissions.push({ input: { y: "banana" }, at: T0 + 10 });
    r.exercises[1].hints = 2;
    const flags = regradeReceipt(r).flags.map((f) => f.kind);
    expect(flags).toEqual(expect.arrayContaining(["too-many-attempts", "hints-not-allowed", "late", "unreadable-response"]));
  });

  it("the best attempt counts", () => {
    const r = studentReceipt(a, "Ada");
    r.exercises[0].submissions.unshift({ input: { y: "0" }, at: T0 });
    expect(regradeReceipt(r).exercises[0].earned).toBe(1);
  });

  it("regrades 1,000 receipts quickly (time printed; budget 2 s on an idle machine)", () => {
    const codes = Array.from({ length: 1000 }, (_, i) => encodeReceipt(studentReceipt(a, `student-${i}`, i % 3 === 0 ? [1] : [])));
    const start = performance.now();
    const book = buildGradebook(paste(codes), a);
    const csv = gradebookCsv(book);
    const ms = performance.now() - start;
    console.log(`regraded 1000 receipts (5 exercises each) + CSV in ${ms.toFixed(0)} ms`);
    expect(book.rows).toHaveLength(1000);
    expect(csv.split("\r\n")).toHaveLength(1002);
    // Generous here because the test machines are shared; the report gives the measured time.
    expect(ms).toBeLessThan(20_000);
  });
});
