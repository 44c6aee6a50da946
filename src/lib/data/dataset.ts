/**
 * A table of examples for supervised learning, as plain arrays: `x[i]` is the i-th row of input
 * features, `y[i]` its target (a class 0/1 for classification, a real number for regression).
 * Views, workers and the CSV reader all exchange this shape.
 */
export interface Dataset {
  /** Rows of input features; every row has `inputNames.length` numbers. */
  x: number[][];
  /** One target per row. */
  y: number[];
  /** Names of the input columns (for axes, tables and code). */
  inputNames: string[];
  /** Name of the target column. */
  targetName: string;
  /** "classification": y ∈ {0, 1}; "regression": y real. */
  task: "classification" | "regression";
}

/** Mean and standard deviation of each column, for z-scoring. */
export interface ColumnStats {
  mean: number[];
  std: number[];
}

/**
 * Column means and (population) standard deviations of `rows`. A constant column gets std 1 so
 * that z-scoring leaves it at 0 instead of dividing by zero.
 */
export function columnStats(rows: readonly (readonly number[])[]): ColumnStats {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, rows.length);
  for (const row of rows) for (let j = 0; j < d; j++) std[j] += (row[j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] / Math.max(1, rows.length));
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/** (x − mean) / std per column, as new rows. */
export function standardize(rows: readonly (readonly number[])[], stats: ColumnStats): number[][] {
  return rows.map((row) => row.map((v, j) => (v - stats.mean[j]) / stats.std[j]));
}
