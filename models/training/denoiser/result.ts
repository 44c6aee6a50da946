// What a denoiser training run produces and is given.
import type { Model } from "../../../src/lib/nn/index.ts";
import type { DenoiserSpec } from "../../../src/lib/zoo/index.ts";
import type { GenerationCheck, StepEvaluation } from "./evaluate.ts";

export interface DenoiserRecord {
  /** Steps done. */
  step: number;
  /** Mean training loss ‖ε − ε̂‖² per value over the steps since the previous record. */
  loss: number;
  learningRate: number;
  seconds: number;
}

export interface DenoiserResult {
  spec: DenoiserSpec;
  model: Model;
  history: DenoiserRecord[];
  stepsRun: number;
  stoppedByTime: boolean;
  evaluation: StepEvaluation[];
  generation: GenerationCheck;
  dataSeconds: number;
  trainSeconds: number;
  cpuSeconds: number;
  parameters: number;
  summary: string;
  files: Record<string, number>;
  command: string;
}

export interface DenoiserTrainOptions {
  outDir: string;
  command: string;
  progress?: boolean;
}
