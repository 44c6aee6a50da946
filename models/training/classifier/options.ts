// The classifiers' training options (`npm run models:train -- [galaxy-morphology|lens-finder] …`):
// overrides of the zoo's spec for experiments and for reproducing a run cut short; the committed
// models use the specs as they are, and each card records the exact command.
import { parseOptions, positiveInt, positiveNumber, UsageError } from "../shared/options.ts";
import { CLASSIFIER_IDS, isClassifierId } from "../../../src/lib/zoo/index.ts";
import type { ClassifierId, ClassifierSpec } from "../../../src/lib/zoo/index.ts";

export const CLASSIFIER_USAGE = `npm run models:train -- [${CLASSIFIER_IDS.join("|")}…] [options]
  (no model name: every model, the classifiers first)
  --epochs N         epochs of the learning-rate schedule
  --stop-after N     stop after N epochs, keeping the schedule of --epochs (reproduces a run cut short)
  --train N          training images        --test N   held-out images
  --max-minutes M    wall-clock budget; training stops at the end of the epoch that passes it
  --lr X             Adam's starting learning rate
  --widths a,b,c     filters of the three convolutions
  --batch-norm       batch normalisation between each convolution and its ReLU
  --threads N        threads computing each batch's gradient (default 1; results depend on N, see the card)
  --evaluate-only    re-score the committed weights; rewrite metrics.json and CARD.md (no training)
  --out DIR          write DIR/<model>/ instead of models/<model>/`;

export interface ClassifierTrainOptions {
  names: ClassifierId[];
  overrides: Partial<ClassifierSpec>;
  out: string | null;
  evaluateOnly: boolean;
  /** Threads for the data-parallel gradient (1 = the single-threaded loop). */
  threads: number;
  help: boolean;
}

/** Parses the classifiers' options; throws a UsageError for an unknown option or a bad value. */
export function parseClassifierOptions(args: readonly string[]): ClassifierTrainOptions {
  const { values, positionals } = parseOptions(args, {
    epochs: { type: "string" },
    "stop-after": { type: "string" },
    train: { type: "string" },
    test: { type: "string" },
    "max-minutes": { type: "string" },
    lr: { type: "string" },
    widths: { type: "string" },
    "batch-norm": { type: "boolean" },
    "evaluate-only": { type: "boolean" },
    threads: { type: "string" },
    out: { type: "string" },
  });
  for (const name of positionals) {
    if (!isClassifierId(name)) throw new UsageError(`unknown model "${name}"`);
  }
  const overrides: Partial<ClassifierSpec> = {};
  const set = <K extends keyof ClassifierSpec>(key: K, value: ClassifierSpec[K] | undefined) => {
    if (value !== undefined) overrides[key] = value;
  };
  set("epochs", positiveInt("epochs", values.epochs));
  set("stopAfterEpochs", positiveInt("stop-after", values["stop-after"]));
  set("trainImages", positiveInt("train", values.train));
  set("testImages", positiveInt("test", values.test));
  set("maxMinutes", positiveNumber("max-minutes", values["max-minutes"]));
  set("learningRate", positiveNumber("lr", values.lr));
  if (values.widths !== undefined) {
    const w = values.widths.split(",").map(Number);
    if (w.length !== 3 || !w.every((n) => Number.isInteger(n) && n >= 1))
      throw new UsageError(`--widths needs three positive integers like 8,16,32, got "${values.widths}"`);
    overrides.widths = [w[0], w[1], w[2]];
  }
  if (values["batch-norm"]) overrides.batchNorm = true;
  return {
    names: positionals as ClassifierId[],
    overrides,
    out: values.out ?? null,
    evaluateOnly: values["evaluate-only"] ?? false,
    threads: positiveInt("threads", values.threads) ?? 1,
    help: values.help ?? false,
  };
}
