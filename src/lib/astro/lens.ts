/**
 * Galaxy-scale strong lensing by ray shooting. A light ray seen at angular position θ on the sky
 * came from the source-plane position
 *     β = θ − α(θ)                                          (the lens equation)
 * and, because lensing conserves surface brightness, the lensed image is I(θ) = S(β(θ)): we evaluate
 * the source's surface brightness S at the back-traced position of (sub-)pixels. Where the mapping
 * stretches the source, an arc forms; where β = 0 lies inside the caustic, four images (an Einstein
 * cross) or a ring.
 *
 * The deflector is a singular isothermal ellipsoid (SIE) plus external shear, with the deflection of
 * Kormann et al. (1994) in Keeton's (2001) form. In the lens frame (x′ along the major axis),
 *     κ = θ_E / (2 √(q x′² + y′²/q))                          (convergence; θ_E the Einstein radius)
 *     α_x′ = θ_E √q / √(1 − q²) · atan( √(1 − q²) x′ / ψ )
 *     α_y′ = θ_E √q / √(1 − q²) · atanh( √(1 − q²) y′ / ψ ),   ψ = √(q² x′² + y′²)
 * which tends to the singular isothermal sphere α = θ_E θ / |θ| as q → 1. External shear (γ₁, γ₂)
 * adds α = (γ₁ x + γ₂ y, γ₂ x − γ₁ y).
 *
 * A group- or cluster-scale lens is several such deflectors at once: the main halo plus its member
 * galaxies. Deflections add (the lens equation is linear in the projected mass), so α is the sum of
 * each deflector's α, and the arcs form along the group's larger critical curve, bent around members.
 */

/** An SIE + shear deflector; lengths in pixels. */
export interface SieLens {
  x: number;
  y: number;
  /** Einstein radius θ_E (pixels). */
  thetaE: number;
  /** Axis ratio of the mass, (0, 1]. */
  q: number;
  /** Position angle of the mass's major axis (radians). */
  angle: number;
  gamma1: number;
  gamma2: number;
}

/** A lensed source: an exponential (n = 1) disk plus Gaussian star-forming clumps, unit total flux. */
export interface LensSource {
  /** Source-plane centre (pixels, in the image's coordinates). */
  x: number;
  y: number;
  /** Half-light radius of the disk (pixels). */
  re: number;
  q: number;
  angle: number;
  /** Clumps: centre, σ (pixels) and share of the source's flux. */
  clumps: { x: number; y: number; sigma: number; fraction: number }[];
}

/** Writes the deflection α(x, y) of `lens` into out[0], out[1]. */
export function deflection(lens: SieLens, x: number, y: number, out: Float64Array): void {
  const dx = x - lens.x;
  const dy = y - lens.y;
  const c = Math.cos(lens.angle);
  const s = Math.sin(lens.angle);
  const u = dx * c + dy * s;
  const v = -dx * s + dy * c;
  let au: number;
  let av: number;
  if (lens.q > 0.999) {
    const r = Math.sqrt(u * u + v * v);
    au = r > 1e-9 ? (lens.thetaE * u) / r : 0;
    av = r > 1e-9 ? (lens.thetaE * v) / r : 0;
  } else {
    const e = Math.sqrt(1 - lens.q * lens.q);
    const psi = Math.sqrt(lens.q * lens.q * u * u + v * v);
    const f = (lens.thetaE * Math.sqrt(lens.q)) / e;
    if (psi > 1e-9) {
      au = f * Math.atan((e * u) / psi);
      av = f * Math.atanh((e * v) / psi);
    } else {
      au = 0;
      av = 0;
    }
  }
  out[0] = au * c - av * s + lens.gamma1 * dx + lens.gamma2 * dy;
  out[1] = au * s + av * c + lens.gamma2 * dx - lens.gamma1 * dy;
}

/** b_1 of the exponential profile (Sérsic n = 1). */
const B1 = 1.678347;
/** An n = 1 Sérsic of unit I_e holds 2π q r_e² e^b / b² of flux. */
const EXP_NORM = (2 * Math.PI * Math.exp(B1)) / (B1 * B1);

/** Surface brightness (flux per pixel²) of a unit-flux `source` at source-plane position (bx, by). */
export function sourceBrightness(src: LensSource, bx: number, by: number, clumpTotal: number): number {
  const dx = bx - src.x;
  const dy = by - src.y;
  const c = Math.cos(src.angle);
  const s = Math.sin(src.angle);
  const u = dx * c + dy * s;
  const v = (-dx * s + dy * c) / src.q;
  const r = Math.sqrt(u * u + v * v) / src.re;
  let value = ((1 - clumpTotal) * Math.exp(-B1 * (r - 1))) / (EXP_NORM * src.q * src.re * src.re);
  for (const k of src.clumps) {
    const ex = bx - k.x;
    const ey = by - k.y;
    const s2 = k.sigma * k.sigma;
    value += (k.fraction * Math.exp(-(ex * ex + ey * ey) / (2 * s2))) / (2 * Math.PI * s2);
  }
  return value;
}

const SUB = 3;
const alpha = new Float64Array(2);
const part = new Float64Array(2);

/** Writes the summed deflection of `lenses` at (x, y) into out[0], out[1] (one deflector: as `deflection`). */
export function totalDeflection(lenses: readonly SieLens[], x: number, y: number, out: Float64Array): void {
  deflection(lenses[0], x, y, out);
  for (let k = 1; k < lenses.length; k++) {
    deflection(lenses[k], x, y, part);
    out[0] += part[0];
    out[1] += part[1];
  }
}

/**
 * Ray-shoots the unit-flux `source` through `lens` (one deflector or several, whose deflections add) into `out` (size × size, overwritten): each pixel
 * is the mean of S(β) over a 3 × 3 grid of sub-pixel rays. Pixels whose central ray lands far from
 * the source (beyond 8 disk radii or 5σ of any clump, plus 3 pixels of slack for the spread of the
 * sub-rays) are set to 0 without sub-sampling. Returns the sum over the frame: the magnification μ
 * of the part of the source's light that falls inside the cutout.
 */
export function renderLensedSource(out: Float32Array, size: number, lens: SieLens | readonly SieLens[], source: LensSource): number {
  const lenses: readonly SieLens[] = "thetaE" in lens ? [lens] : lens;
  const clumpTotal = source.clumps.reduce((t, k) => t + k.fraction, 0);
  let reach = 8 * source.re;
  for (const k of source.clumps) reach = Math.max(reach, Math.hypot(k.x - source.x, k.y - source.y) + 5 * k.sigma);
  reach += 3;
  const reach2 = reach * reach;
  let sum = 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      totalDeflection(lenses, i, j, alpha);
      const bx = i - alpha[0] - source.x;
      const by = j - alpha[1] - source.y;
      let v = 0;
      if (bx * bx + by * by < reach2) {
        for (let a = 0; a < SUB; a++) {
          for (let b = 0; b < SUB; b++) {
            const x = i + (a + 0.5) / SUB - 0.5;
            const y = j + (b + 0.5) / SUB - 0.5;
            totalDeflection(lenses, x, y, alpha);
            v += sourceBrightness(source, x - alpha[0], y - alpha[1], clumpTotal);
          }
        }
        v /= SUB * SUB;
      }
      out[j * size + i] = v;
      sum += v;
    }
  }
  return sum;
}
