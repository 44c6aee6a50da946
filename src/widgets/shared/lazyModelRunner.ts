// A widget's ModelRunner, created with its first inference: the runner (sessions, provider choice and
// fallbacks; ≈5 kB of gzipped JS) and the runtime loader are fetched then, not with the page, like
// onnxruntime itself and the model.
import type { ModelRunner } from "../../lib/inference/modelRunner.ts";

export interface LazyModelRunner {
  /** The runner, fetched and created on the first call; a failed fetch is retried on the next call. */
  get(): Promise<ModelRunner>;
  /** Releases the runner's sessions, if it was ever created. */
  dispose(): void;
}

export function lazyModelRunner(): LazyModelRunner {
  let runner: Promise<ModelRunner> | null = null;
  let disposed = false;
  return {
    get() {
      runner ??= Promise.all([import("../../lib/inference/modelRunner.ts"), import("../../lib/inference/browserRuntime.ts")]).then(
        ([{ ModelRunner }, { loadBrowserRuntime }]) => {
          const r = new ModelRunner({ loadRuntime: loadBrowserRuntime });
          if (disposed) void r.dispose();
          return r;
        },
        (e: unknown) => {
          runner = null;
          throw e;
        },
      );
      return runner;
    },
    dispose() {
      disposed = true;
      void runner?.then((r) => r.dispose()).catch(() => {});
    },
  };
}
