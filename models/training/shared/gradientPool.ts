// Data-parallel gradients for `npm run models:train -- … --threads N`: each minibatch is cut into N
// contiguous shards; this thread computes shard 0 and N − 1 worker threads the others, on replicas of
// the model that receive the current weights before every step. The full-batch gradient of a mean
// loss is the shard gradients weighted by their share of the rows,
//   g = Σₛ (nₛ / n) · gₛ,
// summed in shard order 0, 1, …, N − 1 — a fixed order, so a seed and a thread count always give the
// same weights. Batch normalisation's moving statistics are combined with the same weights (exact for
// the mean; the variance becomes the mean of the shards' variances, a slightly smaller estimate than
// the full batch's, which only affects the statistics used at inference).
//
// Why shared memory and Atomics rather than messages: the training loop is synchronous (one function
// from simulation to ONNX file) and a step is a few milliseconds of work per shard, so the threads
// meet on a SharedArrayBuffer — no copies through the event loop, no async rewrite of the pipeline.
import { Worker } from "node:worker_threads";
import { Tensor, tensor } from "../../../src/lib/autodiff/index.ts";
import { computeGradients } from "../../../src/lib/nn/index.ts";
import type { LossSpec, Model } from "../../../src/lib/nn/index.ts";
import { Rng } from "../../../src/lib/random/index.ts";
import type { ClassifierArchitecture } from "../../../src/lib/zoo/index.ts";
import { poolLayout, shardRanges, WORKER_STATE } from "./gradientPoolLayout.ts";
import type { PoolLayout } from "./gradientPoolLayout.ts";

/** How a worker builds its replica: the classifier's architecture and the seed of its initial weights. */
export interface ReplicaRecipe {
  kind: "classifier";
  architecture: ClassifierArchitecture;
  initSeed: string;
  /** Shape of one input row, e.g. [3, 64, 64]. */
  inputShape: number[];
  loss: "softmaxCrossEntropy";
  /** Dropout masks of shard s at step t come from new Rng(dropoutSeed).fork(`${t}/${s}`). */
  dropoutSeed: string;
}

/** The dropout generator of shard `shard` at step `step` (the same on every thread). */
export function shardRng(dropoutSeed: string, step: number, shard: number): Rng {
  return new Rng(dropoutSeed).fork(`${step}/${shard}`);
}

/** Worker threads computing shard gradients; `close()` when done (or they keep the process alive). */
export class GradientPool {
  readonly threads: number;
  private readonly workers: Worker[];
  private readonly layout: PoolLayout;
  private readonly views: ReturnType<PoolLayout["views"]>;
  private readonly recipe: ReplicaRecipe;
  private generation = 0;

  /**
   * Starts `threads − 1` workers for batches of up to `maxBatch` rows. `model` is this thread's model
   * (shard 0); the workers build identical replicas from `recipe`.
   */
  constructor(threads: number, recipe: ReplicaRecipe, model: Model, maxBatch: number) {
    if (!Number.isInteger(threads) || threads < 2) throw new RangeError(`GradientPool needs at least 2 threads, got ${threads}`);
    this.threads = threads;
    this.recipe = recipe;
    const rowValues = recipe.inputShape.reduce((a, b) => a * b, 1);
    const outputs = recipe.architecture.classes.length;
    this.layout = poolLayout({
      workers: threads - 1,
      maxShard: Math.ceil(maxBatch / threads),
      rowValues,
      outputs,
      trainable: model.trainableWeights().reduce((a, w) => a + w.size, 0),
      moving: model.nonTrainableWeights().reduce((a, w) => a + w.size, 0),
    });
    const buffer = new SharedArrayBuffer(this.layout.bytes);
    this.views = this.layout.views(buffer);
    for (let w = 0; w < threads - 1; w++) this.views.control[w * 4 + 2] = WORKER_STATE.starting;
    this.workers = Array.from(
      { length: threads - 1 },
      (_, w) =>
        new Worker(new URL("./gradientWorker.ts", import.meta.url), { workerData: { recipe, buffer, layout: this.layout.spec, index: w } }),
    );
    for (const worker of this.workers) worker.unref();
    this.waitFor((w) => Atomics.load(this.views.control, w * 4 + 2) !== WORKER_STATE.starting, 120_000, "start");
  }

  /**
   * Computes the gradient of `count` rows of `rows` (row-major, `inputShape` per row) against
   * `labels` into `model`'s trainable weights' `grad`, updating batch normalisation's statistics as
   * one batch would. Returns the batch's mean loss and its logits (count × classes).
   */
  gradients(
    model: Model,
    rows: Float32Array,
    labels: ArrayLike<number>,
    count: number,
    step: number,
  ): { loss: number; logits: Float32Array } {
    const { control, weights, inputs, labelViews, grads, moving, losses, logits } = this.views;
    const k = this.recipe.architecture.classes.length;
    const rowValues = this.layout.spec.rowValues;
    const shards = shardRanges(count, this.threads);
    // Current weights for the replicas: trainable, then moving statistics, in model order.
    let o = 0;
    for (const w of model.trainableWeights()) {
      weights.set(w.data, o);
      o += w.size;
    }
    for (const w of model.nonTrainableWeights()) {
      weights.set(w.data, o);
      o += w.size;
    }
    this.generation++;
    for (let w = 0; w < this.workers.length; w++) {
      const [start, end] = shards[w + 1];
      if (end === start) continue;
      inputs[w].set(rows.subarray(start * rowValues, end * rowValues));
      for (let r = start; r < end; r++) labelViews[w][r - start] = labels[r];
      Atomics.store(control, w * 4 + 1, end - start);
      Atomics.store(control, w * 4 + 3, step);
      Atomics.store(control, w * 4, this.generation);
      Atomics.notify(control, w * 4);
    }
    // Shard 0 here, meanwhile.
    const [s0, e0] = shards[0];
    const x = new Tensor(rows.slice(s0 * rowValues, e0 * rowValues), [e0 - s0, ...this.recipe.inputShape]);
    const y = tensor(Array.from({ length: e0 - s0 }, (_, r) => labels[s0 + r]));
    const own = computeGradients(model, x, y, { loss: this.recipe.loss as LossSpec, rng: shardRng(this.recipe.dropoutSeed, step, 0) });
    const out = new Float32Array(count * k);
    out.set(own.outputs[0].data.subarray(0, (e0 - s0) * k));
    const idle = (w: number) => shards[w + 1][1] === shards[w + 1][0];
    this.waitFor((w) => idle(w) || Atomics.load(control, w * 4 + 2) === this.generation, 600_000, "step");

    // g = Σ (nₛ / n) gₛ and the same for the moving statistics, in shard order.
    const share = (s: number) => (shards[s][1] - shards[s][0]) / count;
    let loss = share(0) * own.loss;
    let g = 0;
    for (const p of model.trainableWeights()) {
      const grad = p.grad;
      if (grad === null) throw new Error("GradientPool: a trainable weight got no gradient");
      for (let i = 0; i < p.size; i++) {
        let v = share(0) * grad[i];
        for (let w = 0; w < this.workers.length; w++) if (!idle(w)) v += share(w + 1) * grads[w][g + i];
        grad[i] = v;
      }
      g += p.size;
    }
    let m = 0;
    for (const p of model.nonTrainableWeights()) {
      for (let i = 0; i < p.size; i++) {
        let v = share(0) * p.data[i];
        for (let w = 0; w < this.workers.length; w++) if (!idle(w)) v += share(w + 1) * moving[w][m + i];
        p.data[i] = v;
      }
      m += p.size;
    }
    for (let w = 0; w < this.workers.length; w++) {
      const [start, end] = shards[w + 1];
      if (idle(w)) continue;
      loss += share(w + 1) * losses[w];
      out.set(logits[w].subarray(0, (end - start) * k), start * k);
    }
    return { loss, logits: out };
  }

  /** Stops the workers. */
  close(): void {
    for (let w = 0; w < this.workers.length; w++) {
      Atomics.store(this.views.control, w * 4, -1);
      Atomics.notify(this.views.control, w * 4);
    }
    for (const worker of this.workers) void worker.terminate();
  }

  /** Blocks until `ready(w)` holds for every worker; throws a worker's error or after `timeoutMs`. */
  private waitFor(ready: (w: number) => boolean, timeoutMs: number, what: string): void {
    const { control } = this.views;
    const deadline = Date.now() + timeoutMs;
    for (let w = 0; w < this.workers.length; w++) {
      for (;;) {
        const state = Atomics.load(control, w * 4 + 2);
        if (state === WORKER_STATE.failed) {
          const message = this.layout.readError(this.views, w);
          this.close();
          throw new Error(`GradientPool: worker ${w + 1} failed: ${message}`);
        }
        if (ready(w)) break;
        if (Date.now() > deadline) {
          this.close();
          throw new Error(`GradientPool: worker ${w + 1} did not ${what} within ${timeoutMs / 1000} s`);
        }
        Atomics.wait(control, w * 4 + 2, state, 1000);
      }
    }
  }
}
