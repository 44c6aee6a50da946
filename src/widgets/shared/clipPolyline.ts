// Cutting a chart's trail to a box before it becomes an SVG path. A trail that diverges ends at
// coordinates of 10⁶ and more; drawn as is, under a clip-path, the browser still rasterises (and
// dashes) the whole off-screen segment, and a race that had diverged painted at 1 frame per second.

import { linePath } from "./linePath.ts";

export type Pixel = readonly [number, number];

/** An axis-aligned box in pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The part of segment a→b inside `box` (Liang–Barsky: with p(t) = a + t(b − a), each side gives a
 * bound on t ∈ [0, 1]), or null when none of it is inside or a point is not finite.
 */
export function clipSegment(a: Pixel, b: Pixel, box: Box): [Pixel, Pixel] | null {
  if (![a[0], a[1], b[0], b[1]].every(Number.isFinite)) return null;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  // −dx·t ≤ a.x − left, dx·t ≤ right − a.x, and the same for y.
  const sides: [number, number][] = [
    [-dx, a[0] - box.left],
    [dx, box.right - a[0]],
    [-dy, a[1] - box.top],
    [dy, box.bottom - a[1]],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return null; // parallel to this side and outside it
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return null;
  return [
    [a[0] + t0 * dx, a[1] + t0 * dy],
    [a[0] + t1 * dx, a[1] + t1 * dy],
  ];
}

/**
 * The pieces of the polyline through `points` that lie inside `box`, each a polyline of its own
 * (a trail that leaves the box and comes back is two pieces). A single point inside is a piece of one.
 */
export function clipPolyline(points: readonly Pixel[], box: Box): Pixel[][] {
  const inside = (p: Pixel) => p[0] >= box.left && p[0] <= box.right && p[1] >= box.top && p[1] <= box.bottom;
  if (points.length === 1) return inside(points[0]) ? [[points[0]]] : [];
  const pieces: Pixel[][] = [];
  let piece: Pixel[] = [];
  for (let i = 1; i < points.length; i++) {
    const clipped = clipSegment(points[i - 1], points[i], box);
    if (!clipped) continue;
    const [from, to] = clipped;
    const last = piece[piece.length - 1];
    if (!last || last[0] !== from[0] || last[1] !== from[1]) {
      if (piece.length > 0) pieces.push(piece);
      piece = [from];
    }
    piece.push(to);
    // The segment left the box: the next one that comes back starts a new piece.
    if (to[0] !== points[i][0] || to[1] !== points[i][1]) {
      pieces.push(piece);
      piece = [];
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/** How far outside the plot a trail is cut (and a marker held): far enough for the clip-path to trim. */
const TRAIL_MARGIN = 8;

const around = (area: Box): Box => ({
  left: area.left - TRAIL_MARGIN,
  right: area.right + TRAIL_MARGIN,
  top: area.top - TRAIL_MARGIN,
  bottom: area.bottom + TRAIL_MARGIN,
});

/** The SVG path of a trail of pixel points, cut just outside the plot `area` (the clip-path trims the rest). */
export function trailPath(points: readonly Pixel[], area: Box): string {
  return clipPolyline(points, around(area))
    .map((piece) =>
      linePath(
        piece,
        (p) => p[0],
        (p) => p[1],
      ),
    )
    .join("");
}

/** Where a trail's marker is drawn: at `point`, held just outside the plot `area` once it has left. */
export function markerAt(point: Pixel, area: Box): Pixel {
  const box = around(area);
  return [Math.min(box.right, Math.max(box.left, point[0])), Math.min(box.bottom, Math.max(box.top, point[1]))];
}
