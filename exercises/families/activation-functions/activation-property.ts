import { activation, tensor } from "../../../src/lib/autodiff/index.ts";
import type { PlotSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { shown } from "../../support/answers.ts";

type Name = "sigmoid" | "tanh" | "relu" | "leakyRelu" | "softplus";
type Property = "unit-interval" | "zero-centred-bounded" | "dead-negative" | "leaky" | "smooth-relu";
interface Params {
  property: Property;
  /** The activations offered (the correct one among them), in display order. */
  offered: Name[];
  /** Level 1 shows names and curves; levels 2–3 show only curves labelled A, B, C… */
  namesShown: boolean;
  /** Display order: position k shows offered[order[k]]. */
  order: number[];
}

const OWNER: Record<Property, Name> = {
  "unit-interval": "sigmoid",
  "zero-centred-bounded": "tanh",
  "dead-negative": "relu",
  leaky: "leakyRelu",
  "smooth-relu": "softplus",
};
const QUESTION: Record<Property, string> = {
  "unit-interval": "Which activation squashes every input into the interval (0, 1), so that its output can be read as a probability?",
  "zero-centred-bounded": "Which activation is bounded *and* zero-centred (odd: f(−z) = −f(z))?",
  "dead-negative": "Which activation has a gradient of exactly zero for every negative input (so a neuron stuck there stops learning)?",
  leaky: "Which activation is piecewise linear but keeps a small non-zero slope for negative inputs?",
  "smooth-relu": "Which activation is smooth everywhere yet behaves like ReLU far from zero (≈ 0 for very negative z, ≈ z for large z)?",
};
const NAME: Record<Name, string> = { sigmoid: "sigmoid σ", tanh: "tanh", relu: "ReLU", leakyRelu: "Leaky ReLU (α = 0.2)", softplus: "softplus" };
const FACT: Record<Name, string> = {
  sigmoid: "sigmoid's outputs lie in (0, 1), centred on 0.5, and it is smooth",
  tanh: "tanh is bounded in (−1, 1) and zero-centred",
  relu: "ReLU is max(0, z): unbounded above, with zero slope for all z < 0",
  leakyRelu: "Leaky ReLU is piecewise linear with slope 0.2 for z < 0",
  softplus: "softplus is ln(1 + eᶻ): smooth, positive and ≈ ReLU far from 0",
};

/** The activation's curve on [−4, 4], computed by the engine, as chart data (computed once per name). */
const curves = new Map<Name, PlotSpec>();
function curve(name: Name): PlotSpec {
  const cached = curves.get(name);
  if (cached) return cached;
  const zs = Array.from({ length: 33 }, (_, i) => -4 + i * 0.25);
  const ys = activation(name)(tensor(zs, [zs.length], { dtype: "float64" })).data;
  const plot: PlotSpec = { kind: "curves", series: [{ name: NAME[name], points: zs.map((z, i) => [z, ys[i]]) }], xLabel: "z", yLabel: "f(z)", alt: `The curve of ${NAME[name]} for z from −4 to 4.` };
  curves.set(name, plot);
  return plot;
}

/** The options in display order, lettered a, b, c…; at levels 2–3 the label is only "Curve A", "Curve B"… */
function options(p: Params) {
  const idOf = {} as Record<Name, string>;
  const list = p.order.map((i, k) => {
    const name = p.offered[i];
    idOf[name] = String.fromCharCode(97 + k);
    return { id: idOf[name], label: p.namesShown ? NAME[name] : `Curve ${String.fromCharCode(65 + k)}`, plot: curve(name) };
  });
  return { list, idOf };
}
function answer(p: Params) {
  const { list, idOf } = options(p);
  return { choice: { kind: "choice" as const, options: list, correct: idOf[OWNER[p.property]] } };
}

/** Pick the activation with a stated property; options are the engine's own curves. */
export const activationProperty = defineFamily<Params>({
  id: "activation-property",
  version: 1,
  title: "Which activation has this property?",
  lesson: "activation-functions",
  skills: ["shapes of activation functions", "saturation and dead units"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const property = rng.choice(Object.keys(OWNER) as Property[]);
    const others = (Object.keys(NAME) as Name[]).filter((n) => n !== OWNER[property]);
    const offered = [OWNER[property], ...rng.shuffle(others).slice(0, level === 1 ? 2 : 3)];
    const order = rng.shuffle(offered.map((_, i) => i));
    return { property, offered, namesShown: level === 1, order };
  },
  render(p) {
    return {
      prompt: QUESTION[p.property] + (p.namesShown ? "" : " Each option is the curve of an activation on −4 ≤ z ≤ 4."),
      parts: [{ id: "choice", label: "activation" }],
    };
  },
  answer,
  hints(p) {
    return ["Look at each curve's range (its lowest and highest values) and its slope left of z = 0.", `The property to look for: ${QUESTION[p.property].replace(/^Which activation /, "it ").replace(/\?$/, ".")}`];
  },
  solution(p) {
    const owner = OWNER[p.property];
    return [...p.offered.filter((n) => n !== owner).map((n) => `Not this one: ${FACT[n]}.`), `${FACT[owner]}. The answer is ${shown(answer(p).choice)}.`];
  },
  misconceptions(p) {
    const { idOf } = options(p);
    return p.offered
      .filter((n) => n !== OWNER[p.property])
      .map((n) => ({ id: `chose-${n}`, description: `Chooses ${NAME[n]}.`, input: { choice: idOf[n] }, feedback: `That is ${NAME[n]}: ${FACT[n]}.` }));
  },
});
