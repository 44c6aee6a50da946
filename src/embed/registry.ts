/**
 * The widgets that can be embedded in other sites, one entry each: the /embed/<name> pages, the
 * oEmbed answers, the "Embed" buttons and the snippets are all generated from this list (the pages
 * map each name to its component, see src/pages/embed/[name].astro). Each widget's URL state comes
 * from its own schema and prefix — the same ones the lesson page uses — so an embed's address and
 * a lesson's address share one format.
 *
 * Not embeddable, on purpose: the instructor tools (src/teach: they keep the instructor's
 * assignments and gradebook in the Deep Sky site's own storage, and download files); the practice
 * dashboard (it shows the learner's progress, which a third-party iframe cannot see — browsers
 * partition its storage); the CNN classifier (it downloads 14–27 MB of WebAssembly on first use and
 * its lesson is still being written — add it here once it has settled); the autoencoder lab (the
 * same 14–27 MB of onnxruntime, plus two models; revisit together with the classifier); the
 * transfer-learning comparison (the same onnxruntime download, then up to half a minute of the
 * reader's CPU training a CNN from scratch in a worker — too heavy to drop into someone else's page;
 * it loads nothing until Train is pressed, so adding it later needs only its entry here and its line
 * in src/pages/embed/[name].astro). Single exercises are
 * embeddable, per family, at /embed/exercise/<family> (see exerciseEmbeds below).
 */
import type { Schema } from "../widgets/shared/urlState.ts";
import { activationSchema, ACTIVATION_PREFIX } from "../widgets/activation-explorer/activationModel.ts";
import { backpropSchema } from "../widgets/backprop-stepper/backpropStepperModel.ts";
import { descentSchema, DESCENT_PREFIX } from "../widgets/gradient-descent/descentModel.ts";
import { minibatchSchema } from "../widgets/minibatch-fit/minibatchFitModel.ts";
import { neuronSchema, NEURON_PREFIX } from "../widgets/neuron-explorer/neuronModel.ts";
import { raceSchema } from "../widgets/optimizer-race/optimizerRaceModel.ts";
import { trainerSchema, TRAINER_PREFIX } from "../widgets/shared/networkSpec.ts";
import { CHALLENGE_ID as TRAINER_CHALLENGE } from "../widgets/network-trainer/trainerModel.ts";
import { KERAS_CHALLENGE_ID } from "../widgets/keras-code/kerasCodegen.ts";
import { convSchema, CONV_PREFIX } from "../widgets/conv-explorer/convModel.ts";
import { forwardSchema, FORWARD_PREFIX } from "../widgets/diffusion/forwardNoisingModel.ts";
import { diffusion2dSchema, DIFFUSION_2D_PREFIX, CHALLENGE_2D } from "../widgets/diffusion/diffusion2dModel.ts";

export type EmbeddableWidget = {
  /** URL name: /embed/<name>/, /oembed/<name>.json. */
  name: string;
  /** Human title (the iframe's accessible name, the embed page's heading). */
  title: string;
  /** One sentence for the page description. */
  description: string;
  /** Lesson slug the widget belongs to ("Open in Deep Sky" goes there). */
  lesson: string;
  /** The widget's URL-state schema and prefix (null: the widget keeps no URL state). */
  schema: Schema | null;
  urlPrefix: string;
  /** Challenge id the widget reports in its lesson, if any (embeds report it as a result). */
  challenge?: string;
  /** Height in CSS px of a plain iframe (no loader) at 800 px wide, measured: the snippet's default. */
  height: number;
};

export const embeddableWidgets = [
  {
    name: "survey-chart",
    title: "Sky surveys: data volume over time",
    description: "Archive volume and data rate of sky surveys against first-light year.",
    lesson: "why-deep-learning",
    schema: null,
    urlPrefix: "",
    height: 760,
  },
  {
    name: "neuron-explorer",
    title: "Neuron explorer",
    description: "Move a neuron's weights and bias and watch its decision line separate two clusters.",
    lesson: "neurons-and-layers",
    schema: neuronSchema,
    urlPrefix: NEURON_PREFIX,
    challenge: "neuron-separate-clusters",
    height: 860,
  },
  {
    name: "activation-explorer",
    title: "Activation explorer",
    description: "Compare activation functions and their derivatives, and watch gradients vanish with depth.",
    lesson: "activation-functions",
    schema: activationSchema,
    urlPrefix: ACTIVATION_PREFIX,
    challenge: "activation-vanishing-gradient",
    height: 1430,
  },
  {
    name: "gradient-descent",
    title: "Gradient descent",
    description: "Step down a loss curve with a learning rate you choose, and find where it diverges.",
    lesson: "loss-and-gradient-descent",
    schema: descentSchema,
    urlPrefix: DESCENT_PREFIX,
    challenge: "gd-fast-and-divergent",
    height: 1350,
  },
  {
    name: "backprop-stepper",
    title: "Backpropagation, step by step",
    description: "Run the forward and backward pass of a small network one value at a time.",
    lesson: "backpropagation",
    schema: backpropSchema,
    urlPrefix: "bp",
    challenge: "backprop-flip-sign",
    height: 1540,
  },
  {
    name: "minibatch-fit",
    title: "Minibatch SGD",
    description: "Fit a line with full-batch, minibatch and stochastic gradient descent and compare their paths.",
    lesson: "sgd-and-minibatches",
    schema: minibatchSchema,
    urlPrefix: "mb",
    challenge: "sgd-one-epoch",
    height: 1200,
  },
  {
    name: "optimizer-race",
    title: "Optimizer race",
    description: "Race SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam across a loss surface.",
    lesson: "optimizers",
    schema: raceSchema,
    urlPrefix: "race",
    challenge: "race-adam-rosenbrock",
    height: 1710,
  },
  {
    name: "network-trainer",
    title: "Network trainer",
    description: "Build a small network, train it in your browser and read its learning curves.",
    lesson: "learning-curves",
    schema: trainerSchema,
    urlPrefix: TRAINER_PREFIX,
    challenge: TRAINER_CHALLENGE,
    height: 1570,
  },
  {
    name: "keras-code",
    title: "Keras code for a network",
    description: "The same network written in the three Keras styles, with its parameter count.",
    lesson: "keras-styles",
    schema: trainerSchema,
    urlPrefix: TRAINER_PREFIX,
    challenge: KERAS_CHALLENGE_ID,
    height: 2180,
  },
  {
    name: "conv-explorer",
    title: "Convolution explorer",
    description: "Slide a kernel over a galaxy image and see the feature map it makes.",
    lesson: "convolutional-networks",
    schema: convSchema,
    urlPrefix: CONV_PREFIX,
    height: 1130,
  },
  {
    name: "forward-noising",
    title: "Diffusion: the forward process",
    description: "Noise a galaxy image step by step and read √ᾱ, 1 − ᾱ and the signal-to-noise ratio of each step.",
    lesson: "diffusion-models",
    schema: forwardSchema,
    urlPrefix: FORWARD_PREFIX,
    height: 1110,
  },
  {
    name: "diffusion-2d",
    title: "Diffusion in two dimensions",
    description: "Train a small diffusion model on 2-D points in your browser and watch the reverse process generate samples.",
    lesson: "diffusion-models",
    schema: diffusion2dSchema,
    urlPrefix: DIFFUSION_2D_PREFIX,
    challenge: CHALLENGE_2D,
    height: 760,
  },
] as const satisfies readonly EmbeddableWidget[];

export type EmbedName = (typeof embeddableWidgets)[number]["name"];

export function embeddableWidget(name: string): EmbeddableWidget | undefined {
  return (embeddableWidgets as readonly EmbeddableWidget[]).find((w) => w.name === name);
}

/** Height of a plain iframe showing one exercise. */
export const EXERCISE_EMBED_HEIGHT = 760;

/** oEmbed discovery for a lesson page: one JSON per embeddable widget of the lesson at `pathname`. */
export function oembedLinksForPath(pathname: string, base: string): { href: string; title: string }[] {
  const match = pathname.startsWith(base) ? /^lessons\/([a-z0-9-]+)\/?$/.exec(pathname.slice(base.length)) : null;
  if (!match) return [];
  return (embeddableWidgets as readonly EmbeddableWidget[])
    .filter((w) => w.lesson === match[1])
    .map((w) => ({ href: `${base}oembed/${w.name}.json`, title: w.title }));
}
