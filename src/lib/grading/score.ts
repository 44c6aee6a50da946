/**
 * The result of grading one submission. "invalid" means the input could not be read (it never costs
 * an attempt); "points" is a graded attempt with per-part feedback.
 */
export type Score =
  | {
      kind: "invalid";
      /** Plain text for people; with several parts it starts with the unreadable part's label. */
      message: string;
      /**
       * With several parts: which one could not be read, and why (the message without the label),
       * so a page can show the label as it shows it next to the field (e.g. as typeset maths).
       */
      part?: { id: string; why: string };
    }
  | { kind: "points"; earned: number; total: number; feedback: Feedback[] };

/** One line of feedback, usually about one answer part. */
export interface Feedback {
  /** The answer part this is about; absent for feedback on the whole exercise. */
  part?: string;
  /** "misconception" marks a recognised mistake (the part earns no points). */
  verdict: "correct" | "incorrect" | "misconception" | "info";
  /** What the learner reads. */
  message: string;
  /** The accepted answer or interval, shown after grading, e.g. "accepted: 0.731 ± 0.001". */
  accepted?: string;
  /** Id of the recognised misconception when verdict is "misconception". */
  misconception?: string;
}

/** Outcome of a parser: the value, or a message saying what was wrong with the text. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** True when a score earned every point. */
export function isFullScore(score: Score): boolean {
  return score.kind === "points" && score.earned === score.total;
}
