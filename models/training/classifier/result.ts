// What a classifier training run produces and is given: the per-epoch record, the held-out
// numbers and the whole result the card and metrics.json are written from.
import type { Sequential } from "../../../src/lib/nn/index.ts";
import type { ClassifierSpec } from "../../../src/lib/zoo/index.ts";

export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  /** Accuracy on the first `monitorImages` held-out images (un-augmented). */
  testAccuracy: number;
  learningRate: number;
  seconds: number;
}

export interface TrainResult extends HeldOutEvaluation {
  spec: ClassifierSpec;
  model: Sequential;
  history: EpochRecord[];
  epochsRun: number;
  stoppedByTime: boolean;
  dataSeconds: number;
  trainSeconds: number;
  cpuSeconds: number;
  /** Threads that computed each batch's gradient (1: the single-threaded loop). */
  threads: number;
  parameters: number;
  summary: string;
  files: Record<string, number>;
  command: string;
}

export interface TrainOptions {
  /** Folder to write model.onnx, weights.json, CARD.md, metrics.json into. */
  outDir: string;
  /** The command that reproduces this run (written into the card). */
  command: string;
  /** Progress bars on stderr (default true). */
  progress?: boolean;
  /** Held-out images scored after every epoch (default 600). */
  monitorImages?: number;
  /** Threads computing each batch's gradient (default 1; see shared/gradientPool.ts). */
  threads?: number;
}

/** The numbers of the held-out evaluation. */
export interface HeldOutEvaluation {
  confusion: number[][];
  accuracy: number;
  /** Views averaged per prediction (8 with test-time augmentation, else 1), and the accuracy of one view alone. */
  views: number;
  singleViewAccuracy: number;
  auc: number | null;
  rocPoints: { fpr: number; tpr: number; threshold: number }[];
  mistakes: { index: number; truth: string; predicted: string; probability: number }[];
}
