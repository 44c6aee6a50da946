// Trains the models of this folder:
//   npm run models:train                      every model (MODEL_SPECS, then models/trainers.ts)
//   npm run models:train -- lens-finder       one model
//   options: --epochs N --stop-after N --train N --test N --max-minutes M --out DIR --lr X
//   --evaluate-only (re-score the committed weights and rewrite metrics.json + CARD.md, no training)
//   --widths a,b,c --batch-norm (for experiments and for reproducing a run cut short; the
//   committed models use the specs' defaults, and each card records the exact command)
import { join } from "node:path";
import { MODEL_SPECS } from "../src/lib/astro/model-specs.ts";
import type { ModelSpec } from "../src/lib/astro/model-specs.ts";
import { reevaluateModel, trainModel } from "./pipeline.ts";
import { TRAINERS } from "./trainers.ts";

function parseArgs(argv: string[]): { names: string[]; overrides: Partial<ModelSpec>; out: string | null; evaluateOnly: boolean } {
  const names: string[] = [];
  const overrides: Partial<ModelSpec> = {};
  let out: string | null = null;
  let evaluateOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive integer`);
      return n;
    };
    if (a === "--epochs") overrides.epochs = int();
    else if (a === "--train") overrides.trainImages = int();
    else if (a === "--test") overrides.testImages = int();
    else if (a === "--max-minutes") overrides.maxMinutes = Number(value());
    else if (a === "--out") out = value();
    else if (a === "--batch-norm") overrides.batchNorm = true;
    else if (a === "--stop-after") overrides.stopAfterEpochs = int();
    else if (a === "--widths") overrides.widths = value().split(",").map(Number) as [number, number, number];
    else if (a === "--lr") overrides.learningRate = Number(value());
    else if (a === "--evaluate-only") evaluateOnly = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  return { names, overrides, out, evaluateOnly };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // Non-classifier models (models/trainers.ts) parse their own options.
  if (args.length > 0 && Object.hasOwn(TRAINERS, args[0])) return TRAINERS[args[0]](args.slice(1));
  const { names, overrides, out, evaluateOnly } = parseArgs(args);
  const chosen = names.length > 0 ? names : Object.keys(MODEL_SPECS);
  for (const name of chosen) {
    if (!Object.hasOwn(MODEL_SPECS, name)) throw new Error(`unknown model "${name}"; models: ${[...Object.keys(MODEL_SPECS), ...Object.keys(TRAINERS)].join(", ")}`);
  }
  for (const name of chosen) {
    const spec = { ...MODEL_SPECS[name], ...overrides };
    const outDir = out !== null ? join(out, name) : join(import.meta.dirname, name);
    if (evaluateOnly) {
      const r = reevaluateModel(spec, outDir);
      console.error(`${name}: re-evaluated the committed weights: held-out accuracy ${(100 * r.accuracy).toFixed(2)}% (one view ${(100 * r.singleViewAccuracy).toFixed(2)}%) → ${outDir}`);
      continue;
    }
    const command = `npm run models:train -- ${[name, ...args.filter((a) => !names.includes(a))].join(" ")}`;
    const r = trainModel(spec, { outDir, command });
    console.error(
      `${name}: held-out accuracy ${(100 * r.accuracy).toFixed(2)}%${r.auc !== null ? `, ROC AUC ${r.auc.toFixed(4)}` : ""}, ${r.epochsRun} epochs in ${(r.trainSeconds / 60).toFixed(1)} min → ${outDir}`,
    );
  }
  if (names.length === 0) for (const run of Object.values(TRAINERS)) await run([]);
}

await main();
