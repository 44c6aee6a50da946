// The galaxy autoencoder's training options (`npm run models:train -- galaxy-autoencoder …`):
// overrides of the zoo's AUTOENCODER_SPEC for quick experiments; the committed model uses the spec.
import { AUTOENCODER_SPEC } from "../../../src/lib/zoo/index.ts";
import type { AutoencoderSpec } from "../../../src/lib/zoo/index.ts";
import { parseOptions, positiveInt, UsageError } from "../shared/options.ts";

export const AUTOENCODER_USAGE = `npm run models:train -- ${AUTOENCODER_SPEC.name} [options]
  --epochs N         epochs of the main model     --train N   training images   --test N   held-out images
  --sweep-epochs N   epochs of each bottleneck-study model
  --no-sweep         skip the bottleneck study
  --out DIR          write DIR/${AUTOENCODER_SPEC.name}/ instead of models/${AUTOENCODER_SPEC.name}/`;

/** The spec to train and where to write it; throws a UsageError for an unknown option or a bad value. */
export function parseAutoencoderOptions(args: readonly string[]): { spec: AutoencoderSpec; out: string | null; help: boolean } {
  const { values, positionals } = parseOptions(args, {
    epochs: { type: "string" },
    train: { type: "string" },
    test: { type: "string" },
    "sweep-epochs": { type: "string" },
    "no-sweep": { type: "boolean" },
    out: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`${AUTOENCODER_SPEC.name} takes no other model names or arguments, got "${positionals.join(" ")}"`);
  const spec: AutoencoderSpec = { ...AUTOENCODER_SPEC };
  spec.epochs = positiveInt("epochs", values.epochs) ?? spec.epochs;
  spec.trainImages = positiveInt("train", values.train) ?? spec.trainImages;
  spec.testImages = positiveInt("test", values.test) ?? spec.testImages;
  spec.sweepEpochs = positiveInt("sweep-epochs", values["sweep-epochs"]) ?? spec.sweepEpochs;
  if (values["no-sweep"]) spec.sweepSizes = [];
  return { spec, out: values.out ?? null, help: values.help ?? false };
}
