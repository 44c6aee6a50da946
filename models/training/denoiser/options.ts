// The galaxy denoiser's training options (`npm run models:train -- galaxy-denoiser …`): overrides of
// the zoo's DENOISER_SPEC for quick experiments and for reproducing a run the time budget cut short.
import { DENOISER_SPEC } from "../../../src/lib/zoo/index.ts";
import type { DenoiserSpec } from "../../../src/lib/zoo/index.ts";
import { parseOptions, positiveInt, positiveNumber, UsageError } from "../shared/options.ts";

export const DENOISER_USAGE = `npm run models:train -- ${DENOISER_SPEC.name} [options]
  --steps N          optimisation steps of the learning-rate schedule
  --stop-after N     stop after N steps, keeping the schedule of --steps (reproduces a run cut short)
  --train N          training images   --test N   held-out images   --batch N   batch size
  --max-minutes M    wall-clock budget
  --out DIR          write DIR/${DENOISER_SPEC.name}/ instead of models/${DENOISER_SPEC.name}/`;

/** The spec to train and where to write it; throws a UsageError for an unknown option or a bad value. */
export function parseDenoiserOptions(args: readonly string[]): { spec: DenoiserSpec; out: string | null; help: boolean } {
  const { values, positionals } = parseOptions(args, {
    steps: { type: "string" },
    "stop-after": { type: "string" },
    train: { type: "string" },
    test: { type: "string" },
    batch: { type: "string" },
    "max-minutes": { type: "string" },
    out: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`${DENOISER_SPEC.name} takes no other model names or arguments, got "${positionals.join(" ")}"`);
  const spec: DenoiserSpec = { ...DENOISER_SPEC };
  spec.steps = positiveInt("steps", values.steps) ?? spec.steps;
  spec.stopAfterSteps = positiveInt("stop-after", values["stop-after"]) ?? spec.stopAfterSteps;
  spec.trainImages = positiveInt("train", values.train) ?? spec.trainImages;
  spec.testImages = positiveInt("test", values.test) ?? spec.testImages;
  spec.batchSize = positiveInt("batch", values.batch) ?? spec.batchSize;
  spec.maxMinutes = positiveNumber("max-minutes", values["max-minutes"]) ?? spec.maxMinutes;
  return { spec, out: values.out ?? null, help: values.help ?? false };
}
