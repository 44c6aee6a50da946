// Writes oodCalibration.json (the drill-down's out-of-distribution rule) from the shipped weights:
//   node --experimental-strip-types --no-warnings src/widgets/cnn-classifier/oodCalibration.cli.ts
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLASSIFIER_IDS } from "../../lib/zoo/index.ts";
import { loadEngineModel } from "./engineModel.ts";
import { calibrateOod } from "./oodCalibration.ts";

const root = join(import.meta.dirname, "../../..");
const out: Record<string, unknown> = {};
for (const id of CLASSIFIER_IDS) {
  const model = loadEngineModel(id, new Uint8Array(readFileSync(join(root, "models", id, "model.onnx"))));
  out[id] = calibrateOod(model, id);
  console.log(id, (out[id] as { threshold: number }).threshold);
}
writeFileSync(join(import.meta.dirname, "oodCalibration.json"), JSON.stringify(out, null, 2) + "\n");
