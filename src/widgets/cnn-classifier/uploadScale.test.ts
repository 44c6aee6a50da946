import { describe, expect, it } from "vitest";
import { DEFAULT_UPLOAD_SCALE, uploadPrepareOptions } from "./uploadScale.ts";

describe("the upload form's pixel-scale choice", () => {
  it("defaults to auto-framing and maps each mode to prepareImage options", () => {
    expect(uploadPrepareOptions(DEFAULT_UPLOAD_SCALE)).toEqual({ options: { frame: "auto" } });
    expect(uploadPrepareOptions({ mode: "centre", preset: "sdss", value: "" })).toEqual({ options: { frame: "centre" } });
    expect(uploadPrepareOptions({ mode: "preset", preset: "hsc", value: "" })).toEqual({ options: { preset: "hsc" } });
    expect(uploadPrepareOptions({ mode: "pixel-scale", preset: "sdss", value: "0.396" })).toEqual({ options: { pixelScale: 0.396 } });
    expect(uploadPrepareOptions({ mode: "fov", preset: "sdss", value: " 30 " })).toEqual({ options: { fov: 30 } });
  });
  it("explains an empty, zero, negative or non-numeric value instead of classifying", () => {
    expect(uploadPrepareOptions({ mode: "pixel-scale", preset: "sdss", value: "" })).toEqual({
      error: "Type the pixel scale in arcseconds, or choose another option.",
    });
    expect(uploadPrepareOptions({ mode: "fov", preset: "sdss", value: "0" })).toEqual({
      error: "The field of view must be a positive number of arcseconds, got 0.",
    });
    expect(uploadPrepareOptions({ mode: "pixel-scale", preset: "sdss", value: "-1" })).toEqual({
      error: "The pixel scale must be a positive number of arcseconds, got -1.",
    });
    expect(uploadPrepareOptions({ mode: "pixel-scale", preset: "sdss", value: "abc" })).toEqual({
      error: "The pixel scale must be a positive number of arcseconds, got not a number.",
    });
  });
});
