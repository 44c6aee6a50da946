// Public surface of the tabular data helpers: the Dataset shape, z-scoring, seeded toy generators
// and the CSV reader for learners' own tables.
export { columnStats, standardize } from "./dataset.ts";
export type { Dataset, ColumnStats } from "./dataset.ts";
export { circles, xor, spirals, gaussians, regression1d, regression1dTruth, regression2d, regression2dTruth } from "./generators.ts";
export type { GeneratorOptions } from "./generators.ts";
export { parseCsv, parseCell, numericColumns, tableToDataset, DEFAULT_CSV_LIMITS } from "./csv.ts";
export type { CsvLimits, CsvTable, CsvResult, DatasetResult } from "./csv.ts";
