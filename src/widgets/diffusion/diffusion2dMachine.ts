// The 2-D diffusion playground as an explicit state machine: train the noise predictor, run the
// reverse process with a sampler, switch samplers as often as the learner likes. The widget only
// sends events and draws the state; every rule about what survives what lives here.
//
//   idle ──train──▶ training ──trained──▶ sampling(s) ──sampled──▶ done(s)
//                      │                     ▲    │                  │
//                      └──failed──▶ error    └────┴──── sampler s' ──┘
//   any state ──inputs with a new key (data, seed, epochs)──▶ idle
//
// A trained network belongs to the inputs it was trained on (its `key`): switching the sampler
// re-samples with the same network (the lesson asks to try both), while new data, a new seed or a
// new epoch count discards it. Events of a superseded run (an older `run`) or of a sampler no longer
// chosen are ignored, so late worker replies and slow samplings can never corrupt the state.
import type { ModelConfig } from "../../lib/nn/index.ts";
import type { WeightPayload } from "../../lib/worker/index.ts";
import type { Sampler } from "./diffusion2dModel.ts";

/** A trained noise predictor and how its training went. */
export interface TrainedNet {
  config: ModelConfig;
  weights: WeightPayload[];
  /** Training loss per epoch (one entry per epoch trained). */
  losses: number[];
  /** Wall-clock milliseconds of training. */
  trainMs: number;
}

export type D2State =
  | { phase: "idle"; key: string }
  | { phase: "training"; key: string; run: number; losses: number[] }
  | { phase: "sampling"; key: string; net: TrainedNet; sampler: Sampler }
  | { phase: "done"; key: string; net: TrainedNet; sampler: Sampler; frames: Float32Array[] }
  | { phase: "error"; key: string; message: string; net: TrainedNet | null };

export type D2Event =
  /** The data, seed or epoch count now read `key` (sent on every change; a same key is no change). */
  | { type: "inputs"; key: string }
  /** The learner pressed Train; `run` is a fresh number identifying this training run. */
  | { type: "train"; run: number }
  /** Loss of newly finished epochs of run `run`. */
  | { type: "progress"; run: number; losses: number[] }
  /** Run `run` finished; sample its network with `sampler` (the one chosen now). */
  | { type: "trained"; run: number; net: TrainedNet; sampler: Sampler }
  /** The learner chose a sampler. */
  | { type: "sampler"; sampler: Sampler }
  /** The reverse process with `sampler` produced `frames` (frames[k] = points at step T − k). */
  | { type: "sampled"; sampler: Sampler; frames: Float32Array[] }
  /** Training (run given) or sampling (run absent) failed. */
  | { type: "failed"; run?: number; message: string };

export const initialD2State = (key: string): D2State => ({ phase: "idle", key });

/** The trained network a state holds, if any. */
export function netOf(state: D2State): TrainedNet | null {
  return state.phase === "sampling" || state.phase === "done" || state.phase === "error" ? state.net : null;
}

/** Training loss per epoch shown for a state: live while training, the trained net's otherwise. */
export function lossesOf(state: D2State): number[] {
  if (state.phase === "training") return state.losses;
  return netOf(state)?.losses ?? [];
}

/** The next state. Pure: the same state and event always give the same result, and no input is mutated. */
export function d2Transition(state: D2State, event: D2Event): D2State {
  switch (event.type) {
    case "inputs":
      return event.key === state.key ? state : { phase: "idle", key: event.key };
    case "train":
      // Training again replaces the current network; pressing Train while a run is going is not offered.
      if (state.phase === "training" || state.phase === "sampling") return state;
      return { phase: "training", key: state.key, run: event.run, losses: [] };
    case "progress":
      if (state.phase !== "training" || state.run !== event.run) return state;
      return { ...state, losses: [...state.losses, ...event.losses] };
    case "trained":
      if (state.phase !== "training" || state.run !== event.run) return state;
      return { phase: "sampling", key: state.key, net: event.net, sampler: event.sampler };
    case "sampler": {
      const net = netOf(state);
      // Before a network exists the choice is only remembered (in the URL) for the coming sampling.
      if (!net) return state;
      if ((state.phase === "done" || state.phase === "sampling") && state.sampler === event.sampler) return state;
      return { phase: "sampling", key: state.key, net, sampler: event.sampler };
    }
    case "sampled":
      if (state.phase !== "sampling" || state.sampler !== event.sampler) return state;
      return { phase: "done", key: state.key, net: state.net, sampler: state.sampler, frames: event.frames };
    case "failed":
      if (event.run !== undefined) {
        if (state.phase !== "training" || state.run !== event.run) return state;
        return { phase: "error", key: state.key, message: event.message, net: null };
      }
      if (state.phase !== "sampling") return state;
      return { phase: "error", key: state.key, message: event.message, net: state.net };
  }
}

/**
 * The inputs a trained network belongs to: distribution, seed, epoch count and, for a drawn
 * distribution, the drawn points. Not the sampler: the same network serves both samplers.
 */
export function d2InputsKey(inputs: { dist: string; seed: number; epochs: number; drawn: readonly (readonly [number, number])[] }): string {
  const drawn = inputs.dist === "drawn" ? inputs.drawn.map((p) => `${p[0]},${p[1]}`).join(";") : "";
  return `${inputs.dist}|${inputs.seed}|${inputs.epochs}|${drawn}`;
}
