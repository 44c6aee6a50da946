// Where each piece of a GradientPool's shared memory lives, read the same way by the pool and its
// workers. Per worker, four control integers: the command (the step's generation number, −1 = stop),
// the shard's row count, the worker's state (the last generation it finished, or a WORKER_STATE) and
// the step index (which picks the shard's dropout masks).

/** Worker states other than "finished generation g" (g ≥ 0; 0 = started, nothing done yet). */
export const WORKER_STATE = { starting: -2, failed: -3 } as const;

const ERROR_BYTES = 2048;

export interface PoolLayoutSpec {
  workers: number;
  /** Most rows one shard holds. */
  maxShard: number;
  /** Values per input row. */
  rowValues: number;
  /** Logits per row. */
  outputs: number;
  /** Values of all trainable weights, and of all non-trainable ones (batch normalisation's statistics). */
  trainable: number;
  moving: number;
}

export interface PoolViews {
  control: Int32Array;
  /** The current weights: trainable, then non-trainable, in model order. */
  weights: Float32Array;
  inputs: Float32Array[];
  labelViews: Int32Array[];
  grads: Float32Array[];
  moving: Float32Array[];
  losses: Float64Array;
  logits: Float32Array[];
  errors: Uint8Array;
}

export interface PoolLayout {
  spec: PoolLayoutSpec;
  bytes: number;
  views(buffer: SharedArrayBuffer): PoolViews;
  writeError(views: PoolViews, worker: number, message: string): void;
  readError(views: PoolViews, worker: number): string;
}

/** The byte layout for `spec` (every block 8-byte aligned). */
export function poolLayout(spec: PoolLayoutSpec): PoolLayout {
  const W = spec.workers;
  let offset = 0;
  const block = (bytes: number) => {
    const at = offset;
    offset += Math.ceil(bytes / 8) * 8;
    return at;
  };
  const control = block(4 * 4 * W);
  const weights = block(4 * (spec.trainable + spec.moving));
  const losses = block(8 * W);
  const errors = block(ERROR_BYTES * W);
  const perWorker = Array.from({ length: W }, () => ({
    input: block(4 * spec.maxShard * spec.rowValues),
    labels: block(4 * spec.maxShard),
    grads: block(4 * spec.trainable),
    moving: block(4 * spec.moving),
    logits: block(4 * spec.maxShard * spec.outputs),
  }));
  return {
    spec,
    bytes: offset,
    views: (buffer) => ({
      control: new Int32Array(buffer, control, 4 * W),
      weights: new Float32Array(buffer, weights, spec.trainable + spec.moving),
      losses: new Float64Array(buffer, losses, W),
      errors: new Uint8Array(buffer, errors, ERROR_BYTES * W),
      inputs: perWorker.map((p) => new Float32Array(buffer, p.input, spec.maxShard * spec.rowValues)),
      labelViews: perWorker.map((p) => new Int32Array(buffer, p.labels, spec.maxShard)),
      grads: perWorker.map((p) => new Float32Array(buffer, p.grads, spec.trainable)),
      moving: perWorker.map((p) => new Float32Array(buffer, p.moving, spec.moving)),
      logits: perWorker.map((p) => new Float32Array(buffer, p.logits, spec.maxShard * spec.outputs)),
    }),
    writeError(views, worker, message) {
      const bytes = new TextEncoder().encode(message).subarray(0, ERROR_BYTES - 1);
      views.errors.fill(0, worker * ERROR_BYTES, (worker + 1) * ERROR_BYTES);
      views.errors.set(bytes, worker * ERROR_BYTES);
    },
    readError(views, worker) {
      const bytes = views.errors.slice(worker * ERROR_BYTES, (worker + 1) * ERROR_BYTES);
      const end = bytes.indexOf(0);
      return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
    },
  };
}

/** Splits rows 0…count−1 into `shards` contiguous [start, end) ranges, the first ones one row longer. */
export function shardRanges(count: number, shards: number): [number, number][] {
  const base = Math.floor(count / shards);
  const extra = count % shards;
  const ranges: [number, number][] = [];
  let start = 0;
  for (let s = 0; s < shards; s++) {
    const end = start + base + (s < extra ? 1 : 0);
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
