import { SURVEYS, growthFactor, metricValue, surveyById } from "../../../src/lib/astro/surveys.ts";
import type { SurveyId, SurveyMetric } from "../../../src/lib/astro/surveys.ts";
import { defineFamily } from "../../family.ts";
import { PLACEHOLDER_SIG3, SIG3, fmt, numberAnswer, shown } from "../../support/answers.ts";

interface Params {
  earlier: SurveyId;
  later: SurveyId;
  metric: SurveyMetric;
}

const METRIC_TEXT: Record<SurveyMetric, { name: string; unit: string }> = {
  rateGBPerDay: { name: "daily data rate", unit: "GB/day" },
  archiveTB: { name: "total archive", unit: "TB" },
};

function answer(p: Params) {
  return { factor: numberAnswer(growthFactor(surveyById(p.earlier), surveyById(p.later), p.metric), SIG3) };
}

/** How many times larger a later survey is than an earlier one: a ratio, not a difference. */
export const surveyGrowth = defineFamily<Params>({
  id: "survey-growth",
  version: 1,
  title: "How much bigger did surveys get?",
  lesson: "why-deep-learning",
  skills: ["ratios", "orders of magnitude"],
  levels: [1, 2],
  generate(rng, level) {
    const i = rng.int(0, SURVEYS.length - 1);
    const j = rng.int(i + 1, SURVEYS.length);
    return { earlier: SURVEYS[i].id, later: SURVEYS[j].id, metric: level === 1 ? "rateGBPerDay" : "archiveTB" };
  },
  render(p) {
    const a = surveyById(p.earlier);
    const b = surveyById(p.later);
    const m = METRIC_TEXT[p.metric];
    return {
      prompt: `${a.shortName} (first light ${a.firstLight}) has a ${m.name} of ${fmt(metricValue(a, p.metric))} ${m.unit}; ${b.shortName} (${b.firstLight}) has ${fmt(metricValue(b, p.metric))} ${m.unit}. How many times larger is ${b.shortName}'s ${m.name}?`,
      parts: [{ id: "factor", label: "factor (×)", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints(p) {
    return [
      "“How many times larger” asks for a ratio.",
      `Divide ${surveyById(p.later).shortName}'s value by ${surveyById(p.earlier).shortName}'s.`,
    ];
  },
  solution(p) {
    const a = metricValue(surveyById(p.earlier), p.metric);
    const b = metricValue(surveyById(p.later), p.metric);
    return [`Ratio of later to earlier: $${fmt(b)} \\div ${fmt(a)}$.`, `The factor is ${shown(answer(p).factor)}.`];
  },
  misconceptions(p) {
    const a = metricValue(surveyById(p.earlier), p.metric);
    const b = metricValue(surveyById(p.later), p.metric);
    return [
      {
        id: "inverted-ratio",
        description: "Divides the earlier by the later value.",
        input: { factor: fmt(a / b) },
        feedback: "You divided the smaller by the larger. “How many times larger” is later ÷ earlier, a number above 1.",
      },
      {
        id: "difference",
        description: "Subtracts instead of dividing.",
        input: { factor: fmt(b - a) },
        feedback: "That is the difference. “How many times larger” asks for the ratio.",
      },
    ];
  },
});
