// The transfer-learning widget's URL state (prefix "tl"): `?tl.task=bar&tl.n=20&tl.seed=3&tl.ep=wasm`.
// Kept apart from transferModel.ts so that the embed registry can read the schema without pulling
// in the simulator and the engine.
import { choiceField, numberField } from "../shared/urlState.ts";
import type { EpPreference } from "../../lib/inference/index.ts";

export const TRANSFER_PREFIX = "tl";

/** The new tasks the learner can pick (see TASKS in transferModel.ts). */
export const TASK_IDS = ["lens", "bar"] as const;
export type TaskId = (typeof TASK_IDS)[number];

export const transferSchema = {
  /** Which new task: strong lens vs look-alike, or barred vs unbarred spiral. */
  task: choiceField<TaskId>("lens", TASK_IDS),
  /** Labelled training examples (10–100). */
  n: numberField(20, { min: 10, max: 100, integer: true }),
  /** Which examples: each seed draws a different training set (the held-out set stays the same). */
  seed: numberField(1, { min: 1, max: 9999, integer: true }),
  /** Execution provider of the backbone: auto (WebGPU, falling back to WASM), or force one. */
  ep: choiceField<EpPreference>("auto", ["auto", "webgpu", "wasm"]),
};
