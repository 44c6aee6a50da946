// Classify images with the site's models, from the command line:
//
//   npm run classify -- <files or folders…> [--model galaxy-morphology|lens-finder] [--json]
//
// PNG, JPEG and FITS (2-D, or the first plane of a cube) go through the same loading and
// preprocessing as the site's upload (src/lib/inference/imageFile.ts → src/lib/astro preprocess) and
// the same model.onnx, run by onnxruntime-web's WASM backend under Node. Unreadable files are
// reported on stderr and skipped; the exit code is non-zero only when nothing could be classified.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import jpeg from "jpeg-js";
import { ModelRunner, ImageFileError, describeError, loadImageFile } from "../src/lib/inference/index.ts";
import type { RasterDecoder } from "../src/lib/inference/index.ts";
import { loadNodeRuntime } from "../src/lib/inference/nodeRuntime.ts";
import { MODEL_SPECS } from "../src/lib/astro/model-specs.ts";
import { DIHEDRAL_VIEWS, IMAGE_SIZE, dihedralViews } from "../src/lib/astro/index.ts";

export const CLASSIFY_MODELS = ["galaxy-morphology", "lens-finder"] as const;
export type ClassifyModel = (typeof CLASSIFY_MODELS)[number];

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
}

/** PNG and JPEG decoding in Node: pure-JS decoders (the browser uses a canvas). */
export const decodeInNode: RasterDecoder = async (bytes, format) => {
  if (format === "png") {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { width: png.width, height: png.height, data: png.data };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
};

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
export async function classifyFiles(paths: readonly string[], model: ClassifyModel, modelsDir = import.meta.dirname): Promise<ClassifyRun> {
  const spec = MODEL_SPECS[model];
  const onnx = join(modelsDir, model, "model.onnx");
  const bytes = new Uint8Array(readFileSync(onnx));
  const classifier = new ModelRunner({ loadRuntime: loadNodeRuntime });
  const source = { id: model, bytes, labels: spec.classes };
  const { files, missing } = expandPaths(paths);
  const run: ClassifyRun = { results: [], skipped: missing.map((file) => ({ file, reason: "no such file or folder" })) };
  for (const file of files) {
    try {
      const loaded = await loadImageFile(new Uint8Array(readFileSync(file)), decodeInNode, { name: "the file" });
      const views = spec.testTimeAugmentation ? DIHEDRAL_VIEWS : 1;
      const input = views > 1 ? dihedralViews(loaded.prepared.data, 3, IMAGE_SIZE) : loaded.prepared.data;
      const p = await classifier.predict(source, input, "wasm", views);
      run.results.push({ file, model, top: p.top, probabilities: Object.fromEntries(p.labels.map((l, i) => [l, Number(p.probabilities[i].toFixed(6))])) });
    } catch (error) {
      run.skipped.push({ file, reason: error instanceof ImageFileError ? error.message : describeError(error) });
    }
  }
  await classifier.dispose();
  return run;
}

const USAGE = "usage: npm run classify -- <files or folders…> [--model galaxy-morphology|lens-finder] [--json]";

/** The CLI: returns the exit code (0 when at least one file was classified). */
export async function main(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let model: ClassifyModel = "galaxy-morphology";
  let json = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") json = true;
    else if (a === "--model" || a.startsWith("--model=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (!CLASSIFY_MODELS.includes(value as ClassifyModel)) {
        err(`unknown model "${value ?? ""}": choose ${CLASSIFY_MODELS.join(" or ")}`);
        return 2;
      }
      model = value as ClassifyModel;
    } else if (a === "--help" || a === "-h") {
      out(USAGE);
      return 0;
    } else if (a.startsWith("--")) {
      err(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length === 0) {
    err(USAGE);
    return 2;
  }
  const run = await classifyFiles(paths, model);
  for (const s of run.skipped) err(`skipped ${s.file}: ${s.reason}`);
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
