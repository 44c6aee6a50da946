import { defineFamily } from "../../family.ts";
import { letteredOptions, shown } from "../../support/answers.ts";
import type { ChoiceOption } from "../../../src/lib/grading/index.ts";

type Api = "sequential" | "functional" | "subclassing";
interface Params {
  scenario: number;
  options: ChoiceOption[];
  idOf: Record<Api, string>;
}

/**
 * What the architecture needs, as facts: how many inputs and outputs, whether the graph branches or
 * merges, and whether the forward pass does something data-dependent or custom (loops, own losses).
 */
interface Graph {
  inputs: number;
  outputs: number;
  branches: boolean;
  dynamic: boolean;
}
const SCENARIOS: { text: string; graph: Graph; api: Api; why: string }[] = [
  {
    text: "a plain stack of layers — Conv2D, pooling, Dense — with one image input and one class output",
    graph: { inputs: 1, outputs: 1, branches: false, dynamic: false },
    api: "sequential",
    why: "a single chain of layers, one input and one output, is exactly what Sequential expresses",
  },
  {
    text: "a classifier that takes both a galaxy image and a table of its photometric colours, merged before the last Dense layers",
    graph: { inputs: 2, outputs: 1, branches: true, dynamic: false },
    api: "functional",
    why: "two inputs merged into one graph need the functional API (Sequential has a single input)",
  },
  {
    text: "a residual block whose input is added to its output (a skip connection)",
    graph: { inputs: 1, outputs: 1, branches: true, dynamic: false },
    api: "functional",
    why: "a skip connection makes the graph branch and rejoin, which Sequential cannot express",
  },
  {
    text: "one network with two heads: a morphology class and a photometric redshift",
    graph: { inputs: 1, outputs: 2, branches: true, dynamic: false },
    api: "functional",
    why: "several outputs from one shared trunk is a graph, written with the functional API",
  },
  {
    text: "a model whose forward pass runs a Python loop a data-dependent number of times",
    graph: { inputs: 1, outputs: 1, branches: false, dynamic: true },
    api: "subclassing",
    why: "control flow that depends on the data lives in a subclass's call() method",
  },
  {
    text: "a VAE whose call() computes and adds its own KL-divergence loss while sampling the latent with the reparameterisation trick",
    graph: { inputs: 1, outputs: 1, branches: false, dynamic: true },
    api: "subclassing",
    why: "custom behaviour inside the forward pass (extra losses, sampling) is what subclassing keras.Model is for",
  },
];
const NAMES: Record<Api, string> = {
  sequential: "keras.Sequential",
  functional: "the functional API (keras.Model(inputs, outputs))",
  subclassing: "subclassing keras.Model",
};
const WHEN: Record<Api, string> = {
  sequential: "Sequential only handles one input, one output and a straight chain of layers",
  functional: "the functional API builds any static graph of layers, but no data-dependent Python control flow inside the model",
  subclassing:
    "subclassing works for everything but gives up the automatic graph, summary and easy serialisation; reach for it only when needed",
};

function answer(p: Params) {
  return { choice: { kind: "choice" as const, options: p.options, correct: p.idOf[SCENARIOS[p.scenario].api] } };
}

/**
 * The rule, from the facts alone: behaviour inside the forward pass needs subclassing; any other
 * graph that is not one straight chain with one input and one output needs the functional API;
 * otherwise Sequential is the simplest.
 */
export function simplestApi(g: Graph): Api {
  if (g.dynamic) return "subclassing";
  if (g.inputs > 1 || g.outputs > 1 || g.branches) return "functional";
  return "sequential";
}

/** Pick the Keras model-building style that fits an architecture. */
export const kerasApi = defineFamily<Params>({
  id: "keras-api",
  version: 1,
  title: "Sequential, functional or subclassing?",
  lesson: "keras-styles",
  skills: ["Keras Sequential", "functional API", "model subclassing"],
  levels: [1, 2],
  generate(rng, level) {
    const pool = SCENARIOS.map((_, i) => i).filter((i) => (level === 1 ? i < 3 : i >= 2));
    const scenario = rng.choice(pool);
    const { options, idOf } = letteredOptions(
      rng,
      (Object.keys(NAMES) as Api[]).map((key) => ({ key, label: NAMES[key] })),
    );
    return { scenario, options, idOf };
  },
  render(p) {
    return {
      prompt: `You need ${SCENARIOS[p.scenario].text}. Which Keras style is the simplest that can express it?`,
      parts: [{ id: "choice", label: "style" }],
    };
  },
  answer,
  rule(p, _part, id) {
    return (Object.keys(NAMES) as Api[]).some((api) => p.idOf[api] === id && api === simplestApi(SCENARIOS[p.scenario].graph));
  },
  hints() {
    return [
      "Ask first: is it a single straight chain of layers with one input and one output?",
      "If not, is it still a fixed graph of layers (branches, merges, several inputs or outputs)? Only data-dependent behaviour inside the forward pass needs subclassing.",
    ];
  },
  solution(p) {
    const s = SCENARIOS[p.scenario];
    return [`Here ${s.why}.`, `Answer: ${shown(answer(p).choice)}.`];
  },
  misconceptions(p) {
    const right = SCENARIOS[p.scenario].api;
    return (Object.keys(NAMES) as Api[])
      .filter((a) => a !== right)
      .map((a) => ({
        id: `chose-${a}`,
        description: `Chooses ${a}.`,
        input: { choice: p.idOf[a] },
        feedback: `Not the best fit: ${WHEN[a]}.`,
      }));
  },
});
