import { For, Index, Show, createMemo, createSignal, createUniqueId, onMount } from "solid-js";
import type { JSX } from "solid-js";
import type { ExerciseFamily, Input, PartView } from "../../exercises/family.ts";
import { exerciseRng } from "../../exercises/family.ts";
import type { PlotSpec, Score } from "../lib/grading/index.ts";
import { helpOn, recordAttempt, recordHelp } from "../game/progressApi.ts";
import { AnswerPart } from "../exercise-ui/AnswerPart.tsx";
import { InvalidMessage } from "../exercise-ui/InvalidMessage.tsx";
import { ResultSummary } from "../exercise-ui/ResultSummary.tsx";
import { PlotChart } from "../exercise-ui/PlotChart.tsx";
import { initialInputs, resultSummary, sortFeedback, toastText } from "../exercise-ui/exerciseModel.ts";
import { renderInline } from "../exercise-ui/renderPrompt.ts";
import card from "../exercise-ui/exercise.module.css";
import { tableRenderer } from "./checkInMath.ts";
import styles from "./checkInCard.module.css";

export type CheckInCardProps = {
  family: string;
  version: number;
  seed: string;
  level: number;
  title: string;
  lesson: string;
  skills: string[];
  /** The prompt, typeset at build time. */
  promptHtml: string;
  figure?: PlotSpec;
  parts: PartView[];
  /** The worked solution's steps, typeset at build time. */
  solutionHtml: string[];
  /** TeX → HTML for the labels and feedback (checkInMath.ts). */
  math: Record<string, string>;
  /** The family's module among exercises/families (the glob key below). */
  moduleKey: string;
  practiceHref: string;
  /** What the learner had typed or chosen before this card replaced the page's static copy. */
  initial?: Input;
  /** Grade as soon as the family's code has loaded (Check was pressed on the static copy). */
  checkOnLoad?: boolean;
};

// One lazy chunk per family file: a check-in fetches only its own family (and the grading code it
// shares with the others), never the whole registry. The query makes these copies modules of their
// own: were the family files themselves dynamic imports, the bundler would have to split the
// registry's chunk into forty (~25 kB more gzipped on the practice page, forty more requests).
const familyModules = import.meta.glob<Record<string, unknown>>(["../../exercises/families/*/*.ts", "!**/*.test.ts"], {
  query: "?check-in",
});

async function loadFamily(key: string, id: string): Promise<ExerciseFamily<unknown>> {
  const load = familyModules[key];
  if (!load) throw new Error(`No exercise module ${key}`);
  const module = await load();
  const family = Object.values(module).find((value) => (value as { id?: unknown } | null)?.id === id);
  if (!family) throw new Error(`${key} does not define ${id}`);
  return family as ExerciseFamily<unknown>;
}

/**
 * The compact exercise card of a check-in: the question (prepared at build time by CheckIn.astro,
 * which also renders this card as static HTML; mountCheckIn swaps in the live one on first use),
 * its answer fields (the exercise UI's own AnswerPart), Check, "show the solution" and a link to
 * more of the same kind on the practice page. Graded in the browser by the family's own code and
 * recorded like practice (progressApi.recordAttempt, with the lesson), so XP, mastery, streak and
 * badges follow and the header updates. No hints here: a check-in is a quick look; practice has them.
 */
export function CheckInCard(props: CheckInCardProps) {
  const uid = createUniqueId();
  const id = (name: string) => `checkin-${uid}-${name}`;
  const inline = (text: string) => renderInline(text, tableRenderer(props.math));

  const [family, setFamily] = createSignal<ExerciseFamily<unknown> | null>(null);
  const [loadFailed, setLoadFailed] = createSignal(false);
  // The parts never change after the build, so reading them once is right.
  // eslint-disable-next-line solid/reactivity
  const [inputs, setInputs] = createSignal<Input>({ ...initialInputs(props.parts), ...props.initial });
  const [score, setScore] = createSignal<Score | null>(null);
  const [invalid, setInvalid] = createSignal<Extract<Score, { kind: "invalid" }> | null>(null);
  const [graded, setGraded] = createSignal(0);
  const [solutionShown, setSolutionShown] = createSignal(false);
  const [toast, setToast] = createSignal("");
  const [announce, setAnnounce] = createSignal("");
  let pending = false;

  onMount(() => {
    pending = props.checkOnLoad === true;
    loadFamily(props.moduleKey, props.family).then(
      (f) => {
        setFamily(f);
        if (pending) grade();
      },
      () => setLoadFailed(true),
    );
  });

  const sorted = createMemo(() =>
    sortFeedback(
      score(),
      props.parts.map((p) => p.id),
    ),
  );
  const full = () => {
    const s = score();
    return s?.kind === "points" && s.earned >= s.total;
  };
  const locked = () => solutionShown() || full();

  const instance = () => ({ family: props.family, version: props.version, seed: props.seed, level: props.level });
  // A solution shown before a reload stays shown (and the exercise pays nothing more): the store keeps it.
  onMount(() => {
    if (helpOn(instance())?.solution) setSolutionShown(true);
  });

  const record = (earned: number, total: number) => {
    const outcome = recordAttempt({
      family: props.family,
      version: props.version,
      seed: props.seed,
      level: props.level,
      skills: props.skills,
      lesson: props.lesson,
      earned,
      total,
      hints: 0,
    });
    if (outcome) setToast(toastText(outcome, 0));
  };

  const check: JSX.EventHandler<HTMLFormElement, SubmitEvent> = (event) => {
    event.preventDefault();
    grade();
  };

  const grade = () => {
    const f = family();
    // Check pressed while the family's code is still on its way: grade once it is here.
    pending = !f;
    if (locked() || !f) return;
    if (f.version !== props.version) {
      // The page was built with another version of the family: its answers may differ; don't grade.
      setLoadFailed(true);
      return;
    }
    const params = f.generate(exerciseRng(f.id, f.version, props.seed, props.level), props.level);
    const result = f.grade(params, inputs());
    if (result.kind === "invalid") {
      // Unreadable input is not an attempt: nothing is recorded.
      setInvalid(result);
      return;
    }
    setInvalid(null);
    setScore(result);
    setGraded((n) => n + 1);
    setAnnounce(resultSummary(result));
    record(result.earned, result.total);
  };

  const giveUp = () => {
    if (graded() === 0) record(0, props.parts.length);
    recordHelp(instance(), { solution: true });
    setSolutionShown(true);
    setAnnounce("The worked solution is shown below.");
  };

  return (
    <div class={styles.checkIn} data-check-in data-family={props.family} data-seed={props.seed} data-ready={family() ? "" : undefined}>
      <div
        role="group"
        class={`${card.card} ${styles.card}`}
        data-widget="exercise"
        data-family={props.family}
        data-seed={props.seed}
        data-level={props.level}
        aria-labelledby={id("title")}
      >
        <p class={styles.eyebrow}>Check-in</p>
        <h3 id={id("title")} class={card.title}>
          {props.title}
        </h3>
        <div class={card.prompt} data-testid="prompt" innerHTML={props.promptHtml} />
        <Show when={props.figure}>{(figure) => <PlotChart spec={figure()} />}</Show>

        <form class={card.form} onSubmit={check} novalidate aria-describedby={id("invalid")}>
          <For each={props.parts}>
            {(part) => (
              <AnswerPart
                part={part}
                value={inputs()[part.id] ?? ""}
                onInput={(v) => setInputs((prev) => ({ ...prev, [part.id]: v }))}
                feedback={sorted().byPart[part.id] ?? []}
                disabled={locked()}
                reveal={locked()}
                id={id(`part-${part.id}`)}
                inline={inline}
                announce={setAnnounce}
              />
            )}
          </For>
          <InvalidMessage id={id("invalid")} invalid={invalid()} parts={props.parts} inline={inline} />
          <div class={card.actions}>
            <button type="submit" class="button primary" disabled={locked()}>
              Check
            </button>
            <Show when={!solutionShown()}>
              <button type="button" class="button" onClick={giveUp}>
                {graded() > 0 ? "Show worked solution" : "Show the solution"}
              </button>
            </Show>
            <a class={styles.more} href={props.practiceHref}>
              More like this
            </a>
          </div>
        </form>

        <Show when={loadFailed()}>
          <p role="alert">This question could not be graded here. Reload the page, or try it on the practice page.</p>
        </Show>

        <ResultSummary score={score()} full={full()} general={sorted().general} inline={inline} />

        <Show when={solutionShown()}>
          <section class={card.solution} aria-labelledby={id("solution")} data-testid="solution">
            <h4 id={id("solution")}>Worked solution</h4>
            <ol>
              <Index each={props.solutionHtml}>{(step) => <li innerHTML={step()} />}</Index>
            </ol>
          </section>
        </Show>

        <p class={card.toast} aria-live="polite" data-testid="xp-toast" data-shown={toast() ? "" : undefined}>
          {toast()}
        </p>
        <p class="visually-hidden" aria-live="polite">
          {announce()}
        </p>
      </div>
    </div>
  );
}
