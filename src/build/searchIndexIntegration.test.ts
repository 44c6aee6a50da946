import { describe, expect, it } from "vitest";
import { isSearchFileNeeded } from "./searchIndexIntegration.ts";

describe("isSearchFileNeeded", () => {
  it("keeps the search API, its worker, the entry file, the index chunks and the wasm of the site's languages", () => {
    for (const path of [
      "pagefind.js",
      "pagefind-worker.js",
      "pagefind-entry.json",
      "pagefind.en_a7817720ab.pf_meta",
      "index/en_b19ee81.pf_index",
      "fragment/en_d72cdf6.pf_fragment",
      "filter/en_1.pf_filter",
      "wasm.en.pagefind",
    ])
      expect(isSearchFileNeeded(path, ["en"]), path).toBe(true);
  });
  it("drops Pagefind's UI bundles and the wasm of languages the site does not have", () => {
    for (const path of [
      "pagefind-ui.js",
      "pagefind-ui.css",
      "pagefind-modular-ui.js",
      "pagefind-component-ui.js",
      "pagefind-highlight.js",
      "wasm.unknown.pagefind",
      "wasm.de.pagefind",
    ])
      expect(isSearchFileNeeded(path, ["en"]), path).toBe(false);
  });
});
