import { For, Show, createSignal, createUniqueId } from "solid-js";
import type { Adjustments, Assignment, Gradebook as Book } from "../../exercises/assignments/index.ts";
import {
  FLAG_BASIS,
  NO_ADJUSTMENTS,
  buildGradebook,
  decodeAssignment,
  exerciseColumns,
  findFamily,
  findReceiptCodes,
  gradebookCsv,
  isCalendarDate,
  itemAnalysis,
  itemAnalysisCsv,
} from "../../exercises/assignments/index.ts";
import { downloadFile } from "./browser.ts";
import { ConflictView } from "./ConflictView.tsx";
import { GradeAdjuster } from "./GradeAdjuster.tsx";
import { fileStem } from "./builderModel.ts";
import styles from "./teach.module.css";

export type GradebookProps = {
  /** Site base URL. Default "/". */
  base?: string;
};

/** Largest receipt file read (a receipt is a few kilobytes). */
const MAX_FILE_BYTES = 2_000_000;

/**
 * /teach/grade: paste or drop receipts, regrade every one from its seeds, and show a table per
 * student and exercise with flags; download the table as CSV. Everything from the receipts is shown
 * as text.
 */
export function Gradebook(_props: GradebookProps) {
  const uid = createUniqueId();
  const [pasted, setPasted] = createSignal("");
  const [files, setFiles] = createSignal<{ name: string; text: string }[]>([]);
  const [link, setLink] = createSignal("");
  const [linkError, setLinkError] = createSignal("");
  const [opens, setOpens] = createSignal("");
  const [adjustments, setAdjustments] = createSignal<Adjustments>(NO_ADJUSTMENTS);
  const [book, setBook] = createSignal<Book | null>(null);
  const [status, setStatus] = createSignal("");
  const [dragging, setDragging] = createSignal(false);

  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    const read: { name: string; text: string }[] = [];
    const skipped: string[] = [];
    for (const file of Array.from(list)) {
      if (file.size > MAX_FILE_BYTES) skipped.push(`${file.name} (too large)`);
      else read.push({ name: file.name, text: await file.text() });
    }
    setFiles((prev) => [...prev, ...read]);
    setStatus(
      `${read.length} file${read.length === 1 ? "" : "s"} added${skipped.length ? `; skipped ${skipped.join(", ")}` : ""}. Press “Grade receipts”.`,
    );
  };

  const grade = () => {
    let expected: Assignment | undefined;
    setLinkError("");
    if (link().trim() !== "") {
      const decoded = decodeAssignment(link());
      if (!decoded.ok) {
        setLinkError(decoded.message);
        return;
      }
      expected = decoded.value;
    }
    if (opens() !== "" && !isCalendarDate(opens())) {
      setLinkError("The day it was handed out should be a date (YYYY-MM-DD).");
      return;
    }
    const codes = [
      ...findReceiptCodes(pasted()).map((code, i) => ({ source: `pasted text, code ${i + 1}`, code })),
      ...files().flatMap((f) =>
        findReceiptCodes(f.text).map((code, i) => ({ source: `${f.name}${i > 0 ? `, code ${i + 1}` : ""}`, code })),
      ),
    ];
    if (codes.length === 0) {
      setBook(null);
      setStatus("No receipt codes found. A receipt code starts with “DSR1.”.");
      return;
    }
    const start = performance.now();
    const result = buildGradebook(codes, expected, { opens: opens() || undefined, now: Date.now() });
    const ms = performance.now() - start;
    setBook(result);
    const flagged = result.entries.filter((e) => e.problem || (e.result?.flags.length ?? 0) > 0).length;
    setStatus(
      `Regraded ${codes.length} receipt${codes.length === 1 ? "" : "s"} in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}: ${result.rows.length} student${result.rows.length === 1 ? "" : "s"} in the table, ${flagged} flagged.`,
    );
  };

  const columns = () => book()?.rows[0]?.exercises ?? [];

  return (
    <div class={styles.gradebook} data-widget="gradebook">
      <section class={styles.panel} aria-labelledby={`${uid}-input`}>
        <h2 id={`${uid}-input`}>Receipts</h2>
        <label class={styles.field} for={`${uid}-link`}>
          <span>Assignment link (optional: flags receipts of any other assignment)</span>
        </label>
        <input
          id={`${uid}-link`}
          class={styles.code}
          type="text"
          name="assignment-link"
          value={link()}
          onInput={(e) => setLink(e.currentTarget.value)}
          aria-describedby={`${uid}-link-error`}
        />
        <label class={styles.field} for={`${uid}-opens`}>
          <span>Handed out on (optional: flags receipts started before that day)</span>
        </label>
        <input id={`${uid}-opens`} type="date" name="opens" value={opens()} onInput={(e) => setOpens(e.currentTarget.value)} />
        <p id={`${uid}-link-error`} class={styles.error} aria-live="polite" data-testid="link-error">
          {linkError()}
        </p>
        <label class={styles.field} for={`${uid}-paste`}>
          <span>Paste receipt codes (any text containing them), or drop receipt files here</span>
        </label>
        <textarea
          id={`${uid}-paste`}
          class={styles.code}
          classList={{ [styles.dropping!]: dragging() }}
          rows={6}
          name="receipts"
          value={pasted()}
          onInput={(e) => setPasted(e.currentTarget.value)}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void addFiles(e.dataTransfer?.files ?? null);
          }}
        />
        <div class={styles.copyRow}>
          <div class={styles.field}>
            <label for={`${uid}-files`}>Or choose receipt files</label>
            <input
              id={`${uid}-files`}
              type="file"
              name="receipt-files"
              multiple
              accept=".json,.txt,application/json,text/plain"
              onChange={(e) => void addFiles(e.currentTarget.files)}
            />
          </div>
          <Show when={files().length > 0}>
            <p class={styles.muted} data-testid="file-count">
              {files().length} file{files().length === 1 ? "" : "s"} added.{" "}
              <button type="button" class="button" onClick={() => setFiles([])}>
                Clear files
              </button>
            </p>
          </Show>
        </div>
        <button type="button" class="button primary" onClick={grade}>
          Grade receipts
        </button>
        <p class={styles.status} aria-live="polite" data-testid="grade-status">
          {status()}
        </p>
      </section>

      <Show when={book()}>
        {(b) => (
          <>
            <section class={styles.panel} aria-labelledby={`${uid}-table`}>
              <h2 id={`${uid}-table`}>
                Grades
                <Show when={b().assignment}>{(a) => <>: {a().title}</>}</Show>
              </h2>
              <p class={styles.muted}>
                <Show when={b().assignment} fallback={"No receipt could be read."}>
                  {b().given ? "Assignment from your link." : "No link given: the assignment most receipts belong to."} Points are regraded
                  from each receipt's responses; the best attempt per exercise counts. A student whose receipts disagree gets no points
                  until you compare them below.
                </Show>
              </p>
              {/* A scrolling region must take keyboard focus, or keyboard users cannot scroll it (axe: scrollable-region-focusable). */}
              <div class="scroll-x" tabindex="0" role="region" aria-labelledby={`${uid}-table`} data-testid="grade-table-region">
                <table class={styles.table} data-testid="grade-table">
                  <caption class="visually-hidden">Regraded points per student and exercise</caption>
                  <thead>
                    <tr>
                      <th scope="col">Student</th>
                      <For
                        each={exerciseColumns(
                          columns().map((e) => e.family),
                          (id) => findFamily(id)?.title ?? id,
                        )}
                      >
                        {(name) => <th scope="col">{name}</th>}
                      </For>
                      <th scope="col">Points</th>
                      <th scope="col">%</th>
                      <th scope="col">Flags</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={b().rows}>
                      {(r) => (
                        <tr data-student={r.receipt.student}>
                          <th scope="row">{r.receipt.student}</th>
                          <For each={r.exercises}>{(e) => <td>{e.error || r.conflict ? "—" : `${e.earned}/${e.total}`}</td>}</For>
                          <td data-testid="points">{r.conflict ? "conflict: see below" : `${r.earned}/${r.total}`}</td>
                          <td>{r.conflict ? "—" : r.total > 0 ? Math.round((100 * r.earned) / r.total) : 0}</td>
                          <td>{r.flags.length > 0 ? r.flags.map((f) => f.message).join(" ") : "—"}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                class="button primary"
                onClick={() =>
                  downloadFile(
                    `grades-${fileStem(b().assignment?.title ?? "assignment")}.csv`,
                    gradebookCsv(b(), adjustments()),
                    "text/csv;charset=utf-8",
                  )
                }
              >
                Download CSV
              </button>
            </section>
            <Show when={b().rows.length > 0}>
              <GradeAdjuster book={b()} adjustments={adjustments()} onChange={setAdjustments} />
            </Show>
            <section class={styles.panel} aria-labelledby={`${uid}-items`}>
              <h2 id={`${uid}-items`}>Item analysis</h2>
              <p class={styles.muted}>
                Per exercise, over the students in the table (rows in conflict left out). Times are the students' own clocks: minutes from
                their start to their first answer, the median.
              </p>
              <div class="scroll-x" tabindex="0" role="region" aria-labelledby={`${uid}-items`}>
                <table class={styles.table} data-testid="item-analysis">
                  <thead>
                    <tr>
                      <th scope="col">Exercise</th>
                      <th scope="col">Answered</th>
                      <th scope="col">Mean points</th>
                      <th scope="col">Full / partial / zero / blank</th>
                      <th scope="col">Most common mistake</th>
                      <th scope="col">Median minutes to first answer</th>
                      <th scope="col">Mean attempts</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={itemAnalysis(b())}>
                      {(s, j) => (
                        <tr>
                          <th scope="row">
                            {
                              exerciseColumns(
                                columns().map((e) => e.family),
                                (id) => findFamily(id)?.title ?? id,
                              )[j()]
                            }
                          </th>
                          <td>
                            {s.answered} of {s.students}
                          </td>
                          <td>
                            {s.meanPoints.toFixed(2)} of {s.total}
                          </td>
                          <td>
                            {s.distribution.full} / {s.distribution.partial} / {s.distribution.zero} / {s.distribution.unanswered}
                          </td>
                          <td>
                            {s.topMisconception
                              ? `${s.topMisconception.id} (${s.topMisconception.students} student${s.topMisconception.students === 1 ? "" : "s"})`
                              : "—"}
                          </td>
                          <td>{s.medianMinutesToFirstAnswer === null ? "—" : s.medianMinutesToFirstAnswer.toFixed(1)}</td>
                          <td>{s.meanAttempts.toFixed(1)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                class="button"
                onClick={() =>
                  downloadFile(
                    `item-analysis-${fileStem(b().assignment?.title ?? "assignment")}.csv`,
                    itemAnalysisCsv(b()),
                    "text/csv;charset=utf-8",
                  )
                }
              >
                Download item analysis CSV
              </button>
            </section>
            <Show when={b().conflicts.length > 0}>
              <section class={styles.panel} aria-labelledby={`${uid}-conflicts`} data-testid="conflicts">
                <h2 id={`${uid}-conflicts`}>Receipts that disagree</h2>
                <p class={styles.muted}>
                  Receipts under one name, or names that look the same, that cannot all be one student's work: a later one drops answers or
                  hints of an earlier one, was started separately, or spells the name with other characters. None of them is counted.
                  Compare them and decide; the CSV leaves their points empty.
                </p>
                <For each={b().conflicts}>
                  {(c) => <ConflictView conflict={c} label={`Receipts ${c.entries.map((e) => `#${e.number}`).join(", ")} side by side`} />}
                </For>
              </section>
            </Show>
            <section class={styles.panel} aria-labelledby={`${uid}-flags`}>
              <h2 id={`${uid}-flags`}>Every receipt</h2>
              <ol class={styles.entries} data-testid="entries">
                <For each={b().entries}>
                  {(e) => (
                    <li
                      data-problem={e.problem?.kind}
                      data-flags={e.result?.flags.map((f) => f.kind).join(" ") || undefined}
                      data-counted={e.counted ? "" : undefined}
                    >
                      <strong>#{e.number}</strong> <span class={styles.muted}>({e.source})</span>{" "}
                      <Show when={e.result} fallback={<span class={styles.flag}>⚠ {e.problem?.message}</span>}>
                        {(r) => (
                          <>
                            {r().receipt.student}: {r().earned}/{r().total}
                            {e.counted ? " (counted)" : " (not counted)"}
                            <For each={r().flags}>
                              {(f) => (
                                <span class={styles.flag}>
                                  ⚠ <span class={styles.basis}>{FLAG_BASIS[f.kind]}:</span> {f.message}
                                </span>
                              )}
                            </For>
                          </>
                        )}
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
