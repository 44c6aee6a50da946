import { Match, Switch } from "solid-js";
import { feedbackIdOf, type AnswerPartProps } from "./answerPartTypes.ts";
import { ChoiceAnswer } from "./ChoiceAnswer.tsx";
import { OrderingAnswer } from "./OrderingAnswer.tsx";
import { PartFeedback } from "./PartFeedback.tsx";
import { TextAnswer } from "./TextAnswer.tsx";
import styles from "./exercise.module.css";

/**
 * One answer part, as the exercise card, the assignment page and embeds show it: the field its kind
 * calls for (typed text, a choice, an ordering) and its feedback underneath.
 */
export function AnswerPart(props: AnswerPartProps) {
  const wrong = () => props.feedback.some((f) => f.verdict === "incorrect" || f.verdict === "misconception");
  const verdict = () => props.feedback.find((f) => f.verdict !== "info")?.verdict;
  return (
    <div class={styles.part} data-kind={props.part.kind} data-verdict={verdict()}>
      <Switch fallback={<TextAnswer {...props} wrong={wrong()} />}>
        <Match when={props.part.kind === "choice"}>
          <ChoiceAnswer {...props} />
        </Match>
        <Match when={props.part.kind === "ordering"}>
          <OrderingAnswer {...props} />
        </Match>
      </Switch>
      <PartFeedback
        id={feedbackIdOf(props.id)}
        partId={props.part.id}
        feedback={props.feedback}
        reveal={props.reveal}
        inline={props.inline}
      />
    </div>
  );
}
