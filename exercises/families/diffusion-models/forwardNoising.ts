import { add, mul, tensor } from "../../../src/lib/autodiff/index.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { SIG3_OR_ABS, fmt, list, nice, numberAnswer, shown, vectorAnswer } from "../../support/answers.ts";

interface Params {
  /** β₁ … β_t (given explicitly at levels 1–2; from a linear schedule at level 3). */
  betas: number[];
  /** Linear schedule endpoints and length (level 3 only; 0 otherwise). */
  schedule: { beta1: number; betaT: number; T: number };
  x0: number[];
  eps: number[];
  level: number;
}

/** ᾱ_t = Π_{s ≤ t} (1 − β_s). */
const alphaBar = (betas: readonly number[]) => betas.reduce((a, b) => a * (1 - b), 1);

/** x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε, with the engine's tensor ops. `coef` can swap in a mistaken ᾱ or root. */
function noised(p: Params, a = alphaBar(p.betas), root: (x: number) => number = Math.sqrt): number[] {
  const x0 = tensor(p.x0, undefined, { dtype: "float64" });
  const eps = tensor(p.eps, undefined, { dtype: "float64" });
  return Array.from(add(mul(x0, root(a)), mul(eps, root(1 - a))).data);
}
function spec(v: number[]): AnswerSpec {
  return v.length === 1 ? numberAnswer(v[0], SIG3_OR_ABS) : vectorAnswer(v);
}
function text(v: number[]): string {
  return v.length === 1 ? fmt(v[0]) : list(v);
}
function answer(p: Params) {
  return { xt: spec(noised(p)) };
}

/** One forward-noising sample of a diffusion model, x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε. */
export const forwardNoising = defineFamily<Params>({
  id: "forward-noising",
  version: 1,
  title: "Noising an image in a diffusion model",
  lesson: "diffusion-models",
  skills: ["noise schedule β_t", "cumulative product ᾱ_t", "closed-form forward process"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const x0 = Array.from({ length: level === 3 ? 3 : 1 }, () => nice(rng, -1, 1, 2));
    const eps = x0.map(() => nice(rng, -2, 2, 2));
    if (level < 3) {
      const t = level === 1 ? 2 : 3;
      return { betas: Array.from({ length: t }, () => nice(rng, 0.05, 0.3, 2)), schedule: { beta1: 0, betaT: 0, T: 0 }, x0, eps, level };
    }
    // A linear schedule β_s = β₁ + (s − 1)(β_T − β₁)/(T − 1), as in Ho et al. (2020) but short.
    const T = rng.choice([10, 20]);
    const beta1 = rng.choice([0.01, 0.02]);
    const betaT = rng.choice([0.1, 0.2]);
    const t = rng.int(3, 7);
    const betas = Array.from({ length: t }, (_, s) => beta1 + (s * (betaT - beta1)) / (T - 1));
    return { betas, schedule: { beta1, betaT, T }, x0, eps, level };
  },
  wellPosed(p) {
    return p.x0.every((x, i) => Math.abs(x) > 0.05 && Math.abs(p.eps[i]) > 0.05 && Math.abs(x - p.eps[i]) > 0.1)
      ? true
      : "degenerate pixel or noise";
  },
  render(p) {
    const t = p.betas.length;
    const given =
      p.level < 3
        ? `$${p.betas.map((b, s) => `\\beta_${s + 1} = ${fmt(b)}`).join(",\\ ")}$`
        : `a linear schedule from $\\beta_1 = ${p.schedule.beta1}$ to $\\beta_{${p.schedule.T}} = ${p.schedule.betaT}$ over $T = ${p.schedule.T}$ steps`;
    const vals =
      p.x0.length === 1
        ? `$x_0 = ${fmt(p.x0[0])}$ and noise $\\varepsilon = ${fmt(p.eps[0])}$`
        : `$\\mathbf{x}_0 = ${list(p.x0)}$ and noise $\\boldsymbol{\\varepsilon} = ${list(p.eps)}$`;
    return {
      prompt: `The forward process of a diffusion model jumps straight to step $t$: $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon$ with $\\bar\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)$. With ${given}, a pixel value ${vals}, what is $x_{${t}}$?`,
      parts: [{ id: "xt", label: `$x_{${t}}$`, placeholder: p.x0.length === 1 ? "3 significant figures are enough" : "[a, b, c]" }],
    };
  },
  answer,
  hints(p) {
    return [
      "First compute every $\\alpha_s = 1 - \\beta_s$ and multiply them: that is $\\bar\\alpha_t$.",
      ...(p.level === 3 ? ["The linear schedule adds the same amount to β at every step: $(\\beta_T - \\beta_1)/(T-1)$."] : []),
      "Then mix: the signal is scaled by $\\sqrt{\\bar\\alpha_t}$ and the noise by $\\sqrt{1-\\bar\\alpha_t}$.",
    ];
  },
  solution(p) {
    const a = alphaBar(p.betas);
    return [
      `$\\beta = ${list(p.betas)}$, so $\\bar\\alpha_{${p.betas.length}} = ${p.betas.map((b) => `(1 - ${fmt(b)})`).join("")} = ${fmt(a)}$.`,
      `$\\sqrt{\\bar\\alpha} = ${fmt(Math.sqrt(a))}$, $\\sqrt{1-\\bar\\alpha} = ${fmt(Math.sqrt(1 - a))}$.`,
      `$x_{${p.betas.length}} = $ ${shown(answer(p).xt)}`,
    ];
  },
  misconceptions(p) {
    const last = p.betas[p.betas.length - 1];
    return [
      {
        id: "alpha-not-alpha-bar",
        description: "Uses α_t = 1 − β_t instead of the product.",
        input: { xt: text(noised(p, 1 - last)) },
        feedback: "Jumping to step t needs the product of all the α_s up to t (ᾱ_t), not just α_t.",
      },
      {
        id: "no-square-roots",
        description: "Mixes with ᾱ and 1 − ᾱ directly.",
        input: { xt: text(noised(p, alphaBar(p.betas), (x) => x)) },
        feedback: "The coefficients are square roots, √ᾱ and √(1 − ᾱ), so that the variance stays 1.",
      },
      {
        id: "beta-as-noise-scale",
        description: "Scales the noise by √β_t.",
        input: { xt: text(p.x0.map((x, i) => Math.sqrt(alphaBar(p.betas)) * x + Math.sqrt(last) * p.eps[i])) },
        feedback: "The noise scale for a jump to step t is √(1 − ᾱ_t), which accumulates all steps, not √β_t of the last step.",
      },
    ];
  },
});
