/**
 * What the assignment code needs from the exercise registry, as plain types. src/lib may not import
 * exercises/ (imports point one way), so pages, widgets and the CLI build a catalog from the
 * registry's families with `catalogFromFamilies(families, exerciseRng)` and hand it in.
 */
import type { AnswerSpec, PlotSpec, Score } from "../grading/index.ts";
import type { Rng } from "../random/index.ts";

/** One exercise of an assignment: which family, which version, which level, which seed. */
export interface ExerciseRef {
  family: string;
  version: number;
  level: number;
  seed: string;
}

/** What a builder shows about a family. */
export interface FamilyInfo {
  id: string;
  version: number;
  title: string;
  lesson: string;
  levels: readonly number[];
}

/** One answer field as the family renders it (structurally the registry's PartView). */
export interface PartInfo {
  id: string;
  label: string;
  kind: AnswerSpec["kind"];
  placeholder?: string;
  unit?: string;
  options?: { id: string; label: string; plot?: PlotSpec }[];
  items?: { id: string; label: string }[];
}

/** A generated exercise as plain data. */
export interface ExerciseData extends ExerciseRef {
  title: string;
  prompt: string;
  parts: PartInfo[];
  figure?: PlotSpec;
  answer: Record<string, AnswerSpec>;
  hints: string[];
  solution: string[];
}

/** Points for one exercise: its total, and the score of each submission (same order). */
export interface Regraded {
  total: number;
  scores: Score[];
}

export interface ExerciseCatalog {
  /** The family with this id, or undefined. */
  family(id: string): FamilyInfo | undefined;
  /** Every family, in course order. */
  families(): readonly FamilyInfo[];
  /** The exercise for a ref (throws when the family or version is unknown). */
  create(ref: ExerciseRef): ExerciseData;
  /** Grades submissions of one exercise, generating its parameters once (throws on a version mismatch). */
  regrade(ref: ExerciseRef, inputs: readonly Record<string, string>[]): Regraded;
}

/** The registry family shape this module relies on (structurally exercises/family.ts ExerciseFamily). */
export interface FamilyLike {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly lesson: string;
  readonly levels: readonly number[];
  generate(rng: Rng, level: number): unknown;
  render(p: unknown): { prompt: string; parts: PartInfo[]; figure?: PlotSpec };
  answer(p: unknown): Record<string, AnswerSpec>;
  grade(p: unknown, input: Record<string, string>): Score;
  hints(p: unknown): string[];
  solution(p: unknown): string[];
}

/** A catalog over registry families; `rngFor` is the registry's exerciseRng (id, version, seed, level). */
export function catalogFromFamilies(
  list: readonly FamilyLike[],
  rngFor: (id: string, version: number, seed: string, level: number) => Rng,
): ExerciseCatalog {
  const byId = new Map(list.map((f) => [f.id, f]));
  const infos: FamilyInfo[] = list.map((f) => ({ id: f.id, version: f.version, title: f.title, lesson: f.lesson, levels: f.levels }));
  const params = (ref: ExerciseRef): { family: FamilyLike; p: unknown } => {
    const family = byId.get(ref.family);
    if (family === undefined) throw new Error(`Unknown exercise family “${ref.family}”.`);
    if (family.version !== ref.version) {
      throw new Error(`“${ref.family}” was version ${ref.version} when this was made; the site now has version ${family.version}, so its numbers differ.`);
    }
    if (!family.levels.includes(ref.level)) throw new Error(`“${ref.family}” has no level ${ref.level}.`);
    return { family, p: family.generate(rngFor(family.id, family.version, ref.seed, ref.level), ref.level) };
  };
  return {
    family: (id) => infos.find((f) => f.id === id),
    families: () => infos,
    create(ref) {
      const { family, p } = params(ref);
      const rendered = family.render(p);
      const data: ExerciseData = {
        ...ref,
        title: family.title,
        prompt: rendered.prompt,
        parts: rendered.parts,
        answer: family.answer(p),
        hints: family.hints(p),
        solution: family.solution(p),
      };
      if (rendered.figure) data.figure = rendered.figure;
      return data;
    },
    regrade(ref, inputs) {
      const { family, p } = params(ref);
      return { total: Object.keys(family.answer(p)).length, scores: inputs.map((input) => family.grade(p, input)) };
    },
  };
}
