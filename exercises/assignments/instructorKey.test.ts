import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeAssignment, encodeAssignment } from "./assignment.ts";
import { accessFor, keyHash, newInstructorKey, splitInstructorKey } from "./instructorKey.ts";
import { sampleAssignment } from "./sampleWork.test-util.ts";
import { sha256Hex } from "./sha256.ts";

describe("instructor keys", () => {
  it("SHA-256 agrees with node:crypto, across block boundaries and non-ASCII text", () => {
    for (const text of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "a".repeat(1000), "Ångström → σ(z) 🚀"]) {
      expect(sha256Hex(text), text.slice(0, 20)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  it("makes 128-bit keys from the random source and stores only their hash in the assignment", () => {
    let n = 0x12345678;
    const key = newInstructorKey(() => (n = (n * 1103515245 + 12345) >>> 0));
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const a = sampleAssignment({ keyHash: keyHash(key) });
    const link = encodeAssignment(a);
    expect(link).not.toContain(key);
    expect(decodeAssignment(`https://x.org/assignment/#${link}`)).toEqual({ ok: true, value: a });
  });

  it("reads the key from an instructor link, and the assignment from it too", () => {
    const key = "0123456789abcdef0123456789abcdef";
    const a = sampleAssignment({ keyHash: keyHash(key) });
    const instructor = `https://x.org/teach/#${encodeAssignment(a)}~${key}`;
    expect(splitInstructorKey(instructor)).toEqual({ link: `https://x.org/teach/#${encodeAssignment(a)}`, key });
    expect(decodeAssignment(instructor)).toEqual({ ok: true, value: a });
    expect(splitInstructorKey(`#${encodeAssignment(a)}`).key).toBeNull();
  });

  it("grants editing only with the key whose hash the assignment carries", () => {
    const key = "0123456789abcdef0123456789abcdef";
    const a = sampleAssignment({ keyHash: keyHash(key) });
    expect(accessFor(a, key)).toBe("instructor");
    expect(accessFor(a, null)).toBe("student");
    expect(accessFor(a, "ffffffffffffffffffffffffffffffff")).toBe("student");
    expect(accessFor(sampleAssignment(), null)).toBe("unkeyed");
  });

  it("refuses a malformed key hash in a link", () => {
    const a = sampleAssignment({ keyHash: "not-a-hash" });
    expect(decodeAssignment(encodeAssignment(a))).toMatchObject({ ok: false, message: /instructor key hash/ });
  });
});
