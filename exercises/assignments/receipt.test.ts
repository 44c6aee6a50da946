import { describe, expect, it } from "vitest";
import { Rng } from "../../src/lib/random/index.ts";
import { encodeText } from "./base64url.ts";
import { checksum } from "./checksum.ts";
import { decodeReceipt, encodeReceipt, findReceiptCodes, receiptFile } from "./receipt.ts";
import { sampleAssignment, studentReceipt } from "./sampleWork.test-util.ts";

const a = sampleAssignment();
const receipt = studentReceipt(a, "Ada Lovelace", [1]);
const code = encodeReceipt(receipt);

/** Re-encodes an edited payload with a correct checksum (what a student who read the source could do). */
function forge(edit: (body: Record<string, unknown>) => void): string {
  const payload = code.slice(5, code.lastIndexOf("."));
  const body = JSON.parse(
    new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))),
  );
  edit(body);
  const next = encodeText(JSON.stringify(body));
  return `DSR1.${next}.${checksum(next)}`;
}

describe("receipts", () => {
  it("round-trip: decode(encode(r)) is r (times to the second)", () => {
    expect(code).toMatch(/^DSR1\.[A-Za-z0-9_-]+\.[0-9a-z]{11}$/);
    const decoded = decodeReceipt(code);
    expect(decoded).toEqual({ ok: true, receipt, code });
  });

  it("survives line breaks and spaces added by mail programs", () => {
    const wrapped = code.replace(/(.{60})/g, "$1\n  ");
    expect(decodeReceipt(wrapped)).toMatchObject({ ok: true, receipt });
  });

  it("a truncated code is detected", () => {
    for (const cut of [code.length - 1, code.length - 12, code.length - 30, 40, 6]) {
      const result = decodeReceipt(code.slice(0, cut));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(["truncated", "edited"]).toContain(result.problem);
    }
  });

  it("one changed character is detected as an edit", () => {
    const rng = new Rng(7);
    for (let n = 0; n < 200; n++) {
      const at = rng.int(5, code.lastIndexOf("."));
      const c = code[at] === "A" ? "B" : "A";
      const result = decodeReceipt(code.slice(0, at) + c + code.slice(at + 1));
      expect(result.ok).toBe(false);
    }
  });

  it("a forged code with a recomputed checksum decodes (the checksum is not a signature); regrading catches it", () => {
    const forged = decodeReceipt(forge((b) => (b.sc = [6, 6])));
    expect(forged.ok).toBe(true);
    if (forged.ok) expect(forged.receipt.claimed).toEqual({ earned: 6, total: 6 });
  });

  it("refuses malformed content with a message naming the field", () => {
    expect(decodeReceipt(forge((b) => (b.s = "")))).toMatchObject({
      ok: false,
      problem: "malformed",
      message: expect.stringMatching(/student ID/),
    });
    expect(decodeReceipt(forge((b) => (b.e = [])))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/list of answers should be a list of 5 to 5/),
    });
    expect(decodeReceipt(forge((b) => ((b.e as unknown[][])[0][1] = [[1_740_000_000, { ["__proto__"]: "x" }]])))).toMatchObject({
      ok: false,
    });
    expect(decodeReceipt(forge((b) => ((b.e as unknown[][])[0][1] = [[1_740_000_000, { y: "x".repeat(401) }]])))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 400/),
    });
    expect(decodeReceipt(forge((b) => (b.v = 2)))).toMatchObject({ ok: false });
    expect(decodeReceipt("DSR9.abc.def")).toMatchObject({
      ok: false,
      problem: "not-a-receipt",
      message: expect.stringMatching(/newer version/),
    });
    expect(decodeReceipt("hello")).toMatchObject({ ok: false, problem: "not-a-receipt" });
  });

  it("keeps raw answers with markup as plain strings", () => {
    const r = studentReceipt(a, "<script>alert(1)</script>");
    r.exercises[0].submissions[0].input.y = "<img src=x onerror=alert(1)>";
    const decoded = decodeReceipt(encodeReceipt(r));
    expect(decoded.ok && decoded.receipt.exercises[0].submissions[0].input.y).toBe("<img src=x onerror=alert(1)>");
  });

  it("finds every code in pasted text and in receipt files", () => {
    const other = encodeReceipt(studentReceipt(a, "Grace"));
    const text = `Here:\n${code}\n\nand ${receiptFile(studentReceipt(a, "Grace"), other)} ok`;
    expect(findReceiptCodes(text)).toEqual([code, other]);
    expect(JSON.parse(receiptFile(receipt, code)).code).toBe(code);
  });

  it("fuzz: random text, random bytes, script tags and huge strings never throw", () => {
    const rng = new Rng(99);
    const inputs = [
      "",
      "DSR1.",
      "DSR1..",
      "DSR1.<script>alert(1)</script>.aaaaaaaaaaa",
      `DSR1.${"A".repeat(500_000)}.aaaaaaaaaaa`,
      "DSR1." + "x".repeat(1e6),
    ];
    for (let n = 0; n < 300; n++) {
      const s = Array.from({ length: rng.int(0, 200) }, () => String.fromCharCode(rng.int(0, 0xffff))).join("");
      inputs.push(s, `DSR1.${s}`, `DSR1.${encodeText(s)}.${checksum(encodeText(s))}`);
    }
    for (const input of inputs) {
      const result = decodeReceipt(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code.length).toBeLessThanOrEqual(80);
    }
  });
});
