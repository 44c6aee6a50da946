import { describe, expect, it } from "vitest";
import { Rng } from "../random/rng.ts";
import { FRAME_SIDE_PER_RADIUS, autoFrame, centralSource, findSources, luminance } from "./autoFrame.ts";
import { IMAGE_SIZE } from "./observing.ts";
import { simulateCutout } from "./simulate.ts";
import { skyScene } from "./skyScene.test-util.ts";
import { measureFraming } from "./trainingFraming.ts";

const rgbaInput = (data: Uint8ClampedArray, size: number) => ({ kind: "rgba" as const, width: size, height: size, data });

describe("autoFrame", () => {
  it("finds the central spiral, not the brighter star nearer the centre, the brighter neighbour or the caption", () => {
    const s = skyScene();
    const framed = autoFrame(rgbaInput(s.rgba, s.size));
    expect(framed.sources.length).toBeGreaterThanOrEqual(4);
    // The caption is found and set aside as an edge object.
    expect(framed.sources.some((o) => o.atEdge && o.y < 0.15 * s.size)).toBe(true);
    expect(framed.source).not.toBeNull();
    expect(Math.hypot(framed.source!.x - s.galaxy.x, framed.source!.y - s.galaxy.y)).toBeLessThan(3);
    // The crop is centred on it, FRAME_SIDE_PER_RADIUS radii wide, and leaves the star's and neighbour's centres outside.
    const { x, y, side } = framed.crop;
    expect(side).toBeCloseTo(FRAME_SIDE_PER_RADIUS.morphology * framed.source!.radius, 6);
    expect(x + side / 2).toBeCloseTo(framed.source!.x + 0.5, 6);
    const inside = (p: { x: number; y: number }) => p.x >= x && p.x < x + side && p.y >= y && p.y < y + side;
    expect(inside(s.galaxy)).toBe(true);
    expect(inside(s.neighbour)).toBe(false);
  });

  it("still finds the galaxy when the neighbour is the brightest thing but off-centre, and without a caption", () => {
    const s = skyScene("sky-scene-2", 160, { star: false, caption: false });
    const framed = autoFrame(rgbaInput(s.rgba, s.size));
    expect(Math.hypot(framed.source!.x - s.galaxy.x, framed.source!.y - s.galaxy.y)).toBeLessThan(3);
  });

  it("measures size independently of the picture's resolution: a cutout enlarged 3× in a bigger sky is framed 3× larger", () => {
    const c = simulateCutout("elliptical", new Rng("frame-scale"));
    const n = IMAGE_SIZE * IMAGE_SIZE;
    const small = new Uint8ClampedArray(4 * n);
    for (let p = 0; p < n; p++) small.set([c.image[p] * 255, c.image[n + p] * 255, c.image[2 * n + p] * 255, 255], 4 * p);
    const r1 = autoFrame(rgbaInput(small, IMAGE_SIZE)).source!.radius;
    // Nearest-neighbour ×3 into the middle of a 288 px frame whose other 3 × 3 blocks are pixels drawn
    // from the cutout's outer ring (its own sky and noise): in the 96-pixel working map the galaxy is
    // then exactly the cutout again, in a wider field.
    const big = 288;
    const rng = new Rng("sky-blocks");
    const ring: number[] = [];
    for (let p = 0; p < n; p++) {
      const x = p % IMAGE_SIZE,
        y = (p - x) / IMAGE_SIZE;
      if (x < 4 || y < 4 || x >= IMAGE_SIZE - 4 || y >= IMAGE_SIZE - 4) ring.push(p);
    }
    const data = new Uint8ClampedArray(4 * big * big);
    for (let by = 0; by < 96; by++)
      for (let bx = 0; bx < 96; bx++) {
        const inside = bx >= 16 && bx < 80 && by >= 16 && by < 80;
        const src = inside ? (by - 16) * IMAGE_SIZE + (bx - 16) : ring[rng.int(0, ring.length)];
        for (let dy = 0; dy < 3; dy++)
          for (let dx = 0; dx < 3; dx++) data.set(small.subarray(4 * src, 4 * src + 4), 4 * ((3 * by + dy) * big + 3 * bx + dx));
      }
    const r3 = autoFrame(rgbaInput(data, big)).source!.radius;
    expect(r3 / r1).toBeGreaterThan(2.6);
    expect(r3 / r1).toBeLessThan(3.4);
  });

  it("falls back to the centred square when there is nothing but sky", () => {
    const rng = new Rng("flat-sky");
    const size = 50;
    const data = new Uint8ClampedArray(4 * size * size);
    for (let p = 0; p < size * size; p++) {
      const v = 20 + rng.normal(0, 2);
      data.set([v, v, v, 255], 4 * p);
    }
    const framed = autoFrame(rgbaInput(data, size));
    if (framed.source === null) expect(framed.crop).toEqual({ x: 0, y: 0, side: size });
    else expect(framed.source.flux).toBeLessThan(1);
  });

  it("FRAME_SIDE_PER_RADIUS is what the same measurement gives on the simulated training cutouts (median of 300 per set)", () => {
    for (const set of ["morphology", "lens"] as const) {
      const m = measureFraming(set);
      expect(m.found).toBeGreaterThan(270);
      expect(Math.abs(m.median / FRAME_SIDE_PER_RADIUS[set] - 1)).toBeLessThan(0.05);
    }
  }, 120_000);

  it("centralSource ignores objects in the edge band even when they are the brightest", () => {
    const s = skyScene("sky-scene", 192);
    const sources = findSources(luminance(rgbaInput(s.rgba, s.size)), s.size, s.size);
    const caption = sources.find((o) => o.atEdge);
    expect(caption).toBeDefined();
    expect(centralSource(sources, s.size, s.size)).not.toBe(caption);
  });
});
