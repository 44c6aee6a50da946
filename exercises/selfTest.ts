import { answerDisplay, answerText, isFullScore } from "../src/lib/grading/index.ts";
import { allFinite, correctInput, exerciseRng } from "./family.ts";
import type { ExerciseFamily, Input } from "./family.ts";

/** Inputs that no answer part may accept: they must be "invalid", never graded. */
export const GARBAGE: readonly string[] = ["banana", "", "[1,2"];

export interface SelfTestOptions {
  /** Seeds per level (≥ 200 in the suite). */
  seeds?: number;
  /** Stop after this many problems (a broken family would otherwise report thousands). */
  maxProblems?: number;
}

/**
 * PrairieLearn-style self-test of one family over many seeds and every level. For each exercise:
 * parameters are finite and well posed; the answers are finite; rendering lists exactly the answer
 * parts; the correct answer (as a learner would type it) scores full; each misconception scores zero
 * on its parts with its own id and feedback; garbage in any part is invalid; there are at least two
 * hints; the last solution step shows every graded answer; no "NaN"/"undefined" leaks into text; and
 * the same (seed, level) gives the same exercise twice. Returns the problems found (empty = pass).
 */
export function selfTest(family: ExerciseFamily<unknown>, options: SelfTestOptions = {}): string[] {
  const seeds = options.seeds ?? 200;
  const maxProblems = options.maxProblems ?? 10;
  const problems: string[] = [];
  for (const level of family.levels) {
    for (let seed = 0; seed < seeds && problems.length < maxProblems; seed++) {
      const where = `${family.id} level ${level} seed ${seed}`;
      try {
        for (const problem of checkOne(family, seed, level)) problems.push(`${where}: ${problem}`);
      } catch (error) {
        problems.push(`${where}: threw ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
  return problems;
}

function checkOne(family: ExerciseFamily<unknown>, seed: number, level: number): string[] {
  const problems: string[] = [];
  const p = family.generate(exerciseRng(family.id, family.version, seed, level), level);
  if (!allFinite(p)) problems.push("parameters are not all finite");
  const posed = family.wellPosed(p);
  if (posed !== true) problems.push(`not well posed: ${posed}`);

  const specs = family.answer(p);
  if (!allFinite(specs)) problems.push("an answer is not finite");
  const rendered = family.render(p);
  const partIds = rendered.parts.map((part) => part.id).sort();
  if (JSON.stringify(partIds) !== JSON.stringify(Object.keys(specs).sort())) problems.push(`rendered parts ${partIds} differ from answer parts ${Object.keys(specs)}`);

  const correct = correctInput(specs, answerText);
  const full = family.grade(p, correct);
  if (!isFullScore(full)) problems.push(`correct input ${JSON.stringify(correct)} scored ${JSON.stringify(full)}`);

  for (const m of family.misconceptions(p)) {
    const input: Input = { ...correct, ...m.input };
    const score = family.grade(p, input);
    if (score.kind !== "points") {
      problems.push(`misconception ${m.id} input ${JSON.stringify(m.input)} is invalid: ${score.message}`);
      continue;
    }
    for (const part of Object.keys(m.input)) {
      const fb = score.feedback.find((f) => f.part === part);
      if (!fb || fb.verdict !== "misconception" || fb.misconception !== m.id || fb.message !== m.feedback) {
        problems.push(`misconception ${m.id} on part ${part} got ${JSON.stringify(fb)}`);
      }
    }
    if (score.earned !== score.total - Object.keys(m.input).length) problems.push(`misconception ${m.id} earned ${score.earned}/${score.total}`);
  }

  for (const id of Object.keys(specs)) {
    for (const junk of GARBAGE) {
      const score = family.grade(p, { ...correct, [id]: junk });
      if (score.kind !== "invalid") problems.push(`garbage ${JSON.stringify(junk)} in part ${id} was graded, not invalid`);
      if (family.validate(p, { ...correct, [id]: junk }) === true) problems.push(`validate accepted garbage ${JSON.stringify(junk)} in part ${id}`);
    }
  }

  const hints = family.hints(p);
  if (hints.length < 2 || hints.some((h) => h.trim() === "")) problems.push("needs at least two non-empty hints");
  const steps = family.solution(p);
  const last = steps[steps.length - 1] ?? "";
  for (const [id, spec] of Object.entries(specs)) {
    if (!last.includes(answerDisplay(spec)) && !last.includes(answerText(spec))) {
      problems.push(`last solution step “${last}” does not show the answer of part ${id} (${answerDisplay(spec)})`);
    }
  }
  const text = [rendered.prompt, ...rendered.parts.map((part) => part.label), ...hints, ...steps, ...family.misconceptions(p).map((m) => m.feedback)].join("\n");
  if (/\bNaN\b|\bundefined\b|\bInfinity\b|\[object /.test(text)) problems.push("text contains NaN, undefined, Infinity or [object …]");

  const again = family.generate(exerciseRng(family.id, family.version, seed, level), level);
  if (JSON.stringify(family.render(again)) !== JSON.stringify(rendered) || JSON.stringify(family.answer(again)) !== JSON.stringify(specs)) {
    problems.push("the same seed and level gave a different exercise");
  }
  return problems;
}
