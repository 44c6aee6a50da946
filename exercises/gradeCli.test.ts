// `npm run exercises -- grade` (exercises/gradeCli.ts) run in-process on a receipts file.
import { describe, expect, it } from "vitest";
import { main } from "./cli.ts";
import { encodeAssignment } from "./assignments/assignment.ts";
import { encodeReceipt, receiptFile } from "./assignments/receipt.ts";
import { sampleAssignment, studentReceipt } from "./assignments/sampleWork.test-util.ts";

const a = sampleAssignment();
const ada = studentReceipt(a, "=Ada", [1]);
const file = `${encodeReceipt(studentReceipt(a, "Grace"))}\n${receiptFile(ada, encodeReceipt(ada))}\nDSR1.broken`;

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(["grade", ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("exercises CLI: grade", () => {
  it("regrades every receipt in a file into CSV, defusing formula-like names", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(`${tmpdir()}/deep-sky-grade-`);
    writeFileSync(`${dir}/receipts.txt`, file);
    const r = run([`${dir}/receipts.txt`, "--csv", "--assignment", `https://x.org/assignment/#${encodeAssignment(a)}`]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\r\n");
    expect(lines[0]).toMatch(/^student,neuron-output #1,neuron-output #2,activation-property,training-step-order,layer-output,points,/);
    expect(lines[1]).toMatch(/^'=Ada,1,0,1,1,1,4,/);
    expect(lines[2]).toMatch(/^Grace,1,1,1,1,1,5,/);
    const table = run([`${dir}/receipts.txt`]);
    expect(table.out).toMatch(/#3 \(\?\): This receipt is incomplete/);
    // The plain table is pasted into spreadsheets too: the same formula guard as the CSV.
    expect(table.out).toMatch(/^'=Ada\t1\t0\t/m);
    expect(table.out).not.toMatch(/^=Ada/m);
  });

  it("--items prints the item analysis; --opens flags earlier starts and refuses impossible dates", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(`${tmpdir()}/deep-sky-grade-`);
    writeFileSync(`${dir}/receipts.txt`, file);
    const items = run([`${dir}/receipts.txt`, "--items"]);
    expect(items.code).toBe(0);
    expect(items.out.split("\r\n")[1]).toMatch(/^neuron-output #1,2,2,1,1,2,0,0,0,/);
    const early = run([`${dir}/receipts.txt`, "--opens", "2025-03-02"]);
    expect(early.out).toMatch(/before the assignment was handed out \(2025-03-02\)/);
    expect(run([`${dir}/receipts.txt`, "--opens", "2025-02-31"]).code).toBe(2);
  });

  it("--help prints the usage and exits 0", () => {
    for (const flag of ["--help", "-h"]) {
      const r = run([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/grade <receipts file>/);
    }
  });

  it("refuses --assignment without a value instead of ignoring it", () => {
    const r = run(["receipts.txt", "--assignment"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--assignment needs a value/);
  });

  it("explains bad usage", () => {
    expect(run([]).code).toBe(2);
    expect(run(["x", "--bogus"]).err).toMatch(/Unknown option --bogus/);
    expect(run(["/no/such/file"]).code).toBe(1);
  });
});
