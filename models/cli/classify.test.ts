import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "../../src/lib/random/index.ts";
import { preprocess, simulateCutout } from "../../src/lib/astro/index.ts";
import { writeFits } from "../../src/lib/astro/fitsWriter.test-util.ts";
import { ModelRunner, loadImageFile } from "../../src/lib/inference/index.ts";
import { loadNodeRuntime } from "../../src/lib/inference/nodeRuntime.ts";
import jpeg from "jpeg-js";
import { encodePng } from "../training/shared/png.ts";
import { committedFile } from "../training/shared/paths.ts";
import { classifyFiles, main } from "./classify.ts";
import { decodeInNode } from "../training/classifier/fileClassifier.ts";
import type { ClassifyResult } from "./classify.ts";

/** A folder with a PNG and a FITS of simulated cutouts and a text file that is no image. */
function fixtureFolder(): { dir: string; rgb: Uint8Array; image: Float32Array } {
  const dir = mkdtempSync(join(tmpdir(), "classify-"));
  const { image, flux } = simulateCutout("spiral", new Rng("classify-cli/spiral"));
  const rgb = new Uint8Array(64 * 64 * 3);
  for (let p = 0; p < 64 * 64; p++) for (let c = 0; c < 3; c++) rgb[p * 3 + c] = Math.round(image[c * 4096 + p] * 255);
  writeFileSync(join(dir, "spiral.png"), encodePng(rgb, 64, 64));
  // FITS stores the bottom row first: flip the r plane (fluxes, nanomaggies) when writing.
  const r = new Float32Array(4096);
  for (let y = 0; y < 64; y++) r.set(flux.subarray(4096 + (63 - y) * 64, 4096 + (64 - y) * 64), y * 64);
  writeFileSync(join(dir, "spiral-r.fits"), writeFits({ bitpix: -32, width: 64, height: 64, values: r }));
  writeFileSync(join(dir, "notes.txt"), "not an image\n");
  return { dir, rgb, image };
}

describe("npm run classify", () => {
  it("decodes PNGs in Node to the pixels the PNG was written from (JPEGs nearly so), and preprocesses them with the shared function", async () => {
    const { dir, rgb } = fixtureFolder();
    const loaded = await loadImageFile(new Uint8Array(readFileSync(join(dir, "spiral.png"))), decodeInNode, {
      prepare: { frame: "centre" },
    });
    const rgba = new Uint8Array(64 * 64 * 4);
    for (let p = 0; p < 4096; p++) rgba.set([rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], 255], p * 4);
    expect(loaded.prepared.data).toEqual(preprocess({ kind: "rgba", width: 64, height: 64, data: rgba }).data);
    // JPEG (lossy): decoded by jpeg-js to nearly the same picture.
    const jpg = jpeg.encode({ data: rgba, width: 64, height: 64 }, 95).data;
    const fromJpeg = await loadImageFile(new Uint8Array(jpg), decodeInNode, { prepare: { frame: "centre" } });
    expect(fromJpeg.format).toBe("jpeg");
    let worst = 0;
    for (let i = 0; i < fromJpeg.prepared.data.length; i++)
      worst = Math.max(worst, Math.abs(fromJpeg.prepared.data[i] - loaded.prepared.data[i]));
    expect(worst).toBeLessThan(0.2);
  });

  it("classifies a folder's PNG and FITS, reports the bad file and skips it, and prints JSON", async () => {
    const { dir, image } = fixtureFolder();
    const lines: string[] = [];
    const errors: string[] = [];
    // Centre framing: the 64-pixel cutout exactly as simulated (auto-framing would re-crop it).
    const code = await main(
      [dir, "--json", "--frame", "centre"],
      (l) => lines.push(l),
      (l) => errors.push(l),
    );
    expect(code).toBe(0);
    const results = JSON.parse(lines.join("\n")) as ClassifyResult[];
    expect(results.map((r) => r.file.slice(dir.length + 1))).toEqual(["spiral-r.fits", "spiral.png"]);
    for (const r of results) {
      expect(r.model).toBe("galaxy-morphology");
      expect(Object.keys(r.probabilities)).toEqual(["elliptical", "spiral", "edge-on", "irregular", "merger"]);
      const total = Object.values(r.probabilities).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 4);
      expect(r.top).toBe(Object.entries(r.probabilities).sort((a, b) => b[1] - a[1])[0][0]);
    }
    expect(errors).toEqual([
      expect.stringMatching(/skipped .*notes\.txt: .*is not a PNG, JPEG or FITS image/),
      expect.stringMatching(/warning .*spiral-r\.fits: The picture has one band only/),
    ]);
    // The PNG's probabilities are the model's on the (8-bit rounded) simulated image.
    const direct = await new ModelRunner({ loadRuntime: loadNodeRuntime }).predict(
      {
        id: "g",
        bytes: new Uint8Array(readFileSync(committedFile("galaxy-morphology", "model.onnx"))),
        labels: ["elliptical", "spiral", "edge-on", "irregular", "merger"],
      },
      image,
      "wasm",
    );
    expect(Math.abs(results[1].probabilities.spiral - direct.probabilities[1])).toBeLessThan(0.05);
  });

  it("uses the lens finder with --model, prints one line per file, and exits 1 when nothing could be classified", async () => {
    const { dir } = fixtureFolder();
    const lines: string[] = [];
    expect(
      await main(
        ["--model", "lens-finder", join(dir, "spiral.png")],
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/spiral\.png: (lens|non-lens) \(non-lens 0\.\d{3}, lens 0\.\d{3}\)$/)]);
    const errors: string[] = [];
    expect(
      await main(
        [join(dir, "notes.txt"), join(dir, "missing.png")],
        () => {},
        (l) => errors.push(l),
      ),
    ).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(/missing\.png: no such file/),
      expect.stringMatching(/notes\.txt/),
      "nothing could be classified",
    ]);
    const usage: string[] = [];
    expect(
      await main(
        ["--model", "cats", dir],
        () => {},
        (l) => usage.push(l),
      ),
    ).toBe(2);
    expect(usage.join("\n")).toMatch(/unknown model "cats": choose galaxy-morphology or lens-finder/);
    const run = await classifyFiles([dir], "lens-finder");
    expect(run.results).toHaveLength(2);
  });

  it("runs as a script (node --experimental-strip-types models/cli/classify.ts)", () => {
    const { dir } = fixtureFolder();
    const out = spawnSync(process.execPath, ["--experimental-strip-types", "--no-warnings", "models/cli/classify.ts", dir, "--json"], {
      encoding: "utf8",
    });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toHaveLength(2);
    expect(out.stderr).toMatch(/skipped .*notes\.txt/);
  });

  it("--help prints the usage and exits 0; an unknown option, a missing value or no files exit 2 with a clear message", async () => {
    const out: string[] = [];
    expect(
      await main(
        ["--help"],
        (l) => out.push(l),
        () => {},
      ),
    ).toBe(0);
    expect(out.join("\n")).toMatch(/usage: npm run classify -- <files or folders…> \[--model galaxy-morphology\|lens-finder\] \[--json\]/);
    const cases: [string[], RegExp][] = [
      [["--colour", "x.png"], /Unknown option '--colour'/],
      [["x.png", "--model"], /Option '-m, --model <value>' argument missing/],
      [[], /name at least one file or folder/],
    ];
    for (const [argv, message] of cases) {
      const err: string[] = [];
      expect(
        await main(
          argv,
          () => {},
          (l) => err.push(l),
        ),
      ).toBe(2);
      expect(err.join("\n")).toMatch(message);
      expect(err.join("\n")).toMatch(/run with --help/);
    }
  });
});
