import { describe, expect, it } from "vitest";
import { Rng } from "../random/rng.ts";
import { LENS, NON_LENS } from "./ranges.ts";
import { simulateCutout } from "./simulate.ts";
import type { LookalikeScene } from "./lensScenes.ts";

describe("lens-finder scenes", () => {
  it("makes every look-alike scene, at about its stated rate", () => {
    const rng = new Rng("lookalikes");
    const counts = new Map<LookalikeScene, number>();
    const total = 400;
    for (let i = 0; i < total; i++) {
      const scene = simulateCutout("non-lens", rng.fork(String(i))).params.lookalike!.scene;
      counts.set(scene, (counts.get(scene) ?? 0) + 1);
    }
    const expected: [LookalikeScene, number][] = [
      ["ring", NON_LENS.ringProbability.min],
      ["spiral", NON_LENS.spiralProbability.min],
      ["group", NON_LENS.groupProbability.min],
      ["streak", NON_LENS.streakProbability.min],
      ["star-forming", NON_LENS.starFormingProbability.min],
      ["merger", NON_LENS.mergerProbability.min],
    ];
    const rest = 1 - expected.reduce((t, [, p]) => t + p, 0);
    for (const [scene, p] of [...expected, ["companions", rest] as [LookalikeScene, number]]) {
      const share = (counts.get(scene) ?? 0) / total;
      // Binomial: within 3.5 σ of the rate.
      expect(Math.abs(share - p), scene).toBeLessThan(3.5 * Math.sqrt((p * (1 - p)) / total) + 1e-9);
    }
  });

  it("makes group lenses at about their rate, with wider Einstein radii and deflecting members", () => {
    const rng = new Rng("groups");
    const lenses = Array.from({ length: 200 }, (_, i) => simulateCutout("lens", rng.fork(String(i))).params.lens!);
    const groups = lenses.filter((l) => l.groupMembers > 0);
    const p = LENS.groupProbability.min;
    expect(Math.abs(groups.length / lenses.length - p)).toBeLessThan(3.5 * Math.sqrt((p * (1 - p)) / lenses.length));
    for (const l of groups) {
      expect(l.einsteinRadiusArcsec).toBeGreaterThanOrEqual(LENS.groupEinsteinRadius.min);
      expect(l.groupMembers).toBeLessThanOrEqual(LENS.groupMembers.max);
    }
    for (const l of lenses.filter((l) => l.groupMembers === 0)) expect(l.einsteinRadiusArcsec).toBeLessThanOrEqual(LENS.einsteinRadius.max);
  });

  it("keeps the arcs fainter than the lens galaxy by at most arcContrast, and never fainter than faintestArcs", () => {
    const rng = new Rng("contrast");
    for (let i = 0; i < 40; i++) {
      const c = simulateCutout("lens", rng.fork(String(i)));
      const l = c.params.lens!;
      expect(l.lensedMag).toBeLessThanOrEqual(LENS.faintestArcs.min + 1e-9);
      expect(l.lensedMag - c.params.structure.rMag).toBeLessThanOrEqual(Math.max(LENS.arcContrast.max, LENS.groupArcContrast.max) + 1e-9);
      // The unlensed source is the lensed light divided by the magnification.
      expect(l.sourceMag - l.lensedMag).toBeCloseTo(2.5 * Math.log10(l.magnification), 6);
    }
  });

  it("observes lens-finder cutouts in good seeing and colour, and resolves every Einstein radius", () => {
    const rng = new Rng("seeing");
    for (let i = 0; i < 40; i++) {
      const c = simulateCutout(i % 2 ? "lens" : "non-lens", rng.fork(String(i)));
      const o = c.params.observing;
      expect(o.psfFwhmArcsec).toBeGreaterThanOrEqual(LENS.seeing.min);
      expect(o.psfFwhmArcsec).toBeLessThanOrEqual(LENS.seeing.max);
      expect(o.stretch.saturation).toBeGreaterThanOrEqual(LENS.saturation.min);
      const l = c.params.lens;
      if (l) expect(l.einsteinRadiusArcsec).toBeGreaterThanOrEqual(LENS.resolvedEinsteinRadius.min * o.psfFwhmArcsec - 1e-9);
    }
  });
});
