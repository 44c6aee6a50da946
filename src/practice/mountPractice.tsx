import { render } from "solid-js/web";
import { PracticeSession, type PracticeSessionProps } from "./PracticeSession.tsx";

/**
 * Mounts a practice session into `root` on demand (a lesson's "Start practising" button), so
 * lesson pages fetch no exercise code until the learner asks for it. Returns the unmount function.
 */
export function mountPractice(root: HTMLElement, props: PracticeSessionProps): () => void {
  return render(() => <PracticeSession {...props} />, root);
}
