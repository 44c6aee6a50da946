// Trains the models of this folder (see models/README.md):
//   npm run models:train                          every model: the classifiers, then the autoencoder and the denoiser
//   npm run models:train -- lens-finder           one classifier (several may be named)
//   npm run models:train -- galaxy-autoencoder    the autoencoder (options: -- galaxy-autoencoder --help)
//   npm run models:train -- galaxy-denoiser       the denoiser (options: -- galaxy-denoiser --help)
//   npm run models:train -- --help                every option
// Each pipeline owns its options (training/<pipeline>/options.ts); this file only dispatches.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AUTOENCODER_SPEC, CLASSIFIERS, CLASSIFIER_IDS, DENOISER_SPEC } from "../../src/lib/zoo/index.ts";
import { argsWithoutOut, runCli, UsageError } from "../training/shared/options.ts";
import { modelDir } from "../training/shared/paths.ts";
import { CLASSIFIER_USAGE, parseClassifierOptions } from "../training/classifier/options.ts";
import { reevaluateModel, trainModel } from "../training/classifier/pipeline.ts";
import { AUTOENCODER_USAGE, parseAutoencoderOptions } from "../training/autoencoder/options.ts";
import { trainAutoencoder } from "../training/autoencoder/pipeline.ts";
import { DENOISER_USAGE, parseDenoiserOptions } from "../training/denoiser/options.ts";
import { trainDenoiser } from "../training/denoiser/pipeline.ts";

export const TRAIN_USAGE = [CLASSIFIER_USAGE, AUTOENCODER_USAGE, DENOISER_USAGE].map((u) => `usage: ${u}`).join("\n\n");

/** The command a card quotes: the model and its options, without --out (a machine's path). */
function commandOf(name: string, options: readonly string[]): string {
  return `npm run models:train -- ${[name, ...argsWithoutOut(options)].join(" ")}`;
}

/** Where a model's files go: models/<name>/, or <out>/<name>/ with --out. */
const outDirOf = (name: string, out: string | null) => (out !== null ? join(out, name) : modelDir(name));

function runAutoencoder(args: readonly string[], log: (line: string) => void): void {
  const { spec, out } = parseAutoencoderOptions(args);
  const outDir = outDirOf(spec.name, out);
  const r = trainAutoencoder(spec, { outDir, command: commandOf(spec.name, args) });
  log(
    `${spec.name}: held-out MSE ${r.mse.toExponential(3)} per pixel (PSNR ${r.psnr.toFixed(2)} dB), ${r.history.length} epochs in ${(r.trainSeconds / 60).toFixed(1)} min + bottleneck study ${(r.sweepSeconds / 60).toFixed(1)} min → ${outDir}`,
  );
}

function runDenoiser(args: readonly string[], log: (line: string) => void): void {
  const { spec, out } = parseDenoiserOptions(args);
  const outDir = outDirOf(spec.name, out);
  const r = trainDenoiser(spec, { outDir, command: commandOf(spec.name, args) });
  const mid = r.evaluation.find((e) => e.t === 250) ?? r.evaluation[0];
  log(
    `${spec.name}: ${r.stepsRun} steps in ${(r.trainSeconds / 60).toFixed(1)} min; at t = ${mid.t} PSNR ${mid.noisyPsnr.toFixed(1)} dB (noisy) → ${mid.denoisedPsnr.toFixed(1)} dB (denoised) → ${outDir}`,
  );
}

/**
 * The CLI: returns the exit code. A first argument naming the autoencoder or the denoiser hands the
 * rest to that pipeline's options; anything else is the classifiers' command line.
 */
export function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  log: (line: string) => void = console.error,
): Promise<number> {
  return runCli((args) => train(args, out, log), [...argv], log);
}

async function train(argv: readonly string[], out: (line: string) => void, log: (line: string) => void): Promise<number> {
  const [first, ...rest] = argv;
  if (first === AUTOENCODER_SPEC.name || first === DENOISER_SPEC.name) {
    const isAutoencoder = first === AUTOENCODER_SPEC.name;
    const { help } = isAutoencoder ? parseAutoencoderOptions(rest) : parseDenoiserOptions(rest);
    if (help) {
      out(`usage: ${isAutoencoder ? AUTOENCODER_USAGE : DENOISER_USAGE}`);
      return 0;
    }
    (isAutoencoder ? runAutoencoder : runDenoiser)(rest, log);
    return 0;
  }
  const options = parseClassifierOptions(argv);
  if (options.help) {
    out(TRAIN_USAGE);
    return 0;
  }
  const pipelines = [AUTOENCODER_SPEC.name, DENOISER_SPEC.name];
  if (options.names.length === 0 && argv.length > 0 && !options.evaluateOnly) {
    // Options without a model name would train every classifier with them, then the other models without: say so rather than guess.
    throw new UsageError(`name the model(s) the options are for: ${[...CLASSIFIER_IDS, ...pipelines].join(", ")}`);
  }
  const chosen = options.names.length > 0 ? options.names : [...CLASSIFIER_IDS];
  for (const name of chosen) {
    const spec = { ...CLASSIFIERS[name], ...options.overrides };
    const outDir = outDirOf(name, options.out);
    if (options.evaluateOnly) {
      const r = reevaluateModel(spec, outDir);
      log(
        `${name}: re-evaluated the committed weights: held-out accuracy ${(100 * r.accuracy).toFixed(2)}% (one view ${(100 * r.singleViewAccuracy).toFixed(2)}%) → ${outDir}`,
      );
      continue;
    }
    const r = trainModel(spec, {
      outDir,
      threads: options.threads,
      command: commandOf(
        name,
        argv.filter((a) => a !== name),
      ),
    });
    log(
      `${name}: held-out accuracy ${(100 * r.accuracy).toFixed(2)}%${r.auc !== null ? `, ROC AUC ${r.auc.toFixed(4)}` : ""}, ${r.epochsRun} epochs in ${(r.trainSeconds / 60).toFixed(1)} min → ${outDir}`,
    );
  }
  if (argv.length === 0) {
    runAutoencoder([], log);
    runDenoiser([], log);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
