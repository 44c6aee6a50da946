import { binaryCrossEntropyWithLogits, softmax, softmaxCrossEntropy, tensor } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { PLACEHOLDER_SIG3, SIG3_OR_ABS, fmt, list, niceNonZero, numberAnswer, shown } from "../../support/answers.ts";

const CLASSES = ["elliptical", "spiral", "merger", "artefact"];

interface Params {
  /** One logit (binary, level 1) or K logits. */
  logits: number[];
  /** The true class: 0/1 for binary, 0…K−1 otherwise. */
  label: number;
}

function loss(p: Params): number {
  if (p.logits.length === 1) return binaryCrossEntropyWithLogits(f64(p.logits), f64([p.label])).data[0];
  return softmaxCrossEntropy(tensor([p.logits], undefined, { dtype: "float64" }), [p.label]).data[0];
}
/** The probability the model gives the true class. */
function trueProbability(p: Params): number {
  if (p.logits.length === 1) {
    const s = 1 / (1 + Math.exp(-p.logits[0]));
    return p.label === 1 ? s : 1 - s;
  }
  return softmax(f64(p.logits)).data[p.label];
}
function answer(p: Params) {
  return { loss: numberAnswer(loss(p), SIG3_OR_ABS) };
}

/** Cross-entropy from logits: binary (sigmoid) or categorical (softmax), by the engine. */
export const crossEntropy = defineFamily<Params>({
  id: "cross-entropy",
  version: 1,
  title: "Cross-entropy loss from logits",
  lesson: "loss-and-gradient-descent",
  skills: ["sigmoid and softmax probabilities", "cross-entropy as −ln p(true class)"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const k = level === 1 ? 1 : level === 2 ? 3 : 4;
    return { logits: Array.from({ length: k }, () => niceNonZero(rng, -2.5, 2.5, 1)), label: rng.int(0, k === 1 ? 2 : k) };
  },
  wellPosed(p) {
    return new Set(p.logits).size === p.logits.length ? true : "tied logits";
  },
  render(p) {
    if (p.logits.length === 1) {
      return {
        prompt: `A binary classifier (“is this a strong lens?”) outputs the logit $z = ${fmt(p.logits[0])}$, so $p(\\text{lens}) = \\sigma(z)$. The true label is $y = ${p.label}$ (${p.label === 1 ? "a lens" : "not a lens"}). What is the binary cross-entropy $-[y\\ln\\sigma(z) + (1-y)\\ln(1-\\sigma(z))]$? Use the natural logarithm.`,
        parts: [{ id: "loss", label: "loss", placeholder: PLACEHOLDER_SIG3 }],
      };
    }
    const names = CLASSES.slice(0, p.logits.length);
    return {
      prompt: `A galaxy classifier with classes (${names.join(", ")}) outputs the logits $\\mathbf{z} = ${list(p.logits)}$. The galaxy is really a${/^[aeiou]/.test(names[p.label]) ? "n" : ""} ${names[p.label]}. What is the categorical cross-entropy loss $-\\ln \\mathrm{softmax}(\\mathbf{z})_{\\text{true}}$? Use the natural logarithm.`,
      parts: [{ id: "loss", label: "loss", placeholder: PLACEHOLDER_SIG3 }],
    };
  },
  answer,
  hints(p) {
    return p.logits.length === 1
      ? [
          "Turn the logit into a probability with the sigmoid.",
          `Only one term survives: with y = ${p.label} the loss is $-\\ln ${p.label === 1 ? "\\sigma(z)" : "(1-\\sigma(z))"}$.`,
        ]
      : [
          "Turn the logits into probabilities with softmax.",
          "The loss is minus the natural log of the probability of the *true* class only.",
        ];
  },
  solution(p) {
    const q = trueProbability(p);
    return [
      p.logits.length === 1
        ? `$\\sigma(${fmt(p.logits[0])}) = ${fmt(1 / (1 + Math.exp(-p.logits[0])))}$, so the true class has probability ${fmt(q)}.`
        : `$\\mathrm{softmax}(\\mathbf{z}) = ${list(Array.from(softmax(f64(p.logits)).data))}$; the true class has probability ${fmt(q)}.`,
      `Loss $= -\\ln ${fmt(q)}$ = ${shown(answer(p).loss)}.`,
    ];
  },
  misconceptions(p) {
    const q = trueProbability(p);
    const list: Misconception[] = [
      {
        id: "log10",
        description: "Uses log base 10.",
        input: { loss: fmt(-Math.log10(q)) },
        feedback: "Cross-entropy uses the natural logarithm (ln), not log₁₀.",
      },
      {
        id: "probability-not-log",
        description: "Gives 1 − p instead of −ln p.",
        input: { loss: fmt(1 - q) },
        feedback: "The loss is −ln p(true class), not 1 − p: confident mistakes must cost a lot more than small ones.",
      },
    ];
    if (p.logits.length === 1) {
      list.push({
        id: "wrong-class-term",
        description: "Uses the other class's probability.",
        input: { loss: fmt(-Math.log(1 - q)) },
        feedback: `With y = ${p.label} the surviving term is ${p.label === 1 ? "−ln σ(z)" : "−ln(1 − σ(z))"}: you used the other one.`,
      });
    } else {
      const m = Math.max(...p.logits);
      list.push({
        id: "forgot-normaliser",
        description: "Uses −z_true (forgets log Σ e^z).",
        input: { loss: fmt(-p.logits[p.label]) },
        feedback: "−ln softmax(z)_k = −z_k + ln Σ_j e^{z_j}: you left out the log-sum-exp term.",
      });
      const predicted = p.logits.indexOf(m);
      if (predicted !== p.label) {
        list.push({
          id: "predicted-class",
          description: "Uses the predicted (highest-logit) class.",
          input: { loss: fmt(-Math.log(softmax(f64(p.logits)).data[predicted])) },
          feedback: "Use the probability of the *true* class, not of the class the model predicts.",
        });
      }
    }
    return list;
  },
});
