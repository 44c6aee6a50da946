import { describe, expect, it } from "vitest";
import { clipPolyline, clipSegment, markerAt, trailPath } from "./clipPolyline.ts";

const box = { left: 0, right: 100, top: 0, bottom: 50 };

describe("clipSegment", () => {
  it("keeps a segment inside the box as it is", () => {
    expect(clipSegment([10, 10], [90, 40], box)).toEqual([
      [10, 10],
      [90, 40],
    ]);
  });

  it("cuts a segment leaving the box where it crosses the side (hand-computed)", () => {
    // From (50, 25) towards (250, 25 + 200): x = 100 at t = 1/4, where y = 75 > 50, so the bottom
    // side (y = 50) comes first, at t = 1/8: (75, 50).
    expect(clipSegment([50, 25], [250, 225], box)).toEqual([
      [50, 25],
      [75, 50],
    ]);
    const far = clipSegment([50, 25], [50 + 1e8, 25], box)!;
    expect(far[1]).toEqual([100, 25]);
  });

  it("gives null for a segment wholly outside, and for a point that is not finite", () => {
    expect(clipSegment([200, 10], [300, 40], box)).toBeNull();
    expect(clipSegment([10, 10], [Number.NaN, 40], box)).toBeNull();
    expect(clipSegment([10, 10], [Infinity, 40], box)).toBeNull();
  });
});

describe("clipPolyline", () => {
  it("leaves a trail inside the box unchanged", () => {
    const points: [number, number][] = [
      [1, 1],
      [20, 5],
      [40, 30],
    ];
    expect(clipPolyline(points, box)).toEqual([points]);
  });

  it("ends a diverging trail on the box's side instead of at 10⁸ px", () => {
    const pieces = clipPolyline(
      [
        [10, 10],
        [20, 20],
        [1e8, 20],
      ],
      box,
    );
    expect(pieces).toEqual([
      [
        [10, 10],
        [20, 20],
        [100, 20],
      ],
    ]);
  });

  it("splits a trail that leaves and comes back into two pieces", () => {
    const pieces = clipPolyline(
      [
        [50, 25],
        [150, 25],
        [150, 40],
        [50, 40],
      ],
      box,
    );
    expect(pieces).toEqual([
      [
        [50, 25],
        [100, 25],
      ],
      [
        [100, 40],
        [50, 40],
      ],
    ]);
  });

  it("keeps a lone point inside, drops one outside", () => {
    expect(clipPolyline([[5, 5]], box)).toEqual([[[5, 5]]]);
    expect(clipPolyline([[500, 5]], box)).toEqual([]);
  });

  describe("trailPath and markerAt", () => {
    it("draw a diverging trail and its marker only to just outside the plot", () => {
      expect(
        trailPath(
          [
            [10, 10],
            [1e8, 10],
          ],
          box,
        ),
      ).toBe("M10,10L108,10");
      expect(markerAt([1e8, -1e8], box)).toEqual([108, -8]);
      expect(markerAt([30, 20], box)).toEqual([30, 20]);
    });
  });
});
