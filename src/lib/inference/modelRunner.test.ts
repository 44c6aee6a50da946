import { describe, expect, it } from "vitest";
import { ModelRunner } from "./modelRunner.ts";
import { InferenceError } from "./errors.ts";
import type { ExecutionProvider, OrtModule, RuntimeBuild } from "./types.ts";

/**
 * A stand-in for onnxruntime-web: sessions return fixed probabilities; failures on demand. Like the
 * real builds, the "webgpu" build opens sessions for both providers and the "wasm" build only for wasm.
 */
function fakeRuntime(
  options: { failSession?: ExecutionProvider[]; failLoads?: number; failBuild?: RuntimeBuild[]; failRun?: ExecutionProvider[] } = {},
) {
  const log = { loads: [] as RuntimeBuild[], sessions: [] as string[], runs: 0 };
  let failLoads = options.failLoads ?? 0;
  const load = async (build: RuntimeBuild): Promise<OrtModule> => {
    log.loads.push(build);
    if (options.failBuild?.includes(build)) throw new Error(`${build} build failed to compile`);
    if (failLoads > 0) {
      failLoads--;
      throw new Error("network down");
    }
    class Tensor {
      type: string;
      data: Float32Array;
      dims: number[];
      constructor(type: string, data: Float32Array, dims: number[]) {
        this.type = type;
        this.data = data;
        this.dims = dims;
      }
      async getData() {
        return this.data;
      }
    }
    const InferenceSession = {
      async create(_bytes: Uint8Array, o: { executionProviders: string[] }) {
        const provider = o.executionProviders[0] as ExecutionProvider;
        log.sessions.push(`${provider}@${build}`);
        if (provider === "webgpu" && build !== "webgpu") throw new Error("the wasm build has no WebGPU provider");
        if (options.failSession?.includes(provider)) throw new Error(`no ${provider} today`);
        return {
          async run() {
            log.runs++;
            if (options.failRun?.includes(provider)) throw new Error("device lost");
            return { probabilities: new Tensor("float32", Float32Array.from([0.2, 0.7, 0.1]), [1, 3]) };
          },
          async release() {},
        };
      },
    };
    return { Tensor, InferenceSession, env: {} } as unknown as OrtModule;
  };
  return { load, log };
}

const model = { id: "m", bytes: new Uint8Array([1, 2, 3]), labels: ["a", "b", "c"], inputShape: [1, 2, 2] };
const image = new Float32Array(4);
const gpu = { ok: true as const };
const noGpu = { ok: false as const, reason: "this browser has no WebGPU (navigator.gpu is missing)" };

describe("ModelRunner", () => {
  it("runs on WebGPU when it is available and reports the provider, the top class and the latency", async () => {
    const rt = fakeRuntime();
    const c = new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => gpu });
    const p = await c.predict(model, image);
    expect(p.ep).toBe("webgpu");
    expect(p.notice).toBeNull();
    expect(p.top).toBe("b");
    expect(p.topIndex).toBe(1);
    expect(p.latencyMs).toBeGreaterThanOrEqual(0);
    expect(rt.log.loads).toEqual(["webgpu"]);
  });

  it("falls back to WASM and says so when the browser has no WebGPU", async () => {
    const rt = fakeRuntime();
    const c = new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => noGpu });
    const p = await c.predict(model, image, "auto");
    expect(p.ep).toBe("wasm");
    expect(p.notice).toMatch(/WebGPU is not available: this browser has no WebGPU/);
    expect(rt.log.loads).toEqual(["wasm"]);
  });

  it("falls back to WASM when a WebGPU session cannot be created, on the WebGPU build already loaded (one download)", async () => {
    const rt = fakeRuntime({ failSession: ["webgpu"] });
    const c = new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => gpu });
    const p = await c.predict(model, image);
    expect(p.ep).toBe("wasm");
    expect(p.notice).toMatch(/WebGPU failed .*no webgpu today.*Ran on the CPU with WebAssembly instead/);
    expect(rt.log.loads).toEqual(["webgpu"]);
    expect(rt.log.sessions).toEqual(["webgpu@webgpu", "wasm@webgpu"]);
    expect(c.loadedBuilds).toEqual(["webgpu"]);
  });

  it("loads the plain wasm build only when the WebGPU build itself fails to load, and says why", async () => {
    const rt = fakeRuntime({ failBuild: ["webgpu"] });
    const c = new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => gpu });
    const p = await c.predict(model, image);
    expect(p.ep).toBe("wasm");
    expect(p.notice).toMatch(
      /WebGPU failed \(Could not load onnxruntime-web for WEBGPU: webgpu build failed to compile\)\. Ran on the CPU/,
    );
    expect(rt.log.loads).toEqual(["webgpu", "wasm"]);
    expect(rt.log.sessions).toEqual(["wasm@wasm"]);
  });

  it("after a WebGPU run, a forced WASM run reuses the WebGPU build (no second runtime download)", async () => {
    const rt = fakeRuntime();
    const c = new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => gpu });
    expect((await c.predict(model, image, "auto")).ep).toBe("webgpu");
    expect((await c.predict(model, image, "wasm")).ep).toBe("wasm");
    expect(rt.log.loads).toEqual(["webgpu"]);
    expect(rt.log.sessions).toEqual(["webgpu@webgpu", "wasm@webgpu"]);
  });

  it("forced WebGPU does not fall back: a missing WebGPU is a webgpu-unavailable error", async () => {
    const c = new ModelRunner({ loadRuntime: fakeRuntime().load, detectWebGpu: async () => noGpu });
    const error = (await c.predict(model, image, "webgpu").catch((e: unknown) => e)) as InferenceError;
    expect(error.kind).toBe("webgpu-unavailable");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/WebGPU was requested but is not available: this browser has no WebGPU/);
  });

  it("falls back to WASM when a WebGPU run fails, without a second runtime download", async () => {
    const rt = fakeRuntime({ failRun: ["webgpu"] });
    const p = await new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => gpu }).predict(model, image);
    expect(p.ep).toBe("wasm");
    expect(p.notice).toMatch(/WebGPU failed while running .*device lost/);
    expect(rt.log.loads).toEqual(["webgpu"]);
  });

  it("forces WASM when asked, without touching WebGPU", async () => {
    const rt = fakeRuntime();
    const c = new ModelRunner({
      loadRuntime: rt.load,
      detectWebGpu: async () => {
        throw new Error("must not be called");
      },
    });
    expect((await c.predict(model, image, "wasm")).ep).toBe("wasm");
    expect(rt.log.loads).toEqual(["wasm"]);
  });

  it("caches sessions per model and provider", async () => {
    const rt = fakeRuntime();
    const c = new ModelRunner({ loadRuntime: rt.load, detectWebGpu: async () => gpu });
    await c.predict(model, image, "wasm");
    const second = await c.predict(model, image, "wasm");
    await c.predict({ ...model, id: "other" }, image, "wasm");
    expect(rt.log.sessions).toEqual(["wasm@wasm", "wasm@wasm"]);
    expect(rt.log.loads).toEqual(["wasm"]);
    expect(second.sessionMs).toBe(0);
  });

  it("a failed runtime load is a retryable runtime-load error, and the next call retries it", async () => {
    const rt = fakeRuntime({ failLoads: 1 });
    const c = new ModelRunner({ loadRuntime: rt.load });
    const error = await c.predict(model, image, "wasm").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect((error as InferenceError).kind).toBe("runtime-load");
    expect((error as InferenceError).retryable).toBe(true);
    expect((error as InferenceError).message).toMatch(/Could not load onnxruntime-web for WASM: network down/);
    expect((await c.predict(model, image, "wasm")).top).toBe("b");
  });

  it("a model that cannot be fetched is a model-load error naming the model, retried on the next call", async () => {
    let calls = 0;
    const rt = fakeRuntime();
    const c = new ModelRunner({
      loadRuntime: rt.load,
      fetchBytes: async () => {
        calls++;
        if (calls === 1) throw new Error("HTTP 404 for /m.onnx");
        return new Uint8Array([1]);
      },
    });
    const remote = { id: "m", url: "/m.onnx", labels: ["a", "b", "c"], inputShape: [1, 2, 2] };
    const error = (await c.predict(remote, image, "wasm").catch((e: unknown) => e)) as InferenceError;
    expect(error.kind).toBe("model-load");
    expect(error.message).toMatch(/Could not load the model m: HTTP 404/);
    expect((await c.predict(remote, image, "wasm")).ep).toBe("wasm");
  });

  it("rejects an input of the wrong size as bad-input (not retryable)", async () => {
    const c = new ModelRunner({ loadRuntime: fakeRuntime().load });
    const error = (await c.predict(model, new Float32Array(5), "wasm").catch((e: unknown) => e)) as InferenceError;
    expect(error.kind).toBe("bad-input");
    expect(error.retryable).toBe(false);
  });
});

describe("ModelRunner runs", () => {
  it("never overlap on one runtime, even across models: concurrent predictions are queued", async () => {
    let active = 0;
    let most = 0;
    const rt = fakeRuntime();
    const load = async (build: RuntimeBuild) => {
      const ort = await rt.load(build);
      const create = ort.InferenceSession.create.bind(ort.InferenceSession);
      return {
        ...ort,
        InferenceSession: {
          async create(...args: Parameters<typeof create>) {
            const session = await create(...args);
            const run = session.run.bind(session);
            return Object.assign(session, {
              async run(...a: Parameters<typeof run>) {
                active++;
                most = Math.max(most, active);
                await new Promise((r) => setTimeout(r, 5));
                active--;
                return run(...a);
              },
            });
          },
        },
      } as unknown as OrtModule;
    };
    const c = new ModelRunner({ loadRuntime: load });
    const all = await Promise.all([1, 2, 3, 4].map((i) => c.predict({ ...model, id: `m${i % 2}` }, image, "wasm")));
    expect(all.map((p) => p.top)).toEqual(["b", "b", "b", "b"]);
    expect(most).toBe(1);
  });
});

describe("ModelRunner calls into one runtime build", () => {
  it("never overlap: two sessions opened together (an encoder and a decoder) are created one after the other", async () => {
    let active = 0;
    let most = 0;
    const rt = fakeRuntime();
    const load = async (build: RuntimeBuild) => {
      const ort = await rt.load(build);
      const create = ort.InferenceSession.create.bind(ort.InferenceSession);
      return {
        ...ort,
        InferenceSession: {
          async create(...args: Parameters<typeof create>) {
            active++;
            most = Math.max(most, active);
            await new Promise((r) => setTimeout(r, 5));
            active--;
            return create(...args);
          },
        },
      } as unknown as OrtModule;
    };
    const c = new ModelRunner({ loadRuntime: load, detectWebGpu: async () => gpu });
    const both = await Promise.all([c.predict({ ...model, id: "encoder" }, image), c.predict({ ...model, id: "decoder" }, image)]);
    expect(both.map((p) => p.ep)).toEqual(["webgpu", "webgpu"]);
    expect(most).toBe(1);
    expect(rt.log.loads).toEqual(["webgpu"]);
  });
});

describe("ModelRunner.infer", () => {
  it("runs a batch and returns the raw output with its shape; labels are not needed", async () => {
    const seen: number[][] = [];
    const rt = fakeRuntime();
    const load = async (build: RuntimeBuild) => {
      const ort = await rt.load(build);
      return {
        ...ort,
        InferenceSession: {
          async create() {
            return {
              // An "identity" model: echoes its input under the output name.
              async run(feeds: Record<string, { data: Float32Array; dims: number[] }>) {
                seen.push(feeds.input.dims);
                return { reconstruction: new ort.Tensor("float32", feeds.input.data, feeds.input.dims) };
              },
              async release() {},
            };
          },
        },
      } as unknown as OrtModule;
    };
    const c = new ModelRunner({ loadRuntime: load });
    const source = { id: "ae", bytes: new Uint8Array([1]), inputShape: [1, 2, 2], outputName: "reconstruction" };
    const batch = Float32Array.from({ length: 12 }, (_, i) => i);
    const r = await c.infer(source, batch, "wasm", 3);
    expect(seen).toEqual([[3, 1, 2, 2]]);
    expect(r.outputDims).toEqual([3, 1, 2, 2]);
    expect(Array.from(r.output)).toEqual(Array.from(batch));
    expect(r.ep).toBe("wasm");
    await expect(c.infer(source, batch, "wasm", 2)).rejects.toThrow(/takes 2 × 1 × 2 × 2 = 8 values; got 12/);
    await expect(c.predict(source, new Float32Array(4), "wasm")).rejects.toThrow(/returned 4 values for 0 classes/);
  });
});

describe("ModelRunner.predict with several views", () => {
  it("runs the views as one batch and averages their probabilities; firstView keeps the image as given", async () => {
    const rt = fakeRuntime();
    const load = async (build: RuntimeBuild) => {
      const ort = await rt.load(build);
      return {
        ...ort,
        InferenceSession: {
          async create() {
            return {
              async run(feeds: Record<string, { dims: number[] }>) {
                expect(feeds.input.dims).toEqual([2, 1, 2, 2]);
                return { probabilities: new ort.Tensor("float32", Float32Array.from([0.2, 0.8, 0.6, 0.4]), [2, 2]) };
              },
              async release() {},
            };
          },
        },
      } as unknown as OrtModule;
    };
    const p = await new ModelRunner({ loadRuntime: load }).predict(
      { id: "tta", bytes: new Uint8Array([1]), labels: ["no", "yes"], inputShape: [1, 2, 2] },
      new Float32Array(8),
      "wasm",
      2,
    );
    expect(Array.from(p.probabilities).map((v) => Number(v.toFixed(6)))).toEqual([0.4, 0.6]);
    expect(Array.from(p.firstView).map((v) => Number(v.toFixed(6)))).toEqual([0.2, 0.8]);
    expect(p.views).toBe(2);
    expect(p.top).toBe("yes");
  });
});
