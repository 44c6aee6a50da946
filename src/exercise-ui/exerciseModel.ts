/**
 * The exercise card's pure logic: what each input starts as, moving ordering items, sorting
 * feedback onto parts, and the words the card shows. The card (ExerciseCard.tsx) only wires these
 * to the DOM.
 */
import type { Feedback, Score } from "../lib/grading/index.ts";
import type { PartView } from "../../exercises/family.ts";
import { badgeInfo, HINT_COST, type AttemptOutcome } from "../game/progressApi.ts";

/** Starting input for every part: empty, except ordering parts, which start in the shown order. */
export function initialInputs(parts: readonly PartView[]): Record<string, string> {
  return Object.fromEntries(parts.map((p) => [p.id, p.kind === "ordering" ? (p.items ?? []).map((i) => i.id).join(", ") : ""]));
}

/** The ids of an ordering input ("b, a, c"). */
export function orderOf(input: string): string[] {
  return input
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `order` with the item at `index` moved by `delta` places (clamped to the ends). */
export function moveItem(order: readonly string[], index: number, delta: number): string[] {
  const next = [...order];
  const target = Math.min(order.length - 1, Math.max(0, index + delta));
  if (index < 0 || index >= order.length || target === index) return next;
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}

export type SortedFeedback = { byPart: Record<string, Feedback[]>; general: Feedback[] };

/** Feedback lines grouped by the part they are about; the rest is about the whole exercise. */
export function sortFeedback(score: Score | null, partIds: readonly string[]): SortedFeedback {
  const byPart: Record<string, Feedback[]> = Object.fromEntries(partIds.map((id) => [id, []]));
  const general: Feedback[] = [];
  if (score?.kind !== "points") return { byPart, general };
  for (const f of score.feedback) {
    if (f.part !== undefined && byPart[f.part]) byPart[f.part]!.push(f);
    else general.push(f);
  }
  return { byPart, general };
}

/** The word shown with a verdict (icons and colour only repeat it). */
export const VERDICT_TEXT: Record<Feedback["verdict"], string> = {
  correct: "Correct",
  incorrect: "Not quite",
  misconception: "A common mistake",
  info: "Note",
};

export const VERDICT_ICON: Record<Feedback["verdict"], string> = {
  correct: "✓",
  incorrect: "✗",
  misconception: "!",
  info: "i",
};

/** True when a feedback message only repeats its verdict ("Correct."), so it is not shown twice. */
export function sameAsVerdict(f: Pick<Feedback, "verdict" | "message">): boolean {
  return f.message.trim().replace(/[.!]$/, "").toLowerCase() === VERDICT_TEXT[f.verdict].toLowerCase();
}

/**
 * The accepted answer to show under a part, or null. Grading always says what was accepted; the
 * page shows it only once the exercise is closed (answered right, given up, or out of attempts):
 * shown after a first wrong answer, it could simply be typed back for full points.
 */
export function acceptedToShow(f: Pick<Feedback, "verdict" | "accepted">, closed: boolean): string | null {
  return closed && f.accepted && f.verdict !== "correct" ? f.accepted : null;
}

/** The hint button's text: which hint, and that it costs XP. */
export function hintLabel(shown: number, total: number, cost = HINT_COST): string {
  if (shown >= total) return "No more hints";
  return `Show hint ${shown + 1} of ${total} (−${cost} XP)`;
}

/** A one-line summary of a graded answer for the live region. */
export function resultSummary(score: Score): string {
  if (score.kind === "invalid") return score.message;
  if (score.earned >= score.total) return `All right: ${score.earned} of ${score.total} ${score.total === 1 ? "point" : "points"}.`;
  return `${score.earned} of ${score.total} ${score.total === 1 ? "point" : "points"}. See the feedback under your answer.`;
}

/** The XP toast after a graded answer: short, and only what changed. Empty when nothing did. */
export function toastText(
  outcome: Pick<AttemptOutcome, "xpGained" | "newBadges" | "levelUp"> & { attempt?: { tries?: number } },
  hintsTaken: number,
): string {
  const pieces: string[] = [];
  const tries = outcome.attempt?.tries ?? 0;
  const why = [
    tries > 0 ? `try ${tries + 1} pays 1/${2 ** tries}` : "",
    hintsTaken > 0 ? `after −${hintsTaken * HINT_COST} XP for hints` : "",
  ]
    .filter(Boolean)
    .join(", ");
  if (outcome.xpGained > 0) pieces.push(`+${outcome.xpGained} XP${why ? ` (${why})` : ""}`);
  if (outcome.levelUp) pieces.push(`New level: ${outcome.levelUp.name}`);
  for (const id of outcome.newBadges) if (!id.startsWith("level:")) pieces.push(`Badge: ${badgeInfo(id).title}`);
  return pieces.join(" · ");
}

/**
 * A fresh seed for "another one like this": six digits, short enough to read out or share in a
 * URL. The random source is injected (crypto in the browser, a fixed function in tests).
 */
export function newSeed(random: () => number, avoid?: string): string {
  for (let i = 0; i < 10; i++) {
    const seed = String(100_000 + Math.floor(random() * 900_000));
    if (seed !== avoid) return seed;
  }
  return String(Number(avoid ?? 0) + 1);
}
