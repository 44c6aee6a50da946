// Quickstart: the engine's public API end to end — seeded data, a Sequential model, training with
// Adam, evaluation, and export to ONNX.
//   node --experimental-strip-types examples/quickstart.ts
import { pathToFileURL } from "node:url";
import { Rng } from "../src/lib/random/index.ts";
import { tensor } from "../src/lib/autodiff/index.ts";
import type { Tensor } from "../src/lib/autodiff/index.ts";
import { Dense, Sequential, evaluate, fit, summary } from "../src/lib/nn/index.ts";
import { Adam } from "../src/lib/optim/index.ts";
import { exportModel } from "../src/lib/onnx/index.ts";

/** Noisy XOR: points in [−1, 1]², label 1 when x·y > 0 (quadrants I and III). */
export function xorData(rng: Rng, n: number): { x: Tensor; y: Tensor } {
  const points: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    points.push(a, b);
    labels.push(a * b > 0 ? 1 : 0);
  }
  return { x: tensor(points, [n, 2]), y: tensor(labels, [n, 1]) };
}

/** What `main` produced: held-out accuracy, the model and its .onnx bytes. */
export interface QuickstartResult {
  accuracy: number;
  model: Sequential;
  onnx: Uint8Array;
}

export function main(options: { quiet?: boolean } = {}): QuickstartResult {
  const log = options.quiet ? () => {} : console.log;
  const rng = new Rng(42);
  const train = xorData(rng.fork("train"), 512);
  const test = xorData(rng.fork("test"), 256);

  // Two tanh hidden layers; the last layer is linear because the loss takes logits.
  const model = new Sequential([new Dense(16, { activation: "tanh" }), new Dense(16, { activation: "tanh" }), new Dense(1)], {
    inputShape: [2],
    name: "xor",
    seed: 42,
  });
  log(summary(model));

  const history = fit(model, train.x, train.y, {
    loss: "binaryCrossEntropyWithLogits",
    optimizer: new Adam({ learningRate: 0.02 }),
    epochs: 40,
    batchSize: 32,
    metrics: ["accuracy"],
    rng: rng.fork("fit"),
  });
  const result = evaluate(model, test.x, test.y, { loss: "binaryCrossEntropyWithLogits", metrics: ["accuracy"] });
  const accuracy = result.accuracy!;
  log(
    `epochs ${history.epochs}: train loss ${history.loss.at(-1)!.toFixed(4)}, test loss ${result.loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(1)}%`,
  );

  const onnx = exportModel(model, { name: "xor", classLabels: ["different signs", "same signs"], preprocessing: "x, y in [-1, 1]" });
  log(`ONNX: ${onnx.length} bytes (input "input" [batch, 2] → output "output" [batch, 1], logits)`);
  return { accuracy, model, onnx };
}

// Run when executed directly (not when a test imports it).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
