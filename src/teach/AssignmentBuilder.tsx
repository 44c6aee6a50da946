import { For, Index, Show, createMemo, createSignal, createUniqueId, mergeProps, onMount } from "solid-js";
import type { Assignment } from "../../exercises/assignments/index.ts";
import type { Exercise } from "../../exercises/registry.ts";
import { families } from "../../exercises/registry.ts";
import {
  LIMITS,
  PREVIEW_STUDENT,
  accessFor,
  assignedExercises,
  checkStudentId,
  decodeAssignment,
  exerciseFor,
  exportReport,
  findFamily,
  keyHash,
  moodleXml,
  newInstructorKey,
  qtiPackage,
  splitInstructorKey,
} from "../../exercises/assignments/index.ts";
import type { MathRenderer } from "../exercise-ui/renderPrompt.ts";
import { copyText, downloadFile, loadMath, randomWord } from "./browser.ts";
import {
  assignmentToForm,
  defaultForm,
  fileStem,
  formToAssignment,
  instructorLink,
  newAssignmentId,
  studentLink,
  type BuilderForm,
  type BuilderRow,
} from "./builderModel.ts";
import { ExerciseSheet } from "./ExerciseSheet.tsx";
import styles from "./teach.module.css";

export type AssignmentBuilderProps = {
  /** Site base URL. Default "/". */
  base?: string;
  /** Lesson slugs → titles, for grouping the family list. */
  lessonTitles: Record<string, string>;
};

/**
 * /teach: choose families, levels and counts, title, due date, attempts and hints; get the student
 * link (the assignment lives in its fragment) and the instructor link (the same plus a secret key),
 * a printable worksheet and answer key for any student ID (or a preview), and Moodle XML / QTI 2.1
 * exports. An existing assignment opens here only from its instructor link (instructorKey.ts).
 */
export function AssignmentBuilder(props: AssignmentBuilderProps) {
  const merged = mergeProps({ base: "/" }, props);
  const uid = createUniqueId();
  const id = (name: string) => `builder-${uid}-${name}`;
  const [form, setForm] = createSignal<BuilderForm>(defaultForm("pending0", families));
  const [origin, setOrigin] = createSignal("");
  const [status, setStatus] = createSignal("");
  const [math, setMath] = createSignal<MathRenderer | null>(null);
  const [sheet, setSheet] = createSignal<"worksheet" | "key">("worksheet");
  const [sheetStudent, setSheetStudent] = createSignal("");
  const [variants, setVariants] = createSignal(5);
  const [notice, setNotice] = createSignal("");
  // The secret that makes this page's links instructor links; "" until mounted (made in the browser only).
  const [key, setKey] = createSignal("");
  let linkField: HTMLInputElement | undefined;
  let instructorField: HTMLInputElement | undefined;

  onMount(async () => {
    setOrigin(location.origin);
    // An instructor link's fragment opens its assignment here for editing (same id and key: same
    // numbers for students); a student link does not, since this page shows answer keys.
    const given = location.hash.length > 1 ? splitInstructorKey(location.hash) : null;
    const fromLink = given ? decodeAssignment(given.link) : null;
    const access = fromLink?.ok ? accessFor(fromLink.value, given!.key) : null;
    if (fromLink?.ok && access !== "student") {
      setForm(assignmentToForm(fromLink.value));
      setKey(access === "instructor" ? given!.key! : newInstructorKey(randomWord));
      setNotice(
        access === "instructor"
          ? "Opened the assignment from its instructor link for editing. Any change makes new links."
          : "Opened an assignment made before instructor links: it now gets an instructor key, so its links change (students' numbers do not).",
      );
    } else {
      if (fromLink && !fromLink.ok) setNotice(fromLink.message);
      if (fromLink?.ok)
        setNotice(
          `This is the student link of “${fromLink.value.title}”. Editing it, its answer key and its exports need the instructor link, which only its instructor has. Below is a new, empty assignment.`,
        );
      setForm((f) => ({ ...f, id: newAssignmentId(randomWord) }));
      setKey(newInstructorKey(randomWord));
    }
    try {
      setMath(() => null);
      const render = await loadMath();
      setMath(() => render);
    } catch (error) {
      setNotice(`The maths renderer could not be loaded (${error instanceof Error ? error.message : String(error)}).`);
    }
  });

  const made = createMemo(() => formToAssignment(form()));
  const hash = createMemo(() => (key() ? keyHash(key()) : undefined));
  const assignment = (): Assignment | null => {
    const m = made();
    const h = hash();
    return m.ok && h ? { ...m.value, keyHash: h } : null;
  };
  const link = createMemo(() => {
    const a = assignment();
    return a && origin() ? studentLink(origin(), merged.base, a) : "";
  });
  const teacherLink = createMemo(() => {
    const a = assignment();
    return a && origin() ? instructorLink(origin(), merged.base, a, key()) : "";
  });
  const sheetStudentCheck = createMemo(() => (sheetStudent().trim() === "" ? null : checkStudentId(sheetStudent())));
  const sheetExercises = createMemo((): Exercise[] => {
    const a = assignment();
    if (!a) return [];
    const who = sheetStudentCheck();
    const student = who === null ? PREVIEW_STUDENT : who.ok ? who.value : PREVIEW_STUDENT;
    return assignedExercises(a, student).map((ref) => exerciseFor(ref));
  });

  const update = (patch: Partial<BuilderForm>) => setForm((f) => ({ ...f, ...patch }));
  const updateRow = (i: number, patch: Partial<BuilderRow>) =>
    setForm((f) => ({ ...f, rows: f.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  const lessons = [...new Set(families.map((f) => f.lesson))];

  // What each export cannot carry faithfully (charts as images, formulas graded by hand, …), derived
  // from the assignment and variant count as they are now, so the list never describes an older set.
  const [reportFormat, setReportFormat] = createSignal<"moodle" | "qti">("moodle");
  const report = createMemo(() => {
    const a = assignment();
    return a ? exportReport(a, variants(), reportFormat()) : [];
  });

  const exportFile = (kind: "moodle" | "qti") => {
    const a = assignment();
    if (!a) return;
    try {
      if (kind === "moodle") downloadFile(`${fileStem(a.title)}-moodle.xml`, moodleXml(a, variants()), "application/xml");
      else downloadFile(`${fileStem(a.title)}-qti21.zip`, qtiPackage(a, variants()), "application/zip");
      setReportFormat(kind);
      setStatus(kind === "moodle" ? "Moodle XML downloaded." : "QTI 2.1 package downloaded.");
    } catch (error) {
      setStatus(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div class={styles.builder} data-widget="assignment-builder" data-ready={math() ? "" : undefined}>
      <Show when={notice()}>
        <p class={`${styles.notice} no-print`} role="status">
          {notice()}
        </p>
      </Show>
      <form class={`${styles.panel} no-print`} onSubmit={(e) => e.preventDefault()} aria-labelledby={id("settings")}>
        <h2 id={id("settings")}>1. Settings</h2>
        <div class={styles.grid}>
          <div class={styles.field}>
            <label for={id("title")}>Title</label>
            <input
              id={id("title")}
              type="text"
              name="title"
              maxLength={LIMITS.titleLength}
              value={form().title}
              onInput={(e) => update({ title: e.currentTarget.value })}
            />
          </div>
          <div class={styles.field}>
            <label for={id("due")}>Due date (optional)</label>
            <input id={id("due")} type="date" name="due" value={form().due} onInput={(e) => update({ due: e.currentTarget.value })} />
          </div>
          <div class={styles.field}>
            <label for={id("attempts")}>Attempts per exercise</label>
            <input
              id={id("attempts")}
              type="number"
              name="attempts"
              min="1"
              max={LIMITS.attempts}
              value={form().attempts}
              onInput={(e) => update({ attempts: e.currentTarget.valueAsNumber })}
            />
          </div>
          <label class={styles.check}>
            <input type="checkbox" name="hints" checked={form().hints} onChange={(e) => update({ hints: e.currentTarget.checked })} />
            <span>Students may open hints</span>
          </label>
        </div>

        <h2 id={id("exercises")}>2. Exercises</h2>
        <p class={styles.muted}>Each student gets their own numbers for every exercise; the structure is the same for everyone.</p>
        <ol class={styles.rows} aria-labelledby={id("exercises")}>
          <Index each={form().rows}>
            {(row, i) => {
              const family = () => findFamily(row().family);
              return (
                <li class={styles.row} data-row={i}>
                  <div class={styles.field}>
                    <label for={id(`family-${i}`)}>Exercise family {i + 1}</label>
                    <select
                      id={id(`family-${i}`)}
                      name="family"
                      value={row().family}
                      onChange={(e) => {
                        const f = findFamily(e.currentTarget.value);
                        updateRow(i, {
                          family: e.currentTarget.value,
                          level: f && !f.levels.includes(row().level) ? f.levels[0]! : row().level,
                        });
                      }}
                    >
                      <For each={lessons}>
                        {(lesson) => (
                          <optgroup label={merged.lessonTitles[lesson] ?? lesson}>
                            <For each={families.filter((f) => f.lesson === lesson)}>
                              {(f) => (
                                <option value={f.id} selected={f.id === row().family}>
                                  {f.title}
                                </option>
                              )}
                            </For>
                          </optgroup>
                        )}
                      </For>
                    </select>
                  </div>
                  <div class={styles.field}>
                    <label for={id(`level-${i}`)}>Level</label>
                    <select
                      id={id(`level-${i}`)}
                      name="level"
                      value={String(row().level)}
                      onChange={(e) => updateRow(i, { level: Number(e.currentTarget.value) })}
                    >
                      <For each={family()?.levels ?? []}>
                        {(l) => (
                          <option value={String(l)} selected={l === row().level}>
                            {l}
                          </option>
                        )}
                      </For>
                    </select>
                  </div>
                  <div class={styles.field}>
                    <label for={id(`count-${i}`)}>How many</label>
                    <input
                      id={id(`count-${i}`)}
                      type="number"
                      name="count"
                      min="1"
                      max={LIMITS.perItem}
                      value={row().count}
                      onInput={(e) => updateRow(i, { count: e.currentTarget.valueAsNumber })}
                    />
                  </div>
                  <button
                    type="button"
                    class="button"
                    disabled={form().rows.length === 1}
                    onClick={() => setForm((f) => ({ ...f, rows: f.rows.filter((_, k) => k !== i) }))}
                    aria-label={`Remove exercise family ${i + 1}`}
                  >
                    Remove
                  </button>
                </li>
              );
            }}
          </Index>
        </ol>
        <button
          type="button"
          class="button"
          disabled={form().rows.length >= LIMITS.items}
          onClick={() =>
            setForm((f) => ({ ...f, rows: [...f.rows, { family: families[0]!.id, level: families[0]!.levels[0]!, count: 1 }] }))
          }
        >
          Add exercises
        </button>
      </form>

      <section class={`${styles.panel} no-print`} aria-labelledby={id("link")}>
        <h2 id={id("link")}>3. Link for students</h2>
        <Show
          when={made().ok}
          fallback={
            <p class={styles.error} role="alert" data-testid="builder-error">
              {(made() as { message: string }).message}
            </p>
          }
        >
          <p class={styles.muted}>
            The assignment travels inside the link (after the #): nothing is stored on a server. Students type their name or ID and get
            their own variant; they hand in a receipt code.
          </p>
          <div class={styles.copyRow}>
            <label class="visually-hidden" for={id("link-field")}>
              Assignment link
            </label>
            <input
              id={id("link-field")}
              ref={linkField}
              class={styles.code}
              type="text"
              readOnly
              value={link()}
              data-testid="assignment-link"
            />
            <button
              type="button"
              class="button primary"
              onClick={async () =>
                setStatus((await copyText(link(), linkField)) ? "Link copied." : "Select the link and copy it (Ctrl+C / ⌘C).")
              }
            >
              Copy link
            </button>
            <a class="button" href={link()} target="_blank" rel="noopener">
              Open as a student
            </a>
          </div>
          <h3 id={id("instructor")}>Your instructor link (keep it to yourself)</h3>
          <p class={styles.muted} id={id("instructor-help")}>
            It opens this assignment here again for editing, worksheets, answer keys and exports. The student link carries only a
            fingerprint of its secret, so a student who opens the student link on this page gets neither the answer key nor the editor. It
            does not make answers secret: every number is computed in the student&apos;s browser from the link, so a determined student with
            the site&apos;s source can still work answers out. For graded work that must hold against that, use the LMS export below.
          </p>
          <div class={styles.copyRow}>
            <label class="visually-hidden" for={id("instructor-field")}>
              Instructor link
            </label>
            <input
              id={id("instructor-field")}
              ref={instructorField}
              class={styles.code}
              type="text"
              readOnly
              value={teacherLink()}
              aria-describedby={id("instructor-help")}
              data-testid="instructor-link"
            />
            <button
              type="button"
              class="button"
              onClick={async () =>
                setStatus(
                  (await copyText(teacherLink(), instructorField))
                    ? "Instructor link copied."
                    : "Select the link and copy it (Ctrl+C / ⌘C).",
                )
              }
            >
              Copy instructor link
            </button>
          </div>
          <p class={styles.muted}>
            Grade receipts on the <a href={`${merged.base}teach/grade/`}>gradebook page</a>; give it the student link to check that receipts
            belong to this assignment.
          </p>
        </Show>
      </section>

      <Show when={assignment()}>
        <section class={`${styles.panel} no-print`} aria-labelledby={id("lms")}>
          <h2 id={id("lms")}>4. Export to an LMS</h2>
          <p class={styles.muted}>
            Each row becomes a category (Moodle) or section (QTI) of variants; let the quiz draw from them. Single numbers map to numerical
            questions with the same tolerance, choices to multiple choice, several numbers or vector entries to cloze blanks, orderings to
            short answer (ids in order, exact) and formulas to essay questions graded by hand. Charts go in as SVG images with alt text that
            lists each curve's start, end and extreme point.
          </p>
          <div class={styles.copyRow}>
            <div class={styles.field}>
              <label for={id("variants")}>Variants per row</label>
              <input
                id={id("variants")}
                type="number"
                name="variants"
                min="1"
                max="20"
                value={variants()}
                onInput={(e) => setVariants(Math.max(1, Math.min(20, e.currentTarget.valueAsNumber || 1)))}
              />
            </div>
            <button type="button" class="button" onClick={() => exportFile("moodle")}>
              Download Moodle XML
            </button>
            <button type="button" class="button" onClick={() => exportFile("qti")}>
              Download QTI 2.1 (.zip)
            </button>
          </div>
          <Show when={report().length > 0}>
            <details class={styles.exportReport} data-export-report>
              <summary>
                What the {reportFormat() === "moodle" ? "Moodle" : "QTI"} export changes ({report().length}) — also written into the file
              </summary>
              <ul>
                <For each={report()}>{(line) => <li>{line}</li>}</For>
              </ul>
            </details>
          </Show>
        </section>

        <section class={styles.panel} aria-labelledby={id("print")}>
          <h2 id={id("print")} class="no-print">
            5. Worksheet and answer key
          </h2>
          <div class={`${styles.copyRow} no-print`}>
            <div class={styles.field}>
              <label for={id("sheet-student")}>For student (empty: preview)</label>
              <input
                id={id("sheet-student")}
                type="text"
                name="sheet-student"
                maxLength={80}
                value={sheetStudent()}
                onInput={(e) => setSheetStudent(e.currentTarget.value)}
              />
            </div>
            <fieldset class={styles.toggle}>
              <legend class="visually-hidden">Show</legend>
              <label>
                <input type="radio" name={id("sheet")} checked={sheet() === "worksheet"} onChange={() => setSheet("worksheet")} /> Worksheet
              </label>
              <label>
                <input type="radio" name={id("sheet")} checked={sheet() === "key"} onChange={() => setSheet("key")} /> Answer key
              </label>
            </fieldset>
            <button type="button" class="button" onClick={() => window.print()}>
              Print
            </button>
          </div>
          <Show when={sheetStudentCheck() && !sheetStudentCheck()!.ok}>
            <p class={`${styles.error} no-print`}>{(sheetStudentCheck() as { message: string }).message}</p>
          </Show>
          <Show when={math()} fallback={<p class={styles.muted}>Loading the maths renderer…</p>}>
            {(render) => (
              <ExerciseSheet
                exercises={sheetExercises()}
                renderMath={render()}
                kind={sheet()}
                title={assignment()!.title}
                forWhom={sheetStudentCheck()?.ok ? (sheetStudentCheck() as { value: string }).value : "Preview (no student)"}
                due={assignment()!.due}
              />
            )}
          </Show>
        </section>
      </Show>
      <p class={`${styles.status} no-print`} aria-live="polite" data-testid="builder-status">
        {status()}
      </p>
    </div>
  );
}
