/**
 * Contour lines of a function sampled on a regular grid, as SVG path strings (d3-contour's marching
 * squares, projected through two linear maps). Pure: the grid comes from the caller (computed by the
 * engine or a loss surface), so views draw strings and compute nothing. Shared by the minibatch and
 * optimizer-race widgets.
 */
import { contours, geoPath, geoTransform } from "d3";

export interface ContourInput {
  /** Row-major samples: row j (second coordinate), column i (first coordinate). */
  values: ArrayLike<number>;
  /** Grid size: nx columns, ny rows. */
  nx: number;
  ny: number;
  /** Data ranges the first and last columns / rows sit at. */
  x: readonly [number, number];
  y: readonly [number, number];
  /** Contour levels, ascending. */
  levels: readonly number[];
  /** Data → SVG coordinates. */
  sx: (x: number) => number;
  sy: (y: number) => number;
}

export interface ContourLine {
  level: number;
  /** Position of the level among all levels, 0 (lowest) to 1 (highest), for shading. */
  rank: number;
  d: string;
}

export function contourPaths(input: ContourInput): ContourLine[] {
  const { nx, ny, x, y, sx, sy } = input;
  // d3-contour places sample (i, j) at grid coordinates (i + 0.5, j + 0.5).
  const dx = (x[1] - x[0]) / (nx - 1);
  const dy = (y[1] - y[0]) / (ny - 1);
  const projection = geoTransform({
    point(gx: number, gy: number) {
      this.stream.point(sx(x[0] + (gx - 0.5) * dx), sy(y[0] + (gy - 0.5) * dy));
    },
  });
  const path = geoPath(projection);
  const values = Array.from(input.values, (v) => (Number.isFinite(v) ? v : Number.MAX_VALUE));
  const levels = [...input.levels];
  const generator = contours().size([nx, ny]).thresholds(levels);
  return generator(values).map((geometry, k) => ({
    level: geometry.value,
    rank: levels.length > 1 ? k / (levels.length - 1) : 0,
    d: path(geometry) ?? "",
  }));
}
