import { For, Show, createMemo, createSignal, createUniqueId, mergeProps, onCleanup, onMount } from "solid-js";
import {
  emptyProgress,
  exportProgress as progressFile,
  getProgress,
  importProgress as readProgressFile,
  localDayKey,
  noticeMessage,
  onProgressChange,
  progressStore,
  type ImportMode,
  type Notice,
  type ProgressV1,
} from "../game/progressApi.ts";
import { dashboard, plural, type SkillRow } from "./dashboard.ts";
import { PracticeSession } from "./PracticeSession.tsx";
import { parsePracticeUrl } from "./practiceUrl.ts";
import { familiesForFocus, type ExerciseRef } from "./session.ts";
import styles from "./practice.module.css";

export type PracticePageProps = {
  /** Lessons that have exercises, in course order: the chooser's options. */
  lessons: readonly { slug: string; title: string }[];
  /** Every skill the registry's families train, grouped by lesson (course order). */
  skillGroups: readonly { title: string; skills: readonly string[] }[];
  /** Site base URL. Default "/". */
  base?: string;
};

/** Skills with a bar and their value in words (the bar is decoration; the text is the value). */
function SkillList(props: { rows: readonly SkillRow[]; testid?: string }) {
  return (
    <ul class={styles.skills} data-testid={props.testid}>
      <For each={props.rows}>
        {(row) => (
          <li data-skill={row.skill} data-mastered={row.mastered ? "" : undefined}>
            <div class={styles.skillHead}>
              <span>{row.skill}</span>
              <span class={styles.skillValue}>
                {row.percent} %{row.mastered ? " · mastered ✓" : ""}
              </span>
            </div>
            <span class={styles.meter} aria-hidden="true">
              <span style={{ width: `${row.percent}%` }} />
            </span>
          </li>
        )}
      </For>
    </ul>
  );
}

/** Saves text as a file through a temporary link (no server involved). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The /practice page's island: the learner's level, XP, streak, badges and mastery; a chooser of
 * what to practise (or "chosen for you" by mastery); the exercise; and the learner's data —
 * export, import (merge or replace) and reset — plus notices about progress that could not be read.
 */
export function PracticePage(props: PracticePageProps) {
  const merged = mergeProps({ base: "/" }, props);
  const uid = createUniqueId();
  const [progress, setProgress] = createSignal<ProgressV1>(emptyProgress());
  const [notices, setNotices] = createSignal<Notice[]>([]);
  const [today, setToday] = createSignal("1970-01-01");
  const [focus, setFocus] = createSignal("all");
  const [initial, setInitial] = createSignal<ExerciseRef | undefined>(undefined);
  const [ready, setReady] = createSignal(false);
  const [dataStatus, setDataStatus] = createSignal<{ kind: "ok" | "error"; text: string } | null>(null);
  const [importMode, setImportMode] = createSignal<ImportMode>("merge");
  let fileInput: HTMLInputElement | undefined;
  let dialog: HTMLDialogElement | undefined;

  const refresh = () => {
    setProgress(getProgress());
    setNotices(progressStore().notices());
    setToday(localDayKey(Date.now()));
  };

  onMount(() => {
    const url = parsePracticeUrl(location.search);
    if (url.focus) setFocus(url.focus);
    if (url.family && url.seed) setInitial({ family: url.family, seed: url.seed, level: url.level ?? 1 });
    refresh();
    onCleanup(onProgressChange(refresh));
    setReady(true);
  });

  const allSkills = createMemo(() => [...new Set(merged.skillGroups.flatMap((g) => g.skills))]);
  const view = createMemo(() => dashboard(progress(), today(), allSkills()));
  const rowOf = (skill: string) => view().skills.find((r) => r.skill === skill)!;
  const families = createMemo(() => familiesForFocus(focus()));

  const exportProgress = () => {
    download(`deep-sky-progress-${localDayKey(Date.now())}.json`, progressFile(progressStore()));
    setDataStatus({ kind: "ok", text: "Progress exported: a JSON file was downloaded. Import it on another device to carry on there." });
  };

  const importProgress = async (event: SubmitEvent) => {
    event.preventDefault();
    const file = fileInput?.files?.[0];
    if (!file) {
      setDataStatus({ kind: "error", text: "Choose a progress file (.json) first." });
      return;
    }
    const result = readProgressFile(progressStore(), await file.text(), importMode());
    setDataStatus(result.ok ? { kind: "ok", text: result.summary } : { kind: "error", text: result.message });
    if (result.ok && fileInput) fileInput.value = "";
    refresh();
  };

  const confirmReset = () => {
    const key = progressStore().reset();
    dialog?.close();
    setDataStatus({
      kind: "ok",
      text: key ? "Progress reset. The previous progress was kept as a backup in this browser." : "Progress reset.",
    });
    refresh();
  };

  return (
    <div data-widget="practice-page" data-ready={ready() ? "" : undefined}>
      <For each={notices()}>
        {(notice) => (
          <section class={styles.notice} role="alert" data-testid="progress-notice" data-kind={notice.kind}>
            <p>{noticeMessage(notice)}</p>
            <div class={styles.row}>
              <Show when={notice.backupKey}>
                {(key) => (
                  <>
                    <button
                      type="button"
                      class="button"
                      onClick={() => download("deep-sky-progress-backup.json", progressStore().backupText(key()) ?? "")}
                    >
                      Download the backup
                    </button>
                    <button
                      type="button"
                      class="button"
                      onClick={() => {
                        progressStore().dismissNotice(key());
                        refresh();
                      }}
                    >
                      Dismiss (keep the backup)
                    </button>
                  </>
                )}
              </Show>
            </div>
          </section>
        )}
      </For>

      <div class={styles.page}>
        <section class={styles.main} aria-labelledby={`${uid}-practise`}>
          <h2 id={`${uid}-practise`}>Practise</h2>
          <div class={styles.chooser}>
            <label>
              What to practise
              <select
                class={styles.select}
                value={focus()}
                onChange={(e) => {
                  setInitial(undefined);
                  setFocus(e.currentTarget.value);
                }}
              >
                <option value="all">What should I practise next? (chosen by mastery)</option>
                <optgroup label="A lesson">
                  <For each={merged.lessons}>{(l) => <option value={`lesson:${l.slug}`}>{l.title}</option>}</For>
                </optgroup>
                <optgroup label="A skill">
                  <For each={allSkills()}>{(s) => <option value={`skill:${s}`}>{s}</option>}</For>
                </optgroup>
              </select>
            </label>
          </div>
          <p class={styles.small}>
            Exercises come from the families you choose; the one you know least comes first, and levels rise as your mastery does.
          </p>
          <Show when={ready()} fallback={<p class={styles.loading}>Loading an exercise…</p>}>
            <PracticeSession families={families()} initial={initial()} syncUrl focus={focus()} base={merged.base} headingLevel={3} />
          </Show>
        </section>

        <div class={styles.side}>
          <section class={styles.panel} aria-labelledby={`${uid}-level`} data-testid="level-panel">
            <h2 id={`${uid}-level`}>Your level</h2>
            <p class={styles.levelName} data-testid="level-name">
              {view().level.level.name}
            </p>
            <p class={styles.levelFull}>{view().level.level.fullName}</p>
            <progress
              class={styles.bar}
              max="1"
              value={view().level.fraction}
              aria-label={view().level.next ? `Progress to ${view().level.next!.name}` : "Top level reached"}
            />
            <p class={styles.small} data-testid="level-progress">
              {view().level.next
                ? `${Math.round(view().level.fraction * 100)} % of the way to ${view().level.next!.name}: ${view().level.toNext} XP to go.`
                : "Top level: SKA. Every exercise still sharpens your mastery."}
            </p>
            <dl class={styles.stats}>
              <div>
                <dt>XP</dt>
                <dd data-testid="xp">{view().xp}</dd>
              </div>
              <div>
                <dt>Streak</dt>
                <dd data-testid="streak">{plural(view().streak.current, "day")}</dd>
              </div>
              <div>
                <dt>Answers</dt>
                <dd data-testid="answers">{view().answers}</dd>
              </div>
            </dl>
            <p class={styles.small}>
              Best streak {plural(view().streak.best, "day")}.{" "}
              {view().streak.today || view().streak.current === 0 ? "" : "Practise today to keep your streak."}
            </p>
          </section>

          <section class={styles.panel} aria-labelledby={`${uid}-mastery`}>
            <h2 id={`${uid}-mastery`}>Mastery by skill</h2>
            <p class={styles.small}>
              The chance you know each skill, updated after every answer (Bayesian knowledge tracing). 95 % counts as mastered.
            </p>
            <Show when={view().practised.length > 0} fallback={<p class={styles.small}>Answer an exercise to see your mastery here.</p>}>
              <SkillList rows={view().practised} testid="mastery" />
            </Show>
            <details class={styles.group}>
              <summary>All {allSkills().length} skills, by lesson</summary>
              <For each={merged.skillGroups}>
                {(group) => (
                  <>
                    <h3>{group.title}</h3>
                    <SkillList rows={group.skills.map(rowOf)} />
                  </>
                )}
              </For>
            </details>
          </section>

          <section class={styles.panel} aria-labelledby={`${uid}-badges`}>
            <h2 id={`${uid}-badges`}>Badges</h2>
            <Show
              when={view().badges.length > 0}
              fallback={<p class={styles.small}>No badges yet: answer an exercise fully right to earn “First light”.</p>}
            >
              <ul class={styles.badges} data-testid="badges">
                <For each={view().badges}>
                  {(b) => (
                    <li data-badge={b.id}>
                      <span class={styles.badgeIcon} aria-hidden="true">
                        ★
                      </span>
                      <span>
                        <strong>{b.title}</strong>
                        <small>{b.description}</small>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>

          <section class={styles.panel} aria-labelledby={`${uid}-data`}>
            <h2 id={`${uid}-data`}>Your data</h2>
            <p class={styles.small}>Progress is saved in this browser only. Export it to keep a copy or to continue on another device.</p>
            <div class={styles.row}>
              <button type="button" class="button" onClick={exportProgress}>
                Export progress
              </button>
              <button type="button" class={`button ${styles.danger}`} onClick={() => dialog?.showModal()}>
                Reset progress…
              </button>
            </div>
            <form class={styles.dataForm} onSubmit={importProgress}>
              <label for={`${uid}-file`}>Import progress from a file</label>
              <input id={`${uid}-file`} ref={fileInput} class={styles.fileInput} type="file" accept=".json,application/json" />
              <fieldset>
                <legend>When importing</legend>
                <label>
                  <input
                    type="radio"
                    name={`${uid}-mode`}
                    value="merge"
                    checked={importMode() === "merge"}
                    onChange={() => setImportMode("merge")}
                  />{" "}
                  Merge with the progress here
                </label>
                <label>
                  <input
                    type="radio"
                    name={`${uid}-mode`}
                    value="replace"
                    checked={importMode() === "replace"}
                    onChange={() => setImportMode("replace")}
                  />{" "}
                  Replace the progress here (a backup is kept)
                </label>
              </fieldset>
              <div>
                <button type="submit" class="button">
                  Import
                </button>
              </div>
            </form>
            <p class={styles.status} role="status" data-kind={dataStatus()?.kind} data-testid="data-status">
              {dataStatus()?.text ?? ""}
            </p>
          </section>
        </div>
      </div>

      <dialog ref={dialog} class={styles.dialog} aria-labelledby={`${uid}-reset-title`} aria-describedby={`${uid}-reset-text`}>
        <h2 id={`${uid}-reset-title`}>Reset all progress?</h2>
        <p id={`${uid}-reset-text`}>
          XP, streak, badges and mastery start again from zero. A backup of the current progress is kept in this browser, but export it
          first if you want a copy you can import later.
        </p>
        <div class={styles.row}>
          <button type="button" class="button" onClick={() => dialog?.close()} autofocus>
            Cancel
          </button>
          <button type="button" class={`button ${styles.dangerSolid}`} onClick={confirmReset}>
            Reset progress
          </button>
        </div>
      </dialog>
    </div>
  );
}
