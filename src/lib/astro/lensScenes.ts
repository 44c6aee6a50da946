import type { Rng } from "../random/rng.ts";
import { arcsecToPixels, magToFlux, sedFromColours } from "./observing.ts";
import { deposit, fullBox } from "./profiles.ts";
import { draw, LENS, NON_LENS } from "./ranges.ts";
import { fluxFromSurfaceBrightness } from "./scene.ts";
import type { Scene } from "./scene.ts";
import { renderLensedSource } from "./lens.ts";
import type { LensSource, SieLens } from "./lens.ts";
import { drawSpiral } from "./galaxies.ts";
import type { DrawnGalaxy } from "./galaxies.ts";

/** What was lensed, and how (pixels unless named otherwise). */
export interface LensParams {
  einsteinRadius: number;
  einsteinRadiusArcsec: number;
  massAxisRatio: number;
  massAngle: number;
  shear: number;
  /** Source-plane position of the source and its distance β from the lens centre. */
  sourceX: number;
  sourceY: number;
  sourceOffset: number;
  sourceRadius: number;
  /** Unlensed r magnitude of the source. */
  sourceMag: number;
  /** Total magnification of the light inside the cutout. */
  magnification: number;
  /** r magnitude of all lensed images together. */
  lensedMag: number;
  sourceGMinusR: number;
  sourceRMinusZ: number;
  clumps: number;
}

/** How a non-lens was made to look like a lens. */
export interface LookalikeParams {
  /** Blue compact companions around the red galaxy. */
  companions: number;
  /** A blue galaxy right behind the red one, not lensed. */
  superposed: boolean;
  /** A blue spiral-armed neighbour. */
  spiralNeighbour: boolean;
}

const mag = (f: number) => 22.5 - 2.5 * Math.log10(f);

/** The lens (or look-alike) galaxy: a luminous red elliptical (see LENS). */
export function drawRedGalaxy(scene: Scene, rng: Rng, x: number, y: number): DrawnGalaxy {
  const n = draw(rng, LENS.lensN);
  const q = draw(rng, LENS.lensAxisRatio);
  const re = draw(rng, LENS.lensRadius);
  const angle = rng.uniform(0, Math.PI);
  const mu = draw(rng, LENS.lensSurfaceBrightness);
  const gr = draw(rng, LENS.lensGMinusR);
  const rz = draw(rng, LENS.lensRMinusZ);
  const flux = fluxFromSurfaceBrightness(mu, re, q);
  scene.addSersic({ x, y, re, n, q, angle }, flux, sedFromColours(gr, rz));
  return {
    structure: { x, y, sersicN: n, axisRatio: q, effectiveRadius: re, positionAngle: angle, rMag: mag(flux), gMinusR: gr, rMinusZ: rz },
    details: { kind: "elliptical" },
  };
}

/**
 * A blue background galaxy lensed by an SIE aligned (±10°) with the red galaxy `host` (see LENS):
 * the source sits at β drawn area-uniformly within 0.6 θ_E of the lens centre.
 */
export function drawLensedSource(scene: Scene, rng: Rng, host: DrawnGalaxy): LensParams {
  const thetaArcsec = draw(rng, LENS.einsteinRadius);
  const thetaE = arcsecToPixels(thetaArcsec);
  const qm = draw(rng, LENS.massAxisRatio);
  const massAngle = host.structure.positionAngle + rng.uniform(-10, 10) * (Math.PI / 180);
  const gamma = draw(rng, LENS.shear);
  const gAngle = rng.uniform(0, Math.PI);
  const lens: SieLens = {
    x: host.structure.x,
    y: host.structure.y,
    thetaE,
    q: qm,
    angle: massAngle,
    gamma1: gamma * Math.cos(2 * gAngle),
    gamma2: gamma * Math.sin(2 * gAngle),
  };
  const beta = LENS.sourceOffset.max * thetaE * Math.sqrt(rng.next());
  const bAngle = rng.uniform(0, 2 * Math.PI);
  const sx = lens.x + beta * Math.cos(bAngle);
  const sy = lens.y + beta * Math.sin(bAngle);
  const re = draw(rng, LENS.sourceRadius);
  const nClumps = draw(rng, LENS.sourceClumps);
  const clumps: LensSource["clumps"] = [];
  for (let k = 0; k < nClumps; k++) {
    clumps.push({ x: sx + rng.normal(0, re), y: sy + rng.normal(0, re), sigma: rng.uniform(0.3, 0.6), fraction: 0.35 / nClumps });
  }
  const source: LensSource = { x: sx, y: sy, re, q: draw(rng, LENS.sourceAxisRatio), angle: rng.uniform(0, Math.PI), clumps };
  const sourceMag = draw(rng, LENS.sourceMag);
  const gr = draw(rng, LENS.sourceGMinusR);
  const rz = draw(rng, LENS.sourceRMinusZ);
  const mu = renderLensedSource(scene.b, scene.size, lens, source);
  const flux = magToFlux(sourceMag);
  deposit(scene.bands, scene.size, scene.b, fullBox(scene.size), flux, sedFromColours(gr, rz));
  return {
    einsteinRadius: thetaE,
    einsteinRadiusArcsec: thetaArcsec,
    massAxisRatio: qm,
    massAngle,
    shear: gamma,
    sourceX: sx,
    sourceY: sy,
    sourceOffset: beta,
    sourceRadius: re,
    sourceMag,
    magnification: mu,
    lensedMag: mag(flux * mu),
    sourceGMinusR: gr,
    sourceRMinusZ: rz,
    clumps: nClumps,
  };
}

/** One blue compact galaxy at distance `d` from (x, y) in a random direction (see NON_LENS). */
function addBlueCompanion(scene: Scene, rng: Rng, x: number, y: number, d: number): void {
  const a = rng.uniform(0, 2 * Math.PI);
  const gr = draw(rng, NON_LENS.companionGMinusR);
  const shape = {
    x: x + d * Math.cos(a),
    y: y + d * Math.sin(a),
    re: draw(rng, NON_LENS.companionRadius),
    n: rng.uniform(0.5, 1.5),
    q: draw(rng, NON_LENS.companionAxisRatio),
    angle: rng.uniform(0, Math.PI),
  };
  scene.addSersic(shape, magToFlux(draw(rng, NON_LENS.companionMag)), sedFromColours(gr, 0.1 + 0.4 * gr));
}

/**
 * Blue companions that are not lensed, around the red galaxy `host` (see NON_LENS): 1–4 compact blue
 * galaxies, sometimes one right behind the red galaxy (within 0.6 of a would-be Einstein radius, with
 * a lensed source's size and brightness, but undistorted), sometimes a small blue spiral.
 */
export function drawLookalike(scene: Scene, rng: Rng, host: DrawnGalaxy): LookalikeParams {
  const { x, y } = host.structure;
  const companions = draw(rng, NON_LENS.companions);
  for (let k = 0; k < companions; k++) addBlueCompanion(scene, rng, x, y, draw(rng, NON_LENS.companionDistance));
  const superposed = rng.bernoulli(NON_LENS.superposedProbability.min);
  if (superposed) {
    const thetaE = arcsecToPixels(draw(rng, LENS.einsteinRadius));
    const d = LENS.sourceOffset.max * thetaE * Math.sqrt(rng.next()) + rng.uniform(0, 3);
    const a = rng.uniform(0, 2 * Math.PI);
    const gr = draw(rng, LENS.sourceGMinusR);
    // As bright as a typical lensed arc system, since that is what a finder would mistake it for.
    const flux = magToFlux(draw(rng, LENS.sourceMag) - 2.5 * Math.log10(rng.uniform(3, 15)));
    scene.addSersic(
      {
        x: x + d * Math.cos(a),
        y: y + d * Math.sin(a),
        re: draw(rng, LENS.sourceRadius) * 1.5,
        n: 1,
        q: draw(rng, LENS.sourceAxisRatio),
        angle: rng.uniform(0, Math.PI),
      },
      flux,
      sedFromColours(gr, draw(rng, LENS.sourceRMinusZ)),
    );
  }
  const spiralNeighbour = rng.bernoulli(NON_LENS.spiralNeighbourProbability.min);
  if (spiralNeighbour) {
    const d = rng.uniform(14, 26);
    const a = rng.uniform(0, 2 * Math.PI);
    drawSpiral(scene, rng, x + d * Math.cos(a), y + d * Math.sin(a), 0.45);
  }
  return { companions, superposed, spiralNeighbour };
}

/** Lenses get ordinary blue companions too (30%: 1–2 of them, outside the arcs), so companions alone prove nothing. */
export function addLensCompanions(scene: Scene, rng: Rng, host: DrawnGalaxy, lens: LensParams): number {
  if (!rng.bernoulli(0.3)) return 0;
  const count = rng.int(1, 3);
  for (let k = 0; k < count; k++)
    addBlueCompanion(scene, rng, host.structure.x, host.structure.y, rng.uniform(lens.einsteinRadius + lens.sourceOffset + 5, 28));
  return count;
}
