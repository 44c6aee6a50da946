import type { Rng } from "../random/rng.ts";
import { arcsecToPixels, magToFlux, sedFromColours } from "./observing.ts";
import { addGaussian, boxAround, deposit, fullBox } from "./profiles.ts";
import { draw, LENS, NON_LENS } from "./ranges.ts";
import { fluxFromSurfaceBrightness } from "./scene.ts";
import type { Scene } from "./scene.ts";
import { renderLensedSource } from "./lens.ts";
import type { LensSource, SieLens } from "./lens.ts";
import { drawIrregular, drawMerger, drawSpiral } from "./galaxies.ts";
import type { DrawnGalaxy } from "./galaxies.ts";

/** What was lensed, and how (pixels unless named otherwise). */
export interface LensParams {
  einsteinRadius: number;
  einsteinRadiusArcsec: number;
  massAxisRatio: number;
  massAngle: number;
  shear: number;
  /** Other group galaxies that deflect the light too (0: a lone lens galaxy). */
  groupMembers: number;
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

/** Which kind of look-alike scene a non-lens is (see NON_LENS). */
export type LookalikeScene = "companions" | "ring" | "spiral" | "group" | "streak" | "star-forming" | "merger";

/** How a non-lens was made to look like a lens. */
export interface LookalikeParams {
  scene: LookalikeScene;
  /** Blue compact companions around the red galaxy ("companions" scenes). */
  companions: number;
  /** A blue galaxy right behind the red one, not lensed. */
  superposed: boolean;
  /** A blue spiral-armed neighbour. */
  spiralNeighbour: boolean;
}

/** A lens-finder scene drawn around the frame centre: its main galaxy and what was added. */
export interface LensScene {
  /** The red lens galaxy, or a non-lens's central object. */
  main: DrawnGalaxy;
  lens: LensParams | null;
  lookalike: LookalikeParams | null;
  /** Unlensed blue companions added to a lens. */
  companions: number;
  /** How far (pixels) other neighbours keep from the centre so they do not land on the scene. */
  keepClear: number;
}

const mag = (f: number) => 22.5 - 2.5 * Math.log10(f);

/** The observing conditions a lens must be seen in: what a finder (or a person) could have graded a lens. */
export interface LensVisibility {
  /** PSF FWHM in r, arcseconds. */
  psfFwhmArcsec: number;
  /** Noise multiplier relative to the nominal depth. */
  depth: number;
}

const NOMINAL_VISIBILITY: LensVisibility = { psfFwhmArcsec: 1.2, depth: 1 };

/**
 * Draws a lens (`kind` "lens") or a look-alike ("non-lens") centred near (x, y): the lens finder's
 * half of simulateCutout, before the neighbours, PSF and noise (whose seeing and depth `seen` gives).
 */
export function drawLensScene(
  kind: "lens" | "non-lens",
  scene: Scene,
  rng: Rng,
  x: number,
  y: number,
  seen: LensVisibility = NOMINAL_VISIBILITY,
): LensScene {
  if (kind === "lens") {
    const main = drawRedGalaxy(scene, rng, x, y);
    const lens = drawLensedSource(scene, rng, main, seen);
    const companions = addLensCompanions(scene, rng, main, lens);
    return { main, lens, lookalike: null, companions, keepClear: lens.einsteinRadius + lens.sourceOffset + 6 };
  }
  return drawLookalikeScene(scene, rng, x, y);
}

/** The lens (or look-alike) galaxy: a luminous red elliptical (see LENS); `fluxScale` dims it (group members). */
export function drawRedGalaxy(scene: Scene, rng: Rng, x: number, y: number, fluxScale = 1): DrawnGalaxy {
  const n = draw(rng, LENS.lensN);
  const q = draw(rng, LENS.lensAxisRatio);
  const re = draw(rng, LENS.lensRadius) * Math.sqrt(fluxScale);
  const angle = rng.uniform(0, Math.PI);
  const mu = draw(rng, LENS.lensSurfaceBrightness);
  const gr = draw(rng, LENS.lensGMinusR);
  const rz = draw(rng, LENS.lensRMinusZ);
  // Smaller at the same surface brightness: flux ∝ r_e², so √fluxScale in size is fluxScale in flux.
  const flux = fluxFromSurfaceBrightness(mu, re, q);
  scene.addSersic({ x, y, re, n, q, angle }, flux, sedFromColours(gr, rz));
  return {
    structure: { x, y, sersicN: n, axisRatio: q, effectiveRadius: re, positionAngle: angle, rMag: mag(flux), gMinusR: gr, rMinusZ: rz },
    details: { kind: "elliptical" },
  };
}

/**
 * A blue background galaxy lensed by an SIE aligned (±10°) with the red galaxy `host` (see LENS):
 * the source sits at β drawn area-uniformly within 0.7 θ_E of the lens centre. A quarter of the
 * lenses are groups: a larger Einstein radius, and 1–3 fainter red members near the arcs that add
 * their own small deflections. The lensed images' total brightness is set relative to the lens
 * galaxy (arcContrast; groupArcContrast for groups), but never fainter than faintestArcs at nominal depth (brighter in shallower
 * images, fainter in deeper ones). Lenses are found where their arcs can be seen: the Einstein radius
 * is at least resolvedEinsteinRadius × the seeing's FWHM, so a ring is not a blur under the lens.
 */
export function drawLensedSource(scene: Scene, rng: Rng, host: DrawnGalaxy, seen: LensVisibility = NOMINAL_VISIBILITY): LensParams {
  const group = rng.bernoulli(LENS.groupProbability.min);
  const range = group ? LENS.groupEinsteinRadius : LENS.einsteinRadius;
  const smallest = Math.min(range.max, Math.max(range.min, LENS.resolvedEinsteinRadius.min * seen.psfFwhmArcsec));
  const thetaArcsec = draw(rng, { ...range, min: smallest });
  const thetaE = arcsecToPixels(thetaArcsec);
  const qm = draw(rng, LENS.massAxisRatio);
  const massAngle = host.structure.positionAngle + rng.uniform(-10, 10) * (Math.PI / 180);
  const gamma = draw(rng, LENS.shear);
  const gAngle = rng.uniform(0, Math.PI);
  const lenses: SieLens[] = [
    {
      x: host.structure.x,
      y: host.structure.y,
      thetaE,
      q: qm,
      angle: massAngle,
      gamma1: gamma * Math.cos(2 * gAngle),
      gamma2: gamma * Math.sin(2 * gAngle),
    },
  ];
  const members = group ? draw(rng, LENS.groupMembers) : 0;
  const hostFlux = 10 ** (-0.4 * (host.structure.rMag - 22.5));
  for (let k = 0; k < members; k++) {
    const d = draw(rng, LENS.memberDistance) * thetaE;
    const a = rng.uniform(0, 2 * Math.PI);
    const mx = host.structure.x + d * Math.cos(a);
    const my = host.structure.y + d * Math.sin(a);
    drawRedGalaxy(scene, rng, mx, my, draw(rng, LENS.memberFluxRatio));
    lenses.push({ x: mx, y: my, thetaE: arcsecToPixels(draw(rng, LENS.memberEinsteinRadius)), q: 1, angle: 0, gamma1: 0, gamma2: 0 });
  }
  const beta = LENS.sourceOffset.max * thetaE * Math.sqrt(rng.next());
  const bAngle = rng.uniform(0, 2 * Math.PI);
  const sx = lenses[0].x + beta * Math.cos(bAngle);
  const sy = lenses[0].y + beta * Math.sin(bAngle);
  const re = draw(rng, LENS.sourceRadius);
  const nClumps = draw(rng, LENS.sourceClumps);
  const clumps: LensSource["clumps"] = [];
  for (let k = 0; k < nClumps; k++) {
    clumps.push({ x: sx + rng.normal(0, re), y: sy + rng.normal(0, re), sigma: rng.uniform(0.3, 0.6), fraction: 0.35 / nClumps });
  }
  const source: LensSource = { x: sx, y: sy, re, q: draw(rng, LENS.sourceAxisRatio), angle: rng.uniform(0, Math.PI), clumps };
  const gr = draw(rng, LENS.sourceGMinusR);
  const rz = draw(rng, LENS.sourceRMinusZ);
  const mu = renderLensedSource(scene.b, scene.size, lenses, source);
  // The lensed light in r: arcContrast magnitudes below the lens galaxy, brightened to faintestArcs
  // (at nominal depth; in proportion to the noise otherwise).
  const contrast = draw(rng, group ? LENS.groupArcContrast : LENS.arcContrast);
  const lensedFlux = Math.max(hostFlux * 10 ** (-0.4 * contrast), magToFlux(LENS.faintestArcs.min) * seen.depth);
  const flux = lensedFlux / Math.max(mu, 1e-9);
  deposit(scene.bands, scene.size, scene.b, fullBox(scene.size), flux, sedFromColours(gr, rz));
  return {
    einsteinRadius: thetaE,
    einsteinRadiusArcsec: thetaArcsec,
    massAxisRatio: qm,
    massAngle,
    shear: gamma,
    groupMembers: members,
    sourceX: sx,
    sourceY: sy,
    sourceOffset: beta,
    sourceRadius: re,
    sourceMag: mag(flux),
    magnification: mu,
    lensedMag: mag(lensedFlux),
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
 * galaxies, sometimes one right behind the red galaxy (within 0.7 of a would-be Einstein radius, as
 * bright as arcs would be, but undistorted), sometimes a small blue spiral.
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
    // As bright as a lens's arcs would be, since that is what a finder would mistake it for.
    const flux = Math.max(hostFlux(host) * 10 ** (-0.4 * draw(rng, LENS.arcContrast)), magToFlux(LENS.faintestArcs.min));
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
  return { scene: "companions", companions, superposed, spiralNeighbour };
}

const hostFlux = (g: DrawnGalaxy) => 10 ** (-0.4 * (g.structure.rMag - 22.5));

/**
 * The core of a ring galaxy (see NON_LENS): a bulge like the lenses' red galaxies in surface
 * brightness and colour, a little smaller and less concentrated.
 */
function drawRingCore(scene: Scene, rng: Rng, x: number, y: number): DrawnGalaxy {
  const n = rng.uniform(1.5, 4);
  const q = draw(rng, LENS.lensAxisRatio);
  const re = draw(rng, LENS.lensRadius) * 0.6;
  const angle = rng.uniform(0, Math.PI);
  const gr = draw(rng, NON_LENS.ringCoreGMinusR);
  const rz = draw(rng, LENS.lensRMinusZ);
  const flux = fluxFromSurfaceBrightness(draw(rng, LENS.lensSurfaceBrightness), re, q);
  scene.addSersic({ x, y, re, n, q, angle }, flux, sedFromColours(gr, rz));
  return {
    structure: { x, y, sersicN: n, axisRatio: q, effectiveRadius: re, positionAngle: angle, rMag: mag(flux), gMinusR: gr, rMinusZ: rz },
    details: { kind: "elliptical" },
  };
}

/**
 * A ring galaxy around `host`'s core (see NON_LENS): a blue elliptical annulus of Gaussian cross
 * section, brighter on one side (1 + a cos φ), with star-forming knots along it and the faint disk it
 * lies in — the look of an Einstein ring, but unlensed: the same radius everywhere, no counter-image,
 * knots that repeat nothing.
 */
function addRing(scene: Scene, rng: Rng, host: DrawnGalaxy): void {
  const { x, y } = host.structure;
  const radius = draw(rng, NON_LENS.ringRadius);
  const width = draw(rng, NON_LENS.ringWidth);
  const q = draw(rng, NON_LENS.ringAxisRatio);
  const angle = rng.uniform(0, Math.PI);
  const lopsided = draw(rng, NON_LENS.ringLopsidedness);
  const phi0 = rng.uniform(0, 2 * Math.PI);
  const total = hostFlux(host) * 10 ** (-0.4 * draw(rng, NON_LENS.ringContrast));
  const gr = draw(rng, NON_LENS.ringGMinusR);
  const sed = sedFromColours(gr, 0.1 + 0.4 * gr);
  const knots = draw(rng, NON_LENS.ringKnots);
  const knotShare = knots > 0 ? rng.uniform(0.15, 0.4) : 0;
  const box = boxAround(x, y, radius + 4 * width + 2, scene.size);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  let sum = 0;
  for (let j = box.y0; j <= box.y1; j++) {
    for (let i = box.x0; i <= box.x1; i++) {
      const dx = i - x;
      const dy = j - y;
      const u = dx * c + dy * s;
      const v = (-dx * s + dy * c) / q;
      const r = Math.hypot(u, v);
      const d = (r - radius) / width;
      const value = Math.exp(-0.5 * d * d) * (1 + lopsided * Math.cos(Math.atan2(v, u) - phi0));
      scene.c[j * scene.size + i] = value;
      sum += value;
    }
  }
  if (sum > 0) deposit(scene.bands, scene.size, scene.c, box, ((1 - knotShare) * total) / sum, sed);
  // The disk the ring lies in: a faint exponential glow between core and ring, bluish.
  const glow = draw(rng, NON_LENS.ringDiskFraction) * total;
  if (glow > 0) scene.addSersic({ x, y, re: 0.6 * radius, n: 1, q, angle }, glow, sedFromColours(0.55, 0.35));
  for (let k = 0; k < knots; k++) {
    const phi = rng.uniform(0, 2 * Math.PI);
    const u = radius * Math.cos(phi);
    const v = radius * q * Math.sin(phi);
    const f = (knotShare * total) / knots;
    addGaussian(scene.bands, scene.size, x + u * c - v * s, y + u * s + v * c, rng.uniform(0.4, 0.9), [f * sed[0], f, f * sed[2]]);
  }
}

/** A thin blue edge-on disk beside `host`, its long axis tangential (see NON_LENS): a straight "arc". */
function addStreak(scene: Scene, rng: Rng, host: DrawnGalaxy): void {
  const { x, y } = host.structure;
  const d = draw(rng, NON_LENS.streakDistance);
  const a = rng.uniform(0, 2 * Math.PI);
  const gr = draw(rng, LENS.sourceGMinusR);
  const flux = Math.max(hostFlux(host) * 10 ** (-0.4 * draw(rng, LENS.arcContrast)), magToFlux(LENS.faintestArcs.min));
  scene.addSersic(
    {
      x: x + d * Math.cos(a),
      y: y + d * Math.sin(a),
      re: draw(rng, NON_LENS.streakRadius),
      n: 1,
      q: draw(rng, NON_LENS.streakAxisRatio),
      // Tangential, give or take 25°: perpendicular to the direction from the red galaxy.
      angle: a + Math.PI / 2 + rng.uniform(-0.45, 0.45),
    },
    flux,
    sedFromColours(gr, draw(rng, LENS.sourceRMinusZ)),
  );
}

/** Picks the look-alike scene: each listed probability, the rest "companions". */
function pickScene(rng: Rng): LookalikeScene {
  const u = rng.next();
  const options: [LookalikeScene, number][] = [
    ["ring", NON_LENS.ringProbability.min],
    ["spiral", NON_LENS.spiralProbability.min],
    ["group", NON_LENS.groupProbability.min],
    ["streak", NON_LENS.streakProbability.min],
    ["star-forming", NON_LENS.starFormingProbability.min],
    ["merger", NON_LENS.mergerProbability.min],
  ];
  let edge = 0;
  for (const [scene, p] of options) {
    edge += p;
    if (u < edge) return scene;
  }
  return "companions";
}

/**
 * A non-lens that a finder (or a volunteer) could take for a lens, centred near (x, y) (see NON_LENS):
 * a red galaxy with unlensed blue companions, a ring galaxy, a face-on spiral, a group of red
 * galaxies with no arcs, a red galaxy beside a thin blue edge-on disk, a blue star-forming galaxy or
 * a merger. Some of them have a few blue companions too, as lenses do.
 */
export function drawLookalikeScene(scene: Scene, rng: Rng, x: number, y: number): LensScene {
  const kind = pickScene(rng);
  const none = { companions: 0, superposed: false, spiralNeighbour: false };
  let main: DrawnGalaxy;
  let keepClear = 10;
  switch (kind) {
    case "companions":
      main = drawRedGalaxy(scene, rng, x, y);
      return { main, lens: null, lookalike: drawLookalike(scene, rng, main), companions: 0, keepClear };
    case "ring":
      main = drawRingCore(scene, rng, x, y);
      addRing(scene, rng, main);
      keepClear = 20;
      break;
    case "spiral":
      main = drawSpiral(scene, rng, x, y, draw(rng, NON_LENS.spiralSize));
      keepClear = 20;
      break;
    case "group": {
      main = drawRedGalaxy(scene, rng, x, y);
      const members = draw(rng, NON_LENS.groupMembers);
      for (let k = 0; k < members; k++) {
        const d = draw(rng, NON_LENS.groupDistance);
        const a = rng.uniform(0, 2 * Math.PI);
        drawRedGalaxy(scene, rng, x + d * Math.cos(a), y + d * Math.sin(a), draw(rng, LENS.memberFluxRatio));
      }
      keepClear = 22;
      break;
    }
    case "streak":
      main = drawRedGalaxy(scene, rng, x, y);
      addStreak(scene, rng, main);
      keepClear = 22;
      break;
    case "star-forming":
      main = drawIrregular(scene, rng, x, y);
      keepClear = 20;
      break;
    case "merger":
      main = drawMerger(scene, rng, x, y);
      keepClear = 22;
      break;
  }
  // As many of these have blue companions as lenses do, so companions alone prove nothing.
  let companions = 0;
  if (rng.bernoulli(0.3)) {
    companions = rng.int(1, 3);
    for (let k = 0; k < companions; k++) addBlueCompanion(scene, rng, x, y, rng.uniform(keepClear - 6, 28));
  }
  return { main, lens: null, lookalike: { ...none, scene: kind, companions }, companions: 0, keepClear };
}

/** Lenses get ordinary blue companions too (30%: 1–2 of them, outside the arcs), so companions alone prove nothing. */
export function addLensCompanions(scene: Scene, rng: Rng, host: DrawnGalaxy, lens: LensParams): number {
  if (!rng.bernoulli(0.3)) return 0;
  const count = rng.int(1, 3);
  for (let k = 0; k < count; k++)
    addBlueCompanion(scene, rng, host.structure.x, host.structure.y, rng.uniform(lens.einsteinRadius + lens.sourceOffset + 5, 28));
  return count;
}
