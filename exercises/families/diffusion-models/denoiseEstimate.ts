import { div, mul, sub, tensor } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { SIG3_OR_ABS, fmt, nice, numberAnswer, shown } from "../../support/answers.ts";

interface Params {
  alphaBar: number;
  xt: number;
  epsHat: number;
}

/** x̂₀ = (x_t − √(1 − ᾱ)·ε̂) / √ᾱ: the forward formula solved for x₀, with the engine's ops. */
function estimate(p: Params, root: (x: number) => number = Math.sqrt, divide = true): number {
  const x = tensor([p.xt], [1], { dtype: "float64" });
  const noise = mul(tensor([p.epsHat], [1], { dtype: "float64" }), root(1 - p.alphaBar));
  const signal = sub(x, noise);
  return (divide ? div(signal, root(p.alphaBar)) : signal).data[0];
}
function answer(p: Params) {
  return { x0: numberAnswer(estimate(p), SIG3_OR_ABS) };
}

/** The clean-image estimate a denoiser implies: invert x_t = √ᾱ x₀ + √(1 − ᾱ) ε for x₀. */
export const denoiseEstimate = defineFamily<Params>({
  id: "denoise-estimate",
  version: 1,
  title: "From predicted noise to a clean-pixel estimate",
  lesson: "diffusion-models",
  skills: ["inverting the forward process", "what the denoiser predicts"],
  levels: [1, 2],
  generate(rng, level) {
    return {
      alphaBar: level === 1 ? rng.choice([0.25, 0.36, 0.64, 0.81]) : nice(rng, 0.2, 0.9, 2),
      xt: nice(rng, -1.5, 1.5, 2),
      epsHat: nice(rng, -1.5, 1.5, 2),
    };
  },
  wellPosed(p) {
    return Math.abs(p.xt) > 0.1 && Math.abs(p.epsHat) > 0.1 && Math.abs(estimate(p)) > 0.05 ? true : "degenerate values";
  },
  render(p) {
    return {
      prompt: `In a diffusion model, $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon$. At a step with $\\bar\\alpha_t = ${fmt(p.alphaBar)}$ a pixel has the noisy value $x_t = ${fmt(p.xt)}$, and the denoising network predicts the noise $\\hat\\varepsilon = ${fmt(p.epsHat)}$. What clean value $\\hat{x}_0$ does that prediction imply?`,
      parts: [{ id: "x0", label: "$\\hat{x}_0$", placeholder: "3 significant figures are enough" }],
    };
  },
  answer,
  hints() {
    return [
      "Solve the forward formula for $x_0$, with $\\hat\\varepsilon$ in place of $\\varepsilon$.",
      "Subtract the scaled noise $\\sqrt{1-\\bar\\alpha_t}\\,\\hat\\varepsilon$, then divide by $\\sqrt{\\bar\\alpha_t}$.",
    ];
  },
  solution(p) {
    const a = Math.sqrt(p.alphaBar);
    const b = Math.sqrt(1 - p.alphaBar);
    return [
      `$\\sqrt{\\bar\\alpha} = ${fmt(a)}$, $\\sqrt{1-\\bar\\alpha} = ${fmt(b)}$.`,
      `$\\hat{x}_0 = (${fmt(p.xt)} - ${fmt(b)}\\cdot(${fmt(p.epsHat)}))/${fmt(a)}$`,
      `$\\hat{x}_0 =$ ${shown(answer(p).x0)}`,
    ];
  },
  misconceptions(p) {
    return [
      {
        id: "forgot-divide",
        description: "Stops after subtracting the noise.",
        input: { x0: fmt(estimate(p, Math.sqrt, false)) },
        feedback: "After removing the noise term you still have √ᾱ·x₀: divide by √ᾱ.",
      },
      {
        id: "no-square-roots",
        description: "Uses ᾱ and 1 − ᾱ without roots.",
        input: { x0: fmt(estimate(p, (x) => x)) },
        feedback: "The forward process scales by √ᾱ and √(1 − ᾱ), not ᾱ and 1 − ᾱ.",
      },
      {
        id: "unscaled-noise",
        description: "Subtracts ε̂ without its √(1 − ᾱ) factor.",
        input: { x0: fmt((p.xt - p.epsHat) / Math.sqrt(p.alphaBar)) },
        feedback: "The noise enters x_t scaled by √(1 − ᾱ): subtract √(1 − ᾱ)·ε̂, not ε̂.",
      },
    ];
  },
});
