import { describe, expect, it } from "vitest";
import { decodeAssignment } from "../../exercises/assignments/index.ts";
import { families } from "../../exercises/registry.ts";
import { accessFor, keyHash, splitInstructorKey } from "../../exercises/assignments/index.ts";
import { assignmentToForm, defaultForm, fileStem, formToAssignment, instructorLink, newAssignmentId, studentLink } from "./builderModel.ts";

describe("assignment builder model", () => {
  it("makes ids of 10 unambiguous characters from the random source", () => {
    let n = 0;
    const id = newAssignmentId(() => n++);
    expect(id).toMatch(/^[a-zA-Z2-9]{10}$/);
  });

  it("turns the default form into an assignment whose link decodes back to it", () => {
    const form = defaultForm("abcdEFGH23", families);
    const made = formToAssignment(form);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const link = studentLink("https://example.org", "/deep-sky", made.value);
    expect(link.startsWith("https://example.org/deep-sky/assignment/#a1.")).toBe(true);
    expect(decodeAssignment(link)).toEqual({ ok: true, value: made.value });
    expect(assignmentToForm(made.value)).toEqual({ ...form, title: "Homework 1" });
  });

  it("gives the instructor a /teach link whose key opens the assignment; the student link holds only its hash", () => {
    const key = "00112233445566778899aabbccddeeff";
    const made = formToAssignment(defaultForm("abcdEFGH23", families));
    if (!made.ok) throw new Error(made.message);
    const a = { ...made.value, keyHash: keyHash(key) };
    const student = studentLink("https://example.org", "/deep-sky", a);
    const teacher = instructorLink("https://example.org", "/deep-sky", a, key);
    expect(teacher.startsWith("https://example.org/deep-sky/teach/#a1.")).toBe(true);
    expect(student).not.toContain(key);
    expect(accessFor(a, splitInstructorKey(teacher).key)).toBe("instructor");
    expect(accessFor(a, splitInstructorKey(student).key)).toBe("student");
  });

  it("explains what is wrong with a form", () => {
    const form = defaultForm("abcdEFGH23", families);
    expect(formToAssignment({ ...form, title: "  " })).toMatchObject({ ok: false, message: /title/ });
    expect(formToAssignment({ ...form, due: "2026-02-31" })).toMatchObject({ ok: false, message: /no 2026-02-31/ });
    expect(formToAssignment({ ...form, due: "2028-02-29" })).toMatchObject({ ok: true });
    expect(formToAssignment({ ...form, attempts: 0 })).toMatchObject({ ok: false, message: /Attempts/ });
    expect(formToAssignment({ ...form, rows: [] })).toMatchObject({ ok: false, message: /at least one/ });
    expect(formToAssignment({ ...form, rows: [{ family: "keras-api", level: 3, count: 1 }] })).toMatchObject({
      ok: false,
      message: /levels 1, 2/,
    });
    expect(
      formToAssignment({ ...form, rows: Array.from({ length: 5 }, () => ({ family: "neuron-output", level: 1, count: 10 })) }),
    ).toMatchObject({ ok: false, message: /50 exercises/ });
  });

  it("names files after the title", () => {
    expect(fileStem("Week 3: CNNs & <more>")).toBe("week-3-cnns-more");
    expect(fileStem("!!!")).toBe("assignment");
  });
});
