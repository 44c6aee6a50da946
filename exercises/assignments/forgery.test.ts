// The attacks of issue 14 on receipts, one by one: what the gradebook flags, and what it honestly
// cannot see. A forger here has read the source: they decode the receipt, edit it and recompute the
// checksum (which is not a signature).
import { describe, expect, it } from "vitest";
import type { Receipt } from "./receipt.ts";
import { encodeReceipt, findReceiptCodes } from "./receipt.ts";
import type { FlagKind } from "./regrade.ts";
import { FLAG_BASIS, buildGradebook } from "./regrade.ts";
import { gradebookCsv } from "./csv.ts";
import { T0, rightInput, sampleAssignment, studentReceipt } from "./sampleWork.test-util.ts";
import { nameSkeleton } from "./studentName.ts";
import { assignedExercises } from "./variants.ts";

const a = sampleAssignment({ attempts: 2, hints: false });
const paste = (receipts: Receipt[]) => receipts.map((r, i) => ({ source: `pasted #${i + 1}`, code: encodeReceipt(r) }));
const kinds = (book: ReturnType<typeof buildGradebook>, n: number) => book.entries[n].result!.flags.map((f) => f.kind);
const clone = (r: Receipt): Receipt => structuredClone(r);
/** Recomputes the claimed score as a careful forger would (regrading would flag a stale one). */
function withClaim(r: Receipt): Receipt {
  const solo = buildGradebook(paste([r]), a);
  return { ...r, claimed: { earned: solo.entries[0].result!.earned, total: solo.entries[0].result!.total } };
}

/** Ada's honest work: exercise 2 wrong twice (out of attempts), exercise 4 wrong once then right, one hint opened on exercise 1 (not allowed). */
function adaHonest(): Receipt {
  const r = studentReceipt(a, "Ada", [1, 3]);
  r.exercises[1].submissions.push({ ...r.exercises[1].submissions[0], at: T0 + 200_000 });
  const refs = assignedExercises(a, "Ada");
  r.exercises[3].submissions.push({ input: rightInput(refs[3]), at: T0 + 300_000 });
  r.exercises[0].hints = 1;
  return withClaim(r);
}

describe("forged receipts", () => {
  it("an honest receipt carries its self-reported flags (hints where not allowed)", () => {
    const book = buildGradebook(paste([adaHonest()]), a);
    expect(kinds(book, 0)).toEqual(["hints-not-allowed"]);
    expect(book.rows[0].earned).toBe(book.rows[0].total - 1);
  });

  it("edited answers (right ones swapped in, score and checksum recomputed): undetectable alone, a conflict next to the earlier receipt", () => {
    const honest = adaHonest();
    const forged = clone(honest);
    forged.exercises[1].submissions[1].input = rightInput(assignedExercises(a, "Ada")[1]);
    forged.issuedAt += 60_000;
    const alone = buildGradebook(paste([withClaim(forged)]), a);
    expect(alone.rows[0].earned).toBe(alone.rows[0].total);
    expect(kinds(alone, 0)).not.toContain("claimed-score");
    const both = buildGradebook(paste([honest, withClaim(forged)]), a);
    expect(both.conflicts).toHaveLength(1);
    expect(both.conflicts[0].reasons.join(" ")).toMatch(/lacks or changes answers the earlier one has on exercise 2$/);
    expect(both.rows[0].earned).toBeNaN();
    expect(both.entries.every((e) => !e.counted)).toBe(true);
  });

  it("back-dated times: out-of-order times are flagged; a whole receipt moved back is caught only before the day it was handed out", () => {
    const late = sampleAssignment({ attempts: 2, hints: true, due: "2025-03-01" });
    const honest = studentReceipt(late, "Ada", [], Date.UTC(2025, 2, 3, 12));
    honest.exercises[4].submissions[0].at = Date.UTC(2025, 2, 3, 11);
    expect(kinds(buildGradebook(paste([honest]), late), 0)).toContain("late");
    // Only the late answer moved back: the page never writes an answer older than the one before it... or than the start.
    const partly = clone(honest);
    partly.exercises[4].submissions[0].at = T0 - 60_000;
    const p = buildGradebook(paste([partly]), late);
    expect(kinds(p, 0)).toEqual(expect.arrayContaining(["times-inconsistent"]));
    expect(kinds(p, 0)).not.toContain("late");
    // Every time moved back consistently: no trace unless before the day it opened, or in the future.
    const whole = clone(honest);
    const shift = -30 * 86_400_000;
    whole.startedAt += shift;
    whole.issuedAt += shift;
    for (const e of whole.exercises) for (const s of e.submissions) s.at += shift;
    expect(kinds(buildGradebook(paste([whole]), late), 0)).toEqual([]);
    expect(kinds(buildGradebook(paste([whole]), late, { opens: "2025-02-20" }), 0)).toEqual(["before-issue"]);
    const future = clone(honest);
    future.issuedAt = Date.UTC(2025, 5, 1);
    expect(kinds(buildGradebook(paste([future]), late, { now: Date.UTC(2025, 2, 4) }), 0)).toEqual(expect.arrayContaining(["future"]));
  });

  it("deleted attempts and zeroed hints: the self-reported flags go (undetectable alone); next to the earlier receipt it is a conflict", () => {
    const honest = adaHonest();
    const forged = clone(honest);
    forged.exercises[1].submissions.splice(0, 1);
    forged.exercises[0].hints = 0;
    forged.issuedAt += 60_000;
    const alone = buildGradebook(paste([withClaim(forged)]), a);
    expect(kinds(alone, 0)).toEqual([]);
    const both = buildGradebook(paste([honest, withClaim(forged)]), a);
    const reasons = both.conflicts[0].reasons.join(" ");
    expect(reasons).toMatch(/lacks or changes answers the earlier one has on exercise 2 /);
    expect(reasons).toMatch(/fewer hints opened on exercise 1 \(0 < 1\)/);
  });

  it("extra attempts beyond the limit, added by an edit, are flagged (the limit is checked on the receipt)", () => {
    const forged = adaHonest();
    forged.exercises[1].submissions.push({ input: rightInput(assignedExercises(a, "Ada")[1]), at: T0 + 250_000 });
    expect(kinds(buildGradebook(paste([withClaim(forged)]), a), 0)).toContain("too-many-attempts");
  });

  it("impersonation: another student's receipt under Ada's name with a later time no longer replaces her grade", () => {
    const ada = adaHonest();
    const impostor = { ...studentReceipt(a, "Ada", [0, 1, 2, 3, 4], T0 + 7_200_000), startedAt: T0 + 10_000 };
    const book = buildGradebook(paste([ada, withClaim(impostor)]), a);
    expect(book.rows).toHaveLength(1);
    expect(book.rows[0].earned).toBeNaN();
    expect(book.conflicts[0].entries.map((e) => e.number)).toEqual([1, 2]);
    expect(book.conflicts[0].reasons.join(" ")).toMatch(/started at different times/);
    expect(kinds(book, 1)).toContain("conflict");
    // The CSV leaves the points empty and says why.
    const row = gradebookCsv(book).split("\r\n")[1];
    // 5 exercise cells and the points empty, "out of" 5 kept, percent empty.
    expect(row).toMatch(/^Ada,{6},5,,/);
    expect(row).toMatch(/None is counted/);
  });

  it("look-alike names (Cyrillic, Greek, bidi override, zero-width, fullwidth) share a row with the real name and are flagged", () => {
    const ada = adaHonest();
    const names = ["\u0410da", "\u0391da", "Ada\u202e", "A\u200bda", "\uff21da", "Ádá"];
    for (const name of names) {
      expect(nameSkeleton(name)).toBe(nameSkeleton("ada"));
      const fake = withClaim({ ...studentReceipt(a, name, [], T0 + 7_200_000) });
      const book = buildGradebook(paste([ada, fake]), a);
      expect(book.rows).toHaveLength(1);
      const flags = kinds(book, 1);
      if (name === "\uff21da") {
        // NFKC already makes fullwidth Ａ an A: the same student key, so the same numbers; only the conflict remains.
        expect(flags).not.toContain("look-alike-name");
      } else expect(flags).toContain("look-alike-name");
      expect(flags).toContain("conflict");
    }
    const alone = buildGradebook(paste([withClaim(studentReceipt(a, "\u0410da"))]), a);
    expect(kinds(alone, 0)).toEqual(["mixed-script"]);
    const bidi = buildGradebook(paste([withClaim(studentReceipt(a, "\u202eadA"))]), a);
    expect(bidi.entries[0].result!.flags[0]).toMatchObject({ kind: "hidden-characters", message: expect.stringContaining("<U+202E>adA") });
  });

  it("names of different people stay apart", () => {
    expect(new Set(["Ada Lovelace", "Ada Byron", "student-10", "student-1O", "Ian", "Lan"].map(nameSkeleton)).size).toBe(6);
  });

  it("every flag kind says whether it is evidence or self-reported", () => {
    const selfReported = Object.entries(FLAG_BASIS)
      .filter(([, b]) => b === "self-reported")
      .map(([k]) => k as FlagKind);
    expect(selfReported.sort()).toEqual(["before-issue", "future", "hints-not-allowed", "late", "too-many-attempts"]);
  });
});

describe("receipts in e-mail", () => {
  const code = encodeReceipt(studentReceipt(sampleAssignment(), "Ada"));
  const wrap = (s: string, n = 76) => s.match(new RegExp(`.{1,${n}}`, "g"))!.join("\n");

  it.each([
    ["wrapped at 76 columns", `Hi,\nmy receipt:\n${wrap(code)}\nThanks, Ada`],
    ["quoted with > ", `> Hi,\n> ${wrap(code, 70).replace(/\n/g, "\n> ")}\n> Ada\n\nGot it.`],
    ["quoted twice", `> > ${wrap(code, 60).replace(/\n/g, "\n> > ")}\n> \n> ok`],
    ["quoted without spaces, CRLF", `>>${wrap(code, 72).replace(/\n/g, "\r\n>>")}\r\n>>Bye`],
    ["quoted-printable soft breaks", `${wrap(code, 75).replace(/\n/g, "=\n")}\n`],
    ["indented continuation lines", `Receipt: ${wrap(code, 50).replace(/\n/g, "\n    ")}\nAda Lovelace`],
    ["followed directly by text on the next line", `${code}\nabcdef`],
  ])("%s decodes", (_, text) => {
    expect(findReceiptCodes(text)).toEqual([code]);
  });

  it("finds several codes in one wrapped mail", () => {
    const other = encodeReceipt(studentReceipt(sampleAssignment(), "Grace"));
    expect(findReceiptCodes(`> ${wrap(code).replace(/\n/g, "\n> ")}\n> ${wrap(other).replace(/\n/g, "\n> ")}`)).toEqual([code, other]);
  });
});
