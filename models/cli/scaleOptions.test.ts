import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "../../src/lib/random/index.ts";
import { simulateCutout } from "../../src/lib/astro/index.ts";
import { encodePng } from "../training/shared/png.ts";
import { UsageError } from "../training/shared/options.ts";
import { classifyFiles, main as classify } from "./classify.ts";
import { main as evaluate } from "./evaluate.ts";
import { scaleFlags, scaleOptions } from "./scaleOptions.ts";

describe("--pixel-scale, --fov, --survey and --frame (classify and models:evaluate)", () => {
  it("turn into prepareImage options", () => {
    expect(scaleOptions({ "pixel-scale": "0.062" })).toEqual({ pixelScale: 0.062 });
    expect(scaleOptions({ fov: "30" })).toEqual({ fov: 30 });
    expect(scaleOptions({ survey: "sdss" })).toEqual({ preset: "sdss" });
    expect(scaleOptions({ frame: "centre" })).toEqual({ frame: "centre" });
    expect(scaleOptions({})).toEqual({});
  });

  it("refuse negative, zero, non-numeric and conflicting values with a clear message", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ "pixel-scale": "-0.2" }, /--pixel-scale must be positive/],
      [{ "pixel-scale": "0" }, /--pixel-scale must be positive/],
      [{ fov: "wide" }, /--fov needs a number of arcseconds, got "wide"/],
      [{ fov: "" }, /--fov needs a number/],
      [{ "pixel-scale": "0.2", fov: "30" }, /one of --pixel-scale, --fov and --survey, not --pixel-scale and --fov/],
      [{ survey: "2mass" }, /unknown --survey "2mass": choose sdss, legacy, hsc, cfhtls, hubble/],
      [{ frame: "tight" }, /--frame must be auto or centre/],
      [{ frame: "auto", fov: "30" }, /--frame applies only to images of unknown scale/],
    ];
    for (const [values, message] of bad) {
      expect(() => scaleOptions(values)).toThrow(UsageError);
      expect(() => scaleOptions(values)).toThrow(message);
    }
  });

  it("a bad value stops either CLI with exit code 2 before any image is read", async () => {
    for (const [main, args] of [
      [classify, ["--pixel-scale", "-1", "nowhere"]],
      [classify, ["--pixel-scale", "0.2", "--fov", "20", "nowhere"]],
      [evaluate, ["lens-finder", "nowhere", "--fov", "abc"]],
    ] as const) {
      const errors: string[] = [];
      expect(
        await main(
          [...args],
          () => {},
          (l) => errors.push(l),
        ),
      ).toBe(2);
      expect(errors.join("\n")).toMatch(/--pixel-scale|--fov/);
    }
  });

  it("a picture of known scale is cut to the models' 16.8″ field: at 0.131″/px a 256-pixel picture gives a 128-pixel crop", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scale-"));
    const { image } = simulateCutout("elliptical", new Rng("scale-cli"));
    // 256 × 256: the cutout enlarged 4× (nearest neighbour).
    const rgb = new Uint8Array(256 * 256 * 3);
    for (let y = 0; y < 256; y++)
      for (let x = 0; x < 256; x++)
        for (let c = 0; c < 3; c++) rgb[(y * 256 + x) * 3 + c] = Math.round(image[c * 4096 + (y >> 2) * 64 + (x >> 2)] * 255);
    writeFileSync(join(dir, "big.png"), encodePng(rgb, 256, 256));
    const run = await classifyFiles([dir], "galaxy-morphology", undefined, { pixelScale: 0.131 });
    expect(run.results).toHaveLength(1);
    const lines: string[] = [];
    expect(
      await classify(
        [dir, "--pixel-scale", "0.131", "--json"],
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(0);
    expect(JSON.parse(lines.join("\n"))).toEqual(run.results);
  });

  it("scaleFlags writes back the options that reproduce a preparation, empty for the defaults", () => {
    expect(scaleFlags({})).toBe("");
    expect(scaleFlags({ frame: "centre" })).toBe("--frame centre");
    expect(scaleFlags({ "pixel-scale": "0.062" })).toBe("--pixel-scale 0.062");
    expect(scaleOptions({ "pixel-scale": "0.062" })).toEqual(
      scaleOptions({ "pixel-scale": scaleFlags({ "pixel-scale": "0.062" }).split(" ")[1] }),
    );
  });
});
