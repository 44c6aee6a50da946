/**
 * Code generation for the Keras-styles lesson: one Architecture (the trainer's) written three ways —
 * Keras Sequential, Keras functional, and this project's engine in TypeScript — plus the parameter
 * count by Keras's own formula. Pure string building; tested against the engine's summary().
 */
import type { Architecture, HiddenActivation, TrainerOptimizer } from "../shared/networkSpec.ts";

/** Keras's name for each hidden activation (Keras 3's leaky_relu uses negative_slope 0.2, as ours). */
const KERAS_ACTIVATION: Record<HiddenActivation, string | null> = {
  relu: "relu",
  tanh: "tanh",
  sigmoid: "sigmoid",
  leakyRelu: "leaky_relu",
  elu: "elu",
  linear: null,
};

/** A number as Python/TypeScript source: no exponent for ordinary values, no float noise. */
export function numberSource(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function kerasOptimizer(name: TrainerOptimizer, lr: number): string {
  const rate = `learning_rate=${numberSource(lr)}`;
  switch (name) {
    case "sgd":
      return `keras.optimizers.SGD(${rate})`;
    case "momentum":
      return `keras.optimizers.SGD(${rate}, momentum=0.9)`;
    case "nesterov":
      return `keras.optimizers.SGD(${rate}, momentum=0.9, nesterov=True)`;
    case "adagrad":
      return `keras.optimizers.Adagrad(${rate})`;
    case "rmsprop":
      return `keras.optimizers.RMSprop(${rate})`;
    case "adam":
      return `keras.optimizers.Adam(${rate})`;
  }
}

/** The keyword arguments of a Dense layer: activation and (for L2) the regularisers. */
function denseArgs(units: number, activation: HiddenActivation | null, arch: Architecture): string {
  const args = [String(units)];
  const act = activation === null ? null : KERAS_ACTIVATION[activation];
  if (act !== null) args.push(`activation="${act}"`);
  if (arch.weightDecay > 0) args.push("kernel_regularizer=l2", "bias_regularizer=l2");
  return args.join(", ");
}

function header(arch: Architecture): string[] {
  const lines = ["import keras", "from keras import layers"];
  if (arch.weightDecay > 0) {
    lines.push(
      "",
      `# Our optimizer's weight decay λ = ${numberSource(arch.weightDecay)} adds λθ to every gradient, which is`,
      "# the gradient of (λ/2)·Σθ²; Keras's l2(c) adds c·Σθ² to the loss, so c = λ/2.",
      `l2 = keras.regularizers.l2(${numberSource(arch.weightDecay / 2)})`,
    );
  }
  return lines;
}

function compileAndFit(arch: Architecture): string[] {
  const classification = arch.task === "classification";
  const lines = [
    "model.compile(",
    `    optimizer=${kerasOptimizer(arch.optimizer, arch.learningRate)},`,
    classification ? "    loss=keras.losses.BinaryCrossentropy(from_logits=True)," : '    loss="mse",',
  ];
  if (classification) lines.push('    metrics=["accuracy"],');
  lines.push(")", "model.summary()", "");
  const fitArgs = [`epochs=${arch.epochs}`, `batch_size=${arch.batchSize}`, `validation_split=${numberSource(arch.validationSplit)}`];
  if (arch.earlyStopping) {
    lines.push(
      "stop_early = keras.callbacks.EarlyStopping(",
      `    monitor="val_loss", patience=${arch.earlyStopping.patience}, restore_best_weights=True`,
      ")",
    );
    fitArgs.push("callbacks=[stop_early]");
  }
  lines.push(`history = model.fit(x_train, y_train, ${fitArgs.join(", ")})`);
  return lines;
}

const OUTPUT_COMMENT: Record<Architecture["task"], string> = {
  classification: "# one logit; the loss applies the sigmoid",
  regression: "# the prediction itself",
};

/** The model in Keras's Sequential style (a stack of layers, added one by one as in the lecture). */
export function sequentialCode(arch: Architecture): string {
  const lines = [...header(arch), "", "model = keras.Sequential()", `model.add(keras.Input(shape=(${arch.inputDim},)))`];
  for (const h of arch.hidden) {
    lines.push(`model.add(layers.Dense(${denseArgs(h.units, h.activation, arch)}))`);
    if (arch.dropout > 0) lines.push(`model.add(layers.Dropout(${numberSource(arch.dropout)}))`);
  }
  lines.push(`model.add(layers.Dense(${denseArgs(1, null, arch)}))  ${OUTPUT_COMMENT[arch.task]}`, "", ...compileAndFit(arch));
  return lines.join("\n");
}

/** The same model in Keras's functional style: tensors passed from layer to layer, then keras.Model(inputs, outputs). */
export function functionalCode(arch: Architecture): string {
  const lines = [...header(arch), "", `inputs = keras.Input(shape=(${arch.inputDim},))`];
  let current = "inputs";
  for (const h of arch.hidden) {
    lines.push(`x = layers.Dense(${denseArgs(h.units, h.activation, arch)})(${current})`);
    current = "x";
    if (arch.dropout > 0) lines.push(`x = layers.Dropout(${numberSource(arch.dropout)})(x)`);
  }
  lines.push(
    `outputs = layers.Dense(${denseArgs(1, null, arch)})(${current})  ${OUTPUT_COMMENT[arch.task]}`,
    "model = keras.Model(inputs, outputs)",
    "",
    ...compileAndFit(arch),
  );
  return lines.join("\n");
}

/** The same model and training run on this project's engine (src/lib), as the trainer runs it. */
export function engineCode(arch: Architecture): string {
  const layers: string[] = [];
  for (const h of arch.hidden) {
    layers.push(`  new Dense(${h.units}, { activation: "${h.activation}" }),`);
    if (arch.dropout > 0) layers.push(`  new Dropout(${numberSource(arch.dropout)}),`);
  }
  layers.push(`  new Dense(1), ${OUTPUT_COMMENT[arch.task].replace("#", "//")}`);
  const imports = ["Dense", ...(arch.dropout > 0 && arch.hidden.length > 0 ? ["Dropout"] : []), "Sequential", "fit", "summary"];
  const options = [
    `  loss: "${arch.loss}",`,
    `  optimizer: createOptimizer("${arch.optimizer}", { learningRate: ${numberSource(arch.learningRate)}${arch.weightDecay > 0 ? `, weightDecay: ${numberSource(arch.weightDecay)}` : ""} }),`,
    `  epochs: ${arch.epochs},`,
    `  batchSize: ${arch.batchSize},`,
    `  validationSplit: ${numberSource(arch.validationSplit)},`,
  ];
  if (arch.task === "classification") options.push(`  metrics: ["accuracy"],`);
  if (arch.earlyStopping) options.push(`  earlyStopping: { patience: ${arch.earlyStopping.patience}, restoreBestWeights: true },`);
  return [
    `import { ${imports.join(", ")} } from "./src/lib/nn/index.ts";`,
    `import { createOptimizer } from "./src/lib/optim/index.ts";`,
    "",
    "const model = new Sequential([",
    ...layers,
    `], { inputShape: [${arch.inputDim}], seed: 1 });`,
    "console.log(summary(model));",
    "",
    "// x: Tensor [rows, " + arch.inputDim + "], y: Tensor [rows, 1]",
    "const history = fit(model, x, y, {",
    ...options,
    "});",
  ].join("\n");
}

/**
 * Parameters by Keras's formula for Dense layers, read from generated Keras code: the input width
 * from `keras.Input(shape=(d,))`, then each `Dense(units…)` in order adds d·units + units and sets
 * d = units (Dropout has none). Works on both code styles.
 */
export function kerasParamCount(code: string): { total: number; perLayer: number[] } {
  const input = code.match(/keras\.Input\(shape=\((\d+),\)\)/);
  if (!input) throw new Error("no keras.Input(shape=(d,)) in the code");
  let width = Number(input[1]);
  const perLayer: number[] = [];
  for (const m of code.matchAll(/layers\.Dense\((\d+)/g)) {
    const units = Number(m[1]);
    perLayer.push(width * units + units);
    width = units;
  }
  return { total: perLayer.reduce((a, b) => a + b, 0), perLayer };
}

/** The Keras-lesson challenge: exactly this many parameters, at least two hidden layers, two inputs. */
export const KERAS_CHALLENGE_ID = "keras-97-params";
export const KERAS_CHALLENGE_PARAMS = 97;

export function kerasChallengeMet(arch: Architecture, totalParams: number): boolean {
  return arch.inputDim === 2 && arch.hidden.length >= 2 && totalParams === KERAS_CHALLENGE_PARAMS;
}
