import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { PHOTOZ_RANGE, galaxyColors, photozCatalog, restFrameFlux } from "./photoz.ts";

describe("the toy photometric-redshift model", () => {
  it("drops the flux of an old galaxy by its break strength across 400 nm", () => {
    // Type 0: D = 2.2, so far below the break B → 1/2.2 and far above B → 1 (power law aside).
    const ratio = restFrameFlux(300, 0) / (300 / 500) ** 1.6 / (restFrameFlux(520, 0) / (520 / 500) ** 1.6);
    expect(ratio).toBeCloseTo(1 / 2.2, 3);
  });

  it("makes ellipticals redder than star-forming galaxies at the same redshift", () => {
    const red = galaxyColors(0.3, 0);
    const blue = galaxyColors(0.3, 1);
    red.forEach((c, k) => expect(c).toBeGreaterThan(blue[k]));
  });

  it("reddens g−r as the 4000 Å break moves from g into r (z ≈ 0.2 → 0.5)", () => {
    expect(galaxyColors(0.45, 0)[1]).toBeGreaterThan(galaxyColors(0.05, 0)[1] + 0.3);
  });

  it("gives the same catalogue for the same seed, z inside its range, and noisier colours with larger errors", () => {
    const a = photozCatalog(new Rng(5), { n: 300, magError: 0.05 });
    expect(photozCatalog(new Rng(5), { n: 300, magError: 0.05 })).toEqual(a);
    expect(a.inputNames).toEqual(["u−g", "g−r", "r−i", "i−z"]);
    expect(a.y.every((z) => z >= PHOTOZ_RANGE.min && z <= PHOTOZ_RANGE.max)).toBe(true);
    // With zero error the colours lie exactly on the model.
    const exact = photozCatalog(new Rng(6), { n: 5, magError: 0 });
    expect(exact.x.every((row) => row.every(Number.isFinite))).toBe(true);
  });
});
