/**
 * Time, injected. The store never reads `Date.now()` itself: tests pass a fixed or stepping clock,
 * so streaks across midnight and time zones are reproducible.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * The learner's local calendar day of an instant, as "YYYY-MM-DD".
 *
 * Streaks count calendar days where the learner is, not UTC days: practising at 23:30 and again
 * at 00:30 local time is two days, even if both instants fall on the same UTC date. The day key is
 * computed once, when the event happens, and stored as a string; later time-zone changes (travel)
 * never rewrite history. `timeZone` is injectable for tests; by default the runtime's zone is used.
 */
export function localDayKey(epochMs: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * Whole calendar days from day key `a` to day key `b` (positive when b is later). Day keys are
 * calendar dates, so the difference is computed on UTC midnights of those dates: no daylight-saving
 * hour can make a day 23 or 25 hours long here.
 */
export function daysBetween(a: string, b: string): number {
  const toUtc = (key: string) => {
    const [y, m, d] = key.split("-").map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** True for a well-formed "YYYY-MM-DD" key. */
export function isDayKey(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
