import { describe, expect, it } from "vitest";
import { Rng } from "../../src/lib/random/index.ts";
import { assignmentFingerprint, decodeAssignment, encodeAssignment, exerciseCount } from "./assignment.ts";
import { encodeText } from "./base64url.ts";
import { sampleAssignment } from "./sampleWork.test-util.ts";

const a = sampleAssignment();
const fragmentOf = (data: unknown) => `a1.${encodeText(JSON.stringify(data))}`;

describe("assignment links", () => {
  it("an assignment survives encode → decode, from the fragment or from a whole link", () => {
    const fragment = encodeAssignment(a);
    expect(fragment.startsWith("a1.")).toBe(true);
    expect(fragment).toMatch(/^a1\.[A-Za-z0-9_-]+$/);
    expect(decodeAssignment(fragment)).toEqual({ ok: true, value: a });
    expect(decodeAssignment(`https://example.org/deep-sky/assignment/#${fragment}`)).toEqual({ ok: true, value: a });
    expect(decodeAssignment(`#${fragment}`)).toEqual({ ok: true, value: a });
  });

  it("keeps the link compact: a five-exercise assignment fits in a few hundred characters", () => {
    expect(encodeAssignment(a).length).toBeLessThan(400);
    expect(exerciseCount(a)).toBe(5);
  });

  it("a title with markup and non-Latin text round-trips as plain text", () => {
    const b = sampleAssignment({ title: '<img src=x onerror="alert(1)"> Étoiles 星 🌌' });
    expect(decodeAssignment(encodeAssignment(b))).toEqual({ ok: true, value: b });
  });

  it("the fingerprint changes with any setting", () => {
    const base = assignmentFingerprint(a);
    expect(assignmentFingerprint(sampleAssignment())).toBe(base);
    expect(assignmentFingerprint(sampleAssignment({ attempts: 2 }))).not.toBe(base);
    expect(assignmentFingerprint(sampleAssignment({ hints: false }))).not.toBe(base);
    expect(assignmentFingerprint(sampleAssignment({ id: "another1" }))).not.toBe(base);
  });

  it.each([
    ["", /nothing after the #/],
    ["https://example.org/assignment/", /not a Deep Sky assignment link/],
    ["https://example.org/assignment/#", /nothing after the #/],
    ["hello", /not a Deep Sky assignment link/],
    ["a2.eyJ9", /newer format \(a2\)/],
    ["a1.%%%%", /damaged/],
    ["a1.A", /damaged/],
    [`a1.${encodeText("{not json")}`, /damaged/],
    [`a1.${"A".repeat(10_000)}`, /too long/],
  ])("refuses a bad link (case %#) with a clear message", (input, message) => {
    const result = decodeAssignment(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("names the field that is wrong", () => {
    const wire = { i: "Xy7kQ2pL", t: "T", a: 2, h: 1, x: [["neuron-output", 1, 1, 2]] };
    const cases: [unknown, RegExp][] = [
      [{ ...wire, t: "" }, /title/],
      [{ ...wire, a: 0 }, /attempts per exercise should be a whole number from 1 to 10/],
      [{ ...wire, x: [] }, /exercise list should be a list of 1 to 20/],
      [{ ...wire, x: [["neuron-output", 1, 1, 11]] }, /entry 1’s count/],
      [{ ...wire, x: Array.from({ length: 5 }, () => ["neuron-output", 1, 1, 10]) }, /50 exercises; at most 40/],
      [{ ...wire, x: [["<script>", 1, 1, 1]] }, /family should be a family id/],
      [{ ...wire, d: "31/03/2025" }, /due date should be a date like 2025-03-31/],
      [{ ...wire, d: "2026-02-31" }, /due date 2026-02-31 is not a day of the calendar/],
      [{ ...wire, d: "2025-04-31" }, /not a day of the calendar/],
      [{ ...wire, i: "x" }, /id should be a text of 4 to 32/],
      [{ ...wire, extra: 1 }, /unexpected field “extra”/],
      [[1, 2, 3], /should be an object/],
      [null, /should be an object/],
      ["<script>alert(1)</script>", /should be an object/],
    ];
    for (const [data, message] of cases) {
      const result = decodeAssignment(fragmentOf(data));
      expect(result.ok, JSON.stringify(data)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });

  it("refuses unknown families, other versions and missing levels", () => {
    const unknown = decodeAssignment(
      encodeAssignment(sampleAssignment({ items: [{ family: "no-such-family", version: 1, level: 1, count: 1 }] })),
    );
    expect(unknown).toMatchObject({ ok: false, message: expect.stringMatching(/does not have \(“no-such-family”\)/) });
    const version = decodeAssignment(
      encodeAssignment(sampleAssignment({ items: [{ family: "neuron-output", version: 7, level: 1, count: 1 }] })),
    );
    expect(version).toMatchObject({ ok: false, message: expect.stringMatching(/version 7 .* now has version 1/) });
    const level = decodeAssignment(
      encodeAssignment(sampleAssignment({ items: [{ family: "keras-api", version: 1, level: 3, count: 1 }] })),
    );
    expect(level).toMatchObject({ ok: false, message: expect.stringMatching(/no level 3/) });
  });

  it("fuzz: random bytes, random text, mutations and huge strings never throw", () => {
    const rng = new Rng(2024);
    const valid = encodeAssignment(a);
    const inputs: string[] = [
      "<script>alert(1)</script>",
      `a1.${encodeText("<script>alert(1)</script>")}`,
      "#".repeat(100_000),
      "a1.".repeat(50_000),
      "\u0000\uffff\ud800",
    ];
    for (let n = 0; n < 400; n++) {
      const length = rng.int(0, 300);
      inputs.push(Array.from({ length }, () => String.fromCharCode(rng.int(0, 0xffff))).join(""));
      const bytes = Uint8Array.from({ length }, () => rng.int(0, 255));
      inputs.push(`a1.${encodeText(new TextDecoder().decode(bytes))}`);
      const chars = [...valid];
      const at = rng.int(3, chars.length - 1);
      chars[at] = "ABCxyz019-_.!"[rng.int(0, 13)];
      inputs.push(rng.bernoulli(0.5) ? chars.join("") : valid.slice(0, at));
    }
    for (const input of inputs) {
      const result = decodeAssignment(input);
      if (result.ok) expect(decodeAssignment(encodeAssignment(result.value))).toEqual(result);
      else expect(result.message.length).toBeGreaterThan(10);
    }
  });
});
