import { answerDisplay, answerText, isFullScore } from "../src/lib/grading/index.ts";
import { allFinite, correctInput, exerciseRng } from "./family.ts";
import type { ExerciseFamily, Input } from "./family.ts";
import type { AnswerSpec } from "../src/lib/grading/index.ts";

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
 * hints; the last solution step shows every graded answer; no "NaN"/"undefined" leaks into text; the
 * exercise is well posed as a question (see `wellPosednessProblems`); and the same (seed, level) gives
 * the same exercise twice. Returns the problems found (empty = pass).
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
  if (JSON.stringify(partIds) !== JSON.stringify(Object.keys(specs).sort()))
    problems.push(`rendered parts ${partIds} differ from answer parts ${Object.keys(specs)}`);

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
    if (score.earned !== score.total - Object.keys(m.input).length)
      problems.push(`misconception ${m.id} earned ${score.earned}/${score.total}`);
  }

  for (const id of Object.keys(specs)) {
    for (const junk of GARBAGE) {
      const score = family.grade(p, { ...correct, [id]: junk });
      if (score.kind !== "invalid") problems.push(`garbage ${JSON.stringify(junk)} in part ${id} was graded, not invalid`);
      if (family.validate(p, { ...correct, [id]: junk }) === true)
        problems.push(`validate accepted garbage ${JSON.stringify(junk)} in part ${id}`);
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
  const text = [
    rendered.prompt,
    ...rendered.parts.map((part) => part.label),
    ...hints,
    ...steps,
    ...family.misconceptions(p).map((m) => m.feedback),
  ].join("\n");
  if (/\bNaN\b|\bundefined\b|\bInfinity\b|\[object /.test(text)) problems.push("text contains NaN, undefined, Infinity or [object …]");

  problems.push(...wellPosednessProblems(family, p, seed));

  const again = family.generate(exerciseRng(family.id, family.version, seed, level), level);
  if (JSON.stringify(family.render(again)) !== JSON.stringify(rendered) || JSON.stringify(family.answer(again)) !== JSON.stringify(specs)) {
    problems.push("the same seed and level gave a different exercise");
  }
  return problems;
}

/** Orders of more items than this are enumerated only on every EXHAUSTIVE_EVERY-th seed (7! = 5040). */
const EXHAUSTIVE_ITEMS = 5;
const EXHAUSTIVE_EVERY = 40;

/** Every permutation of `items` (Heap's algorithm, iterative). */
export function permutations<T>(items: readonly T[]): T[][] {
  const a = items.slice();
  const out: T[][] = [a.slice()];
  const c = new Array<number>(a.length).fill(0);
  for (let i = 1; i < a.length;) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      out.push(a.slice());
      c[i] += 1;
      i = 1;
    } else {
      c[i] = 0;
      i += 1;
    }
  }
  return out;
}

/** Whether the exercise shows a chart (in the prompt or as options); its answer must then be readable from it. */
function showsFigure(rendered: { figure?: unknown; parts: { options?: { plot?: unknown }[] }[] }): boolean {
  return rendered.figure !== undefined || rendered.parts.some((part) => (part.options ?? []).some((o) => o.plot !== undefined));
}

/**
 * Is the exercise a fair question? Checks that grades can be wrong even when every number is right:
 * - choice and ordering parts: the family's `rule` (an independent statement of what is right) and the
 *   grader agree on every option and on every order (all n! of them; for n > 5 on every 40th seed).
 *   A grader that accepts one of several right orders, or keys an option the rule rejects, fails here.
 * - exercises with a chart: the family's `decidableFromFigure` holds, i.e. the keyed answer can be read
 *   off the plotted data (not only off the hidden parameters).
 */
export function wellPosednessProblems(family: ExerciseFamily<unknown>, p: unknown, seed: number): string[] {
  const problems: string[] = [];
  const specs = family.answer(p);
  const correct = correctInput(specs, answerText);
  const rendered = family.render(p);
  for (const [part, spec] of Object.entries(specs) as [string, AnswerSpec][]) {
    if (spec.kind !== "choice" && spec.kind !== "ordering") continue;
    const rule = family.rule;
    if (rule === undefined) {
      problems.push(`part ${part} is a ${spec.kind} but the family declares no rule to check its key against`);
      continue;
    }
    const candidates: (string | string[])[] =
      spec.kind === "choice"
        ? spec.options.map((o) => o.id)
        : spec.items.length <= EXHAUSTIVE_ITEMS || seed % EXHAUSTIVE_EVERY === 0
          ? permutations(spec.items.map((i) => i.id))
          : [spec.correct, ...(spec.alsoCorrect ?? [])];
    for (const candidate of candidates) {
      const typed = Array.isArray(candidate) ? candidate.join(", ") : candidate;
      const score = family.grade(p, { ...correct, [part]: typed });
      const graded = score.kind === "points" && score.feedback.find((f) => f.part === part)?.verdict === "correct";
      const ruled = rule(p, part, candidate);
      if (graded !== ruled)
        problems.push(
          `part ${part}: “${typed}” is ${graded ? "accepted" : "rejected"} by the grader but the rule says it is ${ruled ? "right" : "wrong"}`,
        );
      if (problems.length >= 5) return problems;
    }
  }
  if (showsFigure(rendered)) {
    const decide = family.decidableFromFigure;
    if (decide === undefined) problems.push("the exercise shows a chart but the family declares no decidableFromFigure check");
    else {
      const ok = decide(p);
      if (ok !== true) problems.push(`the answer cannot be read off the chart: ${ok}`);
    }
  }
  return problems;
}
