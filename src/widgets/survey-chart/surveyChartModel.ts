/**
 * Everything the survey chart draws, computed as plain data: axes, ticks, point positions, label
 * placement, the trend line and the words a screen reader hears. The Solid view only maps this
 * data to SVG elements, so all of it is testable in Node.
 *
 * The chart is laid out in CSS pixels for the width it is given (the view measures its container),
 * so text stays the same size on a phone and on a desktop instead of shrinking with a viewBox.
 */
import { line, scaleLinear, scaleLog } from "d3";
import { GB_PER_TB, SURVEYS, growthFactor, logTrend, metricValue } from "../../lib/astro/surveys.ts";
import type { Survey, SurveyId, SurveyMetric } from "../../lib/astro/surveys.ts";

/** How each metric is named on the toggle, the axis and in sentences. */
export const METRICS: Record<SurveyMetric, { label: string; unit: string; noun: string }> = {
  archiveTB: { label: "Archive volume (TB)", unit: "TB", noun: "archive volume" },
  rateGBPerDay: { label: "Data rate (GB/day)", unit: "GB/day", noun: "data rate" },
};

/** Toggle order. */
export const METRIC_ORDER: readonly SurveyMetric[] = ["archiveTB", "rateGBPerDay"];

// ---------------------------------------------------------------------------------------------
// Number formatting
// ---------------------------------------------------------------------------------------------

/** Groups thousands with commas ("30,000"), independent of the reader's locale so SSR and tests agree. */
export function groupDigits(value: number, maxDecimals = 1): string {
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(value * factor) / factor;
  const [whole, fraction] = String(Math.abs(rounded)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "−" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/**
 * Short tick label for a power of ten (or any value): 10, 100, 1k, 10k, 100k, 1M, 10M, 1B.
 * Beyond 10^12 it falls back to 1e15 style, which no survey here reaches.
 */
export function formatCompact(value: number): string {
  const steps: [number, string][] = [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  if (Math.abs(value) >= 1e15) return value.toExponential(0).replace("+", "");
  for (const [size, suffix] of steps) {
    if (Math.abs(value) >= size) return `${trimNumber(value / size)}${suffix}`;
  }
  return trimNumber(value);
}

/** Up to three significant digits without trailing zeros: 4.6, 25.4, 200, 0.25. */
function trimNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A value with its unit for sentences: "25.4 TB", "30,000 GB/day", "4.6 million TB". */
export function formatQuantity(value: number, unit: string): string {
  if (Math.abs(value) >= 1e6) return `${trimNumber(value / 1e6)} million ${unit}`;
  return `${groupDigits(value)} ${unit}`;
}

/**
 * A volume in gigabytes in the largest decimal byte unit that keeps the number ≥ 1:
 * 50,000 GB → "50 TB", 2e8 GB → "200 PB", 4.6e9 GB → "4.6 EB".
 */
export function formatBytes(gigabytes: number): string {
  const units = ["GB", "TB", "PB", "EB", "ZB"];
  let value = gigabytes;
  let i = 0;
  while (Math.abs(value) >= GB_PER_TB && i < units.length - 1) {
    value /= GB_PER_TB;
    i++;
  }
  return `${trimNumber(value)} ${units[i]}`;
}

// ---------------------------------------------------------------------------------------------
// Domains and ticks
// ---------------------------------------------------------------------------------------------

/** The smallest range of whole decades [10^a, 10^b] that contains every value (values > 0). */
export function decadeDomain(values: readonly number[]): [number, number] {
  if (values.length === 0 || values.some((v) => !(v > 0))) {
    throw new RangeError("A log domain needs at least one value, all positive");
  }
  const lo = Math.floor(Math.log10(Math.min(...values)));
  let hi = Math.ceil(Math.log10(Math.max(...values)));
  if (hi === lo) hi = lo + 1; // a single decade still needs two ends
  return [10 ** lo, 10 ** hi];
}

/** One tick per power of ten across a decade domain: [10, 1e7] → 10, 100, …, 1e7. */
export function decadeTicks([lo, hi]: readonly [number, number]): number[] {
  const ticks: number[] = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) ticks.push(10 ** e);
  return ticks;
}

/** Years padded to whole multiples of five, with at least two years of air on each side. */
export function yearDomain(years: readonly number[]): [number, number] {
  const lo = Math.floor((Math.min(...years) - 2) / 5) * 5;
  const hi = Math.ceil((Math.max(...years) + 2) / 5) * 5;
  return [lo, hi];
}

/** Year ticks: every 5 years when there is room (≥ 48 px per tick), else every 10. */
export function yearTicks([lo, hi]: readonly [number, number], plotWidth: number): number[] {
  const room = (years: number) => plotWidth / ((hi - lo) / years) >= 48;
  const step = room(5) ? 5 : 10;
  const ticks: number[] = [];
  for (let year = Math.ceil(lo / step) * step; year <= hi; year += step) ticks.push(year);
  return ticks;
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

/** Font size of tick and point labels, in px. Label boxes are estimated from it. */
export const LABEL_FONT_PX = 13;
/** Radius of the visible point marker and of the larger invisible hit area, in px. */
export const POINT_RADIUS = 7;
export const HIT_RADIUS = 18;
/** Below this width, y tick labels drop their unit (the axis title still states it). */
export const NARROW_WIDTH = 480;
/** Width the chart is laid out for before the view has measured its container (SSR). */
export const DEFAULT_WIDTH = 640;

export type Box = { x: number; y: number; width: number; height: number };

export type ChartPoint = {
  id: SurveyId;
  shortName: string;
  fullName: string;
  year: number;
  value: number;
  /** Position of the marker's centre. */
  cx: number;
  cy: number;
  /** Position and alignment of the name label beside the marker. */
  labelX: number;
  labelY: number;
  labelAnchor: "start" | "middle" | "end";
  /** What a screen reader announces when the point is focused. */
  ariaLabel: string;
};

export type Tick = { value: number; position: number; label: string };

export type ChartLayout = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  metric: SurveyMetric;
  yTitle: string;
  xTitle: string;
  xTicks: Tick[];
  yTicks: Tick[];
  points: ChartPoint[];
  /** SVG path of the least-squares exponential trend, clipped to the plot. */
  trendPath: string;
  tenfoldYears: number;
};

/** Chart height for a width: a 0.6 aspect ratio, kept between 280 and 400 px. */
export function chartHeight(width: number): number {
  return Math.round(Math.min(400, Math.max(280, width * 0.6)));
}

/** Estimated box of a text label (no DOM to measure with: 0.62 em per character is generous). */
export function labelBox(text: string, x: number, y: number, anchor: "start" | "middle" | "end"): Box {
  const width = text.length * LABEL_FONT_PX * 0.62;
  const left = anchor === "start" ? x : anchor === "middle" ? x - width / 2 : x - width;
  // y is the text baseline; the box spans roughly one cap height above and descenders below.
  return { x: left, y: y - LABEL_FONT_PX * 0.8, width, height: LABEL_FONT_PX };
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function circleBox(cx: number, cy: number, r: number): Box {
  return { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r };
}

/**
 * Places each name label at the first of right, left, below, above that stays inside the chart
 * and clears every marker and every label placed before it. Early surveys sit close together
 * (2MASS and SDSS are three years and a factor of two apart), so fixed offsets would collide.
 */
export function placeLabels(
  markers: readonly { text: string; cx: number; cy: number }[],
  bounds: Box,
): { x: number; y: number; anchor: "start" | "middle" | "end" }[] {
  const gap = POINT_RADIUS + 5;
  const baselineShift = LABEL_FONT_PX * 0.35; // centres text vertically on the marker
  const obstacles: Box[] = markers.map((m) => circleBox(m.cx, m.cy, POINT_RADIUS + 2));
  const placed: { x: number; y: number; anchor: "start" | "middle" | "end" }[] = [];
  for (const m of markers) {
    // Beside the marker (level, then nudged down or up), then centred below or above it.
    const nudge = LABEL_FONT_PX * 0.6;
    const candidates: { x: number; y: number; anchor: "start" | "middle" | "end" }[] = [
      { x: m.cx + gap, y: m.cy + baselineShift, anchor: "start" },
      { x: m.cx + gap, y: m.cy + baselineShift + nudge, anchor: "start" },
      { x: m.cx + gap, y: m.cy + baselineShift - nudge, anchor: "start" },
      { x: m.cx - gap, y: m.cy + baselineShift, anchor: "end" },
      { x: m.cx - gap, y: m.cy + baselineShift + nudge, anchor: "end" },
      { x: m.cx - gap, y: m.cy + baselineShift - nudge, anchor: "end" },
      { x: m.cx, y: m.cy + gap + LABEL_FONT_PX * 0.8, anchor: "middle" },
      { x: m.cx, y: m.cy - gap, anchor: "middle" },
    ];
    const fits = (c: (typeof candidates)[number]) => {
      const box = labelBox(m.text, c.x, c.y, c.anchor);
      const inside =
        box.x >= bounds.x &&
        box.x + box.width <= bounds.x + bounds.width &&
        box.y >= bounds.y &&
        box.y + box.height <= bounds.y + bounds.height;
      return inside && obstacles.every((o) => !boxesOverlap(box, o));
    };
    const choice = candidates.find(fits) ?? candidates[0];
    placed.push(choice);
    obstacles.push(labelBox(m.text, choice.x, choice.y, choice.anchor));
  }
  return placed;
}

/** "SDSS (Sloan Digital Sky Survey), first light 2000: archive 50 TB, data rate 200 GB/day." */
export function describeSurvey(survey: Survey): string {
  const formerly = survey.formerly ? `, formerly ${survey.formerly}` : "";
  return (
    `${survey.shortName} (${survey.fullName}${formerly}), first light ${survey.firstLight}: ` +
    `archive ${formatQuantity(survey.archiveTB, "TB")}, data rate ${formatQuantity(survey.rateGBPerDay, "GB/day")}.`
  );
}

/** The readout's two lines for a survey, the plotted metric first. */
export function readoutLines(survey: Survey, metric: SurveyMetric): { title: string; values: string[] } {
  // The byte conversion is added only when it says something new (200,000 TB → "200 PB").
  const withBytes = (quantity: string, bytes: string) => (quantity.endsWith(bytes) ? quantity : `${quantity} (${bytes})`);
  const archiveQuantity = formatQuantity(survey.archiveTB, "TB");
  const archiveBytes = formatBytes(survey.archiveTB * GB_PER_TB);
  const archive = `Archive: ${withBytes(archiveQuantity, archiveBytes)}`;
  const rateBytes = formatBytes(survey.rateGBPerDay);
  const rate = rateBytes.endsWith("GB")
    ? `Data rate: ${formatQuantity(survey.rateGBPerDay, "GB/day")}`
    : `Data rate: ${formatQuantity(survey.rateGBPerDay, "GB/day")} (${rateBytes} per day)`;
  return {
    title: `${survey.shortName} · ${survey.fullName} · first light ${survey.firstLight}`,
    values: metric === "archiveTB" ? [archive, rate] : [rate, archive],
  };
}

/** A text alternative for the whole chart: range, growth and trend in one paragraph. */
export function describeChart(metric: SurveyMetric, surveys: readonly Survey[] = SURVEYS): string {
  const { noun, unit } = METRICS[metric];
  const sorted = [...surveys].sort((a, b) => a.firstLight - b.firstLight);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const factor = growthFactor(first, last, metric);
  const trend = logTrend(metric, sorted);
  const each = sorted.map((s) => `${s.shortName} ${s.firstLight}, ${formatQuantity(metricValue(s, metric), unit)}`).join("; ");
  return (
    `Logarithmic chart of ${noun} against first-light year for ${sorted.length} surveys: ${each}. ` +
    `From ${first.shortName} to ${last.shortName} the ${noun} grows about ${groupDigits(factor, 0)} times in ` +
    `${last.firstLight - first.firstLight} years; the dashed trend line grows tenfold every ` +
    `${trend.tenfoldYears.toFixed(1)} years.`
  );
}

export type LayoutInput = {
  width: number;
  metric: SurveyMetric;
  surveys?: readonly Survey[];
};

/** The whole chart as plain data for a given width and metric. */
export function chartLayout({ width, metric, surveys = SURVEYS }: LayoutInput): ChartLayout {
  const height = chartHeight(width);
  const { unit } = METRICS[metric];
  // On narrow charts the unit lives only in the axis title, leaving the plot room to breathe.
  const tickLabel = (v: number) => (width < NARROW_WIDTH ? formatCompact(v) : `${formatCompact(v)} ${unit}`);
  // Left margin fits the longest tick label ("100k GB/day" is 11 characters).
  const longestTick = Math.max(...decadeTicks(decadeDomain(surveys.map((s) => metricValue(s, metric)))).map((v) => tickLabel(v).length));
  const plot = {
    left: Math.ceil(longestTick * LABEL_FONT_PX * 0.6) + 14,
    right: width - 16,
    top: 34, // room for the axis title above the plot
    bottom: height - 52, // room for the year labels and the x-axis title below them
  };

  const yDomain = decadeDomain(surveys.map((s) => metricValue(s, metric)));
  const xDomain = yearDomain(surveys.map((s) => s.firstLight));
  const y = scaleLog().domain(yDomain).range([plot.bottom, plot.top]);
  const x = scaleLinear().domain(xDomain).range([plot.left, plot.right]);

  const markers = surveys.map((s) => ({
    text: s.shortName,
    cx: x(s.firstLight),
    cy: y(metricValue(s, metric)),
  }));
  const labels = placeLabels(markers, {
    x: plot.left,
    // Labels may poke a few px past the plot's top and bottom edges, never into the tick labels.
    y: plot.top - 6,
    width: plot.right - plot.left,
    height: plot.bottom - plot.top + 12,
  });

  const points: ChartPoint[] = surveys.map((s, i) => ({
    id: s.id,
    shortName: s.shortName,
    fullName: s.fullName,
    year: s.firstLight,
    value: metricValue(s, metric),
    cx: markers[i].cx,
    cy: markers[i].cy,
    labelX: labels[i].x,
    labelY: labels[i].y,
    labelAnchor: labels[i].anchor,
    ariaLabel: describeSurvey(s),
  }));

  // The trend is a straight line in (year, log10 value); clip it to the part inside the y domain.
  const trend = logTrend(metric, surveys);
  const yearAt = (log10Value: number) => (log10Value - trend.intercept) / trend.slope;
  const [logLo, logHi] = [Math.log10(yDomain[0]), Math.log10(yDomain[1])];
  const yearsAtEdges = [yearAt(logLo), yearAt(logHi)].sort((a, b) => a - b);
  const startYear = Math.max(xDomain[0], yearsAtEdges[0]);
  const endYear = Math.min(xDomain[1], yearsAtEdges[1]);
  const trendLine = line<number>()
    .x((year) => x(year))
    .y((year) => y(10 ** (trend.slope * year + trend.intercept)));
  const trendPath = startYear < endYear ? (trendLine([startYear, endYear]) ?? "") : "";

  const xTicks = yearTicks(xDomain, plot.right - plot.left).map((year) => ({
    value: year,
    position: x(year),
    label: String(year),
  }));
  const yTicks = decadeTicks(yDomain).map((value) => ({
    value,
    position: y(value),
    label: tickLabel(value),
  }));

  return {
    width,
    height,
    plot,
    metric,
    yTitle: `${METRICS[metric].label}, log scale`,
    xTitle: "Year of first light",
    xTicks,
    yTicks,
    points,
    trendPath,
    tenfoldYears: trend.tenfoldYears,
  };
}

// ---------------------------------------------------------------------------------------------
// URL state
// ---------------------------------------------------------------------------------------------

/** The chart's shareable state. */
export type SurveyChartState = { metric: SurveyMetric };

/** Query values for each metric: short words, since they end up in links people share. */
const METRIC_QUERY: Record<SurveyMetric, string> = { archiveTB: "volume", rateGBPerDay: "rate" };

/** Reads `?metric=volume|rate`; anything else falls back to the archive volume. */
export function parseSurveyChartState(query: string | URLSearchParams): SurveyChartState {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const raw = params.get("metric");
  const metric = METRIC_ORDER.find((m) => METRIC_QUERY[m] === raw) ?? "archiveTB";
  return { metric };
}

/** Writes the state as a query string without the leading "?". */
export function serializeSurveyChartState(state: SurveyChartState): string {
  return new URLSearchParams({ metric: METRIC_QUERY[state.metric] }).toString();
}
