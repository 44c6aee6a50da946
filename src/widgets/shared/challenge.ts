/**
 * The one place where lesson widgets report a completed challenge. It records the completion in the
 * game layer (progressApi.completeChallenge: XP and a badge, once); the lesson layout listens for the
 * resulting `deep-sky:progress` event and marks the challenge box done with `message`. Safe to call
 * repeatedly; does nothing on the server.
 */
import { completeChallenge } from "../../game/progressApi.ts";

export function reportChallengeComplete(id: string, message = "Completed — well done!"): void {
  if (typeof window === "undefined") return;
  const box = document.querySelector<HTMLElement>(`[data-challenge="${CSS.escape(id)}"]`);
  if (box) box.dataset.doneMessage = message;
  completeChallenge(id);
}
