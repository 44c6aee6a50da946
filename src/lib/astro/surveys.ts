/**
 * Four sky surveys and how much data they produce: the numbers behind "astronomy is a big-data
 * science" in Lesson 0, kept as plain data so the chart, the lesson's table and exercises all read
 * one source.
 *
 * Units are decimal, as survey specifications quote them: 1 TB = 1000 GB (not 1024).
 * First-light years for Rubin and SKA are the years the lecture uses; SKA's is a planned date.
 */

/** Gigabytes in one terabyte (decimal SI prefixes). */
export const GB_PER_TB = 1000;

/** Mean length of a Julian year in days, used to turn day counts into years. */
export const DAYS_PER_YEAR = 365.25;

/** Identifiers of the surveys, usable in URLs and as `data-survey` attributes. */
export type SurveyId = "2mass" | "sdss" | "lsst" | "ska";

/** The two quantities we compare surveys by. */
export type SurveyMetric = "archiveTB" | "rateGBPerDay";

export type Survey = {
  /** Stable identifier (lowercase, URL-safe). */
  readonly id: SurveyId;
  /** The name astronomers say out loud. */
  readonly shortName: string;
  /** The full name, spelled out. */
  readonly fullName: string;
  /** An earlier name the survey is still widely known by, if any. */
  readonly formerly?: string;
  /** Year of first light (or of the start of survey operations). */
  readonly firstLight: number;
  /** Raw data produced per observing day, in gigabytes. */
  readonly rateGBPerDay: number;
  /** Total size of the survey's archive, in terabytes. */
  readonly archiveTB: number;
};

/** The lecture's survey table, oldest first. */
export const SURVEYS: readonly Survey[] = [
  {
    id: "2mass",
    shortName: "2MASS",
    fullName: "Two Micron All Sky Survey",
    firstLight: 1997,
    rateGBPerDay: 20,
    archiveTB: 25.4,
  },
  {
    id: "sdss",
    shortName: "SDSS",
    fullName: "Sloan Digital Sky Survey",
    firstLight: 2000,
    rateGBPerDay: 200,
    archiveTB: 50,
  },
  {
    id: "lsst",
    shortName: "Rubin/LSST",
    fullName: "Vera C. Rubin Observatory Legacy Survey of Space and Time",
    formerly: "Large Synoptic Survey Telescope",
    firstLight: 2023,
    rateGBPerDay: 30_000,
    archiveTB: 200_000,
  },
  {
    id: "ska",
    shortName: "SKA",
    fullName: "Square Kilometre Array",
    firstLight: 2027,
    rateGBPerDay: 150_000,
    archiveTB: 4_600_000,
  },
];

/** The survey with this id; throws on an unknown id so a typo fails loudly, not as `undefined`. */
export function surveyById(id: SurveyId, surveys: readonly Survey[] = SURVEYS): Survey {
  const found = surveys.find((survey) => survey.id === id);
  if (!found) throw new Error(`Unknown survey id "${id}"`);
  return found;
}

/** The value of one metric for one survey. */
export function metricValue(survey: Survey, metric: SurveyMetric): number {
  return metric === "archiveTB" ? survey.archiveTB : survey.rateGBPerDay;
}

/**
 * Days of observing at `survey`'s data rate needed to collect `volumeTB` terabytes:
 * days = volumeTB × 1000 GB/TB ÷ rate (GB/day).
 */
export function daysToReach(survey: Survey, volumeTB: number): number {
  if (!(volumeTB >= 0)) throw new RangeError("volumeTB must be a non-negative number");
  return (volumeTB * GB_PER_TB) / survey.rateGBPerDay;
}

/** Days of `fast`'s data rate that add up to the whole archive of `archive`. */
export function daysToFillArchiveOf(fast: Survey, archive: Survey): number {
  return daysToReach(fast, archive.archiveTB);
}

/**
 * Years a survey must observe, every day, to produce its own archive at its quoted rate
 * (archive ÷ rate). A rough consistency check: real archives also hold processed products.
 */
export function yearsToFillOwnArchive(survey: Survey): number {
  return daysToReach(survey, survey.archiveTB) / DAYS_PER_YEAR;
}

/** Yearly output at the quoted daily rate, in terabytes per year. */
export function terabytesPerYear(survey: Survey): number {
  return (survey.rateGBPerDay * DAYS_PER_YEAR) / GB_PER_TB;
}

/** How many times larger `later` is than `earlier` in one metric. */
export function growthFactor(earlier: Survey, later: Survey, metric: SurveyMetric): number {
  return metricValue(later, metric) / metricValue(earlier, metric);
}

/** A straight line in (year, log10 value) space: log10(value) = slope × year + intercept. */
export type LogTrend = {
  /** Decades (powers of ten) gained per year. */
  readonly slope: number;
  readonly intercept: number;
  /** Years for the value to grow tenfold: 1 / slope. */
  readonly tenfoldYears: number;
};

/**
 * Least-squares fit of log10(metric) against first-light year: the exponential trend that is a
 * straight line on the chart's log axis. With four surveys this is a description of these four,
 * not a law of astronomy.
 */
export function logTrend(metric: SurveyMetric, surveys: readonly Survey[] = SURVEYS): LogTrend {
  if (surveys.length < 2) throw new RangeError("A trend needs at least two surveys");
  const xs = surveys.map((survey) => survey.firstLight);
  const ys = surveys.map((survey) => Math.log10(metricValue(survey, metric)));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  if (sxx === 0) throw new RangeError("A trend needs surveys from at least two different years");
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, tenfoldYears: 1 / slope };
}
