/** What every answer-kind component of one part receives (the card and the assignment page alike). */
import type { Feedback } from "../lib/grading/index.ts";
import type { PartView } from "../../exercises/family.ts";

export type AnswerPartProps = {
  part: PartView;
  /** The raw input (choice: an option id; ordering: comma-separated ids). */
  value: string;
  onInput: (value: string) => void;
  /** Feedback of the last graded answer about this part (empty before any). */
  feedback: readonly Feedback[];
  /** No more changes (answered right, closed, or solution shown). */
  disabled: boolean;
  /** Whether the accepted answer may be shown under a wrong part (see PartFeedback). */
  reveal: boolean;
  /** The field's id; the feedback is `${id}-feedback`. */
  id: string;
  /** Markdown + TeX → inline HTML (renderInline with the page's KaTeX). */
  inline: (markdown: string) => string;
  /** Speaks a short message in the card's polite live region (e.g. "moved to position 2 of 5"). */
  announce: (text: string) => void;
};

/** The element id of a part's feedback (what its field is described by). */
export const feedbackIdOf = (id: string) => `${id}-feedback`;
