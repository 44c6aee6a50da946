import { meanOfRows } from "../astro/dihedral.ts";
import { InferenceError, describeError } from "./errors.ts";
import type {
  EpPreference,
  ExecutionProvider,
  InferenceResult,
  ModelSource,
  OrtModule,
  Prediction,
  RuntimeBuild,
  RuntimeLoader,
} from "./types.ts";

type OrtSession = Awaited<ReturnType<OrtModule["InferenceSession"]["create"]>>;
/** A session and the runtime build it lives in (runs are queued per build). */
type Session = { session: OrtSession; build: RuntimeBuild };

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/**
 * Whether this JavaScript environment can run the WebGPU execution provider: `navigator.gpu` exists
 * (a recent Chromium, on a secure origin) and hands out an adapter. The reason says what is missing.
 */
export async function webgpuSupport(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  if (!nav?.gpu) return { ok: false, reason: "this browser has no WebGPU (navigator.gpu is missing)" };
  try {
    const adapter = await nav.gpu.requestAdapter();
    return adapter ? { ok: true } : { ok: false, reason: "WebGPU gave no adapter (no usable GPU)" };
  } catch (error) {
    return { ok: false, reason: `WebGPU failed to start (${describeError(error)})` };
  }
}

export interface ModelRunnerOptions {
  /** Loads a build of onnxruntime-web (see browserRuntime.ts / nodeRuntime.ts). */
  loadRuntime: RuntimeLoader;
  /** Fetches a model's bytes (default: `fetch`). */
  fetchBytes?: (url: string) => Promise<Uint8Array>;
  /** Checks WebGPU (default: `webgpuSupport`); injectable for tests. */
  detectWebGpu?: () => Promise<{ ok: true } | { ok: false; reason: string }>;
}

async function defaultFetch(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Runs classification models with onnxruntime-web: WebGPU first, WASM when WebGPU is missing or
 * fails (the prediction says so in `notice`). Runtimes, model bytes and sessions are cached per
 * model and provider; a failed load is forgotten, so calling again retries it.
 *
 * One runtime download per page: the WebGPU build is loaded only once `navigator.gpu` has handed
 * out an adapter, and it also runs the wasm provider, so when a WebGPU session or run fails the
 * fallback reuses it; the plain wasm build is loaded only when the WebGPU build is not loaded — no
 * adapter, a forced "wasm" before any WebGPU run, or a WebGPU build that failed to load.
 */
export class ModelRunner {
  private readonly options: ModelRunnerOptions;
  private readonly runtimes = new Map<RuntimeBuild, Promise<OrtModule>>();
  private readonly bytes = new Map<string, Promise<Uint8Array>>();
  private readonly sessions = new Map<string, Promise<Session>>();
  /** Per runtime build: a promise that settles when the runs queued so far have finished. */
  private readonly queues = new Map<string, Promise<void>>();
  private gpu: Promise<{ ok: true } | { ok: false; reason: string }> | null = null;

  constructor(options: ModelRunnerOptions) {
    this.options = options;
  }

  /**
   * Runs a model on `batch` inputs (NCHW float32, each of the model's input shape) with the provider
   * `preference` asks for, and returns its raw output: an embedding, a reconstructed image, a noise
   * estimate. Classifiers use `predict`, which adds the labels on top.
   */
  async infer(model: ModelSource, input: Float32Array, preference: EpPreference = "auto", batch = 1): Promise<InferenceResult> {
    const shape = model.inputShape ?? [3, 64, 64];
    const size = shape.reduce((a, b) => a * b, 1);
    if (!Number.isInteger(batch) || batch < 1 || input.length !== size * batch) {
      throw new InferenceError(
        "bad-input",
        `The model ${model.id} takes ${batch} × ${shape.join(" × ")} = ${size * batch} values; got ${input.length}.`,
      );
    }
    let ep: ExecutionProvider = preference === "wasm" ? "wasm" : "webgpu";
    let notice: string | null = null;
    // "webgpu" is strict (errors instead of falling back: for tests and comparisons); "auto" falls back.
    const strict = preference === "webgpu";
    if (ep === "webgpu") {
      this.gpu ??= (this.options.detectWebGpu ?? webgpuSupport)();
      const gpu = await this.gpu;
      if (!gpu.ok && strict) throw new InferenceError("webgpu-unavailable", `WebGPU was requested but is not available: ${gpu.reason}.`);
      if (!gpu.ok) {
        ep = "wasm";
        notice = `WebGPU is not available: ${gpu.reason}. Ran on the CPU with WebAssembly instead.`;
      }
    }
    const modelBytes = await this.modelBytes(model);
    const started = performance.now();
    let session: Session;
    try {
      session = await this.session(model, modelBytes, ep);
    } catch (error) {
      if (ep !== "webgpu" || strict) throw error;
      // WebGPU exists but its runtime or its session failed (the bytes are already here): fall back
      // to WASM and say so. If WASM fails too, its error is the one the page shows.
      notice = `WebGPU failed (${describeError(error)}). Ran on the CPU with WebAssembly instead.`;
      ep = "wasm";
      session = await this.session(model, modelBytes, ep);
    }
    const sessionMs = performance.now() - started;
    const dims = [batch, ...shape];
    let run: { output: Float32Array; outputDims: number[]; latencyMs: number };
    try {
      run = await this.run(model, session, ep, input, dims);
    } catch (error) {
      if (ep !== "webgpu" || strict) throw error;
      // A WebGPU run that fails (a lost device, an unsupported kernel): same fallback as above.
      notice = `WebGPU failed while running (${describeError(error)}). Ran on the CPU with WebAssembly instead.`;
      ep = "wasm";
      run = await this.run(model, await this.session(model, modelBytes, ep), ep, input, dims);
    }
    return { modelId: model.id, ...run, ep, sessionMs: sessionMs < 1 ? 0 : sessionMs, notice };
  }

  /**
   * Classifies one image (CHW float32, the model's input shape): `infer` plus the class labels. With
   * `views` > 1, `image` holds that many versions of the same picture (e.g. its 8 flips and turns,
   * src/lib/astro/dihedral.ts), run as one batch; the prediction is their mean probability.
   */
  async predict(model: ModelSource, image: Float32Array, preference: EpPreference = "auto", views = 1): Promise<Prediction> {
    const labels = model.labels ?? [];
    const { output, ep, latencyMs, sessionMs, notice } = await this.infer(model, image, preference, views);
    if (output.length !== labels.length * views) {
      throw new InferenceError("run", `The model ${model.id} returned ${output.length / views} values for ${labels.length} classes.`);
    }
    const probabilities = views === 1 ? output : meanOfRows(output, views);
    let topIndex = 0;
    for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[topIndex]) topIndex = i;
    return {
      modelId: model.id,
      probabilities,
      firstView: output.slice(0, labels.length),
      views,
      labels,
      topIndex,
      top: labels[topIndex],
      ep,
      latencyMs,
      sessionMs,
      notice,
    };
  }

  /**
   * Runs `work` when every call queued before it on the same runtime build has settled. onnxruntime-web's
   * wasm is not re-entrant: a second call while the WebGPU build's asyncified wasm is suspended in the
   * first (a run, or a session being created) hangs the page — even across sessions and across the
   * two providers of the WebGPU build (the autoencoder opens its encoder and decoder together).
   */
  private async exclusive<T>(build: RuntimeBuild, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(build) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.queues.set(
      build,
      previous.then(() => mine),
    );
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** One `session.run`, timed; calls into one runtime never overlap. */
  private async run(
    model: ModelSource,
    { session, build }: Session,
    ep: ExecutionProvider,
    values: Float32Array,
    dims: number[],
  ): Promise<{ output: Float32Array; outputDims: number[]; latencyMs: number }> {
    const ort = await this.runtime(build);
    const input = new ort.Tensor("float32", values, dims);
    return this.exclusive(build, async () => {
      const t0 = performance.now();
      try {
        const results = await session.run({ [model.inputName ?? "input"]: input });
        const tensor = results[model.outputName ?? "probabilities"];
        if (!tensor) throw new Error(`the model has no output named ${model.outputName ?? "probabilities"}`);
        const output = Float32Array.from((await tensor.getData()) as Float32Array);
        return { output, outputDims: tensor.dims.map(Number), latencyMs: performance.now() - t0 };
      } catch (error) {
        throw new InferenceError("run", `Running ${model.id} on ${ep.toUpperCase()} failed: ${describeError(error)}`, { cause: error });
      }
    });
  }

  /** Releases every cached session (e.g. when the page is hidden for good). */
  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map(async (s) => (await s.catch(() => null))?.session.release()));
  }

  /** The runtime builds loaded (or loading) so far, in load order: for tests and the page's notes. */
  get loadedBuilds(): RuntimeBuild[] {
    return [...this.runtimes.keys()];
  }

  /**
   * The build a provider runs in: WebGPU needs the WebGPU build; wasm runs in the WebGPU build when
   * that one is already here (no second download), else in the smaller plain wasm build.
   */
  private buildFor(ep: ExecutionProvider): RuntimeBuild {
    return ep === "webgpu" || this.runtimes.has("webgpu") ? "webgpu" : "wasm";
  }

  private runtime(build: RuntimeBuild): Promise<OrtModule> {
    let promise = this.runtimes.get(build);
    if (!promise) {
      promise = this.options.loadRuntime(build).catch((error: unknown) => {
        this.runtimes.delete(build);
        throw new InferenceError("runtime-load", `Could not load onnxruntime-web for ${build.toUpperCase()}: ${describeError(error)}`, {
          cause: error,
        });
      });
      this.runtimes.set(build, promise);
    }
    return promise;
  }

  /**
   * A model's bytes, fetched once per URL and shared with the sessions (e.g. the CNN lesson reads
   * the feature-map weights from the same .onnx the runtime runs, without a second download).
   */
  modelBytes(model: ModelSource): Promise<Uint8Array> {
    if (model.bytes) return Promise.resolve(model.bytes);
    const url = model.url;
    if (!url) return Promise.reject(new InferenceError("model-load", `The model ${model.id} has neither a URL nor bytes.`));
    let promise = this.bytes.get(url);
    if (!promise) {
      promise = (this.options.fetchBytes ?? defaultFetch)(url).catch((error: unknown) => {
        this.bytes.delete(url);
        throw new InferenceError("model-load", `Could not load the model ${model.id}: ${describeError(error)}`, { cause: error });
      });
      this.bytes.set(url, promise);
    }
    return promise;
  }

  private session(model: ModelSource, bytes: Uint8Array, ep: ExecutionProvider): Promise<Session> {
    const key = `${model.id}|${ep}`;
    let promise = this.sessions.get(key);
    if (!promise) {
      const build = this.buildFor(ep);
      promise = this.runtime(build).then(async (ort) => {
        try {
          // ORT may transfer or keep the buffer: give it a copy so the cached bytes stay usable.
          const session = await this.exclusive(build, () =>
            ort.InferenceSession.create(bytes.slice(), { executionProviders: [ep], graphOptimizationLevel: "all" }),
          );
          return { session, build };
        } catch (error) {
          throw new InferenceError("model-load", `Could not open the model ${model.id} on ${ep.toUpperCase()}: ${describeError(error)}`, {
            cause: error,
          });
        }
      });
      promise.catch(() => this.sessions.delete(key));
      this.sessions.set(key, promise);
    }
    return promise;
  }
}
