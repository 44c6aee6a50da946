import type { BaseState, Optimizer } from "../../../src/lib/optim/index.ts";
import type { Rng } from "../../../src/lib/random/index.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import type { ExerciseFamily, Misconception } from "../../family.ts";
import { SIG3, fmt, nice, niceNonZero, numberAnswer, shown } from "../../support/answers.ts";
import { runOptimizer } from "./runOptimizer.ts";

/** Parameters shared by the optimizer families: a start, the gradients fed at each step, hyperparameters. */
export interface OptimizerParams {
  theta0: number;
  grads: number[];
  h: Record<string, number>;
}

/** A state buffer shown as an answer part (velocity, accumulated squares, moments…). */
interface StatePart<S> {
  id: string;
  /** TeX symbol, e.g. "v". */
  symbol: string;
  read(state: S): number;
}

/** A mistake, as the values it produces for the parts it changes. */
interface Mistake {
  id: string;
  description: string;
  feedback: string;
  /** Levels where it applies (some coincide with the right answer at level 1). */
  minLevel?: number;
  values(p: OptimizerParams): Record<string, number>;
}

export interface OptimizerFamilyConfig<S extends BaseState> {
  id: string;
  title: string;
  skills: string[];
  /** The update rule in TeX (display). */
  rule: string;
  drawHyper(rng: Rng): Record<string, number>;
  hyperText(h: Record<string, number>): string;
  make(h: Record<string, number>): Optimizer<S>;
  state: StatePart<S>[];
  mistakes: Mistake[];
  hints: string[];
}

/** θ answers are graded to ±0.0005 absolute: steps are ≥ 0.01, so "no step at all" is never accepted. */
const THETA_TOLERANCE = { abs: 5e-4 };

/**
 * Builds "k steps of optimizer X" families: the learner applies the update rule to given gradients
 * and reports the state buffers and θ; the engine optimizer (src/lib/optim) computes the answers.
 */
export function optimizerFamily<S extends BaseState>(config: OptimizerFamilyConfig<S>): ExerciseFamily<OptimizerParams> {
  const run = (p: OptimizerParams) => runOptimizer(config.make(p.h), p.theta0, p.grads);
  const answer = (p: OptimizerParams): Record<string, AnswerSpec> => {
    const { theta, states } = run(p);
    const last = states[states.length - 1];
    const out: Record<string, AnswerSpec> = {};
    for (const s of config.state) out[s.id] = numberAnswer(s.read(last), SIG3);
    out.theta = numberAnswer(theta[theta.length - 1], THETA_TOLERANCE);
    return out;
  };
  return defineFamily<OptimizerParams>({
    id: config.id,
    version: 1,
    title: config.title,
    lesson: "optimizers",
    skills: config.skills,
    levels: [1, 2, 3],
    generate(rng, level) {
      return {
        theta0: nice(rng, -2, 2, 1),
        grads: Array.from({ length: level }, () => niceNonZero(rng, -2, 2, 1, 0.2)),
        h: config.drawHyper(rng),
      };
    },
    render(p) {
      const k = p.grads.length;
      const gs = p.grads.map((g, i) => `g_${i + 1} = ${fmt(g)}`).join(",\\ ");
      return {
        prompt: `Update one parameter with this rule, starting from $\\theta_0 = ${fmt(p.theta0)}$ and all state at 0:
$$${config.rule}$$
with ${config.hyperText(p.h)}. ${k === 1 ? "The gradient at the first step is" : `The gradients at the first ${k} steps are`} $${gs}$. After step ${k}, what are ${config.state.map((s) => `$${s.symbol}$`).join(", ")} and $\\theta_${k}$?`,
        parts: [
          ...config.state.map((s) => ({ id: s.id, label: `$${s.symbol}_${k}$`, placeholder: "3 significant figures" })),
          { id: "theta", label: `$\\theta_${k}$`, placeholder: "4 decimal places" },
        ],
      };
    },
    answer,
    hints: () => config.hints,
    solution(p) {
      const { theta, states } = run(p);
      const steps = p.grads.map(
        (g, i) =>
          `Step ${i + 1} ($g = ${fmt(g)}$): ${config.state.map((s) => `$${s.symbol} = ${fmt(s.read(states[i]))}$`).join(", ")}, $\\theta_${i + 1} = ${fmt(theta[i + 1])}$.`,
      );
      const a = answer(p);
      return [
        ...steps,
        `Answer: ${Object.entries(a)
          .map(([id, spec]) => `${id} = ${shown(spec)}`)
          .join(", ")}.`,
      ];
    },
    misconceptions(p) {
      const level = p.grads.length;
      return config.mistakes
        .filter((m) => (m.minLevel ?? 1) <= level)
        .map((m): Misconception => ({
          id: m.id,
          description: m.description,
          input: Object.fromEntries(Object.entries(m.values(p)).map(([id, v]) => [id, fmt(v, 8)])),
          feedback: m.feedback,
        }));
    },
  });
}

/** θ after applying `step(θ, g, k)` for each gradient: the mistakes' reference trajectories. */
export function trajectory(p: OptimizerParams, step: (theta: number, g: number, k: number) => number): number {
  let theta = p.theta0;
  p.grads.forEach((g, k) => {
    theta = step(theta, g, k);
  });
  return theta;
}
