import { allocate, dtypeOf } from "./dtype.ts";
import type { DType, FloatArray } from "./dtype.ts";
import { isGradEnabled } from "./gradMode.ts";
import { checkShape, formatShape, sizeOf } from "./shapeUtil.ts";

/** Options for creating a leaf tensor. */
export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  name?: string;
}

/**
 * An n-dimensional array of floats in a flat row-major buffer, and a node of the computation graph.
 * Every op returns a new Tensor that remembers its op name, its parents and how to send its gradient
 * back to them; `backward()` walks that graph in reverse topological order.
 */
export class Tensor {
  /** The values, row-major (last axis fastest). Parameters are updated in place by optimizers. */
  data: FloatArray;
  /** The dimensions, outermost first; [] for a scalar. Treat as read-only. */
  shape: number[];
  /** Element type of `data` and `grad`. */
  dtype: DType;
  /** ∂(root)/∂(this) after `backward()`, same length as `data`; null before. */
  grad: FloatArray | null = null;
  /** Whether gradients flow to (and are kept on) this tensor. */
  requiresGrad: boolean;
  /** The op that produced this tensor ("leaf" for inputs and parameters). */
  op: string;
  /** The tensors this one was computed from (empty for leaves and under noGrad). */
  parents: Tensor[];
  /** A stable identifier, e.g. "dense/kernel" for a layer parameter. */
  name: string | undefined;
  /** A human-readable caption for graph views (e.g. "z₁ = x·W₁"). */
  label: string | undefined;
  /** Adds this tensor's gradient contribution into its parents' `grad`; null for leaves. */
  backwardFn: (() => void) | null = null;

  constructor(data: FloatArray, shape: readonly number[], options: TensorOptions = {}) {
    checkShape(shape, "Tensor");
    if (data.length !== sizeOf(shape)) {
      throw new RangeError(`Tensor: ${data.length} values do not fill shape ${formatShape(shape)}`);
    }
    this.data = data;
    this.shape = shape.slice();
    this.dtype = dtypeOf(data);
    this.requiresGrad = options.requiresGrad ?? false;
    this.op = "leaf";
    this.parents = [];
    this.name = options.name;
    this.label = undefined;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(`item(): tensor of shape ${formatShape(this.shape)} has ${this.data.length} elements, not 1`);
    }
    return this.data[0];
  }

  /** The element at a full index, e.g. t.get(0, 2). */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new RangeError(`get(): index of length ${index.length} for shape ${formatShape(this.shape)}`);
    }
    let flat = 0;
    for (let i = 0; i < index.length; i++) {
      const k = index[i];
      if (k < 0 || k >= this.shape[i]) throw new RangeError(`get(): index ${k} out of range on axis ${i} of ${formatShape(this.shape)}`);
      flat = flat * this.shape[i] + k;
    }
    return this.data[flat];
  }

  /** The values as nested plain arrays (a number for a scalar). */
  toArray(): NestedArray {
    return nest(this.data, this.shape, 0, 0);
  }

  /** A new leaf sharing this tensor's values, cut from the graph (no gradient flows through it). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, { name: this.name });
  }

  /** Sets `grad` back to null (the next backward starts from zero). */
  zeroGrad(): void {
    this.grad = null;
  }

  /** Back-propagates from this tensor; see `backward` in backward.ts. */
  backward(seed?: FloatArray): void {
    backwardFrom(this, seed);
  }

  toString(): string {
    return `Tensor(${this.op}, ${formatShape(this.shape)}, ${this.dtype})`;
  }
}

export type NestedArray = number | NestedArray[];

function nest(data: FloatArray, shape: readonly number[], axis: number, offset: number): NestedArray {
  if (axis === shape.length) return data[offset];
  const n = shape[axis];
  let stride = 1;
  for (let i = axis + 1; i < shape.length; i++) stride *= shape[i];
  const out: NestedArray[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = nest(data, shape, axis + 1, offset + i * stride);
  return out;
}

/**
 * Creates the output node of an op. `backwardFn` receives the output (whose `grad` is then filled)
 * and must add ∂L/∂parent into each parent's grad that requires it (use `gradOf`). Under noGrad, or
 * when no parent requires grad, the graph is not recorded.
 */
export function makeResult(
  op: string,
  data: FloatArray,
  shape: readonly number[],
  parents: Tensor[],
  backwardFn: ((out: Tensor) => void) | null,
): Tensor {
  const out = new Tensor(data, shape);
  out.op = op;
  if (!isGradEnabled()) return out;
  out.parents = parents;
  let needs = false;
  for (let i = 0; i < parents.length; i++) if (parents[i].requiresGrad) needs = true;
  if (needs && backwardFn !== null) {
    out.requiresGrad = true;
    out.backwardFn = () => backwardFn(out);
  }
  return out;
}

/** The gradient buffer of `t`, allocated (zero) on first use; null when `t` takes no gradient. */
export function gradOf(t: Tensor): FloatArray | null {
  if (!t.requiresGrad) return null;
  if (t.grad === null) t.grad = allocate(t.dtype, t.data.length);
  return t.grad;
}

/**
 * Reverse-mode backward pass. Orders the graph topologically (depth-first, iterative so deep graphs
 * do not overflow the stack), clears the gradients of non-leaf nodes, seeds ∂root/∂root (1 for a
 * scalar root, or `seed`), then calls each node's backwardFn from the root towards the leaves.
 * A node used twice receives the sum of both contributions (the multivariable chain rule).
 * Leaf gradients accumulate across calls, as in PyTorch: call zeroGrad between steps.
 */
export function backwardFrom(root: Tensor, seed?: FloatArray): void {
  if (!root.requiresGrad) {
    throw new Error(`backward(): the ${root.op} tensor does not require grad (no parameter with requiresGrad reaches it)`);
  }
  if (seed === undefined && root.data.length !== 1) {
    throw new Error(`backward(): root of shape ${formatShape(root.shape)} is not a scalar; pass a seed gradient`);
  }
  if (seed !== undefined && seed.length !== root.data.length) {
    throw new RangeError(`backward(): seed has ${seed.length} values but the root has ${root.data.length}`);
  }
  const order = topologicalOrder(root);
  for (const node of order) if (node.backwardFn !== null) node.grad = null;
  const g = gradOf(root) as FloatArray;
  if (seed === undefined) g[0] += 1;
  else for (let i = 0; i < g.length; i++) g[i] += seed[i];
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node.backwardFn !== null && node.grad !== null) node.backwardFn();
  }
}

/** Nodes that require grad and reach `root`, parents before children. */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: { node: Tensor; next: number }[] = [{ node: root, next: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const parents = top.node.parents;
    if (top.next < parents.length) {
      const p = parents[top.next++];
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push({ node: p, next: 0 });
      }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  return order;
}
