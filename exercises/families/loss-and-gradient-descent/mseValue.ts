import { mae, mse } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { PLACEHOLDER_SIG3, SIG3_OR_ABS, fmt, list, nice, numberAnswer, shown } from "../../support/answers.ts";

interface Params {
  y: number[];
  yhat: number[];
}

function answer(p: Params) {
  return { loss: numberAnswer(mse(f64(p.yhat), f64(p.y)).data[0], SIG3_OR_ABS) };
}

/** Mean squared error of a few predictions, MSE = (1/N) Σ (ŷ_i − y_i)², by the engine. */
export const mseValue = defineFamily<Params>({
  id: "mse-value",
  version: 2,
  title: "Mean squared error of some predictions",
  lesson: "loss-and-gradient-descent",
  skills: ["residuals", "mean squared error"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const n = level + 2;
    // Redshift-like targets and predictions with errors of a few tenths. Redshifts of galaxies are
    // positive, so targets start at 0.1 and a prediction never goes below the smallest number shown
    // (a photo-z code that predicted z < 0 would be clipped; an exercise must not show one).
    const digits = level === 1 ? 1 : 2;
    const least = 10 ** -digits;
    const y = Array.from({ length: n }, () => nice(rng, 0.1, 3, digits));
    return { y, yhat: y.map((v) => nice(rng, Math.max(least, v - 0.6), v + 0.6, digits)) };
  },
  wellPosed(p) {
    if ([...p.y, ...p.yhat].some((z) => !(z > 0))) return "a redshift is not positive";
    const e = p.yhat.map((v, i) => v - p.y[i]);
    return e.filter((x) => x !== 0).length >= 2 && Math.abs(e.reduce((a, b) => a + b, 0)) > 0.01 ? true : "too few non-zero errors";
  },
  render(p) {
    return {
      prompt: `A network predicts photometric redshifts $\\hat{y} = ${list(p.yhat)}$ for galaxies whose spectroscopic redshifts are $y = ${list(p.y)}$. What is the mean squared error $\\frac{1}{N}\\sum_i (\\hat{y}_i - y_i)^2$?`,
      parts: [{ id: "loss", label: "MSE", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints() {
    return ["Compute each residual $\\hat{y}_i - y_i$.", "Square the residuals, add them up, and divide by the number of galaxies."];
  },
  solution(p) {
    const e = p.yhat.map((v, i) => v - p.y[i]);
    return [
      `Residuals: ${list(e)}.`,
      `Squares: ${list(e.map((x) => x * x))}, sum ${fmt(e.reduce((a, x) => a + x * x, 0))}.`,
      `Divide by $N = ${p.y.length}$: MSE = ${shown(answer(p).loss)}.`,
    ];
  },
  misconceptions(p) {
    const e = p.yhat.map((v, i) => v - p.y[i]);
    const sse = e.reduce((a, x) => a + x * x, 0);
    const n = e.length;
    return [
      {
        id: "sum-not-mean",
        description: "Sums the squares without dividing by N.",
        input: { loss: fmt(sse) },
        feedback: "That is the sum of squared errors. The *mean* squared error divides it by N.",
      },
      {
        id: "absolute-errors",
        description: "Averages |errors| (MAE).",
        input: { loss: fmt(mae(f64(p.yhat), f64(p.y)).data[0]) },
        feedback: "That is the mean *absolute* error. MSE squares each residual.",
      },
      {
        id: "root",
        description: "Takes the square root (RMSE).",
        input: { loss: fmt(Math.sqrt(sse / n)) },
        feedback: "That is the root mean squared error. MSE stops before the square root.",
      },
      {
        id: "mean-error-squared",
        description: "Squares the mean error.",
        input: { loss: fmt((e.reduce((a, x) => a + x, 0) / n) ** 2) },
        feedback: "Square each residual *before* averaging: positive and negative errors must not cancel.",
      },
    ];
  },
});
