import type { ChoiceOption } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { letteredOptions, shown } from "../../support/answers.ts";

type Strategy = "feature-extraction" | "fine-tune-top" | "fine-tune-all" | "from-scratch";
interface Params {
  scenario: number;
  options: ChoiceOption[];
  idOf: Record<Strategy, string>;
}

/**
 * The classic decision table for transfer learning (how much labelled data, and how similar it is to
 * the pretraining data), told with astronomy datasets.
 */
/** The two questions that decide it (how much data, how similar), plus whether the input fits the network at all. */
interface DataFacts {
  labelled: number;
  domain: "similar" | "different";
  inputFits: boolean;
}
const SCENARIOS: { text: string; data: DataFacts; strategy: Strategy; why: string }[] = [
  {
    text: "You have 300 labelled SDSS colour images of galaxies and a network pretrained on millions of everyday colour photographs.",
    data: { labelled: 300, domain: "similar", inputFits: true },
    strategy: "feature-extraction",
    why: "with very little data, training many weights would overfit; the pretrained features (edges, textures, shapes) transfer, so freeze the base and train only a new head",
  },
  {
    text: "You have 8,000 labelled galaxy images, and a network pretrained on a large galaxy survey with a different set of classes.",
    data: { labelled: 8000, domain: "similar", inputFits: true },
    strategy: "fine-tune-top",
    why: "a moderate amount of data from a similar domain: keep the generic early layers frozen and fine-tune the top layers with the new head, at a small learning rate",
  },
  {
    text: "You have 200,000 labelled radio-interferometer images (one channel, very unlike photographs) and a network pretrained on everyday photographs.",
    data: { labelled: 200000, domain: "different", inputFits: true },
    strategy: "fine-tune-all",
    why: "plenty of data but a different domain: start from the pretrained weights and fine-tune the whole network at a small learning rate, so every layer can adapt",
  },
  {
    text: "You have 5 million labelled simulated spectra (1-D) and the only pretrained networks available were trained on 2-D photographs.",
    data: { labelled: 5000000, domain: "different", inputFits: false },
    strategy: "from-scratch",
    why: "the input type does not even match the pretrained networks, and there is a huge dataset: design and train a model for spectra from scratch",
  },
];
const NAME: Record<Strategy, string> = {
  "feature-extraction": "Freeze the whole pretrained base; train only a new classification head",
  "fine-tune-top": "Freeze the early layers; fine-tune the top layers and a new head",
  "fine-tune-all": "Fine-tune the whole pretrained network at a small learning rate",
  "from-scratch": "Train a new model from scratch",
};
const WHEN: Record<Strategy, string> = {
  "feature-extraction": "freezing everything suits very small datasets similar to the pretraining data",
  "fine-tune-top": "fine-tuning only the top layers suits moderate datasets from a similar domain",
  "fine-tune-all": "fine-tuning everything suits large datasets, especially from a different domain",
  "from-scratch":
    "training from scratch throws away useful features; it pays off only with huge data or an input the pretrained model cannot take",
};

function answer(p: Params) {
  return { choice: { kind: "choice" as const, options: p.options, correct: p.idOf[SCENARIOS[p.scenario].strategy] } };
}

/**
 * The decision table as a rule on the facts: an input the pretrained network cannot take means
 * training from scratch; very little data (under a few thousand images) means feature extraction;
 * a moderate set from a similar domain means fine-tuning the top; plenty of data or a different
 * domain means fine-tuning everything.
 */
export function bestStrategy(d: DataFacts): Strategy {
  if (!d.inputFits) return "from-scratch";
  if (d.labelled < 2000) return "feature-extraction";
  if (d.domain === "similar" && d.labelled < 50000) return "fine-tune-top";
  return "fine-tune-all";
}

/** Choose a transfer-learning strategy from the dataset's size and similarity to the pretraining data. */
export const transferStrategy = defineFamily<Params>({
  id: "transfer-strategy",
  version: 1,
  title: "Which transfer-learning strategy?",
  lesson: "transfer-learning",
  skills: ["feature extraction", "fine-tuning", "dataset size and domain similarity"],
  levels: [1, 2],
  generate(rng, level) {
    const scenario = level === 1 ? rng.int(0, 2) : rng.int(0, SCENARIOS.length);
    const { options, idOf } = letteredOptions(
      rng,
      (Object.keys(NAME) as Strategy[]).map((key) => ({ key, label: NAME[key] })),
    );
    return { scenario, options, idOf };
  },
  render(p) {
    return { prompt: `${SCENARIOS[p.scenario].text} What is the best strategy?`, parts: [{ id: "choice", label: "strategy" }] };
  },
  answer,
  rule(p, _part, id) {
    return (Object.keys(NAME) as Strategy[]).some(
      (strategy) => p.idOf[strategy] === id && strategy === bestStrategy(SCENARIOS[p.scenario].data),
    );
  },
  hints() {
    return [
      "Two questions decide it: how much labelled data do you have, and how similar is it to the data the network was pretrained on?",
      "The less data you have, the fewer weights you can afford to train; the more different the domain, the more layers must adapt.",
    ];
  },
  solution(p) {
    return [`Here ${SCENARIOS[p.scenario].why}.`, `Answer: ${shown(answer(p).choice)}.`];
  },
  misconceptions(p) {
    const right = SCENARIOS[p.scenario].strategy;
    return (Object.keys(NAME) as Strategy[])
      .filter((s) => s !== right)
      .map((s) => ({ id: `chose-${s}`, description: `Chooses ${s}.`, input: { choice: p.idOf[s] }, feedback: `Not here: ${WHEN[s]}.` }));
  },
});
