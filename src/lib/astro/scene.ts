import { boxAround, deposit, renderSersic, sersicExtent } from "./profiles.ts";
import type { SersicShape } from "./profiles.ts";
import { PIXEL_SCALE_ARCSEC, ZERO_POINT } from "./observing.ts";
import type { Sed } from "./observing.ts";

/**
 * The working buffers of one simulated cutout, allocated once and reused from image to image (the
 * simulator allocates nothing per pixel): the g, r, z flux planes before the PSF and three unit-shape
 * scratch planes that components are rendered into before being deposited with their colour.
 */
export class Scene {
  readonly size: number;
  /** Pixels per plane (size²). */
  readonly n: number;
  /** Flux in nanomaggies per pixel, planes [g, r, z], before the PSF. */
  readonly bands: Float32Array;
  /** Scratch planes for component shapes. */
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly c: Float32Array;
  /** The bands after the PSF (then noise is added in place). */
  readonly blurred: Float32Array;
  /** Scratch of the separable blur. */
  readonly tmp: Float32Array;
  readonly tmp2: Float32Array;
  /** Core FWHM of the PSF in pixels (r band) of the cutout being drawn: drawers keep features they mean to show resolved. */
  psfFwhm = 0;

  constructor(size: number) {
    this.size = size;
    this.n = size * size;
    this.bands = new Float32Array(3 * this.n);
    this.a = new Float32Array(this.n);
    this.b = new Float32Array(this.n);
    this.c = new Float32Array(this.n);
    this.blurred = new Float32Array(3 * this.n);
    this.tmp = new Float32Array(this.n);
    this.tmp2 = new Float32Array(this.n);
  }

  /** Clears the flux planes for a new cutout. */
  reset(): void {
    this.bands.fill(0);
  }

  /**
   * Adds a Sérsic component with `flux` nanomaggies (in r; other bands by `sed`). The profile is
   * normalised over the pixels of the cutout, so light that would fall outside the frame is put
   * inside: a frame-filling galaxy is slightly brighter per pixel than its μ_e implies.
   */
  addSersic(shape: SersicShape, flux: number, sed: Sed): void {
    const box = boxAround(shape.x, shape.y, sersicExtent(shape.re, shape.n), this.size);
    if (box.x0 > box.x1 || box.y0 > box.y1) return;
    const sum = renderSersic(this.a, this.size, box, shape);
    if (sum > 0) deposit(this.bands, this.size, this.a, box, flux / sum, sed);
  }
}

/** Pixel area in arcsec². */
const PIXEL_AREA = PIXEL_SCALE_ARCSEC * PIXEL_SCALE_ARCSEC;

/**
 * Total r flux (nanomaggies) of a galaxy whose mean surface brightness within the half-light ellipse
 * is `mu` mag/arcsec²: half the light lies in the ellipse of area π q r_e², so
 *     F = 2 · π q r_e² · A_pix · 10^(−0.4 (μ − 22.5)),   r_e in pixels, A_pix in arcsec².
 * Sizes and surface brightnesses are drawn, magnitudes follow: big galaxies are bright, as in nature.
 */
export function fluxFromSurfaceBrightness(mu: number, re: number, q: number): number {
  return 2 * Math.PI * q * re * re * PIXEL_AREA * 10 ** (-0.4 * (mu - ZERO_POINT));
}
