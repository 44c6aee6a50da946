import { describe, expect, it } from "vitest";
import { parseState } from "../shared/urlState.ts";
import { trainerSchema } from "../shared/networkSpec.ts";
import type { TrainerState } from "../shared/networkSpec.ts";
import { PRESETS, makeDataset, prepare } from "./trainerModel.ts";
import { pointMarks } from "./pointMarks.ts";

const defaults = parseState(trainerSchema, new URLSearchParams()).state;
const state = (patch: Partial<TrainerState>): TrainerState => ({ ...defaults, ...patch });
const preset = (id: string) => state(PRESETS.find((p) => p.id === id)!.state);

/** The marks the chart draws for a trainer state. */
function marksOf(s: TrainerState) {
  const d = makeDataset(s)!;
  return { d, marks: pointMarks(d, prepare(d, s.val).trainRows) };
}
const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;

describe("the prediction chart's point marks", () => {
  it("draw every class-1 row of a classification as a square and every other row as a circle", () => {
    const { d, marks } = marksOf(state({ ...PRESETS[0].state, data: "spirals" }));
    const ones = count(d.y, (y) => y === 1);
    expect(count(marks, (m) => m.shape === "square")).toBe(ones);
    expect(count(marks, (m) => m.shape === "circle")).toBe(d.y.length - ones);
    // The spirals have two arms of equal size.
    expect(ones).toBe(d.y.length / 2);
  });

  it("draw regression rows as circles whatever their value", () => {
    const { marks } = marksOf(preset("good"));
    expect(marks.every((m) => m.shape === "circle")).toBe(true);
  });

  it("mark the rows after the training split as validation (hollow), as many as the split leaves", () => {
    const s = preset("overfit");
    const { d, marks } = marksOf(s);
    const trainRows = prepare(d, s.val).trainRows;
    expect(count(marks, (m) => m.set === "validation")).toBe(d.y.length - trainRows);
    expect(count(marks, (m) => m.set === "validation")).toBeGreaterThan(0);
    expect(marks.filter((m) => m.set === "train").every((m) => m.row < trainRows)).toBe(true);
  });
});
