import { For, Show, createMemo, createSignal, createUniqueId } from "solid-js";
import type { Adjustments, Gradebook } from "../../exercises/assignments/index.ts";
import { adjustedGrade, exerciseColumns, findFamily, revealName, studentKey } from "../../exercises/assignments/index.ts";
import styles from "./teach.module.css";

export type GradeAdjusterProps = {
  book: Gradebook;
  adjustments: Adjustments;
  onChange: (next: Adjustments) => void;
};

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The instructor's decisions on top of regrading: a late penalty for everyone, and per student an
 * extension, a manual override with a comment (which also settles a conflict), and what they typed.
 * All of it goes into the CSV.
 */
export function GradeAdjuster(props: GradeAdjusterProps) {
  const uid = createUniqueId();
  const [selected, setSelected] = createSignal(0);
  const row = createMemo(() => props.book.rows[Math.min(selected(), props.book.rows.length - 1)]);
  const key = () => (row() ? studentKey(row()!.receipt.student) : "");
  const grade = () => (row() ? adjustedGrade(row()!, props.book.assignment, props.adjustments) : null);
  const names = () => exerciseColumns(row()?.exercises.map((e) => e.family) ?? [], (id) => findFamily(id)?.title ?? id);

  const setExtension = (value: string) => {
    const extensions = new Map(props.adjustments.extensions);
    if (value) extensions.set(key(), value);
    else extensions.delete(key());
    props.onChange({ ...props.adjustments, extensions });
  };
  const setOverride = (points: number, comment: string) => {
    const overrides = new Map(props.adjustments.overrides);
    if (Number.isFinite(points)) overrides.set(key(), { points, comment });
    else overrides.delete(key());
    props.onChange({ ...props.adjustments, overrides });
  };

  return (
    <section class={styles.panel} aria-labelledby={`${uid}-title`} data-testid="adjust">
      <h2 id={`${uid}-title`}>Adjust grades</h2>
      <div class={styles.field}>
        <label for={`${uid}-penalty`}>Late penalty (% of the points per day late, by the receipt's own times)</label>
        <input
          id={`${uid}-penalty`}
          type="number"
          min="0"
          max="100"
          step="1"
          name="late-penalty"
          value={props.adjustments.latePenaltyPerDay}
          onInput={(e) =>
            props.onChange({ ...props.adjustments, latePenaltyPerDay: Math.min(100, Math.max(0, e.currentTarget.valueAsNumber || 0)) })
          }
        />
      </div>
      <div class={styles.field}>
        <label for={`${uid}-student`}>Student</label>
        <select id={`${uid}-student`} name="student" onChange={(e) => setSelected(Number(e.currentTarget.value))}>
          <For each={props.book.rows}>{(r, i) => <option value={i()}>{revealName(r.receipt.student)}</option>}</For>
        </select>
      </div>
      <Show when={row()}>
        {(r) => (
          <>
            <div class={styles.field}>
              <label for={`${uid}-extension`}>Extension: due on (empty for the assignment's due date)</label>
              <input
                id={`${uid}-extension`}
                type="date"
                name="extension"
                value={props.adjustments.extensions.get(key()) ?? ""}
                onChange={(e) => setExtension(e.currentTarget.value)}
              />
            </div>
            <div class={styles.field}>
              <label for={`${uid}-override`}>
                Points set by hand (empty to use the regraded points{r().conflict ? "; settles the conflict" : ""})
              </label>
              <input
                id={`${uid}-override`}
                type="number"
                min="0"
                step="any"
                name="override"
                value={props.adjustments.overrides.get(key())?.points ?? ""}
                onChange={(e) => setOverride(e.currentTarget.valueAsNumber, props.adjustments.overrides.get(key())?.comment ?? "")}
              />
            </div>
            <div class={styles.field}>
              <label for={`${uid}-comment`}>Comment (kept in the CSV)</label>
              <input
                id={`${uid}-comment`}
                type="text"
                name="comment"
                maxLength={200}
                value={props.adjustments.overrides.get(key())?.comment ?? ""}
                onChange={(e) => setOverride(props.adjustments.overrides.get(key())?.points ?? Number.NaN, e.currentTarget.value)}
              />
            </div>
            <p data-testid="final">
              <Show when={grade()}>
                {(g) => (
                  <>
                    Final: {Number.isNaN(g().final) ? "none (conflict: set the points by hand)" : `${g().final} of ${r().total}`}
                    {g().daysLate > 0 ? ` · ${g().daysLate} day${g().daysLate === 1 ? "" : "s"} late, −${g().penaltyPercent} %` : ""}
                  </>
                )}
              </Show>
            </p>
            <h3 class={styles.typedTitle}>What they typed</h3>
            <ol class={styles.entries} data-testid="typed">
              <For each={r().receipt.exercises}>
                {(e, j) => (
                  <li>
                    <strong>{names()[j()]}</strong>: {e.submissions.length === 0 ? "no answer" : ""}
                    <For each={e.submissions}>
                      {(s) => (
                        <span class={styles.typed}>
                          {utc(s.at)} ·{" "}
                          {Object.entries(s.input)
                            .map(([part, text]) => `${part} = “${text}”`)
                            .join(", ")}
                        </span>
                      )}
                    </For>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </section>
  );
}
