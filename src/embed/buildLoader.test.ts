import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildLoader } from "./buildLoader.ts";

describe("the embed loader bundle (/embed.js)", () => {
  it("is one classic script under its size budget (8 kB raw, 3 kB gzipped)", async () => {
    const code = await buildLoader();
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code.length).toBeLessThan(8_000);
    expect(gzipSync(code).length).toBeLessThan(3_000);
  });
});
