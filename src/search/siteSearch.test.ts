import { describe, expect, it } from "vitest";
import { MAX_RESULTS, containsQueryWord, resultCountText } from "./siteSearch.ts";

describe("resultCountText", () => {
  it("says when nothing matches, counts one and many, and says when the list is cut", () => {
    expect(resultCountText(0, "quokka")).toBe("No lesson mentions “quokka”.");
    expect(resultCountText(1, "stride")).toBe("1 page mentions “stride”.");
    expect(resultCountText(3, "loss")).toBe("3 pages mention “loss”.");
    expect(resultCountText(MAX_RESULTS + 4, "loss")).toBe(`${MAX_RESULTS + 4} pages mention “loss”, showing the first ${MAX_RESULTS}.`);
  });
});

describe("containsQueryWord", () => {
  it("keeps excerpts that mark the query word, a longer word it starts (prefix search) or its stem", () => {
    expect(containsQueryWord("conv1 has <mark>stride</mark> 2", "stride")).toBe(true);
    expect(containsQueryWord("<mark>Stride</mark> 2", "STRIDE")).toBe(true);
    expect(containsQueryWord("the <mark>loss.</mark> A model", "loss")).toBe(true);
    expect(containsQueryWord("see <mark>backpropagation</mark>", "backprop")).toBe(true);
    expect(containsQueryWord("with <mark>stride</mark> 2", "strides")).toBe(true);
    expect(containsQueryWord("the <mark>loss</mark> and <mark>curve</mark>", "learning curve")).toBe(true);
  });
  it("drops Pagefind's fallback to a short indexed prefix of an unknown word, and excerpts that mark nothing", () => {
    expect(containsQueryWord("m 0.03, <mark>Q</mark> 20. Pixel scale", "quokka")).toBe(false);
    expect(containsQueryWord("colour-preserving asinh as legacypipe’s dr2_rgb", "quokka")).toBe(false);
  });
});
