import type { Rng } from "../random/rng.ts";
import { magToFlux, sedFromColours } from "./observing.ts";
import type { Sed } from "./observing.ts";
import { addGaussian, addPoint, deposit, fullBox, sersicB } from "./profiles.ts";
import { draw, EDGE_ON, ELLIPTICAL, IRREGULAR, MERGER, OBSERVING, SPIRAL } from "./ranges.ts";
import { fluxFromSurfaceBrightness } from "./scene.ts";
import type { Scene } from "./scene.ts";

/**
 * Structural parameters every galaxy reports, whatever its class (the numbers an autoencoder lesson
 * regresses): the main body's Sérsic index, axis ratio, half-light radius, position angle, total r
 * magnitude and colours. For disks n = 1 and r_e = 1.68 h (an exponential disk's half-light radius).
 */
export interface Structure {
  /** Centre (pixels): x to the right from the left pixel's centre, y downwards from the top row's. */
  x: number;
  y: number;
  sersicN: number;
  axisRatio: number;
  /** Half-light radius along the major axis, pixels. */
  effectiveRadius: number;
  /** Position angle of the major axis, radians in [0, π), counter-clockwise from +x. */
  positionAngle: number;
  /** Total r-band AB magnitude (of the light we drew, before it is cut by the frame). */
  rMag: number;
  gMinusR: number;
  rMinusZ: number;
}

export interface EllipticalDetails {
  kind: "elliptical";
}

export interface SpiralDetails {
  kind: "spiral";
  /** Exponential disk scale length h (pixels). */
  diskScaleLength: number;
  inclinationDeg: number;
  bulgeToTotal: number;
  bulgeN: number;
  arms: number;
  pitchAngleDeg: number;
  /** +1 or −1: the sense the arms wind. */
  winding: number;
  armFraction: number;
  bar: boolean;
  barLength: number;
  /** 0 for smooth (grand-design or many-armed) arms, else the share of arm light broken into pieces. */
  flocculence: number;
  /** Radius of a ring in the disk plane (pixels), 0 without one. */
  ringRadius: number;
  knots: number;
}

export interface EdgeOnDetails {
  kind: "edge-on";
  diskScaleLength: number;
  inclinationDeg: number;
  /** z₀ / h. */
  thickness: number;
  bulgeToTotal: number;
  dustLane: boolean;
  dustOpticalDepth: number;
}

export interface IrregularDetails {
  kind: "irregular";
  scaleLength: number;
  clumps: number;
  clumpFraction: number;
}

export interface MergerDetails {
  kind: "merger";
  members: { x: number; y: number; effectiveRadius: number; sersicN: number; rMag: number }[];
  separation: number;
  tails: number;
  bridge: boolean;
  /** A late stage: the first two members are nuclei inside a common envelope. */
  doubleNucleus: boolean;
  /** An early stage whose first member is a spiral disk. */
  spiralMember: boolean;
}

export type GalaxyDetails = EllipticalDetails | SpiralDetails | EdgeOnDetails | IrregularDetails | MergerDetails;

/** What a galaxy drawer returns: the common structure and the class-specific details. */
export interface DrawnGalaxy {
  structure: Structure;
  details: GalaxyDetails;
}

const DEG = Math.PI / 180;
/** Half-light radius of an exponential disk in scale lengths. */
export const EXP_RE_OVER_H = 1.678;

function mag(flux: number): number {
  return 22.5 - 2.5 * Math.log10(flux);
}

/** r − z for a galaxy of colour g − r along the galaxy colour sequence (r − z ≈ 0.15 + 0.45 (g − r)). */
function rzFromGr(gr: number): number {
  return 0.15 + 0.45 * gr;
}

/** A red, smooth Sérsic spheroid (see ELLIPTICAL for every range). */
export function drawElliptical(scene: Scene, rng: Rng, x: number, y: number): DrawnGalaxy {
  const n = draw(rng, ELLIPTICAL.sersicN);
  const q = draw(rng, ELLIPTICAL.axisRatio);
  const re = draw(rng, ELLIPTICAL.effectiveRadius);
  const angle = rng.uniform(0, Math.PI);
  const mu = draw(rng, ELLIPTICAL.surfaceBrightness);
  const gr = draw(rng, ELLIPTICAL.gMinusR);
  const rz = draw(rng, ELLIPTICAL.rMinusZ);
  const flux = fluxFromSurfaceBrightness(mu, re, q);
  scene.addSersic({ x, y, re, n, q, angle }, flux, sedFromColours(gr, rz));
  return {
    structure: { x, y, sersicN: n, axisRatio: q, effectiveRadius: re, positionAngle: angle, rMag: mag(flux), gMinusR: gr, rMinusZ: rz },
    details: { kind: "elliptical" },
  };
}

/**
 * A spiral: exponential disk, logarithmic arms, optional bar and ring, Sérsic bulge, HII knots, seen
 * at inclination i (see SPIRAL). In the disk plane (X, Y), radius R and azimuth φ:
 *   disk   Σ_d ∝ exp(−R / h)
 *   arms   Σ_a ∝ [(1 + cos m(φ − w ln(R/h) / tan p − φ₀)) / 2]^s · exp(−R / 1.2h) · (1 − exp(−(R/R_in)²)) · F
 *          m arms, pitch angle p, winding sense w = ±1, sharpness s, starting outside R_in; flocculent
 *          arms are cut into pieces by F = 1 − f + f · [(1 + cos(k φ + w ln(R/h) / tan p' + ψ)) / 2]²,
 *          a pattern of k pieces per turn winding the other way (p' = 2p), f the flocculence (else F = 1)
 *   ring   + A · exp(−((R − R_ring) / w_ring)²) in the arm light, A relative to the arms' crest
 *   bar    Σ_b ∝ exp(−(u² + (v/q_bar)²) / (L/2)²) along the bar's axes (u, v)
 * The disk plane projects onto the sky by compressing Y by b/a = √(cos² i + q₀² sin² i).
 * `sizeScale` shrinks the disk (for spiral neighbours of lens candidates and merging pairs; the
 * PSF-resolved minimum applies to lone spirals only).
 */
export function drawSpiral(scene: Scene, rng: Rng, x: number, y: number, sizeScale = 1): DrawnGalaxy {
  const size = scene.size;
  // A spiral is a spiral because its arms show: the disk is at least 1.2 PSF FWHM in scale length
  // (arms a few h apart survive the blur); smaller disks would be smooth blobs labelled "spiral".
  const h = Math.max(draw(rng, SPIRAL.diskScaleLength) * sizeScale, sizeScale === 1 ? 1.2 * scene.psfFwhm : 0);
  const cosI = draw(rng, SPIRAL.cosInclination);
  const q0 = draw(rng, SPIRAL.diskThickness);
  const qDisk = Math.sqrt(cosI * cosI + q0 * q0 * (1 - cosI * cosI));
  const angle = rng.uniform(0, Math.PI);
  const mu = draw(rng, SPIRAL.surfaceBrightness);
  const total = fluxFromSurfaceBrightness(mu, EXP_RE_OVER_H * h, qDisk);
  const bt = draw(rng, SPIRAL.bulgeToTotal);
  const arms = draw(rng, SPIRAL.arms);
  const pitch = draw(rng, SPIRAL.pitchAngle) * DEG;
  const winding = rng.bernoulli(0.5) ? 1 : -1;
  const armFraction = draw(rng, SPIRAL.armFraction);
  const sharpness = draw(rng, SPIRAL.armSharpness);
  const phi0 = rng.uniform(0, 2 * Math.PI);
  const flocculence = rng.bernoulli(SPIRAL.flocculentProbability.min) ? draw(rng, SPIRAL.flocculence) : 0;
  const segments = draw(rng, SPIRAL.flocculentSegments);
  const psi = rng.uniform(0, 2 * Math.PI);
  const bar = rng.bernoulli(SPIRAL.barProbability.min);
  const barLength = bar ? draw(rng, SPIRAL.barLength) * h : 0;
  const ring = rng.bernoulli(SPIRAL.ringProbability.min);
  const ringRadius = ring ? Math.max(0.5 * barLength, draw(rng, SPIRAL.ringRadius) * h) : 0;
  const ringWidth = draw(rng, SPIRAL.ringWidth) * h + 0.5;
  const ringStrength = draw(rng, SPIRAL.ringStrength);
  const barQ = draw(rng, SPIRAL.barAxisRatio);
  const barAngle = rng.uniform(0, Math.PI);
  const barFraction = bar ? draw(rng, SPIRAL.barFraction) : 0;
  const knots = draw(rng, SPIRAL.knots);
  const knotFraction = knots > 0 ? draw(rng, SPIRAL.knotFraction) : 0;
  const diskGr = draw(rng, SPIRAL.diskGMinusR);
  const armGr = draw(rng, SPIRAL.armGMinusR);
  const knotGr = draw(rng, SPIRAL.knotGMinusR);
  const bulgeGr = draw(rng, SPIRAL.bulgeGMinusR);
  const bulgeN = draw(rng, SPIRAL.bulgeN);
  const bulgeRe = Math.max(0.7, draw(rng, SPIRAL.bulgeRadius) * h);

  // One pass over the frame renders the three disk-plane shapes into scratch planes a, b, c.
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const cb = Math.cos(barAngle);
  const sb = Math.sin(barAngle);
  const rIn = Math.max(0.6 * h, barLength);
  const tanP = Math.tan(pitch);
  const tanP2 = Math.tan(Math.min(1.3, 2 * pitch));
  const halfBar2 = (0.5 * barLength) ** 2;
  let sumDisk = 0;
  let sumArms = 0;
  let sumBar = 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const dx = i - x;
      const dy = j - y;
      const X = dx * c + dy * s;
      const Y = (-dx * s + dy * c) / qDisk;
      const R = Math.sqrt(X * X + Y * Y + 0.25);
      const p = j * size + i;
      const disk = Math.exp(-R / h);
      const phase = arms * (Math.atan2(Y, X) - (winding * Math.log(R / h)) / tanP - phi0);
      let pattern = Math.pow(0.5 * (1 + Math.cos(phase)), sharpness);
      if (flocculence > 0) {
        const cut = 0.5 * (1 + Math.cos(segments * Math.atan2(Y, X) + (winding * Math.log(R / h)) / tanP2 + psi));
        pattern *= 1 - flocculence + flocculence * cut * cut;
      }
      if (ring) pattern += ringStrength * Math.exp(-(((R - ringRadius) / ringWidth) ** 2));
      const armsV = pattern * Math.exp(-R / (1.2 * h)) * (1 - Math.exp(-(R * R) / (rIn * rIn)));
      scene.a[p] = disk;
      scene.b[p] = armsV;
      sumDisk += disk;
      sumArms += armsV;
      if (bar) {
        const u = X * cb + Y * sb;
        const v = (-X * sb + Y * cb) / barQ;
        const barV = Math.exp(-(u * u + v * v) / halfBar2);
        scene.c[p] = barV;
        sumBar += barV;
      }
    }
  }
  const box = fullBox(size);
  const diskFlux = total * (1 - bt - barFraction - knotFraction);
  const diskSed = sedFromColours(diskGr, rzFromGr(diskGr));
  const armSed = sedFromColours(armGr, rzFromGr(armGr));
  const bulgeSed = sedFromColours(bulgeGr, rzFromGr(bulgeGr));
  deposit(scene.bands, size, scene.a, box, (diskFlux * (1 - armFraction)) / sumDisk, diskSed);
  if (sumArms > 0) deposit(scene.bands, size, scene.b, box, (diskFlux * armFraction) / sumArms, armSed);
  if (bar && sumBar > 0) deposit(scene.bands, size, scene.c, box, (total * barFraction) / sumBar, bulgeSed);
  const bulgeQ = Math.sqrt(cosI * cosI + 0.6 * 0.6 * (1 - cosI * cosI));
  scene.addSersic({ x, y, re: bulgeRe, n: bulgeN, q: bulgeQ, angle }, total * bt, bulgeSed);

  // HII regions: on the arm crests, φ = w ln(R/h) / tan p + φ₀ + 2πk/m, at exponentially distributed R.
  const knotSed = sedFromColours(knotGr, rzFromGr(knotGr) - 0.1);
  const weights: number[] = [];
  for (let k = 0; k < knots; k++) weights.push(rng.uniform(0.2, 1) ** 2);
  const wSum = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < knots; k++) {
    const R = Math.min(4 * h, rIn + -Math.log(1 - rng.next()) * 1.2 * h);
    const armIndex = rng.int(0, arms);
    const phi = (winding * Math.log(R / h)) / tanP + phi0 + (2 * Math.PI * armIndex) / arms + rng.normal(0, 0.12);
    const X = R * Math.cos(phi);
    const Y = R * Math.sin(phi) * qDisk;
    const kx = x + X * c - Y * s;
    const ky = y + X * s + Y * c;
    const f = (total * knotFraction * weights[k]) / wSum;
    addGaussian(scene.bands, size, kx, ky, draw(rng, SPIRAL.knotSigma) * Math.max(0.6, sizeScale), [f * knotSed[0], f, f * knotSed[2]]);
  }
  const gr = 0.6 * diskGr + 0.25 * armGr + 0.15 * bulgeGr;
  return {
    structure: {
      x,
      y,
      sersicN: 1,
      axisRatio: qDisk,
      effectiveRadius: EXP_RE_OVER_H * h,
      positionAngle: angle,
      rMag: mag(total),
      gMinusR: gr,
      rMinusZ: rzFromGr(gr),
    },
    details: {
      kind: "spiral",
      diskScaleLength: h,
      inclinationDeg: Math.acos(cosI) / DEG,
      bulgeToTotal: bt,
      bulgeN,
      arms,
      pitchAngleDeg: pitch / DEG,
      winding,
      armFraction,
      bar,
      barLength,
      flocculence,
      ringRadius,
      knots,
    },
  };
}

/**
 * A disk seen edge-on (see EDGE_ON). Along the major axis (u) and perpendicular to it (v):
 *   disk  Σ ∝ (1 + |u|/h) e^{−|u|/h} · sech²(v / z)      (the first factor approximates the x K₁(x)
 *         profile of an exponential disk seen edge-on; z = √(z₀² + (h cos i)²) adds the projection
 *         of a slightly inclined disk)
 *   dust  τ_b(u, v) = τ_b · exp(−((v − v₀)/w)²) · exp(−|u| / 1.5h),  τ_g : τ_r : τ_z = 1.35 : 1 : 0.7
 *         the lane sits v₀ = (90° − i)/10° · z₀ off the midplane, on the near side
 * The dust dims the disk and the bulge behind it.
 */
export function drawEdgeOn(scene: Scene, rng: Rng, x: number, y: number): DrawnGalaxy {
  const size = scene.size;
  const h = draw(rng, EDGE_ON.diskScaleLength);
  const inc = draw(rng, EDGE_ON.inclination) * DEG;
  const t = draw(rng, EDGE_ON.thickness);
  const z0 = t * h;
  const zEff = Math.sqrt(z0 * z0 + (h * Math.cos(inc)) ** 2);
  const qProj = Math.min(1, zEff / h);
  const angle = rng.uniform(0, Math.PI);
  const mu = draw(rng, EDGE_ON.surfaceBrightness);
  const total = fluxFromSurfaceBrightness(mu, EXP_RE_OVER_H * h, Math.max(qProj, 0.12));
  const bt = draw(rng, EDGE_ON.bulgeToTotal);
  const dust = rng.bernoulli(EDGE_ON.dustProbability.min);
  const tau = dust ? draw(rng, EDGE_ON.dustOpticalDepth) : 0;
  const dustW = draw(rng, EDGE_ON.dustWidth) * z0 + 0.3;
  const side = rng.bernoulli(0.5) ? 1 : -1;
  const v0 = side * ((90 - inc / DEG) / 10) * z0;
  const gr = draw(rng, EDGE_ON.gMinusR);
  const bulgeN = draw(rng, SPIRAL.bulgeN);
  const bulgeRe = Math.max(0.7, draw(rng, SPIRAL.bulgeRadius) * h);
  const bulgeQ = draw(rng, EDGE_ON.bulgeAxisRatio);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  let sum = 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const dx = i - x;
      const dy = j - y;
      const u = Math.abs(dx * c + dy * s) / h;
      const v = -dx * s + dy * c;
      const ch = Math.cosh(v / zEff);
      const disk = ((1 + u) * Math.exp(-u)) / (ch * ch);
      const p = j * size + i;
      scene.b[p] = disk;
      sum += disk;
      scene.c[p] = dust ? Math.exp(-(((v - v0) / dustW) ** 2)) * Math.exp(-u / 1.5) : 0;
    }
  }
  const box = fullBox(size);
  const sed = sedFromColours(gr, rzFromGr(gr));
  const dustSpec = dust ? { map: scene.c, scale: [1.35 * tau, tau, 0.7 * tau] } : undefined;
  deposit(scene.bands, size, scene.b, box, (total * (1 - bt)) / sum, sed, dustSpec);
  if (bt > 0) {
    // The bulge is rendered into scratch a and dimmed by the same lane.
    const bulgeSed = sedFromColours(gr + 0.1, rzFromGr(gr + 0.1));
    const bulge = { x, y, re: bulgeRe, n: bulgeN, q: bulgeQ, angle };
    const bsum = renderUnit(scene, bulge);
    if (bsum > 0) deposit(scene.bands, size, scene.a, box, (total * bt) / bsum, bulgeSed, dustSpec);
  }
  return {
    structure: {
      x,
      y,
      sersicN: 1,
      axisRatio: qProj,
      effectiveRadius: EXP_RE_OVER_H * h,
      positionAngle: angle,
      rMag: mag(total),
      gMinusR: gr,
      rMinusZ: rzFromGr(gr),
    },
    details: {
      kind: "edge-on",
      diskScaleLength: h,
      inclinationDeg: inc / DEG,
      thickness: t,
      bulgeToTotal: bt,
      dustLane: dust,
      dustOpticalDepth: tau,
    },
  };
}

/** Renders a unit Sérsic over the whole frame into scratch a; returns its sum. */
function renderUnit(scene: Scene, shape: { x: number; y: number; re: number; n: number; q: number; angle: number }): number {
  const size = scene.size;
  const b = sersicB(shape.n);
  const c = Math.cos(shape.angle);
  const s = Math.sin(shape.angle);
  let sum = 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const dx = i - shape.x;
      const dy = j - shape.y;
      const u = dx * c + dy * s;
      const v = (-dx * s + dy * c) / shape.q;
      const r = Math.sqrt(u * u + v * v + 0.25) / shape.re;
      const val = Math.exp(-b * (Math.pow(r, 1 / shape.n) - 1));
      scene.a[j * size + i] = val;
      sum += val;
    }
  }
  return sum;
}

/**
 * An irregular (see IRREGULAR): diffuse exponential light in two offset, differently shaped parts,
 * and bright blue star-forming clumps scattered around a centre displaced from the diffuse light's,
 * so the galaxy has no symmetry axis.
 */
export function drawIrregular(scene: Scene, rng: Rng, x: number, y: number): DrawnGalaxy {
  const h = draw(rng, IRREGULAR.scaleLength);
  const q = draw(rng, IRREGULAR.axisRatio);
  const angle = rng.uniform(0, Math.PI);
  const mu = draw(rng, IRREGULAR.surfaceBrightness);
  const total = fluxFromSurfaceBrightness(mu, EXP_RE_OVER_H * h, q);
  const clumpFraction = draw(rng, IRREGULAR.clumpFraction);
  const clumps = draw(rng, IRREGULAR.clumps);
  const gr = draw(rng, IRREGULAR.gMinusR);
  const clumpGr = draw(rng, IRREGULAR.clumpGMinusR);
  const sed = sedFromColours(gr, rzFromGr(gr));
  const diffuse = total * (1 - clumpFraction);
  // Two diffuse parts, 60/40, offset in opposite directions and twisted against each other.
  const off = rng.uniform(0.2, 0.6) * h;
  const dir = rng.uniform(0, 2 * Math.PI);
  const re = EXP_RE_OVER_H * h;
  scene.addSersic({ x: x + off * Math.cos(dir), y: y + off * Math.sin(dir), re, n: rng.uniform(0.6, 1.2), q, angle }, 0.6 * diffuse, sed);
  scene.addSersic(
    {
      x: x - off * Math.cos(dir),
      y: y - off * Math.sin(dir),
      re: re * rng.uniform(0.5, 0.9),
      n: rng.uniform(0.6, 1.2),
      q: rng.uniform(0.4, 1),
      angle: angle + rng.uniform(-1, 1),
    },
    0.4 * diffuse,
    sed,
  );
  const asym = draw(rng, IRREGULAR.asymmetry) * h;
  const aDir = rng.uniform(0, 2 * Math.PI);
  const ccx = x + asym * Math.cos(aDir);
  const ccy = y + asym * Math.sin(aDir);
  const scatter = draw(rng, IRREGULAR.clumpScatter) * h;
  const clumpSed = sedFromColours(clumpGr, rzFromGr(clumpGr) - 0.1);
  const weights: number[] = [];
  for (let k = 0; k < clumps; k++) weights.push(rng.uniform(0.15, 1) ** 2);
  const wSum = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < clumps; k++) {
    const f = (total * clumpFraction * weights[k]) / wSum;
    addGaussian(scene.bands, scene.size, ccx + rng.normal(0, scatter), ccy + rng.normal(0, scatter), draw(rng, IRREGULAR.clumpSigma), [
      f * clumpSed[0],
      f,
      f * clumpSed[2],
    ]);
  }
  const meanGr = (1 - clumpFraction) * gr + clumpFraction * clumpGr;
  return {
    structure: {
      x,
      y,
      sersicN: 1,
      axisRatio: q,
      effectiveRadius: re,
      positionAngle: angle,
      rMag: mag(total),
      gMinusR: meanGr,
      rMinusZ: rzFromGr(meanGr),
    },
    details: { kind: "irregular", scaleLength: h, clumps, clumpFraction },
  };
}

/**
 * A merger (see MERGER): two or three galaxies overlapping or touching, each with a lopsided outer
 * envelope offset from its nucleus, plus tidal tails (curved streams of stars, drawn as chains of
 * Gaussian blobs along arcs whose radius grows and direction turns) and sometimes a bridge between
 * the first two members. A late stage (doubleNucleusProbability) puts the first two members a few
 * pixels apart as nuclei inside a large common envelope, offset from them and twisted; in an
 * early-stage pair the first member may be a spiral disk (drawSpiral) instead.
 */
export function drawMerger(scene: Scene, rng: Rng, x: number, y: number): DrawnGalaxy {
  const size = scene.size;
  const count = rng.bernoulli(MERGER.thirdMemberProbability.min) ? 3 : 2;
  const members: { x: number; y: number; re: number; n: number; q: number; angle: number; flux: number; gr: number }[] = [];
  const mu = draw(rng, MERGER.surfaceBrightness);
  const doubleNucleus = rng.bernoulli(MERGER.doubleNucleusProbability.min);
  for (let k = 0; k < count; k++) {
    // In a late stage the first two members are what is left of the progenitors: compact nuclei.
    const re = doubleNucleus && k < 2 ? draw(rng, MERGER.nucleusRadius) : draw(rng, MERGER.memberRadius);
    const q = draw(rng, MERGER.memberAxisRatio);
    const ratio = k === 0 ? 1 : draw(rng, MERGER.fluxRatio);
    members.push({
      x: 0,
      y: 0,
      re,
      n: draw(rng, MERGER.memberN),
      q,
      angle: rng.uniform(0, Math.PI),
      flux: fluxFromSurfaceBrightness(mu, re, q) / ratio,
      gr: draw(rng, MERGER.gMinusR),
    });
  }
  // Place member 0 at the centre and the others at the drawn separation, keeping the group in the frame.
  const sepFactor = draw(rng, MERGER.separation);
  const dir = rng.uniform(0, 2 * Math.PI);
  // Late-stage nuclei stay resolved: at least 1.3 PSF FWHM apart.
  const sep = doubleNucleus
    ? Math.max(1.3 * scene.psfFwhm, draw(rng, MERGER.nucleusSeparation))
    : Math.min(24, Math.max(6, sepFactor * (members[0].re + members[1].re)));
  members[0].x = x - 0.4 * sep * Math.cos(dir);
  members[0].y = y - 0.4 * sep * Math.sin(dir);
  members[1].x = x + 0.6 * sep * Math.cos(dir);
  members[1].y = y + 0.6 * sep * Math.sin(dir);
  if (count === 3) {
    const d3 = Math.min(22, Math.max(6, draw(rng, MERGER.separation) * (members[0].re + members[2].re)));
    const a3 = dir + (rng.bernoulli(0.5) ? 1 : -1) * rng.uniform(1.2, 2.2);
    members[2].x = x + d3 * Math.cos(a3);
    members[2].y = y + d3 * Math.sin(a3);
  }
  // A late stage: an envelope as bright per area as the members would be, the nuclei holding the rest.
  let envelope: { re: number; q: number; flux: number } | null = null;
  if (doubleNucleus) {
    const re = Math.min(16, Math.max(4, draw(rng, MERGER.envelopeRadius) * sep));
    const q = rng.uniform(0.45, 1);
    const flux = fluxFromSurfaceBrightness(mu, re, q);
    const share = draw(rng, MERGER.envelopeFraction);
    const pair = (flux * (1 - share)) / share;
    const split = members[0].flux / (members[0].flux + members[1].flux);
    members[0].flux = split * pair;
    members[1].flux = (1 - split) * pair;
    envelope = { re, q, flux };
  }
  // An interacting spiral: in an early-stage pair, one member is a disk with arms.
  // The disk is member 0; its companion keeps at least 30% of its light, so the pair reads as a pair.
  const spiralMember = !doubleNucleus && rng.bernoulli(MERGER.spiralMemberProbability.min);
  for (const [k, m] of members.entries()) {
    if (k === 0 && spiralMember) {
      const disk = drawSpiral(scene, rng, m.x, m.y, draw(rng, MERGER.spiralMemberSize));
      m.flux = 10 ** (-0.4 * (disk.structure.rMag - 22.5));
      m.re = disk.structure.effectiveRadius;
      continue;
    }
    if (k === 1 && spiralMember) m.flux = Math.max(m.flux, 0.3 * members[0].flux);
    const sed = sedFromColours(m.gr, rzFromGr(m.gr));
    // Nucleus (65%) and a displaced, twisted, larger envelope (35%): a disturbed shape.
    scene.addSersic({ x: m.x, y: m.y, re: m.re, n: m.n, q: m.q, angle: m.angle }, 0.65 * m.flux, sed);
    const d = draw(rng, MERGER.distortion) * m.re;
    const a = rng.uniform(0, 2 * Math.PI);
    scene.addSersic(
      {
        x: m.x + d * Math.cos(a),
        y: m.y + d * Math.sin(a),
        re: 1.6 * m.re,
        n: Math.max(0.7, m.n * 0.6),
        q: Math.max(0.3, m.q * rng.uniform(0.7, 1)),
        angle: m.angle + rng.uniform(-0.6, 0.6),
      },
      0.35 * m.flux,
      sed,
    );
  }
  if (envelope) {
    // The common envelope: the merged stars, larger than both nuclei, offset and twisted.
    const off = rng.uniform(0, 0.3) * envelope.re;
    const a = rng.uniform(0, 2 * Math.PI);
    const gr = 0.5 * (members[0].gr + members[1].gr);
    scene.addSersic(
      {
        x: x + off * Math.cos(a),
        y: y + off * Math.sin(a),
        re: envelope.re,
        n: rng.uniform(1, 3),
        q: envelope.q,
        angle: dir + rng.uniform(-0.8, 0.8),
      },
      envelope.flux,
      sedFromColours(gr, rzFromGr(gr)),
    );
  }
  // Tidal tails, flung outwards roughly away from the companion.
  const tails = draw(rng, MERGER.tails);
  for (let k = 0; k < tails; k++) {
    const mi = k < count ? k : rng.int(0, count);
    const m = members[mi];
    const other = members[mi === 0 ? 1 : 0];
    const away = Math.atan2(m.y - other.y, m.x - other.x) + rng.uniform(-0.9, 0.9);
    const length = draw(rng, MERGER.tailLength) * m.re;
    const curve = draw(rng, MERGER.tailCurvature) * (rng.bernoulli(0.5) ? 1 : -1);
    const tailFlux = draw(rng, MERGER.tailFraction) * m.flux;
    const gr = Math.max(0.2, m.gr - 0.15);
    const sed = sedFromColours(gr, rzFromGr(gr));
    const steps = 24;
    let wSum = 0;
    for (let t = 0; t < steps; t++) wSum += 1 - 0.6 * (t / steps);
    for (let t = 0; t < steps; t++) {
      const u = t / (steps - 1);
      const rad = m.re * 0.8 + length * u;
      const ang = away + curve * u;
      const f = (tailFlux * (1 - 0.6 * u)) / wSum;
      addGaussian(scene.bands, size, m.x + rad * Math.cos(ang), m.y + rad * Math.sin(ang), 0.8 + 1.4 * u, [f * sed[0], f, f * sed[2]]);
    }
  }
  // A bridge: a sagging chain of blobs between members 0 and 1.
  const bridge = rng.bernoulli(MERGER.bridgeProbability.min);
  if (bridge) {
    const a = members[0];
    const b = members[1];
    const mx = 0.5 * (a.x + b.x);
    const my = 0.5 * (a.y + b.y);
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const sag = rng.normal(0, 0.3) * len;
    const cx = mx - ((b.y - a.y) / len) * sag;
    const cy = my + ((b.x - a.x) / len) * sag;
    const f = (0.05 * Math.min(a.flux, b.flux)) / 16;
    const sed = sedFromColours(0.5, rzFromGr(0.5));
    for (let t = 0; t < 16; t++) {
      const u = (t + 0.5) / 16;
      const px = (1 - u) * (1 - u) * a.x + 2 * u * (1 - u) * cx + u * u * b.x;
      const py = (1 - u) * (1 - u) * a.y + 2 * u * (1 - u) * cy + u * u * b.y;
      addGaussian(scene.bands, size, px, py, 1.3, [f * sed[0], f, f * sed[2]]);
    }
  }
  const main = members.reduce((best, m) => (m.flux > best.flux ? m : best), members[0]);
  const total = members.reduce((s, m) => s + m.flux, 0);
  return {
    structure: {
      x: main.x,
      y: main.y,
      sersicN: main.n,
      axisRatio: main.q,
      effectiveRadius: main.re,
      positionAngle: main.angle,
      rMag: mag(total),
      gMinusR: main.gr,
      rMinusZ: rzFromGr(main.gr),
    },
    details: {
      kind: "merger",
      members: members.map((m) => ({ x: m.x, y: m.y, effectiveRadius: m.re, sersicN: m.n, rMag: mag(m.flux) })),
      separation: sep,
      tails,
      bridge,
      doubleNucleus,
      spiralMember,
    },
  };
}

/**
 * Faint background galaxies placed at least `minDistance` pixels from (x, y) (up to 10 tries each;
 * one that finds no place is dropped). Returns how many were drawn.
 */
export function addNeighbours(scene: Scene, rng: Rng, x: number, y: number, minDistance: number): number {
  const count = draw(rng, OBSERVING.neighbours);
  let placed = 0;
  for (let k = 0; k < count; k++) {
    const re = draw(rng, OBSERVING.neighbourRadius);
    const n = draw(rng, OBSERVING.neighbourN);
    const q = rng.uniform(0.3, 1);
    const angle = rng.uniform(0, Math.PI);
    const flux = magToFlux(draw(rng, OBSERVING.neighbourMag));
    const gr = draw(rng, OBSERVING.neighbourGMinusR);
    for (let tries = 0; tries < 10; tries++) {
      const nx = rng.uniform(2, scene.size - 3);
      const ny = rng.uniform(2, scene.size - 3);
      if (Math.hypot(nx - x, ny - y) < minDistance) continue;
      scene.addSersic({ x: nx, y: ny, re, n, q, angle }, flux, sedFromColours(gr, rzFromGr(gr)));
      placed++;
      break;
    }
  }
  return placed;
}

/**
 * Foreground stars (point sources before the PSF) at least `minDistance` pixels from (x, y). Star
 * colours follow the stellar locus roughly: r − z ≈ 0.05 + 0.45 (g − r). Returns how many.
 */
export function addStars(scene: Scene, rng: Rng, x: number, y: number, minDistance: number): number {
  const count = draw(rng, OBSERVING.stars);
  let placed = 0;
  for (let k = 0; k < count; k++) {
    const flux = magToFlux(draw(rng, OBSERVING.starMag));
    const gr = draw(rng, OBSERVING.starGMinusR);
    const sed: Sed = sedFromColours(gr, 0.05 + 0.45 * gr);
    for (let tries = 0; tries < 10; tries++) {
      const sx = rng.uniform(1, scene.size - 2);
      const sy = rng.uniform(1, scene.size - 2);
      if (Math.hypot(sx - x, sy - y) < minDistance) continue;
      addPoint(scene.bands, scene.size, sx, sy, [flux * sed[0], flux, flux * sed[2]]);
      placed++;
      break;
    }
  }
  return placed;
}
