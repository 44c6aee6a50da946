import { describe, expect, it, vi } from "vitest";
import { Rng } from "../../src/lib/random/index.ts";
import { predict } from "../../src/lib/nn/index.ts";
import { main, xorData } from "../../examples/quickstart.ts";
import { runOrt } from "../support/runOrt.ts";

describe("examples/quickstart.ts", () => {
  it("trains the XOR model above 90% held-out accuracy, quietly, and exports ONNX that onnxruntime runs like the engine", async () => {
    const log = vi.spyOn(console, "log");
    const { accuracy, model, onnx } = main({ quiet: true });
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    expect(accuracy).toBeGreaterThan(0.9);

    // A ModelProto starts with field 1 (ir_version, varint): bytes 0x08, 8.
    expect(Array.from(onnx.subarray(0, 2))).toEqual([0x08, 8]);
    const { x } = xorData(new Rng("fresh points"), 16);
    const out = await runOrt(onnx, { input: { data: x.data as Float32Array, dims: x.shape } });
    expect(out.output.dims).toEqual([16, 1]);
    const want = predict(model, x).data;
    expect(Math.max(...Array.from(out.output.data, (v, i) => Math.abs(v - want[i])))).toBeLessThan(1e-5);
  });
});
