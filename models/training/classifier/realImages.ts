// A classifier on labelled real images (`npm run models:evaluate`): which file is which class, the
// figures (confusion matrix, per-class recall, balanced accuracy, ROC for two classes) and the worst
// mistakes. Balanced accuracy — the mean of the per-class recalls — is the headline because real
// labelled sets are unbalanced (92 spirals, 12 irregulars): plain accuracy would mostly measure the
// big classes. For two classes the score is P(second class), e.g. P(lens). The same figures for the
// pictures made grey show how much of the answer rests on colour rather than on shape.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createHash } from "node:crypto";
import { withoutColour } from "../../../src/lib/astro/index.ts";
import { accuracyOf, confusionMatrix, ratesAt, rocAuc } from "../shared/metrics.ts";

/** One image of a labelled folder: its path relative to the folder (with "/") and its class index. */
export interface LabelledImage {
  file: string;
  truth: number;
}

/** A class name as folders and CSVs spell it, compared without case or punctuation ("nonlens" = "non-lens"). */
const canonical = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The index of the model class a folder or CSV calls `name`, or -1. */
export function matchClass(name: string, classes: readonly string[]): number {
  return classes.findIndex((c) => canonical(c) === canonical(name));
}

/** Splits one CSV line (RFC 4180 quoting: "a ""quoted"" field", commas inside quotes). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === "," && !quoted) {
      out.push(field);
      field = "";
    } else {
      field += ch;
    }
  }
  out.push(field);
  return out;
}

/** A folder that cannot be evaluated: the message says why. */
export class LabelledFolderError extends Error {
  override name = "LabelledFolderError";
}

/**
 * The labelled images of `folder`: from its labels.csv (columns `file` and `class`, file paths
 * relative to the folder) when it has one, else one subfolder per class (images anywhere below it).
 * Class names must match the model's classes (see matchClass); anything else is an error that lists them.
 */
export function readLabelledFolder(folder: string, classes: readonly string[]): LabelledImage[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new LabelledFolderError(`${folder} is not a folder`);
  const unknown = (name: string, where: string) =>
    new LabelledFolderError(`${where} names the class "${name}", which is none of the model's classes: ${classes.join(", ")}`);
  const csv = join(folder, "labels.csv");
  if (existsSync(csv)) {
    const lines = readFileSync(csv, "utf8")
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "");
    const head = csvFields(lines[0]).map((h) => h.trim().toLowerCase());
    const fileCol = head.indexOf("file");
    const classCol = head.indexOf("class");
    if (fileCol < 0 || classCol < 0)
      throw new LabelledFolderError(`${csv} needs a header with "file" and "class" columns, got "${lines[0]}"`);
    return lines.slice(1).map((line, i) => {
      const f = csvFields(line);
      const truth = matchClass(f[classCol] ?? "", classes);
      if (truth < 0) throw unknown(f[classCol] ?? "", `labels.csv line ${i + 2}`);
      return { file: f[fileCol], truth };
    });
  }
  const images: LabelledImage[] = [];
  const walk = (dir: string, truth: number) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".")) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, truth);
      else images.push({ file: relative(folder, full).split(sep).join("/"), truth });
    }
  };
  const subfolders = readdirSync(folder)
    .filter((n) => !n.startsWith(".") && statSync(join(folder, n)).isDirectory())
    .sort();
  if (subfolders.length === 0)
    throw new LabelledFolderError(`${folder} has neither a labels.csv nor one subfolder per class (${classes.join(", ")})`);
  for (const name of subfolders) {
    const truth = matchClass(name, classes);
    if (truth < 0) throw unknown(name, `the subfolder ${name}/`);
    walk(join(folder, name), truth);
  }
  return images;
}

/** One wrong answer: which file, its class, the model's answer and how sure it was. */
export interface Mistake {
  file: string;
  truth: string;
  predicted: string;
  /** Probability of the (wrong) predicted class. */
  probability: number;
}

/** The figures of one evaluation (what real-images.json holds, less where it came from). */
export interface RealImageFigures {
  classes: readonly string[];
  count: number;
  /** counts[t][p]: images of true class t predicted as class p. */
  confusion: number[][];
  /** Per true class: the fraction predicted right (NaN for a class with no image). */
  recall: number[];
  /** Mean recall over the classes that have images. */
  balancedAccuracy: number;
  accuracy: number;
  /** Two classes only (else null): ROC AUC of P(second class), the rates at P ≥ 0.5, and the best recall at ≤ 20% false positives. */
  auc: number | null;
  atHalf: { tpr: number; fpr: number } | null;
  atFpr20: { threshold: number; tpr: number; fpr: number } | null;
  /** Every mistake, the most confident first. */
  mistakes: Mistake[];
}

/** The best true-positive rate over thresholds whose false-positive rate is at most `maxFpr`. */
export function recallAtFpr(
  scores: readonly number[],
  positive: readonly boolean[],
  maxFpr: number,
): { threshold: number; tpr: number; fpr: number } {
  let best = { threshold: Number.POSITIVE_INFINITY, tpr: 0, fpr: 0 };
  for (const threshold of [...new Set(scores)].sort((a, b) => b - a)) {
    const r = ratesAt(scores, positive, threshold);
    if (r.fpr <= maxFpr && r.tpr > best.tpr) best = { threshold, ...r };
  }
  return best;
}

/** The figures for images of classes `truth` given each image's class probabilities. */
export function realImageFigures(
  classes: readonly string[],
  files: readonly string[],
  truth: readonly number[],
  probabilities: readonly ArrayLike<number>[],
): RealImageFigures {
  const k = classes.length;
  const predicted = probabilities.map((p) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (p[j] > p[best]) best = j;
    return best;
  });
  const confusion = confusionMatrix(truth, predicted, k);
  const recall = confusion.map((row, t) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n > 0 ? row[t] / n : Number.NaN;
  });
  const present = recall.filter((r) => !Number.isNaN(r));
  let auc: number | null = null;
  let atHalf: RealImageFigures["atHalf"] = null;
  let atFpr20: RealImageFigures["atFpr20"] = null;
  if (k === 2) {
    const scores = probabilities.map((p) => p[1]);
    const positive = truth.map((t) => t === 1);
    auc = rocAuc(scores, positive);
    atHalf = ratesAt(scores, positive, 0.5);
    atFpr20 = recallAtFpr(scores, positive, 0.2);
  }
  const mistakes = files
    .map((file, i) => ({ file, truth: classes[truth[i]], predicted: classes[predicted[i]], probability: probabilities[i][predicted[i]] }))
    .filter((m) => m.truth !== m.predicted)
    .sort((a, b) => b.probability - a.probability || a.file.localeCompare(b.file));
  return {
    classes,
    count: files.length,
    confusion,
    recall,
    balancedAccuracy: present.reduce((a, b) => a + b, 0) / present.length,
    accuracy: accuracyOf(confusion),
    auc,
    atHalf,
    atFpr20,
    mistakes,
  };
}

/** The headline figures again with every picture made grey (withoutColour) before the network saw it. */
export interface ColourAblation {
  balancedAccuracy: number;
  auc: number | null;
}

/** What models/<model>/real-images.json holds: the figures, where they came from, and which model file. */
export interface RealImageEvaluation extends RealImageFigures {
  model: string;
  /** The labelled set's name (its folder's name, never a machine path) and its citation. */
  set: string;
  source: string;
  /** Views averaged per prediction (test-time augmentation). */
  views: number;
  /**
   * How the pictures were prepared, as the command-line options that reproduce it ("" = the defaults:
   * FITS WCS when present, else auto-framing around the central source).
   */
  preparation: string;
  /** SHA-256 of the model.onnx evaluated: the card shows these figures only for that exact file. */
  onnxSha256: string;
  /** Files that could not be read, with the reason. */
  skipped: { file: string; reason: string }[];
  /** The same images made grey (absent from evaluations saved before it was measured). */
  withoutColour?: ColourAblation;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** JSON with NaN (a class without images) written as null. */
export function evaluationJson(e: RealImageEvaluation): string {
  return `${JSON.stringify(e, (_, v) => (typeof v === "number" && Number.isNaN(v) ? null : v), 2)}\n`;
}

/** What evaluating a folder needs of a classifier: probabilities for a file's bytes, and the picture it saw. */
export type ClassifyBytes = (bytes: Uint8Array) => Promise<{ probabilities: ArrayLike<number>; seen: Float32Array }>;

/** Probabilities for a picture as the network takes it (3 × 64 × 64 CHW in [0, 1], before any test-time views). */
export type ClassifySeen = (seen: Float32Array) => Promise<ArrayLike<number>>;

export interface FolderEvaluation {
  figures: RealImageFigures;
  /** With `classifySeen`: the figures again for the pictures made grey. */
  withoutColour: ColourAblation | null;
  skipped: { file: string; reason: string }[];
  /** The pictures the network saw for each mistake, in `figures.mistakes` order. */
  mistakeImages: Float32Array[];
}

/**
 * Classifies every labelled image of `folder` with `classify` and returns the figures; with
 * `classifySeen`, also those of the same pictures made grey. A file that cannot be read is listed in
 * `skipped` (with the reason) and not counted.
 */
export async function evaluateFolder(
  folder: string,
  classes: readonly string[],
  classify: ClassifyBytes,
  classifySeen?: ClassifySeen,
): Promise<FolderEvaluation> {
  const images = readLabelledFolder(folder, classes);
  const files: string[] = [];
  const truth: number[] = [];
  const probabilities: ArrayLike<number>[] = [];
  const seen = new Map<string, Float32Array>();
  const skipped: { file: string; reason: string }[] = [];
  for (const image of images) {
    try {
      const r = await classify(new Uint8Array(readFileSync(join(folder, image.file))));
      files.push(image.file);
      truth.push(image.truth);
      probabilities.push(Array.from(r.probabilities));
      seen.set(image.file, r.seen);
    } catch (error) {
      skipped.push({ file: image.file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (files.length === 0) throw new LabelledFolderError(`no image of ${folder} could be read (${skipped.length} tried)`);
  const figures = realImageFigures(classes, files, truth, probabilities);
  let grey: ColourAblation | null = null;
  if (classifySeen) {
    const greyProbabilities: ArrayLike<number>[] = [];
    for (const file of files) greyProbabilities.push(Array.from(await classifySeen(withoutColour(seen.get(file)!))));
    const g = realImageFigures(classes, files, truth, greyProbabilities);
    grey = { balancedAccuracy: g.balancedAccuracy, auc: g.auc };
  }
  return { figures, withoutColour: grey, skipped, mistakeImages: figures.mistakes.map((m) => seen.get(m.file)!) };
}
