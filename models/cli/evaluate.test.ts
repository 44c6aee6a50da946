import { describe, expect, it } from "vitest";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { Rng } from "../../src/lib/random/index.ts";
import { simulateCutout } from "../../src/lib/astro/index.ts";
import { MORPHOLOGY_CLASSES } from "../../src/lib/astro/index.ts";
import { encodePng } from "../training/shared/png.ts";
import { modelDir } from "../training/shared/paths.ts";
import { csvFields, evaluateFolder, readLabelledFolder, sha256 } from "../training/classifier/realImages.ts";
import type { RealImageEvaluation } from "../training/classifier/realImages.ts";
import { REAL_IMAGES_HEADING, savedRealImages } from "../training/classifier/card.ts";
import { main, saveRealImages } from "./evaluate.ts";

/** A 2 × 2 PNG whose red value is `id`: the fake classifier below reads it back. */
const tagPng = (id: number) =>
  encodePng(
    new Uint8Array(12).fill(0).map((_, i) => (i % 3 === 0 ? id : 0)),
    2,
    2,
  );

/** A classifier that answers from a table: the image tagged i gets probabilities table[i]. */
const fromTable = (table: Record<number, number[]>) => async (bytes: Uint8Array) => {
  const id = PNG.sync.read(Buffer.from(bytes)).data[0];
  if (!(id in table)) throw new Error(`no such test image ${id}`);
  return { probabilities: table[id], seen: new Float32Array(3 * 64 * 64).fill(id / 255) };
};

/** Writes `files` (path → bytes) under a new temporary folder and returns it. */
function folderWith(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(join(tmpdir(), "deep-sky-evaluate-test-"));
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

const LENS = ["non-lens", "lens"] as const;

describe("npm run models:evaluate", () => {
  it("gives the exact confusion matrix, recalls, balanced accuracy, ROC AUC and rates of a tiny two-class folder", async () => {
    // P(lens) per image: four non-lenses (one called a lens), three lenses (one missed).
    const pLens: Record<number, number> = { 1: 0.1, 2: 0.2, 3: 0.75, 4: 0.4, 11: 0.9, 12: 0.25, 13: 0.6 };
    const dir = folderWith({
      "nonlens/a.png": tagPng(1),
      "nonlens/b.png": tagPng(2),
      "nonlens/c.png": tagPng(3),
      "nonlens/d.png": tagPng(4),
      "lens/a.png": tagPng(11),
      "lens/b.png": tagPng(12),
      "lens/c.png": tagPng(13),
    });
    const table = Object.fromEntries(Object.entries(pLens).map(([id, p]) => [id, [1 - p, p]]));
    const { figures: f, skipped, mistakeImages } = await evaluateFolder(dir, LENS, fromTable(table));
    expect(skipped).toEqual([]);
    expect(f.count).toBe(7);
    expect(f.confusion).toEqual([
      [3, 1],
      [1, 2],
    ]);
    expect(f.recall).toEqual([3 / 4, 2 / 3]);
    expect(f.balancedAccuracy).toBeCloseTo((3 / 4 + 2 / 3) / 2, 12);
    expect(f.accuracy).toBeCloseTo(5 / 7, 12);
    // AUC: of the 3 × 4 (lens, non-lens) pairs, the lens scores higher in 4 + 2 + 3 = 9.
    expect(f.auc).toBeCloseTo(9 / 12, 12);
    expect(f.atHalf).toEqual({ tpr: 2 / 3, fpr: 1 / 4 });
    // One false positive in four is already 25%: only the threshold 0.9 stays at ≤ 20%.
    expect(f.atFpr20).toEqual({ threshold: 0.9, tpr: 1 / 3, fpr: 0 });
    // Most confident mistake first; these two tie at 0.75 (1 − 0.25 and 0.75) and are then ordered by file name.
    expect(f.mistakes).toEqual([
      { file: "lens/b.png", truth: "lens", predicted: "non-lens", probability: 0.75 },
      { file: "nonlens/c.png", truth: "non-lens", predicted: "lens", probability: 0.75 },
    ]);
    expect(mistakeImages.map((m) => Math.round(m[0] * 255))).toEqual([12, 3]);
  });

  it("scores the pictures made grey as well, when it can run the network on a picture", async () => {
    // A fake network that only sees colour: P(lens) is the picture's blue minus red, plus ½.
    const blueness = async (seen: Float32Array) => {
      const p = Math.min(1, Math.max(0, 0.5 + seen[2 * 4096] - seen[0]));
      return [1 - p, p];
    };
    const picture = (r: number, b: number) => {
      const seen = new Float32Array(3 * 4096);
      seen.fill(r, 0, 4096);
      seen.fill(0.3, 4096, 8192);
      seen.fill(b, 8192);
      return seen;
    };
    const pictures: Record<number, Float32Array> = {
      1: picture(0.8, 0.1),
      2: picture(0.6, 0.3),
      11: picture(0.1, 0.9),
      12: picture(0.2, 0.7),
    };
    const dir = folderWith({ "nonlens/a.png": tagPng(1), "nonlens/b.png": tagPng(2), "lens/a.png": tagPng(11), "lens/b.png": tagPng(12) });
    const classify = async (bytes: Uint8Array) => {
      const seen = pictures[PNG.sync.read(Buffer.from(bytes)).data[0]];
      return { probabilities: await blueness(seen), seen };
    };
    const withColour = await evaluateFolder(dir, LENS, classify, blueness);
    expect(withColour.figures.auc).toBe(1);
    expect(withColour.figures.balancedAccuracy).toBe(1);
    // In grey every picture scores ½: all pairs tie, and every image is called a non-lens.
    expect(withColour.withoutColour).toEqual({ balancedAccuracy: 0.5, auc: 0.5 });
    expect((await evaluateFolder(dir, LENS, classify)).withoutColour).toBeNull();
  });

  it("reads labels.csv (quoted fields, class names matched without case or punctuation), skips unreadable files and reports classes with no image", async () => {
    const dir = folderWith({
      "labels.csv":
        'file,class,note\nimgs/x.png,Elliptical,"round, smooth"\nimgs/y.png,EDGE ON,"a ""thin"" disk"\nimgs/z.png,spiral,\nimgs/broken.png,merger,\n',
      "imgs/x.png": tagPng(1),
      "imgs/y.png": tagPng(2),
      "imgs/z.png": tagPng(3),
      "imgs/broken.png": "not a png",
    });
    expect(csvFields('a,"b, c","say ""hi"""')).toEqual(["a", "b, c", 'say "hi"']);
    expect(readLabelledFolder(dir, MORPHOLOGY_CLASSES).map((i) => [i.file, MORPHOLOGY_CLASSES[i.truth]])).toEqual([
      ["imgs/x.png", "elliptical"],
      ["imgs/y.png", "edge-on"],
      ["imgs/z.png", "spiral"],
      ["imgs/broken.png", "merger"],
    ]);
    const one = (k: number) => MORPHOLOGY_CLASSES.map((_, j) => (j === k ? 0.6 : 0.1));
    const { figures: f, skipped } = await evaluateFolder(dir, MORPHOLOGY_CLASSES, fromTable({ 1: one(0), 2: one(2), 3: one(4) }));
    expect(skipped.map((s) => s.file)).toEqual(["imgs/broken.png"]);
    expect(f.confusion).toEqual([
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(f.recall.map((r) => (Number.isNaN(r) ? null : r))).toEqual([1, 0, 1, null, null]);
    // Balanced accuracy averages only the classes that have images: (1 + 0 + 1) / 3.
    expect(f.balancedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(f.auc).toBeNull();
  });

  it("refuses a folder whose classes it cannot match, naming the model's classes", () => {
    expect(() => readLabelledFolder(folderWith({ "lens/a.png": tagPng(1), "cats/b.png": tagPng(2) }), LENS)).toThrow(
      'the subfolder cats/ names the class "cats", which is none of the model\'s classes: non-lens, lens',
    );
    expect(() => readLabelledFolder(folderWith({ "a.png": tagPng(1) }), LENS)).toThrow(
      /has neither a labels.csv nor one subfolder per class \(non-lens, lens\)/,
    );
  });

  it("runs the lens finder on a folder of simulated cutouts: prints the matrix, writes the contact sheet, and checks its command line", async () => {
    const files: Record<string, Uint8Array> = {};
    const rng = new Rng("evaluate-cli");
    for (const kind of ["lens", "non-lens"] as const) {
      for (let i = 0; i < 2; i++) {
        const { image } = simulateCutout(kind, rng.fork(`${kind}/${i}`));
        const rgb = new Uint8Array(64 * 64 * 3);
        for (let p = 0; p < 4096; p++) for (let c = 0; c < 3; c++) rgb[p * 3 + c] = Math.round(image[c * 4096 + p] * 255);
        files[`${kind}/${i}.png`] = encodePng(rgb, 64, 64);
      }
    }
    const dir = folderWith(files);
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await main(
        ["lens-finder", dir, "--json", "--worst", "4"],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    const e = JSON.parse(out.join("\n")) as RealImageEvaluation;
    expect(e.count).toBe(4);
    expect(e.views).toBe(8);
    expect(e.preparation).toBe("");
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(e.onnxSha256).toBe(sha256(new Uint8Array(readFileSync(join(modelDir("lens-finder"), "model.onnx")))));
    expect(e.withoutColour?.balancedAccuracy).toBeGreaterThanOrEqual(0);
    expect(e.withoutColour?.auc).toBeGreaterThanOrEqual(0);
    const sheet = err.join("\n").match(/: (\/\S+mistakes\.png)$/m)?.[1];
    if (e.mistakes.length > 0) expect(existsSync(sheet!)).toBe(true);
    else expect(err.join("\n")).toContain("no mistakes");
    const text: string[] = [];
    expect(
      await main(
        ["lens-finder", dir],
        (l) => text.push(l),
        () => {},
      ),
    ).toBe(0);
    expect(text.join("\n")).toMatch(/non-lens\s+\d+\s+\d+\s+[\d.]+%\n.*lens\s+\d+\s+\d+/);
    expect(text.join("\n")).toMatch(/ROC AUC \d\.\d{3}/);
    expect(text.join("\n")).toMatch(/without colour \(the same pictures made grey\): balanced accuracy [\d.]+%; ROC AUC \d\.\d{3}/);

    const help: string[] = [];
    expect(
      await main(
        ["--help"],
        (l) => help.push(l),
        () => {},
      ),
    ).toBe(0);
    expect(help.join("\n")).toMatch(/^usage: npm run models:evaluate -- <galaxy-morphology\|lens-finder> <folder>/);
    for (const [argv, message] of [
      [["lens-finder"], "give a model and a folder, got 1 argument(s)"],
      [["cat-finder", dir], 'unknown model "cat-finder"'],
      [["lens-finder", dir, "--save"], "--save needs --source"],
      [["lens-finder", dir, "--save", "--source", "x", "--models", dir], "--save records the committed model"],
      [["lens-finder", dir, "--models", join(dir, "nowhere")], "is missing"],
      [["lens-finder", dir, "--worst", "0"], '--worst needs a positive integer, got "0"'],
      [["lens-finder", join(dir, "nowhere")], "is not a folder"],
    ] as [string[], string][]) {
      const e2: string[] = [];
      expect(
        await main(
          argv,
          () => {},
          (l) => e2.push(l),
        ),
        argv.join(" "),
      ).toBe(2);
      expect(e2.join("\n")).toContain(message);
    }
  });

  it("--save writes real-images.json and a generated 'On real images' section, once, before the training record; a retrained model.onnx drops it", () => {
    const dir = mkdtempSync(join(tmpdir(), "deep-sky-evaluate-save-"));
    for (const f of ["CARD.md", "metrics.json", "model.onnx"]) copyFileSync(join(modelDir("lens-finder"), f), join(dir, f));
    const evaluation: RealImageEvaluation = {
      model: "lens-finder",
      set: "tiny",
      source: "a test folder",
      views: 8,
      preparation: "--pixel-scale 0.062",
      onnxSha256: sha256(new Uint8Array(readFileSync(join(dir, "model.onnx")))),
      classes: ["non-lens", "lens"],
      count: 4,
      confusion: [
        [2, 0],
        [1, 1],
      ],
      recall: [1, 0.5],
      balancedAccuracy: 0.75,
      accuracy: 0.75,
      auc: 0.75,
      atHalf: { tpr: 0.5, fpr: 0 },
      atFpr20: { threshold: 0.6, tpr: 0.5, fpr: 0 },
      mistakes: [{ file: "lens/1.png", truth: "lens", predicted: "non-lens", probability: 0.8 }],
      skipped: [],
    };
    saveRealImages(dir, evaluation);
    expect(readFileSync(join(dir, "CARD.md"), "utf8")).not.toContain("Without colour");
    saveRealImages(dir, { ...evaluation, source: "the same folder, cited again", withoutColour: { balancedAccuracy: 0.5, auc: 0.375 } });
    const card = readFileSync(join(dir, "CARD.md"), "utf8");
    expect(card.split(REAL_IMAGES_HEADING).length).toBe(2);
    const section = card.slice(card.indexOf(REAL_IMAGES_HEADING), card.indexOf("## How it was trained"));
    expect(section).toContain("Source: the same folder, cited again.");
    expect(section).toContain("**Balanced accuracy: 75.0%**");
    expect(section).toContain("Recall per class: non-lens 100.0% (2/2), lens 50.0% (1/2).");
    expect(section).toContain("**ROC AUC: 0.750**");
    expect(section).toContain("`npm run models:evaluate -- lens-finder <folder> --pixel-scale 0.062`");
    expect(section).toContain("resampled to the network's 0.262″ pixels and 16.8″ field from the given scale");
    expect(section).toContain("| **lens** | 1 | **1** | 50.0% |");
    expect(section).toContain("**Without colour: balanced accuracy 50.0%, ROC AUC 0.375**");
    expect(section).toContain("in grey, the network gives the real non-lens images higher P(lens) than the lens images");
    expect(card.indexOf("## Results on held-out simulated cutouts")).toBeLessThan(card.indexOf(REAL_IMAGES_HEADING));
    expect(savedRealImages(dir)?.balancedAccuracy).toBe(0.75);
    writeFileSync(join(dir, "model.onnx"), "a retrained model");
    expect(savedRealImages(dir)).toBeNull();
  });
});
