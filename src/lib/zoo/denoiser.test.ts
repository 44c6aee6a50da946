import { describe, expect, it } from "vitest";
import { DENOISER_SPEC, cutoutToData, dataToDisplay, denoiserInput, denoiserInputValues } from "./denoiser.ts";
import { buildDenoiser } from "./denoiserNetwork.ts";

describe("galaxy denoiser spec", () => {
  it("cutoutToData averages 2 × 2 blocks and maps [0, 1] to [−1, 1]; dataToDisplay maps back", () => {
    const image = new Float32Array(3 * 64 * 64);
    image[0] = 1;
    image[1] = 1;
    image[64] = 0;
    image[65] = 0; // top-left 2 × 2 block of channel 0: mean 0.5
    image[2 * 4096 + 4095] = 1;
    const d = cutoutToData(image);
    expect(d.length).toBe(3 * 32 * 32);
    expect(d[0]).toBeCloseTo(0, 6);
    expect(d[1]).toBe(-1);
    expect(d[2 * 1024 + 1023]).toBeCloseTo(2 * 0.25 - 1, 6);
    expect(Array.from(dataToDisplay([-1, 0, 1, 3]))).toEqual([0, 0.5, 1, 1]);
  });
  it("denoiserInput puts the images first and a constant t/T plane last, per batch item", () => {
    const n = 3 * 32 * 32;
    const xt = new Float32Array(2 * n).map((_, i) => i);
    const input = denoiserInput(xt, [250, 1000]);
    const per = denoiserInputValues(DENOISER_SPEC);
    expect(input.length).toBe(2 * per);
    expect(input[5]).toBe(5);
    expect(input[n]).toBe(0.25);
    expect(input[per - 1]).toBe(0.25);
    expect(input[per + 7]).toBe(n + 7);
    expect(input[2 * per - 1]).toBe(1);
    expect(() => denoiserInput(xt, [1])).toThrow(RangeError);
  });
  it("the network maps [N, 4, 32, 32] to ε of [N, 3, 32, 32]", () => {
    const m = buildDenoiser(DENOISER_SPEC, 0);
    expect(m.inputShapes[0]).toEqual([4, 32, 32]);
    expect(m.outputShapes[0]).toEqual([3, 32, 32]);
  });
});
