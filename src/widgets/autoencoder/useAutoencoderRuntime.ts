import { createSignal, onCleanup, onMount } from "solid-js";
import { InferenceError, ModelRunner, describeError } from "../../lib/inference/index.ts";
import type { EpPreference, ExecutionProvider, InferenceResult, ModelSource } from "../../lib/inference/index.ts";
import { loadBrowserRuntime } from "../../lib/inference/browserRuntime.ts";
import { parseLatentMap } from "./autoencoderModel.ts";
import type { LatentMap } from "./autoencoderModel.ts";
import { LATENT_MAP_URL } from "../shared/modelAssets.ts";

export type RuntimeStatus = "idle" | "loading" | "ready" | "error";

export type AutoencoderRuntime = {
  /** True once the island runs in the browser and the runner exists. */
  mounted: () => boolean;
  status: () => RuntimeStatus;
  setStatus: (status: RuntimeStatus) => void;
  /** The last failure, shown with a retry button when retrying can help. */
  error: () => { message: string; retryable: boolean } | null;
  setError: (error: { message: string; retryable: boolean } | null) => void;
  /** Where the last model call ran, and why if not where the learner asked. */
  lastEp: () => { ep: ExecutionProvider; notice: string | null } | null;
  /** The latent map, once loadMap has fetched it. */
  map: () => LatentMap | null;
  /** Fetches the latent map once (again after a failure). */
  loadMap: () => Promise<LatentMap>;
  /** Runs the encoder or the decoder on the provider preference of the moment. */
  infer: (model: ModelSource, input: Float32Array) => Promise<InferenceResult>;
  /** Shows an error and puts the lab in the error state. */
  fail: (e: unknown) => void;
};

/**
 * The state the three panels share: one ModelRunner (encoder and decoder sessions, created only in
 * the browser), the loading status, the last error and provider, and the latent map, fetched once.
 */
export function useAutoencoderRuntime(preference: () => EpPreference): AutoencoderRuntime {
  const [mounted, setMounted] = createSignal(false);
  const [status, setStatus] = createSignal<RuntimeStatus>("idle");
  const [error, setError] = createSignal<{ message: string; retryable: boolean } | null>(null);
  const [lastEp, setLastEp] = createSignal<{ ep: ExecutionProvider; notice: string | null } | null>(null);
  const [map, setMap] = createSignal<LatentMap | null>(null);
  let runner: ModelRunner | null = null;

  onMount(() => {
    runner = new ModelRunner({ loadRuntime: loadBrowserRuntime });
    setMounted(true);
  });
  onCleanup(() => void runner?.dispose());

  const infer = async (model: ModelSource, input: Float32Array) => {
    if (!runner) throw new InferenceError("runtime-load", "The page is not ready yet.");
    const r = await runner.infer(model, input, preference());
    setLastEp({ ep: r.ep, notice: r.notice });
    return r;
  };
  const fail = (e: unknown) => {
    const retryable = e instanceof InferenceError ? e.retryable : true;
    setError({ message: describeError(e), retryable });
    setStatus("error");
  };

  let mapPromise: Promise<LatentMap> | null = null;
  const loadMap = () => {
    mapPromise ??= fetch(LATENT_MAP_URL)
      .then((r) => {
        if (!r.ok) throw new InferenceError("model-load", `Could not load the latent map: HTTP ${r.status}`);
        return r.json();
      })
      .then((json) => {
        const m = parseLatentMap(json);
        setMap(m);
        return m;
      });
    mapPromise.catch(() => (mapPromise = null));
    return mapPromise;
  };

  return { mounted, status, setStatus, error, setError, lastEp, map, loadMap, infer, fail };
}
