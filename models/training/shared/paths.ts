// Where the committed models live: models/<id>/ (card, .onnx, weights, metrics) — the folders the
// site's asset URLs, the CLIs and the tests read, and where training writes unless given --out.
import { existsSync } from "node:fs";
import { join } from "node:path";

export const MODELS_DIR = join(import.meta.dirname, "..", "..");

/** models/<id>/ */
export function modelDir(id: string): string {
  return join(MODELS_DIR, id);
}

/**
 * The path of a committed model file, or a loud error when it is missing: these files are part of
 * the project (the site ships them), so a test or a command must never quietly skip without one.
 */
export function committedFile(id: string, file: string, dir = modelDir(id)): string {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new Error(
      `models/${id}/${file} is missing. It is committed with the project: restore it from git, or retrain with \`npm run models:train -- ${id}\`.`,
    );
  }
  return path;
}
