/** Titles and descriptions of badges (the rules that award them are in badges.ts). */
import { IN_A_ROW, STREAK_DAYS } from "./badges.ts";
import { LEVELS } from "./levels.ts";
import { MASTERY_THRESHOLD } from "./mastery.ts";

export type BadgeInfo = { id: string; title: string; description: string };

export const BADGES: readonly BadgeInfo[] = [
  { id: "first-light", title: "First light", description: "Answered an exercise fully right for the first time." },
  { id: "ten-in-a-row", title: "Clear night", description: `${IN_A_ROW} fully right answers in a row.` },
  { id: "week-streak", title: "Observing run", description: `Practised on ${STREAK_DAYS} days in a row.` },
  { id: "first-challenge", title: "Into the playground", description: "Completed a lesson's challenge." },
  { id: "hundred-right", title: "Survey complete", description: "100 exercises fully right at the first try." },
];

/**
 * The name of each lesson challenge's badge and the lesson it belongs to, by challenge id (the id in
 * the lesson's frontmatter; src/game cannot read the lessons, and a test checks this table against
 * them so a new or renamed challenge cannot fall back to its slug).
 */
export const CHALLENGE_BADGES: Readonly<Record<string, { title: string; lesson: string }>> = {
  "neuron-separate-clusters": { title: "Line drawer", lesson: "Neurons, layers, weights and biases" },
  "activation-vanishing-gradient": { title: "Vanishing act", lesson: "Activation functions" },
  "gd-fast-and-divergent": { title: "Downhill racer", lesson: "Loss and gradient descent" },
  "backprop-flip-sign": { title: "Sign flipper", lesson: "Backpropagation" },
  "sgd-one-epoch": { title: "One-epoch wonder", lesson: "SGD and minibatches" },
  "race-adam-rosenbrock": { title: "Valley runner", lesson: "Momentum, AdaGrad, RMSProp and Adam" },
  "learning-curves-spirals": { title: "Spiral tamer", lesson: "Learning curves, over- and underfitting" },
  "keras-97-params": { title: "Exactly 97", lesson: "Keras: sequential and functional" },
  "cnn-misclassified": { title: "Fooled the classifier", lesson: "Convolutional networks" },
  "transfer-few-labels": { title: "Ten labels", lesson: "Transfer learning" },
  "autoencoder-anomaly": { title: "Anomaly hunter", lesson: "Autoencoders" },
  "diffusion-2d-samples": { title: "Two moons", lesson: "Diffusion models" },
};

/** Title and description of any badge id, parametrised ones included. */
export function badgeInfo(id: string): BadgeInfo {
  const fixed = BADGES.find((b) => b.id === id);
  if (fixed) return fixed;
  const [kind, ...rest] = id.split(":");
  const arg = rest.join(":");
  if (kind === "challenge") {
    const known = CHALLENGE_BADGES[arg];
    // An unknown id (a challenge removed since it was earned) still gets words, not the slug.
    if (known) return { id, title: known.title, description: `Completed the challenge of the lesson “${known.lesson}”.` };
    return { id, title: "Challenge completed", description: "Completed a lesson's challenge (one no longer in the course)." };
  }
  if (kind === "mastered")
    return { id, title: `Mastered: ${arg}`, description: `Mastery of "${arg}" reached ${Math.round(MASTERY_THRESHOLD * 100)} %.` };
  if (kind === "level") {
    const level = LEVELS.find((l) => l.survey === arg);
    return {
      id,
      title: `Level ${level?.name ?? arg}`,
      description: `Reached the ${level?.name ?? arg} level (${level?.minXp ?? "?"} XP).`,
    };
  }
  return { id, title: id, description: "" };
}
