// What the galaxy autoencoder's pipeline reports: per-epoch history, held-out errors, the bottleneck
// study and the run's options. Types only, so the card writer and the pipeline's stages can share them.
import type { Model } from "../../../src/lib/nn/index.ts";
import type { AutoencoderSpec } from "../../../src/lib/zoo/index.ts";

export interface AutoencoderEpoch {
  epoch: number;
  /** Mean reconstruction MSE per pixel over the epoch's training batches. */
  reconstruction: number;
  /** Mean weighted squared error of the semantic units (0 for a plain autoencoder). */
  semantic: number;
  /** Reconstruction MSE per pixel on the first `monitor` held-out images. */
  heldOutMse: number;
  learningRate: number;
  seconds: number;
}

/** Held-out error of one structural parameter: RMS and median absolute error, and the truth's spread. */
export interface ParamError {
  name: string;
  unit: string;
  count: number;
  rms: number;
  medianAbs: number;
  /** RMS of (truth − its mean): what always guessing the mean would score. */
  truthStd: number;
}

export interface BottleneckPoint {
  latent: number;
  compressionRatio: number;
  mse: number;
  psnr: number;
  epochs: number;
  trainImages: number;
  seconds: number;
}

/** The main model with its code cut to the top k principal directions (the rest set to the mean). */
export interface TruncationPoint {
  latent: number;
  mse: number;
  psnr: number;
}

export interface AutoencoderResult {
  spec: AutoencoderSpec;
  encoder: Model;
  decoder: Model;
  history: AutoencoderEpoch[];
  /** Held-out reconstruction error per pixel (all test images, encoder → decoder). */
  mse: number;
  psnr: number;
  /** The same per class. */
  perClass: { name: string; mse: number; psnr: number }[];
  /** MSE of always answering the mean held-out image (what "no information" would score). */
  meanImageMse: number;
  /** Pixel noise variance of the held-out images, from neighbouring sky pixels: the floor no reconstruction of a noisy input can beat. */
  noiseVariance: number;
  /** 99th percentile of the held-out galaxies' errors: images above it are flagged as anomalies. */
  anomalyThreshold: number;
  /** Strong-lens cutouts (a kind never seen in training) through the same autoencoder. */
  outOfDistribution: { kind: string; count: number; medianMse: number; flagged: number };
  params: ParamError[];
  /**
   * Generation checked by the encoder: the decoder draws from the true parameters of held-out
   * galaxies with the free units at zero (what the sliders do), the encoder reads the drawing back.
   */
  cycle: ParamError[];
  sweep: BottleneckPoint[];
  truncation: TruncationPoint[];
  dataSeconds: number;
  trainSeconds: number;
  sweepSeconds: number;
  cpuSeconds: number;
  encoderParameters: number;
  decoderParameters: number;
  encoderSummary: string;
  decoderSummary: string;
  files: Record<string, number>;
  command: string;
}

export interface AutoencoderOptions {
  /** Folder the files go to. */
  outDir: string;
  /** The command that reproduces this run (written into the card). */
  command: string;
  /** Progress bars on stderr (default true). */
  progress?: boolean;
  /** Held-out images scored after every epoch (default 200). */
  monitorImages?: number;
}
