import { describe, expect, it } from "vitest";
import { coefficients, noiseTo } from "../../lib/diffusion/index.ts";
import { FORWARD_T, forwardScene, forwardSchedule, forwardTeX, noisyDisplay } from "./forwardNoisingModel.ts";

describe("forward-noising widget model", () => {
  it("the scene is a seeded galaxy in [−1, 1] with one fixed noise draw", () => {
    const a = forwardScene("spiral", 3);
    const b = forwardScene("spiral", 3);
    expect(Array.from(a.x0)).toEqual(Array.from(b.x0));
    expect(Array.from(a.eps)).toEqual(Array.from(b.eps));
    expect(a.x0.length).toBe(3 * 64 * 64);
    for (const v of a.x0) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });
  it("x_t on the page is the library's forward process mapped to (x + 1)/2", () => {
    const scene = forwardScene("elliptical", 0);
    const s = forwardSchedule("cosine");
    const shown = noisyDisplay(scene, s, 400);
    const xt = noiseTo(s, scene.x0, 400, scene.eps);
    for (let i = 0; i < 50; i++) expect(shown[i]).toBeCloseTo((xt[i] + 1) / 2, 6);
    const clean = noisyDisplay(scene, s, 0);
    expect(clean[10]).toBeCloseTo((scene.x0[10] + 1) / 2, 6);
    expect(forwardSchedule("linear").T).toBe(FORWARD_T);
  });
  it("the formula on the page carries the step's √ᾱ, √(1 − ᾱ), 1 − ᾱ and SNR", () => {
    const c = coefficients(forwardSchedule("linear"), 100);
    const tex = forwardTeX(c);
    expect(tex).toContain("x_{100}");
    expect(tex).toContain(c.signalScale.toFixed(3).replace(/0+$/, ""));
    expect(tex).toContain("\\mathrm{SNR}");
    expect(forwardTeX(coefficients(forwardSchedule("linear"), 0))).toContain("\\infty");
  });
});
