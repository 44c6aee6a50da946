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
const NAME: Record<Name, string> = {
  sigmoid: "sigmoid σ",
  tanh: "tanh",
  relu: "ReLU",
  leakyRelu: "Leaky ReLU (α = 0.2)",
  softplus: "softplus",
};
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
  const plot: PlotSpec = {
    kind: "curves",
    series: [{ name: NAME[name], points: zs.map((z, i) => [z, ys[i]]) }],
    xLabel: "z",
    yLabel: "f(z)",
    alt: `The curve of ${NAME[name]} for z from −4 to 4.`,
  };
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

/**
 * Whether a plotted curve (z from −4 to 4 in steps of 0.25, as drawn) has the property, measured on
 * its points rather than looked up by name: this is the rule the key must agree with.
 */
export function curveHasProperty(points: readonly (readonly [number, number])[], property: Property): boolean {
  const ys = points.map(([, y]) => y);
  const zs = points.map(([z]) => z);
  const slopes = ys.slice(1).map((y, i) => (y - ys[i]) / (zs[i + 1] - zs[i]));
  const bends = slopes.slice(1).map((s, i) => s - slopes[i]);
  const left = slopes.filter((_, i) => zs[i + 1] <= 0);
  const first = ys[0];
  const last = ys[ys.length - 1];
  const odd = ys.every((y, i) => Math.abs(y + ys[ys.length - 1 - i]) < 1e-9);
  const kinks = bends.filter((b) => Math.abs(b) > 1e-9).length;
  switch (property) {
    case "unit-interval":
      return Math.min(...ys) > 0 && Math.max(...ys) < 1;
    case "zero-centred-bounded":
      return odd && Math.max(...ys.map(Math.abs)) < 1;
    case "dead-negative":
      return left.every((s) => s === 0) && slopes.some((s) => s > 0);
    case "leaky":
      return kinks === 1 && left.every((s) => s > 0 && s < 1);
    case "smooth-relu":
      // Smooth: no single kink carries the bend (it is spread over many points); ReLU-like at both ends.
      return kinks > 2 && Math.abs(first) < 0.05 && Math.abs(last - zs[zs.length - 1]) < 0.05;
  }
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
  rule(p, _part, id) {
    const option = answer(p).choice.options.find((o) => o.id === id);
    return option?.plot !== undefined && curveHasProperty(option.plot.series[0].points, p.property);
  },
  decidableFromFigure(p) {
    const having = answer(p).choice.options.filter((o) => o.plot !== undefined && curveHasProperty(o.plot.series[0].points, p.property));
    return having.length === 1 ? true : `${having.length} of the plotted curves have the property “${p.property}”`;
  },
  hints(p) {
    return [
      "Look at each curve's range (its lowest and highest values) and its slope left of z = 0.",
      `The property to look for: ${QUESTION[p.property].replace(/^Which activation /, "it ").replace(/\?$/, ".")}`,
    ];
  },
  solution(p) {
    const owner = OWNER[p.property];
    return [
      ...p.offered.filter((n) => n !== owner).map((n) => `Not this one: ${FACT[n]}.`),
      `${FACT[owner]}. The answer is ${shown(answer(p).choice)}.`,
    ];
  },
  misconceptions(p) {
    const { idOf } = options(p);
    return p.offered
      .filter((n) => n !== OWNER[p.property])
      .map((n) => ({
        id: `chose-${n}`,
        description: `Chooses ${NAME[n]}.`,
        input: { choice: idOf[n] },
        feedback: `That is ${NAME[n]}: ${FACT[n]}.`,
      }));
  },
});
