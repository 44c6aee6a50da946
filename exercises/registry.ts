import { exerciseRng } from "./family.ts";
import type { ExerciseFamily, Input, PartView } from "./family.ts";
import { validateParts } from "../src/lib/grading/index.ts";
import type { AnswerSpec, PlotSpec, Score } from "../src/lib/grading/index.ts";
import { surveyDays } from "./families/why-deep-learning/surveyDays.ts";
import { surveyGrowth } from "./families/why-deep-learning/surveyGrowth.ts";
import { neuronOutput } from "./families/neurons-and-layers/neuronOutput.ts";
import { denseParamCount } from "./families/neurons-and-layers/denseParams.ts";
import { layerOutput } from "./families/neurons-and-layers/layerOutput.ts";
import { activationValue } from "./families/activation-functions/activationValue.ts";
import { activationProperty } from "./families/activation-functions/activationProperty.ts";
import { derivativeFormula } from "./families/activation-functions/derivativeFormula.ts";
import { softmaxProbabilities } from "./families/activation-functions/softmaxProbabilities.ts";
import { mseValue } from "./families/loss-and-gradient-descent/mseValue.ts";
import { crossEntropy } from "./families/loss-and-gradient-descent/crossEntropy.ts";
import { gdStep } from "./families/loss-and-gradient-descent/gdStep.ts";
import { lossDerivativeFormula } from "./families/loss-and-gradient-descent/lossDerivativeFormula.ts";
import { chainRule } from "./families/backpropagation/chainRule.ts";
import { gradientVector } from "./families/backpropagation/gradientVector.ts";
import { graphGradients } from "./families/backpropagation/graphGradients.ts";
import { trainingStepOrder } from "./families/backpropagation/trainingStepOrder.ts";
import { updatesPerEpoch } from "./families/sgd-and-minibatches/updatesPerEpoch.ts";
import { minibatchGradient } from "./families/sgd-and-minibatches/minibatchGradient.ts";
import { momentumSteps } from "./families/optimizers/momentumSteps.ts";
import { adagradSteps } from "./families/optimizers/adagradSteps.ts";
import { rmspropSteps } from "./families/optimizers/rmspropSteps.ts";
import { adamSteps } from "./families/optimizers/adamSteps.ts";
import { learningRateDiagnosis } from "./families/learning-curves/learningRateDiagnosis.ts";
import { earlyStopping } from "./families/learning-curves/earlyStopping.ts";
import { learningCurveDiagnosis } from "./families/learning-curves/learningCurveDiagnosis.ts";
import { convOutputShape } from "./families/convolutional-networks/convOutputShape.ts";
import { convParams } from "./families/convolutional-networks/convParams.ts";
import { convPatch } from "./families/convolutional-networks/convPatch.ts";
import { poolMap } from "./families/convolutional-networks/poolMap.ts";
import { flattenSize } from "./families/convolutional-networks/flattenSize.ts";
import { pixelScaleShift } from "./families/convolutional-networks/pixelScaleShift.ts";
import { frozenParams } from "./families/transfer-learning/frozenParams.ts";
import { transferStrategy } from "./families/transfer-learning/transferStrategy.ts";
import { compressionRatio } from "./families/autoencoders/compressionRatio.ts";
import { autoencoderParams } from "./families/autoencoders/autoencoderParams.ts";
import { forwardNoising } from "./families/diffusion-models/forwardNoising.ts";
import { denoiseEstimate } from "./families/diffusion-models/denoiseEstimate.ts";
import { kerasSummary } from "./families/keras-styles/kerasSummary.ts";
import { kerasApi } from "./families/keras-styles/kerasApi.ts";

/**
 * Every exercise family, in course order. Adding a family: one file under
 * exercises/families/<lesson>/ and one line here.
 */
// Each family's parameter type is its own; ExerciseFamily<unknown> holds any of them because the
// registry only ever hands a family the parameters it generated itself.
export const families: readonly ExerciseFamily<unknown>[] = [
  surveyDays,
  surveyGrowth,
  neuronOutput,
  denseParamCount,
  layerOutput,
  activationValue,
  activationProperty,
  derivativeFormula,
  softmaxProbabilities,
  mseValue,
  crossEntropy,
  gdStep,
  lossDerivativeFormula,
  chainRule,
  gradientVector,
  graphGradients,
  trainingStepOrder,
  updatesPerEpoch,
  minibatchGradient,
  momentumSteps,
  adagradSteps,
  rmspropSteps,
  adamSteps,
  learningRateDiagnosis,
  earlyStopping,
  learningCurveDiagnosis,
  convOutputShape,
  convParams,
  convPatch,
  poolMap,
  flattenSize,
  pixelScaleShift,
  frozenParams,
  transferStrategy,
  compressionRatio,
  autoencoderParams,
  forwardNoising,
  denoiseEstimate,
  kerasSummary,
  kerasApi,
];

/** The lesson slugs exercises may belong to, in course order. */
export const lessons = [
  "why-deep-learning",
  "neurons-and-layers",
  "activation-functions",
  "loss-and-gradient-descent",
  "backpropagation",
  "sgd-and-minibatches",
  "optimizers",
  "learning-curves",
  "convolutional-networks",
  "transfer-learning",
  "autoencoders",
  "diffusion-models",
  "keras-styles",
] as const;

/** The family with this id; throws an error listing the valid ids otherwise. */
export function getFamily(id: string): ExerciseFamily<unknown> {
  const family = families.find((f) => f.id === id);
  if (!family) throw new Error(`Unknown exercise family “${id}”. Known families: ${families.map((f) => f.id).join(", ")}.`);
  return family;
}

/** The families of one lesson, in registry order. */
export function familiesForLesson(slug: string): ExerciseFamily<unknown>[] {
  return families.filter((f) => f.lesson === slug);
}

/** One generated exercise as plain, serialisable data. */
export interface Exercise {
  id: string;
  version: number;
  seed: string;
  level: number;
  title: string;
  lesson: string;
  prompt: string;
  parts: PartView[];
  figure?: PlotSpec;
  /** The answer spec of every part (what grading compares with). */
  answer: Record<string, AnswerSpec>;
  hints: string[];
  solution: string[];
}

function levelOf(family: ExerciseFamily<unknown>, level: number | undefined): number {
  const l = level ?? family.levels[0];
  if (!family.levels.includes(l))
    throw new RangeError(`Family “${family.id}” has no level ${l}; its levels are ${family.levels.join(", ")}.`);
  return l;
}

/** The parameters of (family, seed, level); the same on every machine. */
export function exerciseParams(familyId: string, seed: string | number, level?: number): unknown {
  const family = getFamily(familyId);
  const l = levelOf(family, level);
  return family.generate(exerciseRng(family.id, family.version, seed, l), l);
}

/**
 * The exercise for (family, seed, level): the Rng is derived from the family id, its version, the
 * seed (any string) and the level, so the same four give the same exercise everywhere.
 */
export function createExercise(familyId: string, seed: string | number, level?: number): Exercise {
  const family = getFamily(familyId);
  const l = levelOf(family, level);
  const p = family.generate(exerciseRng(family.id, family.version, seed, l), l);
  const rendered = family.render(p);
  const exercise: Exercise = {
    id: family.id,
    version: family.version,
    seed: String(seed),
    level: l,
    title: family.title,
    lesson: family.lesson,
    prompt: rendered.prompt,
    parts: rendered.parts,
    answer: family.answer(p),
    hints: family.hints(p),
    solution: family.solution(p),
  };
  if (rendered.figure) exercise.figure = rendered.figure;
  return exercise;
}

/** Can this input be read? Needs only the exercise data (no regeneration). */
export function validateExercise(exercise: Exercise, input: Input): true | string {
  return validateParts(exercise.answer, input, Object.fromEntries(exercise.parts.map((p) => [p.id, p.label])));
}

/**
 * Grades input for a created exercise by regenerating its parameters (so misconceptions are
 * recognised). Refuses an exercise made by another version of the family.
 */
export function gradeExercise(exercise: Pick<Exercise, "id" | "version" | "seed" | "level">, input: Input): Score {
  const family = getFamily(exercise.id);
  if (family.version !== exercise.version) {
    throw new Error(`Exercise “${exercise.id}” was made by version ${exercise.version}; the family is now version ${family.version}.`);
  }
  const p = family.generate(exerciseRng(family.id, family.version, exercise.seed, exercise.level), exercise.level);
  return family.grade(p, input);
}
