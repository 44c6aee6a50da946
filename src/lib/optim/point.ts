import type { Optimizer, BaseState, Parameter } from "./optimizer.ts";

/**
 * A 2-D point on a loss surface, as an ordinary optimizer Parameter: data = [x, y] in float64.
 * Playgrounds use the same optimizers and the same `state(point)` accessor as network training —
 * there is no second implementation of the update rules.
 */
export interface Point extends Parameter {
  data: Float64Array;
  grad: Float64Array | null;
}

/** The gradient of a 2-D loss, ∇E(x, y) = [∂E/∂x, ∂E/∂y]. */
export type Gradient2D = (x: number, y: number) => readonly [number, number];

/** A point at (x, y) with no gradient yet. */
export function createPoint(x: number, y: number): Point {
  return { data: Float64Array.of(x, y), grad: null };
}

/** Evaluates ∇E at the point, stores it in `point.grad`, and takes one optimizer step. */
export function stepPoint<S extends BaseState>(optimizer: Optimizer<S>, point: Point, gradient: Gradient2D): void {
  const [gx, gy] = gradient(point.data[0], point.data[1]);
  point.grad = Float64Array.of(gx, gy);
  optimizer.step([point]);
}

/** The path of `steps` optimizer steps from (x0, y0): steps + 1 positions, the start included. */
export function descend<S extends BaseState>(
  optimizer: Optimizer<S>,
  start: readonly [number, number],
  gradient: Gradient2D,
  steps: number,
): [number, number][] {
  const point = createPoint(start[0], start[1]);
  const path: [number, number][] = [[start[0], start[1]]];
  for (let k = 0; k < steps; k++) {
    stepPoint(optimizer, point, gradient);
    path.push([point.data[0], point.data[1]]);
  }
  return path;
}
