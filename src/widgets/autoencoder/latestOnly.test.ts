import { describe, expect, it } from "vitest";
import { latestOnly } from "./latestOnly.ts";

/** A promise with its resolver, to hold a call open while more requests arrive. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("latestOnly", () => {
  it("runs the first request at once and, while it runs, keeps only the newest of the requests that follow", async () => {
    const seen: number[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const run = latestOnly(async (n: number) => {
      seen.push(n);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });
    run(1);
    run(2);
    run(3);
    expect(seen).toEqual([1]);
    gates[0].resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([1, 3]);
    gates[1].resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([1, 3]);
  });
});
