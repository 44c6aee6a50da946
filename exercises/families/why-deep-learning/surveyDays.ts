import { DAYS_PER_YEAR, GB_PER_TB, SURVEYS, daysToFillArchiveOf, daysToReach, surveyById } from "../../../src/lib/astro/surveys.ts";
import type { SurveyId } from "../../../src/lib/astro/surveys.ts";
import { defineFamily } from "../../family.ts";
import { PLACEHOLDER_SIG3, SIG3, fmt, numberAnswer, shown } from "../../support/answers.ts";

interface Params {
  /** The survey whose daily data rate fills the volume. */
  survey: SurveyId;
  /** Level 1: a volume in TB; level 2–3: another survey's archive. */
  volumeTB: number;
  archiveOf: SurveyId | null;
  /** Level 3 asks for years instead of days. */
  inYears: boolean;
}

function days(p: Params): number {
  const s = surveyById(p.survey);
  return p.archiveOf === null ? daysToReach(s, p.volumeTB) : daysToFillArchiveOf(s, surveyById(p.archiveOf));
}
function value(p: Params): number {
  return p.inYears ? days(p) / DAYS_PER_YEAR : days(p);
}
function answer(p: Params) {
  return { t: numberAnswer(value(p), SIG3, p.inYears ? "years" : "days") };
}

/** Days (or years) of a survey's data rate needed to reach a volume: days = TB × 1000 GB/TB ÷ rate. */
export const surveyDays = defineFamily<Params>({
  id: "survey-days",
  version: 1,
  title: "How long until the survey has collected that much data?",
  lesson: "why-deep-learning",
  skills: ["unit conversion TB ↔ GB", "rate × time = volume"],
  levels: [1, 2, 3],
  generate(rng, level) {
    if (level === 1) {
      return {
        survey: "lsst",
        volumeTB: rng.choice([5, 10, 25, 50, 120, 250, 400, 750, 1000, 2500]) * rng.choice([1, 2, 4]),
        archiveOf: null,
        inYears: false,
      };
    }
    // Level 2: a fast survey re-collects an older archive in days (the lecture's point). Level 3: pairs
    // that take at least a year (a survey filling its own or a larger archive), answered in years.
    const pairs = SURVEYS.flatMap((fast) => SURVEYS.map((archive) => [fast, archive] as const)).filter(([fast, archive]) => {
      const d = daysToFillArchiveOf(fast, archive);
      return level === 2 ? fast.id !== archive.id && d >= 0.5 && d < 365 : d >= 365;
    });
    const [fast, archive] = rng.choice(pairs);
    return { survey: fast.id, volumeTB: archive.archiveTB, archiveOf: archive.id, inYears: level === 3 };
  },
  render(p) {
    const s = surveyById(p.survey);
    const target =
      p.archiveOf === null
        ? `${fmt(p.volumeTB)} TB of raw data`
        : p.archiveOf === p.survey
          ? `its own quoted archive size (${fmt(p.volumeTB)} TB)`
          : `as much data as the whole ${surveyById(p.archiveOf).shortName} archive (${fmt(p.volumeTB)} TB)`;
    return {
      prompt: `${s.shortName} produces about ${fmt(s.rateGBPerDay)} GB of raw data per observing day. Observing every day, how many ${p.inYears ? "years (of 365.25 days)" : "days"} does it take to collect ${target}? Use 1 TB = 1000 GB.`,
      parts: [{ id: "t", label: p.inYears ? "time (years)" : "time (days)", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints(p) {
    return [
      "Put the volume and the rate in the same unit first.",
      `${fmt(p.volumeTB)} TB is ${fmt(p.volumeTB * GB_PER_TB)} GB. Divide by the GB produced per day.`,
      ...(p.inYears ? ["Divide the number of days by 365.25 to get years."] : []),
    ];
  },
  solution(p) {
    const s = surveyById(p.survey);
    const steps = [
      `Volume in GB: $${fmt(p.volumeTB)}\\,\\text{TB} \\times 1000 = ${fmt(p.volumeTB * GB_PER_TB)}\\,\\text{GB}$.`,
      `Days: $${fmt(p.volumeTB * GB_PER_TB)} \\div ${fmt(s.rateGBPerDay)} = ${fmt(days(p))}$ days.`,
    ];
    if (p.inYears) steps.push(`Years: $${fmt(days(p))} \\div 365.25$.`);
    steps.push(`Answer: ${shown(answer(p).t)}.`);
    return steps;
  },
  misconceptions(p) {
    const s = surveyById(p.survey);
    const scale = p.inYears ? 1 / DAYS_PER_YEAR : 1;
    return [
      {
        id: "binary-terabyte",
        description: "Uses 1 TB = 1024 GB.",
        input: { t: fmt(((p.volumeTB * 1024) / s.rateGBPerDay) * scale) },
        feedback: "Storage and survey specifications use decimal prefixes: 1 TB = 1000 GB, not 1024.",
      },
      {
        id: "no-unit-conversion",
        description: "Divides TB by GB/day without converting.",
        input: { t: fmt((p.volumeTB / s.rateGBPerDay) * scale) },
        feedback: "The volume is in TB but the rate is in GB per day: convert the volume to GB (× 1000) before dividing.",
      },
      {
        id: "inverted-ratio",
        description: "Divides the rate by the volume.",
        input: { t: fmt((s.rateGBPerDay / (p.volumeTB * GB_PER_TB)) * scale) },
        feedback: "Time = volume ÷ rate. Dividing the rate by the volume gives days⁻¹, not days.",
      },
      ...(p.inYears
        ? [
            {
              id: "days-not-years",
              description: "Reports days when years are asked.",
              input: { t: fmt(days(p)) },
              feedback: "That is the number of days. The question asks for years: divide by 365.25.",
            },
          ]
        : []),
    ];
  },
});
