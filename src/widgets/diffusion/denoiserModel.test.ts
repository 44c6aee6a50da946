import { describe, expect, it } from "vitest";
import { coefficients } from "../../lib/diffusion/index.ts";
import { DENOISER_SPEC, SHIPPED_NETWORKS } from "../../lib/zoo/index.ts";
import {
  GENERATED,
  denoiseScene,
  denoiserSchedule,
  displayMse,
  generationNoise,
  generationPlan,
  generationVerdict,
  referenceGalaxies,
  referenceStats,
  rescaledNoisy,
  singleInput,
  statsOf,
} from "./denoiserModel.ts";
import { psnr } from "../../lib/nn/index.ts";

describe("galaxy-denoiser widget model", () => {
  const schedule = denoiserSchedule();
  it("a scene is a seeded 32 × 32 galaxy noised by the forward process", () => {
    const sc = denoiseScene("spiral", 1, 300, schedule);
    expect(sc.x0.length).toBe(3 * 32 * 32);
    const c = coefficients(schedule, 300);
    expect(sc.xt[7]).toBeCloseTo(c.signalScale * sc.x0[7] + c.noiseScale * sc.eps[7], 5);
    expect(Array.from(denoiseScene("spiral", 1, 300, schedule).xt)).toEqual(Array.from(sc.xt));
  });
  it("the network input is the noisy image plus a t/T plane; the source names the graph's input and output", () => {
    const sc = denoiseScene("merger", 0, 500, schedule);
    const input = singleInput(sc);
    expect(input.length).toBe(4 * 32 * 32);
    expect(input[input.length - 1]).toBe(0.5);
    expect(SHIPPED_NETWORKS["galaxy-denoiser"]).toMatchObject({ inputName: "input", outputName: "epsilon", inputShape: [4, 32, 32] });
  });
  it("errors are in display units: MSE of ((a − b)/2)² and PSNR = 10 log₁₀(1/MSE)", () => {
    expect(displayMse([1, -1], [-1, -1])).toBe(0.5);
    expect(psnr(0.01)).toBeCloseTo(20, 10);
    const sc = denoiseScene("elliptical", 0, 1, schedule);
    expect(displayMse(rescaledNoisy(sc, schedule), sc.x0)).toBeLessThan(1e-3);
  });
  it("a generation plan jumps from T to 0 in the requested number of DDIM steps", () => {
    const plan = generationPlan(4);
    expect(plan[0][0]).toBe(DENOISER_SPEC.schedule.T);
    expect(plan[plan.length - 1][1]).toBe(0);
    expect(plan).toHaveLength(4);
    for (const [t, s] of plan) expect(s).toBeLessThan(t);
    expect(generationNoise(1).length).toBe(GENERATED * 3 * 32 * 32);
  });

  it("judges a generation against clean simulated galaxies by brightness and roughness, in words that follow the numbers", () => {
    const real = statsOf(referenceGalaxies(5));
    // Mostly dark sky, and a little rough from the noise: as the model card's held-out galaxies.
    expect(real.mean).toBeGreaterThan(0.1);
    expect(real.mean).toBeLessThan(0.45);
    expect(real.roughness).toBeGreaterThan(0.002);
    // The references are themselves deterministic, and the widget's are ten of them.
    expect(statsOf(referenceGalaxies(5))).toEqual(real);
    expect(referenceStats()).toEqual(statsOf(referenceGalaxies(10)));
    const bright = generationVerdict({ mean: 0.5, roughness: 6 * real.roughness }, real);
    expect(bright).toMatch(/brighter than real cutouts/);
    expect(bright).toMatch(/6\.0× as rough/);
    const smooth = generationVerdict({ mean: real.mean, roughness: real.roughness / 4 }, real);
    expect(smooth).toMatch(/about as bright/);
    expect(smooth).toMatch(/4\.0× smoother/);
    expect(generationVerdict({ mean: 0.5 * real.mean, roughness: real.roughness }, real)).toMatch(
      /darker.*about as rough pixel to pixel \(1\.0×\)/,
    );
  });
});
