/**
 * Plain geometry shared by every chart: margins around a plot area and the plot area's edges, in
 * the SVG's own user units (a chart's viewBox is `0 0 width height`). Pure, so scales built from it
 * can be unit-tested in Node.
 */

/** Space reserved around the plot for ticks and axis titles, in SVG units. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The inner rectangle where data is drawn. */
export interface PlotArea {
  /** Whole SVG size. */
  width: number;
  height: number;
  /** Plot edges in SVG coordinates (y grows downwards, so top < bottom). */
  left: number;
  right: number;
  top: number;
  bottom: number;
  innerWidth: number;
  innerHeight: number;
}

export const DEFAULT_MARGIN: Margin = { top: 12, right: 14, bottom: 40, left: 48 };

/** The plot rectangle for an SVG of `width × height` with `margin`; never negative. */
export function plotArea(width: number, height: number, margin: Partial<Margin> = {}): PlotArea {
  const m = { ...DEFAULT_MARGIN, ...margin };
  const innerWidth = Math.max(0, width - m.left - m.right);
  const innerHeight = Math.max(0, height - m.top - m.bottom);
  return {
    width,
    height,
    left: m.left,
    right: m.left + innerWidth,
    top: m.top,
    bottom: m.top + innerHeight,
    innerWidth,
    innerHeight,
  };
}

/** `value` limited to [lo, hi]. */
export function clampTo(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}

/**
 * A number for display with at most `digits` decimals, trailing zeros dropped, and a true minus
 * sign (U+2212) so negative values line up with positive ones in proportional fonts.
 */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
  const fixed = Number(value.toFixed(digits));
  const text = String(Object.is(fixed, -0) ? 0 : Math.abs(fixed));
  return fixed < 0 ? `−${text}` : text;
}

/** The same number written for TeX (ASCII minus, which KaTeX typesets as a minus sign). */
export function texNumber(value: number, digits = 2): string {
  return formatNumber(value, digits).replace("−", "-").replace("∞", "\\infty").replace("NaN", "\\text{NaN}");
}

/**
 * A number for TeX with `sig` significant digits (plain decimals, no exponent for |v| in [1e-4, 1e6)),
 * e.g. −0.07038 → "-0.07038", 1.2434 → "1.243". Keeps small slopes readable where fixed decimals
 * would round them to zero.
 */
export function texSignificant(value: number, sig = 4): string {
  if (!Number.isFinite(value) || value === 0) return texNumber(value);
  const abs = Math.abs(value);
  if (abs < 1e-4 || abs >= 1e6) {
    const [mantissa, exponent] = value.toExponential(sig - 1).split("e");
    return `${Number(mantissa)} \\times 10^{${Number(exponent)}}`;
  }
  return String(Number(value.toPrecision(sig)));
}

/** A positive number in scientific notation for prose, e.g. 3.2 × 10⁻⁷ written as "3.2e−7". */
export function formatScientific(value: number, digits = 2): string {
  if (value === 0) return "0";
  if (!Number.isFinite(value)) return formatNumber(value);
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e4) return formatNumber(value, Math.max(digits, 3 - Math.floor(Math.log10(abs))));
  return value
    .toExponential(digits - 1)
    .replace("e+", "e")
    .replace("-", "−");
}
