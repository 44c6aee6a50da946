import { Rng, seedFromString } from "../src/lib/random/index.ts";
import { answerText as answerTextOf, gradeParts, invalidInput, validateParts } from "../src/lib/grading/index.ts";
import type { AnswerSpec, ChoiceOption, MisconceptionSpec, OrderingItem, PlotSpec, Score } from "../src/lib/grading/index.ts";

/** The raw text typed for each answer part (choice: an option id; ordering: comma-separated ids). */
export type Input = Record<string, string>;

/** A known mistake, with the answer it produces (computed) and the feedback it earns. */
export type Misconception = MisconceptionSpec;

/** What the UI needs to draw one answer field. */
export interface PartView {
  id: string;
  /** Markdown + TeX shown next to the field. */
  label: string;
  kind: AnswerSpec["kind"];
  placeholder?: string;
  unit?: string;
  /** For "choice" parts. */
  options?: ChoiceOption[];
  /** For "ordering" parts, in the (shuffled) order shown. */
  items?: OrderingItem[];
}

/** A rendered exercise: the prompt, its answer fields and an optional chart. */
export interface Rendered {
  /** Markdown + TeX ($…$ inline, $$…$$ display). */
  prompt: string;
  parts: PartView[];
  /** A chart that belongs to the prompt (e.g. a learning curve to diagnose). */
  figure?: PlotSpec;
}

/**
 * One family of generated exercises (the contract of docs/architecture.md). `P` is the family's
 * parameter object: plain data drawn by `generate`, from which everything else is computed.
 */
export interface ExerciseFamily<P> {
  /** Stable, URL-safe id, e.g. "neuron-output". */
  readonly id: string;
  /** Bumped whenever the same seed would give different numbers or answers. */
  readonly version: number;
  readonly title: string;
  /** Slug of the lesson the family belongs to, e.g. "neurons-and-layers". */
  readonly lesson: string;
  /** The skills it trains, as short phrases. */
  readonly skills: readonly string[];
  /** Difficulty levels, from 1 (easiest) to 3. */
  readonly levels: readonly number[];
  generate(rng: Rng, level: number): P;
  render(p: P): Rendered;
  answer(p: P): Record<string, AnswerSpec>;
  /** true, or why the input cannot be read (such input never costs an attempt). */
  validate(p: P, input: Input): true | string;
  grade(p: P, input: Input): Score;
  /** Progressive hints, gentlest first. */
  hints(p: P): string[];
  /** Worked steps (Markdown + TeX); the last states the graded answer. */
  solution(p: P): string[];
  misconceptions(p: P): Misconception[];
  /** true, or why these parameters make a bad exercise (checked by `generate` and the self-test). */
  wellPosed(p: P): true | string;
  /** See FamilyDefinition.rule (the self-test compares it with `grade` on every option and order). */
  rule?(p: P, part: string, answer: string | readonly string[]): boolean;
  /** See FamilyDefinition.decidableFromFigure (the self-test sweeps it over seeds). */
  decidableFromFigure?(p: P): true | string;
}

/** The part of a family its author writes; `defineFamily` adds validate, grade and re-drawing. */
export interface FamilyDefinition<P> {
  id: string;
  version: number;
  title: string;
  lesson: string;
  skills: readonly string[];
  levels: readonly number[];
  generate(rng: Rng, level: number): P;
  /** The prompt and the part labels; kinds, units, options and items are filled in from `answer`. */
  render(p: P): { prompt: string; parts: { id: string; label: string; placeholder?: string }[]; figure?: PlotSpec };
  answer(p: P): Record<string, AnswerSpec>;
  hints(p: P): string[];
  solution(p: P): string[];
  misconceptions(p: P): Misconception[];
  /** Extra family-specific conditions on the parameters (optional). */
  wellPosed?(p: P): true | string;
  /**
   * Required when a part is a choice or an ordering: an independent statement of what makes an
   * option (its id) or an order (its ids) right, written from the subject (a decision table, the
   * precedence constraints, a property measured on the engine's numbers), not from the answer key.
   * The self-test enumerates every option and every order and checks grade == rule.
   */
  rule?(p: P, part: string, answer: string | readonly string[]): boolean;
  /**
   * Required when the prompt or an option shows a chart: true, or why the keyed answer cannot be
   * read off the plotted data alone (reads the PlotSpecs, not the parameters behind them).
   */
  decidableFromFigure?(p: P): true | string;
}

/** How many times `generate` re-draws before giving up (the self-test fails loudly if it does). */
const MAX_DRAWS = 100;

/** Every number reachable in plain data (objects, arrays) is finite. */
export function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

/** The input a learner who knows every answer types, in the parts' order. */
export function correctInput(specs: Record<string, AnswerSpec>, text: (spec: AnswerSpec) => string): Input {
  const input: Input = {};
  for (const [id, spec] of Object.entries(specs)) input[id] = text(spec);
  return input;
}

/**
 * Builds a family from its definition. The generic parts:
 * - `generate` re-draws (from the same Rng, so still deterministic) until the parameters are finite,
 *   well posed, and every misconception is distinguishable: its answer is wrong, readable, and not
 *   claimed by another misconception. Families should draw so that re-draws are rare.
 * - `validate` and `grade` come from src/lib/grading (one point per part, misconceptions recognised).
 */
export function defineFamily<P>(def: FamilyDefinition<P>): ExerciseFamily<P> {
  // Parameters are immutable once drawn, so answers, misconceptions and the rendering are computed
  // once per parameter object (grading asks for them many times; the self-test sweeps thousands).
  const answerOf = memo((p: P) => def.answer(p));
  const misconceptionsOf = memo((p: P) => def.misconceptions(p));
  const renderOf = memo((p: P) => def.render(p));
  const labels = (p: P): Record<string, string> => Object.fromEntries(renderOf(p).parts.map((part) => [part.id, part.label]));
  const family: ExerciseFamily<P> = {
    id: def.id,
    version: def.version,
    title: def.title,
    lesson: def.lesson,
    skills: def.skills,
    levels: def.levels,
    generate(rng, level) {
      if (!def.levels.includes(level)) throw new RangeError(`${def.id} has no level ${level} (levels: ${def.levels.join(", ")})`);
      let why = "";
      for (let draw = 0; draw < MAX_DRAWS; draw++) {
        const p = def.generate(rng, level);
        const ok = family.wellPosed(p);
        if (ok === true) return p;
        why = ok;
      }
      throw new Error(`${def.id} level ${level}: no well-posed parameters in ${MAX_DRAWS} draws (last problem: ${why})`);
    },
    render(p) {
      const specs = answerOf(p);
      const r = renderOf(p);
      const parts = r.parts.map((part): PartView => {
        const spec = specs[part.id];
        if (spec === undefined) throw new Error(`${def.id}: part “${part.id}” has no answer spec`);
        const view: PartView = { id: part.id, label: part.label, kind: spec.kind };
        if (part.placeholder !== undefined) view.placeholder = part.placeholder;
        if (spec.kind === "number" && spec.unit !== undefined) view.unit = spec.unit;
        if (spec.kind === "choice") view.options = spec.options;
        if (spec.kind === "ordering") view.items = spec.items;
        return view;
      });
      return r.figure ? { prompt: r.prompt, parts, figure: r.figure } : { prompt: r.prompt, parts };
    },
    answer: answerOf,
    validate(p, input) {
      const specs = answerOf(p);
      // Part labels are only needed to name the unreadable part, so render only then.
      return validateParts(specs, input) === true ? true : validateParts(specs, input, labels(p));
    },
    grade(p, input) {
      const specs = answerOf(p);
      // Unreadable input names its part (label and reason apart); labels need a render, so only then.
      if (invalidInput(specs, input) !== null) return invalidInput(specs, input, labels(p))!;
      return gradeParts(specs, input, misconceptionsOf(p));
    },
    hints: def.hints,
    solution: def.solution,
    misconceptions: misconceptionsOf,
    wellPosed(p) {
      if (!allFinite(p)) return "a parameter is not finite";
      const own = def.wellPosed ? def.wellPosed(p) : true;
      if (own !== true) return own;
      const specs = answerOf(p);
      if (!allFinite(specs)) return "an answer is not finite";
      const problem = misconceptionProblem(specs, misconceptionsOf(p), labels(p));
      return problem ?? true;
    },
  };
  if (def.rule) Object.assign(family, { rule: def.rule.bind(def) });
  if (def.decidableFromFigure) Object.assign(family, { decidableFromFigure: def.decidableFromFigure.bind(def) });
  return family;
}

/** Caches f(p) per parameter object (p must be an object; results are shared, treat them as read-only). */
function memo<P, R>(f: (p: P) => R): (p: P) => R {
  const cache = new WeakMap<object, R>();
  return (p: P) => {
    const key = p as object;
    let r = cache.get(key);
    if (r === undefined) {
      r = f(p);
      cache.set(key, r);
    }
    return r;
  };
}

/**
 * Why some misconception cannot be recognised in these parameters, or null: a misconception's input,
 * completed with the correct answers for the other parts, must be read, be wrong on each part it
 * names, and be attributed to that misconception (not to an earlier one with the same answer).
 */
export function misconceptionProblem(
  specs: Record<string, AnswerSpec>,
  misconceptions: readonly Misconception[],
  labels?: Record<string, string>,
): string | null {
  const seen = new Set<string>();
  for (const m of misconceptions) {
    if (seen.has(m.id)) return `misconception id “${m.id}” is listed twice`;
    seen.add(m.id);
    if (Object.keys(m.input).length === 0) return `misconception “${m.id}” has no input`;
    const input: Input = {};
    for (const [id, spec] of Object.entries(specs)) input[id] = m.input[id] ?? answerTextOf(spec);
    const score = gradeParts(specs, input, misconceptions, labels);
    if (score.kind === "invalid") return `misconception “${m.id}” input is invalid: ${score.message}`;
    for (const part of Object.keys(m.input)) {
      const fb = score.feedback.find((f) => f.part === part);
      if (fb === undefined) return `misconception “${m.id}” names unknown part “${part}”`;
      if (fb.verdict === "correct") return `misconception “${m.id}” gives the correct answer on “${part}”`;
      if (fb.misconception !== m.id)
        return `misconception “${m.id}” is indistinguishable from “${fb.misconception ?? "none"}” on “${part}”`;
    }
  }
  return null;
}

/**
 * The Rng of one exercise, from (family id, version, seed, level). Any seed string works; changing
 * the version changes every exercise of the family, which is why numbers changes require a bump.
 */
export function exerciseRng(id: string, version: number, seed: string | number, level: number): Rng {
  return new Rng(seedFromString(`${id}@v${version}/seed:${String(seed)}/level:${level}`));
}
