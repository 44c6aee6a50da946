/**
 * The parts of the course, drawn as constellations on the home page's star chart.
 * Order here is the order of the course.
 */
export const PARTS = [
  { id: "foundations", name: "Foundations", constellation: "The Neuron", blurb: "What a network is made of." },
  { id: "training", name: "Training", constellation: "The Descent", blurb: "How a network learns from its errors." },
  { id: "vision", name: "Seeing the sky", constellation: "The Lens", blurb: "Convolutional networks on galaxy images." },
  { id: "generative", name: "Compressing and generating", constellation: "The Nebula", blurb: "Autoencoders and diffusion models." },
  { id: "practice", name: "In practice", constellation: "The Toolkit", blurb: "Writing models the way Keras does." },
] as const;

export type PartId = (typeof PARTS)[number]["id"];

export const PART_IDS = PARTS.map((part) => part.id) as [PartId, ...PartId[]];
