// Classify images with the site's models, from the command line:
//
//   npm run classify -- <files or folders…> [--model galaxy-morphology|lens-finder] [--json] [--help]
//                       [--pixel-scale ARCSEC | --fov ARCSEC | --survey NAME] [--frame auto|centre]
//
// PNG, JPEG and FITS (2-D, or the first plane of a cube) go through the same loading and
// preprocessing as the site's upload (src/lib/inference/imageFile.ts → src/lib/astro preprocess) and
// the same model.onnx, run by onnxruntime-web's WASM backend under Node. Unreadable files are
// reported on stderr and skipped; the exit code is non-zero only when nothing could be classified.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ImageFileError, describeError } from "../../src/lib/inference/index.ts";
import { CLASSIFIER_IDS, isClassifierId } from "../../src/lib/zoo/index.ts";
import type { ClassifierId } from "../../src/lib/zoo/index.ts";
import { parseOptions, runCli, UsageError } from "../training/shared/options.ts";
import { MODELS_DIR } from "../training/shared/paths.ts";
import { openFileClassifier } from "../training/classifier/fileClassifier.ts";
import type { PrepareOptions } from "../../src/lib/astro/index.ts";
import { SCALE_OPTIONS, SCALE_USAGE, scaleOptions } from "./scaleOptions.ts";

export type ClassifyModel = ClassifierId;

export interface ClassifyResult {
  file: string;
  model: ClassifyModel;
  top: string;
  probabilities: Record<string, number>;
}

export interface ClassifyRun {
  results: ClassifyResult[];
  /** Files that could not be classified, with the reason. */
  skipped: { file: string; reason: string }[];
  /** What preprocessing noticed (inverted, grey, overexposed, nothing framed), per file. */
  warnings: { file: string; warning: string }[];
}

/** Files named on the command line; folders contribute their image files (recursively, sorted). */
export function expandPaths(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (name.startsWith(".")) continue;
      if (statSync(full).isDirectory()) walk(full);
      // Every other file is tried: one that is not an image is reported, not silently passed over.
      else files.push(full);
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

/** Classifies each file with `model`; never throws for a bad file (it is listed in `skipped`). */
export async function classifyFiles(
  paths: readonly string[],
  model: ClassifyModel,
  modelsDir = MODELS_DIR,
  prepare: Omit<PrepareOptions, "header" | "set"> = {},
): Promise<ClassifyRun> {
  const classifier = openFileClassifier(model, modelsDir, prepare);
  const { files, missing } = expandPaths(paths);
  const run: ClassifyRun = { results: [], skipped: missing.map((file) => ({ file, reason: "no such file or folder" })), warnings: [] };
  for (const file of files) {
    try {
      const p = await classifier.classify(new Uint8Array(readFileSync(file)));
      for (const warning of p.prepared.warnings) run.warnings.push({ file, warning });
      run.results.push({
        file,
        model,
        top: p.top,
        probabilities: Object.fromEntries(p.labels.map((l, i) => [l, Number(p.probabilities[i].toFixed(6))])),
      });
    } catch (error) {
      run.skipped.push({ file, reason: error instanceof ImageFileError ? error.message : describeError(error) });
    }
  }
  await classifier.dispose();
  return run;
}

const USAGE = `usage: npm run classify -- <files or folders…> [--model ${CLASSIFIER_IDS.join("|")}] [--json] [scale options]
  --model ID            the classifier (default galaxy-morphology)
  --json                print the results as JSON
${SCALE_USAGE}
PNG, JPEG and FITS files; folders are searched recursively.`;

/** The CLI: returns the exit code (0 when at least one file was classified or for --help; 1 when none could be; 2 for a bad command line). */
export function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  return runCli((args) => classify(args, out, err), [...argv], err);
}

async function classify(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals: paths } = parseOptions(argv, {
    model: { type: "string", short: "m" },
    json: { type: "boolean" },
    ...SCALE_OPTIONS,
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const model = values.model ?? "galaxy-morphology";
  if (!isClassifierId(model)) throw new UsageError(`unknown model "${model}": choose ${CLASSIFIER_IDS.join(" or ")}`);
  const json = values.json ?? false;
  const prepare = scaleOptions(values);
  if (paths.length === 0) throw new UsageError("name at least one file or folder to classify");
  const run = await classifyFiles(paths, model, MODELS_DIR, prepare);
  for (const s of run.skipped) err(`skipped ${s.file}: ${s.reason}`);
  for (const w of run.warnings) err(`warning ${w.file}: ${w.warning}`);
  if (json) out(JSON.stringify(run.results, null, 2));
  else {
    for (const r of run.results) {
      const probs = Object.entries(r.probabilities)
        .map(([label, p]) => `${label} ${p.toFixed(3)}`)
        .join(", ");
      out(`${r.file}: ${r.top} (${probs})`);
    }
  }
  if (run.results.length === 0) {
    err("nothing could be classified");
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
