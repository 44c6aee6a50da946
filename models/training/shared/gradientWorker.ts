// One GradientPool worker thread: builds a replica of the model, then for each command copies in the
// current weights, computes its shard's gradient and writes the gradient, the moved batch-norm
// statistics, the loss and the logits back into shared memory (see gradientPool.ts).
import { workerData } from "node:worker_threads";
import { Tensor, tensor } from "../../../src/lib/autodiff/index.ts";
import { computeGradients } from "../../../src/lib/nn/index.ts";
import { buildClassifier } from "../../../src/lib/zoo/index.ts";
import { shardRng } from "./gradientPool.ts";
import type { ReplicaRecipe } from "./gradientPool.ts";
import { poolLayout, WORKER_STATE } from "./gradientPoolLayout.ts";
import type { PoolLayoutSpec } from "./gradientPoolLayout.ts";

const {
  recipe,
  buffer,
  layout: spec,
  index,
} = workerData as { recipe: ReplicaRecipe; buffer: SharedArrayBuffer; layout: PoolLayoutSpec; index: number };
const layout = poolLayout(spec);
const views = layout.views(buffer);
const { control } = views;
const at = index * 4;

function fail(error: unknown): void {
  layout.writeError(views, index, error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error));
  Atomics.store(control, at + 2, WORKER_STATE.failed);
  Atomics.notify(control, at + 2);
}

try {
  if (recipe.kind !== "classifier") throw new Error(`cannot build a replica of kind "${String(recipe.kind)}"`);
  const model = buildClassifier(recipe.architecture, recipe.initSeed);
  const trainable = model.trainableWeights();
  const moving = model.nonTrainableWeights();
  const k = recipe.architecture.classes.length;
  let done = 0;
  Atomics.store(control, at + 2, 0);
  Atomics.notify(control, at + 2);
  for (;;) {
    Atomics.wait(control, at, done);
    const generation = Atomics.load(control, at);
    if (generation < 0) break;
    const rows = Atomics.load(control, at + 1);
    const step = Atomics.load(control, at + 3);
    let o = 0;
    for (const w of [...trainable, ...moving]) {
      w.data.set(views.weights.subarray(o, o + w.size));
      o += w.size;
    }
    const x = new Tensor(views.inputs[index].slice(0, rows * spec.rowValues), [rows, ...recipe.inputShape]);
    const y = tensor(Array.from(views.labelViews[index].subarray(0, rows)));
    const result = computeGradients(model, x, y, { loss: recipe.loss, rng: shardRng(recipe.dropoutSeed, step, index + 1) });
    let g = 0;
    for (const p of trainable) {
      if (p.grad === null) throw new Error("a trainable weight got no gradient");
      views.grads[index].set(p.grad, g);
      g += p.size;
    }
    let m = 0;
    for (const p of moving) {
      views.moving[index].set(p.data, m);
      m += p.size;
    }
    views.losses[index] = result.loss;
    views.logits[index].set(result.outputs[0].data.subarray(0, rows * k));
    done = generation;
    Atomics.store(control, at + 2, generation);
    Atomics.notify(control, at + 2);
  }
} catch (error) {
  fail(error);
}
