// Scores a classifier on a labelled folder of real images:
//
//   npm run models:evaluate -- <galaxy-morphology|lens-finder> <folder> [--save --source TEXT] [--json] [--worst N]
//                              [--pixel-scale ARCSEC | --fov ARCSEC | --survey NAME] [--frame auto|centre] [--models DIR]
//
// The folder holds one subfolder per class (or a labels.csv with file,class columns). Prints the
// confusion matrix, per-class recall, balanced accuracy and, for two classes, ROC AUC; writes a
// contact sheet of the most confident mistakes (what the network saw) to a new temporary folder and
// prints its path. --save records the figures in models/<model>/real-images.json and regenerates the
// card's "On real images" section from them. The figures are also given for the same pictures made
// grey, which shows how much of each answer rests on colour. Images go through the site's loading, preprocessing and
// test-time augmentation (training/classifier/fileClassifier.ts).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { IMAGE_SIZE } from "../../src/lib/astro/index.ts";
import { CLASSIFIERS, CLASSIFIER_IDS, isClassifierId, predictionViews } from "../../src/lib/zoo/index.ts";
import type { ClassifierId } from "../../src/lib/zoo/index.ts";
import { parseOptions, positiveInt, runCli, UsageError } from "../training/shared/options.ts";
import { modelDir } from "../training/shared/paths.ts";
import { contactSheet } from "../training/shared/png.ts";
import { openFileClassifier } from "../training/classifier/fileClassifier.ts";
import { LabelledFolderError, evaluateFolder, evaluationJson, sha256 } from "../training/classifier/realImages.ts";
import type { ColourAblation, RealImageEvaluation, RealImageFigures } from "../training/classifier/realImages.ts";
import { realImagesSection, withRealImagesSection } from "../training/classifier/card.ts";
import { SCALE_OPTIONS, SCALE_USAGE, scaleFlags, scaleOptions } from "./scaleOptions.ts";

const USAGE = `usage: npm run models:evaluate -- <${CLASSIFIER_IDS.join("|")}> <folder> [options]
  <folder>        one subfolder per class (names as the model's classes, case and punctuation ignored),
                  or a labels.csv with "file" and "class" columns
  --save          write models/<model>/real-images.json and regenerate the card's "On real images" section
  --source TEXT   the labelled set's citation, quoted by the card (needed with --save)
  --set NAME      the set's name in the card (default: the folder's name)
  --worst N       mistakes in the contact sheet (default 24)
  --json          print the figures as JSON instead of a table
  --models DIR    score DIR/<model>/model.onnx (an experiment's --out folder) instead of the committed model
${SCALE_USAGE}`;

const pct = (v: number) => (Number.isNaN(v) ? "–" : `${(100 * v).toFixed(1)}%`);

/** The figures as text: the confusion matrix with each class's recall, then the summary numbers (and those without colour). */
export function figuresText(f: RealImageFigures, grey: ColourAblation | null = null): string {
  const width = Math.max(8, ...f.classes.map((c) => c.length)) + 2;
  const cell = (s: string) => s.padStart(width);
  const lines = [`${"true ↓ / predicted →".padEnd(width + 12)}${f.classes.map(cell).join("")}${cell("recall")}`];
  f.confusion.forEach((row, t) =>
    lines.push(`${f.classes[t].padEnd(width + 12)}${row.map((c) => cell(String(c))).join("")}${cell(pct(f.recall[t]))}`),
  );
  lines.push(`balanced accuracy ${pct(f.balancedAccuracy)} (mean recall over classes); accuracy ${pct(f.accuracy)} on ${f.count} images`);
  if (f.auc !== null && f.atHalf && f.atFpr20) {
    lines.push(
      `ROC AUC ${f.auc.toFixed(3)}; at P(${f.classes[1]}) ≥ 0.5: TPR ${pct(f.atHalf.tpr)}, FPR ${pct(f.atHalf.fpr)}; best recall at FPR ≤ 20%: ${pct(f.atFpr20.tpr)} (threshold ${f.atFpr20.threshold.toFixed(3)})`,
    );
  }
  if (grey)
    lines.push(
      `without colour (the same pictures made grey): balanced accuracy ${pct(grey.balancedAccuracy)}${grey.auc === null ? "" : `; ROC AUC ${grey.auc.toFixed(3)}`}`,
    );
  return lines.join("\n");
}

/**
 * Writes `evaluation` as `dir`/real-images.json and rewrites `dir`/CARD.md with its "On real images"
 * section (the held-out simulated accuracy for comparison comes from `dir`/metrics.json).
 */
export function saveRealImages(dir: string, evaluation: RealImageEvaluation): void {
  writeFileSync(join(dir, "real-images.json"), evaluationJson(evaluation));
  const metrics = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as { accuracy: number };
  const card = readFileSync(join(dir, "CARD.md"), "utf8");
  writeFileSync(join(dir, "CARD.md"), withRealImagesSection(card, realImagesSection(evaluation, metrics.accuracy)));
}

/** The CLI: returns the exit code (0 done or --help; 2 for a bad command line or folder). */
export function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  return runCli((args) => evaluate(args, out, err), [...argv], err);
}

async function evaluate(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    save: { type: "boolean" },
    source: { type: "string" },
    set: { type: "string" },
    worst: { type: "string" },
    json: { type: "boolean" },
    models: { type: "string" },
    ...SCALE_OPTIONS,
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`give a model and a folder, got ${positionals.length} argument(s)`);
  const [model, folder] = positionals;
  if (!isClassifierId(model)) throw new UsageError(`unknown model "${model}": choose ${CLASSIFIER_IDS.join(" or ")}`);
  if (values.save && !values.source) throw new UsageError("--save needs --source: the citation the card quotes for these images");
  // --save writes the committed model's card, so it only goes with the committed model.
  if (values.save && values.models) throw new UsageError("--save records the committed model: leave out --models");
  const worst = positiveInt("worst", values.worst) ?? 24;
  const prepare = scaleOptions(values);
  const id: ClassifierId = model;
  const spec = CLASSIFIERS[id];
  const modelsDir = values.models === undefined ? undefined : resolve(values.models);
  if (modelsDir && !existsSync(join(modelsDir, id, "model.onnx")))
    throw new UsageError(`${join(values.models ?? "", id, "model.onnx")} is missing`);
  const classifier = openFileClassifier(id, modelsDir, prepare);
  let result;
  try {
    result = await evaluateFolder(
      folder,
      spec.classes,
      (bytes) => classifier.classify(bytes),
      (seen) => classifier.classifySeen(seen),
    );
  } catch (error) {
    if (error instanceof LabelledFolderError) throw new UsageError(error.message);
    throw error;
  } finally {
    await classifier.dispose();
  }
  const { figures, withoutColour, skipped, mistakeImages } = result;
  for (const s of skipped) err(`skipped ${s.file}: ${s.reason}`);
  const evaluation: RealImageEvaluation = {
    model: id,
    set: values.set ?? basename(resolve(folder)),
    source: values.source ?? "not given",
    views: predictionViews(spec),
    preparation: scaleFlags(values),
    onnxSha256: sha256(classifier.onnx),
    ...figures,
    skipped,
    ...(withoutColour ? { withoutColour } : {}),
  };
  // The contact sheet: the most confident mistakes as the network saw them, 8 to a row, with a list.
  const sheetDir = mkdtempSync(join(tmpdir(), `deep-sky-evaluate-${id}-`));
  const shown = figures.mistakes.slice(0, worst);
  if (shown.length > 0) {
    writeFileSync(join(sheetDir, "mistakes.png"), contactSheet(mistakeImages.slice(0, worst), IMAGE_SIZE, Math.min(8, shown.length), 2));
    writeFileSync(
      join(sheetDir, "mistakes.txt"),
      shown.map((m, i) => `${i + 1}\t${m.file}\t${m.truth} → ${m.predicted}\t${m.probability.toFixed(3)}`).join("\n") + "\n",
    );
  }
  if (values.json) out(evaluationJson(evaluation).trimEnd());
  else {
    out(
      `${id} on ${figures.count} images of "${evaluation.set}"${evaluation.views > 1 ? ` (${evaluation.views} views per prediction)` : ""}`,
    );
    out(figuresText(figures, withoutColour));
  }
  err(
    shown.length > 0
      ? `contact sheet of the ${shown.length} most confident mistakes (left to right, top to bottom; listed in mistakes.txt): ${join(sheetDir, "mistakes.png")}`
      : "no mistakes: no contact sheet",
  );
  if (values.save) {
    saveRealImages(modelDir(id), evaluation);
    err(`wrote models/${id}/real-images.json and the "On real images" section of models/${id}/CARD.md`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
