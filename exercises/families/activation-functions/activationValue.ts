import { defineFamily } from "../../family.ts";
import type { Misconception } from "../../family.ts";
import { activationAt } from "../../support/engine.ts";
import { PLACEHOLDER_SIG3, SIG3_OR_ABS, fmt, niceNonZero, numberAnswer, shown } from "../../support/answers.ts";

type Name = "sigmoid" | "tanh" | "relu" | "leakyRelu" | "softplus" | "elu";
interface Params {
  f: Name;
  z: number;
}

const TEX: Record<Name, string> = {
  sigmoid: "\\sigma(z) = \\dfrac{1}{1+e^{-z}}",
  tanh: "\\tanh z",
  relu: "\\mathrm{ReLU}(z) = \\max(0, z)",
  leakyRelu: "\\mathrm{LeakyReLU}(z) = \\begin{cases} z & z > 0 \\\\ 0.2\\,z & z \\le 0 \\end{cases}",
  softplus: "\\mathrm{softplus}(z) = \\ln(1 + e^{z})",
  elu: "\\mathrm{ELU}(z) = \\begin{cases} z & z > 0 \\\\ e^{z} - 1 & z \\le 0 \\end{cases}",
};
const DERIVATIVE_RULE: Record<Name, string> = {
  sigmoid: "\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z))",
  tanh: "\\tanh'(z) = 1 - \\tanh^2 z",
  relu: "\\mathrm{ReLU}'(z) = 1 \\text{ for } z > 0, \\text{ else } 0",
  leakyRelu: "\\mathrm{LeakyReLU}'(z) = 1 \\text{ for } z > 0, \\text{ else } 0.2",
  softplus: "\\mathrm{softplus}'(z) = \\sigma(z)",
  elu: "\\mathrm{ELU}'(z) = 1 \\text{ for } z > 0, \\text{ else } e^{z}",
};

function answer(p: Params) {
  const { value, derivative } = activationAt(p.f, p.z);
  return { value: numberAnswer(value, SIG3_OR_ABS), derivative: numberAnswer(derivative, SIG3_OR_ABS) };
}

/** An activation's value and slope at a point; the slope comes from the engine's backward pass. */
export const activationValue = defineFamily<Params>({
  id: "activation-value",
  version: 1,
  title: "Value and derivative of an activation",
  lesson: "activation-functions",
  skills: ["evaluating activations", "activation derivatives"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const pool: Name[][] = [
      ["sigmoid", "relu"],
      ["sigmoid", "tanh"],
      ["tanh", "leakyRelu", "softplus", "elu"],
    ];
    return { f: rng.choice(pool[level - 1]), z: niceNonZero(rng, -3, 3, 1, 0.2) };
  },
  render(p) {
    return {
      prompt: `For $${TEX[p.f]}$ at $z = ${fmt(p.z)}$, give the value $f(z)$ and the derivative $f'(z)$.`,
      parts: [
        { id: "value", label: "$f(z)$", placeholder: PLACEHOLDER_SIG3 },
        { id: "derivative", label: "$f'(z)$", placeholder: PLACEHOLDER_SIG3 },
      ],
    };
  },
  answer,
  hints(p) {
    return [`Evaluate $f$ at $z = ${fmt(p.z)}$ first; the derivative often reuses that value.`, `Use $${DERIVATIVE_RULE[p.f]}$.`];
  },
  solution(p) {
    const a = answer(p);
    return [
      `$f(${fmt(p.z)}) = ${shown(a.value)}$.`,
      `$${DERIVATIVE_RULE[p.f]}$.`,
      `$f(z) = ${shown(a.value)}$ and $f'(z) = ${shown(a.derivative)}$.`,
    ];
  },
  misconceptions(p) {
    const { value, derivative } = activationAt(p.f, p.z);
    const list: Misconception[] = [];
    if (p.f === "sigmoid") {
      list.push({
        id: "sigmoid-derivative-is-sigmoid",
        description: "Takes σ′ = σ.",
        input: { derivative: fmt(value) },
        feedback: "σ′(z) is σ(z)(1 − σ(z)), not σ(z) itself: multiply by (1 − σ(z)).",
      });
      list.push({
        id: "derivative-of-z",
        description: "Puts z into s(1 − s) instead of σ(z).",
        input: { derivative: fmt(p.z * (1 - p.z)) },
        feedback: `In σ(z)(1 − σ(z)) the s stands for σ(z) = ${fmt(value, 4)}, not for z.`,
      });
    }
    if (p.f === "tanh") {
      list.push({
        id: "tanh-derivative-not-squared",
        description: "Uses 1 − tanh z.",
        input: { derivative: fmt(1 - value) },
        feedback: "tanh′(z) = 1 − tanh²(z): square the tanh before subtracting.",
      });
      list.push({
        id: "derivative-of-z",
        description: "Uses 1 − z².",
        input: { derivative: fmt(1 - p.z * p.z) },
        feedback: `In 1 − t² the t is tanh(z) = ${fmt(value, 4)}, not z.`,
      });
    }
    if (p.f === "relu" && p.z > 0)
      list.push({
        id: "relu-derivative-is-value",
        description: "Gives ReLU′(z) = z.",
        input: { derivative: fmt(p.z) },
        feedback: "For z > 0 ReLU is the line y = z, whose slope is 1.",
      });
    if (p.f === "relu" && p.z < 0)
      list.push({
        id: "relu-negative-passes",
        description: "Lets negative z through.",
        input: { value: fmt(p.z) },
        feedback: "ReLU outputs max(0, z): negative inputs become 0.",
      });
    if ((p.f === "leakyRelu" || p.f === "elu") && p.z < 0)
      list.push({
        id: "negative-side-like-relu",
        description: "Treats it as ReLU for z < 0.",
        input: { value: "0", derivative: "0" },
        feedback: "Unlike ReLU, this activation does not flatten negative inputs to 0: use its negative branch.",
      });
    if (p.f === "softplus")
      list.push({
        id: "softplus-derivative-is-softplus",
        description: "Takes softplus′ = softplus.",
        input: { derivative: fmt(value) },
        feedback: "d/dz ln(1 + eᶻ) = eᶻ/(1 + eᶻ) = σ(z), not the softplus itself.",
      });
    if (value !== derivative)
      list.push({
        id: "swapped",
        description: "Swaps value and derivative.",
        input: { value: fmt(derivative), derivative: fmt(value) },
        feedback: "Value and derivative are swapped: f(z) is the function, f′(z) its slope.",
      });
    return list;
  },
});
