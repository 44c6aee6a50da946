import { describe, expect, it } from "vitest";
import { ModelRunner } from "../../lib/inference/modelRunner.ts";
import { lazyModelRunner } from "./lazyModelRunner.ts";

describe("lazyModelRunner", () => {
  it("creates one ModelRunner, on the first get, and hands the same one out after", async () => {
    const lazy = lazyModelRunner();
    const first = await lazy.get();
    expect(first).toBeInstanceOf(ModelRunner);
    expect(await lazy.get()).toBe(first);
    lazy.dispose();
  });
});
