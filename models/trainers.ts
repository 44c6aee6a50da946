// Models that are not image classifiers (autoencoder, denoiser) train through their own pipelines.
// Each registers here a command-line entry: it receives the arguments after its name and returns
// when its files are written. `npm run models:train -- <name> [options]` dispatches to it;
// `npm run models:train` with no name trains the classifiers of MODEL_SPECS and then each of these.
import { autoencoderCli } from "./autoencoder-pipeline.ts";
import { trainDenoiserCli } from "./denoiser-pipeline.ts";

export type TrainerCli = (args: string[]) => Promise<void> | void;

export const TRAINERS: Record<string, TrainerCli> = {
  "galaxy-autoencoder": autoencoderCli,
  "galaxy-denoiser": trainDenoiserCli,
};
