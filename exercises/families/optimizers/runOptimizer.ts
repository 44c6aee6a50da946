import type { BaseState, Optimizer } from "../../../src/lib/optim/index.ts";

/**
 * Runs an engine optimizer on one scalar parameter θ, feeding it the given gradients one step at a
 * time, and records θ and a snapshot of the optimizer's state after every step. Exercises give the
 * gradients directly, so that the update rule is the only thing being practised.
 */
export function runOptimizer<S extends BaseState>(
  optimizer: Optimizer<S>,
  theta0: number,
  grads: readonly number[],
): { theta: number[]; states: S[] } {
  const param = { data: Float64Array.of(theta0), grad: null as Float64Array | null };
  const theta: number[] = [theta0];
  const states: S[] = [];
  for (const g of grads) {
    param.grad = Float64Array.of(g);
    optimizer.step([param]);
    theta.push(param.data[0]);
    states.push(structuredClone(optimizer.state(param)!) as S);
  }
  return { theta, states };
}
