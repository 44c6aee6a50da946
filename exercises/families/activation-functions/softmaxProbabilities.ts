import { exp, softmax } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { fmt, list, nice, shown, vectorAnswer } from "../../support/answers.ts";

interface Params {
  logits: number[];
}

function probabilities(p: Params): number[] {
  return Array.from(softmax(f64(p.logits)).data);
}
function answer(p: Params) {
  return { p: vectorAnswer(probabilities(p)) };
}

/** Softmax of a logit vector, p_k = e^{z_k} / Σ_j e^{z_j}, by the engine. */
export const softmaxProbabilities = defineFamily<Params>({
  id: "softmax-probabilities",
  version: 1,
  title: "Softmax: from logits to probabilities",
  lesson: "activation-functions",
  skills: ["softmax", "exponentials", "normalisation"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const n = level === 1 ? 2 : level === 2 ? 3 : 4;
    return { logits: Array.from({ length: n }, () => nice(rng, -2, 3, 1)) };
  },
  wellPosed(p) {
    return new Set(p.logits).size === p.logits.length ? true : "equal logits";
  },
  render(p) {
    return {
      prompt: `A classifier's last layer outputs the logits $\\mathbf{z} = ${list(p.logits)}$. What probabilities does softmax, $p_k = e^{z_k} / \\sum_j e^{z_j}$, give? Enter them as a list in the same order.`,
      parts: [{ id: "p", label: "$\\mathbf{p}$", placeholder: "[p1, p2, …]" }],
    };
  },
  answer,
  hints(p) {
    return [
      "Exponentiate every logit.",
      "Divide each exponential by their sum; the results add up to 1.",
      `Check: the largest logit (${fmt(Math.max(...p.logits))}) gets the largest probability.`,
    ];
  },
  solution(p) {
    const e = p.logits.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return [`$e^{z} = ${list(e)}$`, `$\\sum_j e^{z_j} = ${fmt(s)}$`, `$\\mathbf{p} = ${shown(answer(p).p)}$`];
  },
  misconceptions(p) {
    const total = p.logits.reduce((a, b) => a + b, 0);
    const expo = exp(f64(p.logits));
    const best = p.logits.indexOf(Math.max(...p.logits));
    return [
      ...(Math.abs(total) > 0.05
        ? [
            {
              id: "normalised-logits",
              description: "Divides logits by their sum (no exponential).",
              input: { p: list(p.logits.map((z) => z / total)) },
              feedback:
                "Softmax exponentiates first: $p_k = e^{z_k}/\\sum_j e^{z_j}$. Dividing the raw logits by their sum can even give negative “probabilities”.",
            },
          ]
        : []),
      {
        id: "not-normalised",
        description: "Stops after exponentiating.",
        input: { p: list(Array.from(expo.data)) },
        feedback: "Those are the exponentials $e^{z_k}$. Divide each by their sum so that the probabilities add up to 1.",
      },
      {
        id: "hardmax",
        description: "Gives all probability to the largest logit.",
        input: { p: list(p.logits.map((_, i) => (i === best ? 1 : 0))) },
        feedback: "That is argmax (one-hot). Softmax is a *soft* maximum: every class gets some probability.",
      },
      {
        id: "divided-by-max",
        description: "Divides by the largest exponential.",
        input: { p: list(Array.from(expo.data, (v) => v / Math.exp(p.logits[best]))) },
        feedback: "Divide by the sum of all the exponentials, not by the largest one.",
      },
    ];
  },
});
