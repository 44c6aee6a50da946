/** A closed interval [lo, hi]. */
export type Interval = readonly [number, number];

/**
 * A 2-D loss function for optimizer playgrounds: its value, its exact gradient (hand-derived,
 * checked against finite differences in the tests), a sensible plotting window and its minima.
 */
export interface Surface {
  /** Stable identifier for URLs ("rosenbrock"). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** The formula in TeX, for captions. */
  readonly tex: string;
  /** E(x, y). */
  f(x: number, y: number): number;
  /** ∇E(x, y) = [∂E/∂x, ∂E/∂y]. */
  grad(x: number, y: number): [number, number];
  /** The region of the plane to plot. */
  readonly domain: { readonly x: Interval; readonly y: Interval };
  /** Global (and, where listed, local) minima as [x, y]; empty when E is unbounded below. */
  readonly minima: readonly (readonly [number, number])[];
  /** Saddle points worth marking, if any. */
  readonly saddles?: readonly (readonly [number, number])[];
}
