import { describe, expect, it } from "vitest";
import { ImageFileError, loadImageFile } from "./index.ts";

describe("loadImageFile, as pages import it (the reader loads on the first call)", () => {
  const neverDecode = async () => {
    throw new Error("must not decode");
  };

  it("refuses an empty file and a file that is no image with the ImageFileError class pages test for", async () => {
    const empty = await loadImageFile(new Uint8Array(0), neverDecode, { name: "a.png" }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ImageFileError);
    expect((empty as Error).message).toMatch(/a\.png is empty/);
    const text = await loadImageFile(new TextEncoder().encode("hello, world"), neverDecode, { name: "notes.txt" }).catch((e: unknown) => e);
    expect(text).toBeInstanceOf(ImageFileError);
  });
});
