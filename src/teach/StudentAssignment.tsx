import { For, Show, createMemo, createSignal, createUniqueId, onCleanup, onMount } from "solid-js";
import type { Assignment, SessionState } from "../../exercises/assignments/index.ts";
import type { Exercise } from "../../exercises/registry.ts";
import {
  assignedExercises,
  attemptsLeft,
  bestPoints,
  checkStudentId,
  decodeAssignment,
  encodeReceipt,
  exerciseFor,
  exerciseCount,
  isClosed,
  mergeSessions,
  newSession,
  openHint,
  parseSession,
  regradeRef,
  receiptFile,
  savedVersion,
  serializeSession,
  sessionScore,
  setDraft,
  storageKey,
  submit,
  toReceipt,
} from "../../exercises/assignments/index.ts";
import type { Score } from "../lib/grading/index.ts";
import { initialInputs } from "../exercise-ui/exerciseModel.ts";
import type { MathRenderer } from "../exercise-ui/renderPrompt.ts";
import { AssignmentExercise } from "./AssignmentExercise.tsx";
import { copyText, downloadFile, loadMath, readStorage, writeStorage } from "./browser.ts";
import { fileStem } from "./builderModel.ts";
import styles from "./teach.module.css";

export type StudentAssignmentProps = {
  /** Site base URL. Default "/". */
  base?: string;
};

const LAST_STUDENT_KEY = "deep-sky:assignment-student";

type Loaded = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ok"; assignment: Assignment };

/**
 * /assignment#a1.…: reads the assignment from the fragment (validated; errors shown as text), asks
 * for a name or ID, gives that student their own variant, saves progress in this browser, and makes
 * a receipt (a copyable code and a downloadable file) at any time.
 */
export function StudentAssignment(_props: StudentAssignmentProps) {
  const uid = createUniqueId();
  const [loaded, setLoaded] = createSignal<Loaded>({ kind: "loading" });
  const [studentField, setStudentField] = createSignal("");
  const [studentError, setStudentError] = createSignal("");
  const [session, setSession] = createSignal<SessionState | null>(null);
  const [exercises, setExercises] = createSignal<Exercise[]>([]);
  const [math, setMath] = createSignal<MathRenderer | null>(null);
  const [notice, setNotice] = createSignal("");
  const [receipt, setReceipt] = createSignal<{ code: string; file: string } | null>(null);
  const [status, setStatus] = createSignal("");
  const [backup, setBackup] = createSignal<{ name: string; text: string } | null>(null);
  let receiptField: HTMLTextAreaElement | undefined;

  const read = () => {
    setSession(null);
    setReceipt(null);
    const decoded = decodeAssignment(location.hash);
    setLoaded(decoded.ok ? { kind: "ok", assignment: decoded.value } : { kind: "error", message: decoded.message });
  };

  /** Another tab saved this student's work: merge it in, so attempts and closed exercises agree across tabs. */
  const onStorage = (event: StorageEvent) => {
    const a = assignment();
    const s = session();
    if (!a || !s || event.newValue === null || event.key !== storageKey(a, s.student)) return;
    const theirs = parseSession(event.newValue, a, s.student);
    if (theirs !== null && !("error" in theirs)) setSession(mergeSessions(a, s, theirs));
  };

  onMount(() => {
    read();
    setStudentField(readStorage(LAST_STUDENT_KEY) ?? "");
    window.addEventListener("hashchange", read);
    window.addEventListener("storage", onStorage);
    onCleanup(() => {
      window.removeEventListener("hashchange", read);
      window.removeEventListener("storage", onStorage);
    });
    loadMath()
      .then((render) => setMath(() => render))
      .catch((error) => setNotice(`The maths renderer could not be loaded (${error instanceof Error ? error.message : String(error)}).`));
  });

  const assignment = (): Assignment | null => {
    const l = loaded();
    return l.kind === "ok" ? l.assignment : null;
  };

  /** `s` merged with what is stored now (another tab may have saved since): localStorage is read synchronously, so nothing in between is lost. */
  const withStored = (a: Assignment, s: SessionState): SessionState => {
    const stored = parseSession(readStorage(storageKey(a, s.student)), a, s.student);
    return stored !== null && !("error" in stored) ? mergeSessions(a, s, stored) : s;
  };

  const save = (next: SessionState) => {
    const a = assignment();
    const s = a ? withStored(a, next) : next;
    setSession(s);
    setReceipt(null);
    if (a && !writeStorage(storageKey(a, s.student), serializeSession(s)))
      setNotice("This browser does not let the page save your work; make a receipt before you leave.");
  };

  const start = (event: SubmitEvent) => {
    event.preventDefault();
    const a = assignment();
    if (!a) return;
    const checked = checkStudentId(studentField());
    if (!checked.ok) {
      setStudentError(checked.message);
      return;
    }
    setStudentError("");
    writeStorage(LAST_STUDENT_KEY, checked.value);
    const list = assignedExercises(a, checked.value).map((ref) => exerciseFor(ref));
    setExercises(list);
    const key = storageKey(a, checked.value);
    const raw = readStorage(key);
    const saved = parseSession(raw, a, checked.value);
    if (raw !== null && saved !== null && "error" in saved) {
      // Unreadable or newer saved work is kept, never overwritten by the first keystroke.
      const name = `${key}:backup:${Date.now()}`;
      const kept = writeStorage(name, raw);
      const newer = (savedVersion(raw) ?? 1) > 1;
      setBackup({ name: `backup-${fileStem(a.title)}-${fileStem(checked.value)}.json`, text: raw });
      setNotice(
        `${newer ? "Your saved work for this assignment comes from a newer version of this site and cannot be read here; starting afresh." : saved.error} ${kept ? "The saved copy was kept in this browser as a backup" : "The saved copy could not be kept in this browser"}; download it below and keep it (your instructor can read it).`,
      );
    }
    const restored = saved !== null && !("error" in saved) ? saved : null;
    setSession(
      restored ??
        newSession(
          a,
          checked.value,
          Date.now(),
          list.map((e) => e.parts.length),
        ),
    );
    if (restored && restored.work.some((w) => w.submissions.length > 0))
      setNotice("Welcome back: your saved answers on this device are restored.");
    queueMicrotask(() => document.getElementById(`${uid}-work`)?.focus());
  };

  const check = (j: number): Score => {
    const a = assignment()!;
    // Another tab may have used the last attempt (or answered right) a moment ago.
    const s = withStored(a, session()!);
    const e = exercises()[j]!;
    if (isClosed(a, s, j)) {
      setSession(s);
      return {
        kind: "invalid",
        message:
          "This exercise was closed in another tab or window (no attempts left, or already answered right); this answer was not graded.",
      };
    }
    const input = { ...initialInputs(e.parts), ...s.work[j]!.draft };
    const score = regradeRef({ family: e.id, version: e.version, level: e.level, seed: e.seed }, [input]).scores[0]!;
    if (score.kind === "points") save(submit(a, s, j, input, score.earned, Date.now()));
    return score;
  };

  const makeReceipt = () => {
    const a = assignment();
    const s = session();
    if (!a || !s) return;
    const r = toReceipt(a, s, Date.now());
    const code = encodeReceipt(r);
    setReceipt({ code, file: receiptFile(r, code) });
    setStatus("Receipt ready: copy the code or download the file, and hand it in.");
  };

  const score = createMemo(() => (session() ? sessionScore(session()!) : { earned: 0, total: 0 }));

  return (
    <div class={styles.student} data-widget="student-assignment" data-state={loaded().kind} data-started={session() ? "" : undefined}>
      <Show when={loaded().kind === "loading"}>
        <p class={styles.muted}>Reading the assignment from the link…</p>
      </Show>
      <Show when={loaded().kind === "error"}>
        <div class={styles.errorBox} role="alert" data-testid="assignment-error">
          <h2>This assignment link cannot be opened</h2>
          <p>{(loaded() as { message: string }).message}</p>
        </div>
      </Show>
      <Show when={assignment()}>
        {(a) => (
          <>
            <header class={styles.assignmentHeader}>
              <h2 data-testid="assignment-title">{a().title}</h2>
              <p class={styles.muted}>
                {exerciseCount(a())} exercises · {a().attempts} {a().attempts === 1 ? "attempt" : "attempts"} each · hints{" "}
                {a().hints ? "allowed" : "not allowed"}
                <Show when={a().due}> · due {a().due}</Show>
              </p>
            </header>
            <Show when={notice()}>
              <p class={styles.notice} role="status">
                {notice()}
              </p>
            </Show>
            <Show when={backup()}>
              {(b) => (
                <p>
                  <button type="button" class="button" onClick={() => downloadFile(b().name, b().text, "application/json")}>
                    Download the backup of your saved work
                  </button>
                </p>
              )}
            </Show>
            <Show
              when={session()}
              fallback={
                <form class={styles.panel} onSubmit={start} novalidate>
                  <label class={styles.field} for={`${uid}-student`}>
                    <span>Your name or student ID</span>
                  </label>
                  <div class={styles.copyRow}>
                    <input
                      id={`${uid}-student`}
                      name="student"
                      type="text"
                      autocomplete="off"
                      maxLength={80}
                      value={studentField()}
                      onInput={(e) => setStudentField(e.currentTarget.value)}
                      aria-describedby={`${uid}-student-help`}
                      aria-invalid={studentError() ? "true" : undefined}
                    />
                    <button type="submit" class="button primary">
                      Start
                    </button>
                  </div>
                  <p id={`${uid}-student-help`} class={styles.muted}>
                    Use exactly what your instructor asked for: your numbers come from it (capitals and extra spaces do not matter). Your
                    answers are saved in this browser.
                  </p>
                  <p class={styles.error} aria-live="polite" data-testid="student-error">
                    {studentError()}
                  </p>
                </form>
              }
            >
              {(s) => (
                <>
                  <div class={styles.progressRow} id={`${uid}-work`} tabindex="-1">
                    <p>
                      Working as <strong data-testid="student-name">{s().student}</strong> ·{" "}
                      <span data-testid="score">
                        {score().earned} of {score().total} points so far
                      </span>
                    </p>
                    <button
                      type="button"
                      class="button"
                      onClick={() => {
                        setSession(null);
                        setReceipt(null);
                        setNotice("");
                      }}
                    >
                      Not you? Change
                    </button>
                  </div>
                  <Show when={math()} fallback={<p class={styles.muted}>Loading the maths renderer…</p>}>
                    {(render) => (
                      <For each={exercises()}>
                        {(e, j) => (
                          <AssignmentExercise
                            exercise={e}
                            index={j()}
                            count={exercises().length}
                            renderMath={render()}
                            draft={{ ...initialInputs(e.parts), ...session()!.work[j()]!.draft }}
                            onDraft={(part, value) => save(setDraft(session()!, j(), part, value))}
                            onCheck={() => check(j())}
                            attemptsUsed={session()!.work[j()]!.submissions.length}
                            attemptsAllowed={a().attempts}
                            best={bestPoints(session()!.work[j()]!)}
                            closed={isClosed(a(), session()!, j())}
                            hintsAllowed={a().hints}
                            hintsShown={session()!.work[j()]!.hints}
                            onHint={() => save(openHint(session()!, j()))}
                          />
                        )}
                      </For>
                    )}
                  </Show>
                  <section class={styles.panel} aria-labelledby={`${uid}-receipt`}>
                    <h2 id={`${uid}-receipt`}>Hand in: your receipt</h2>
                    <p class={styles.muted}>
                      Make a receipt when you are done (or any time — a later one replaces it). It holds your answers as typed, your
                      attempts and times; your instructor regrades it, so the score in it is only for your information.{" "}
                      {exercises().filter((_, j) => attemptsLeft(a(), session()!, j) === a().attempts).length > 0
                        ? `${exercises().filter((_, j) => attemptsLeft(a(), session()!, j) === a().attempts).length} exercise(s) not answered yet.`
                        : ""}
                    </p>
                    <button type="button" class="button primary" onClick={makeReceipt}>
                      Make receipt
                    </button>
                    <Show when={receipt()}>
                      {(r) => (
                        <div class={styles.receipt}>
                          <label for={`${uid}-code`}>Receipt code</label>
                          <textarea
                            id={`${uid}-code`}
                            ref={receiptField}
                            class={styles.code}
                            readOnly
                            rows={4}
                            value={r().code}
                            data-testid="receipt-code"
                          />
                          <div class={styles.copyRow}>
                            <button
                              type="button"
                              class="button"
                              onClick={async () =>
                                setStatus(
                                  (await copyText(r().code, receiptField))
                                    ? "Receipt code copied."
                                    : "Select the code and copy it (Ctrl+C / ⌘C).",
                                )
                              }
                            >
                              Copy code
                            </button>
                            <button
                              type="button"
                              class="button"
                              onClick={() =>
                                downloadFile(`receipt-${fileStem(a().title)}-${fileStem(s().student)}.json`, r().file, "application/json")
                              }
                            >
                              Download receipt file
                            </button>
                          </div>
                        </div>
                      )}
                    </Show>
                    <p class={styles.status} aria-live="polite">
                      {status()}
                    </p>
                  </section>
                </>
              )}
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
