// What the prediction chart draws for each data row: its shape (the class, for classification) and
// whether it is filled (training) or hollow (validation). Derived from the current dataset and split
// every time they change, never remembered per row: rows keep their index across a dataset, preset or
// example-count change while their class and their side of the split do not.
import type { Dataset } from "../../lib/data/index.ts";

export interface PointMark {
  /** Row of the dataset. */
  row: number;
  /** Square for class 1 of a classification, circle otherwise (shape as well as colour). */
  shape: "circle" | "square";
  /** Rows [0, trainRows) train (drawn filled); the rest validate (drawn hollow). */
  set: "train" | "validation";
}

/** One mark per row of `dataset`, with rows [0, trainRows) as the training set. */
export function pointMarks(dataset: Pick<Dataset, "task" | "y">, trainRows: number): PointMark[] {
  const marks: PointMark[] = [];
  for (let row = 0; row < dataset.y.length; row++) {
    marks.push({
      row,
      shape: dataset.task === "classification" && dataset.y[row] === 1 ? "square" : "circle",
      set: row < trainRows ? "train" : "validation",
    });
  }
  return marks;
}
