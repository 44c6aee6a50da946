import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../lib/random/index.ts";
import { simulateCutout } from "../../lib/astro/index.ts";
import type { CutoutKind } from "../../lib/astro/index.ts";
import { ModelRunner } from "../../lib/inference/index.ts";
import { loadNodeRuntime } from "../../lib/inference/nodeRuntime.ts";
import { CLASSIFIERS, CLASSIFIER_IDS } from "../../lib/zoo/index.ts";
import { engineForward, loadEngineModel } from "./engineModel.ts";
import { energy, logitTerms, outOfDistribution, pixelArithmetic, softmaxBreakdown, traceForward } from "./drillDown.ts";
import type { OodCalibration } from "./drillDown.ts";
import { OOD_IMAGES_PER_CLASS, OOD_QUANTILE, calibrateOod, quantile } from "./oodCalibration.ts";
import calibration from "./oodCalibration.json";

const MODELS_DIR = join(import.meta.dirname, "../../../models");
const onnxBytes = (id: string) => new Uint8Array(readFileSync(join(MODELS_DIR, id, "model.onnx")));

describe("the classifier drill-down", () => {
  for (const id of CLASSIFIER_IDS) {
    it(`${id}: each pixel's Σ w·x + b, then ReLU, is the engine's feature-map value`, () => {
      const model = loadEngineModel(id, onnxBytes(id));
      const { image } = simulateCutout(CLASSIFIERS[id].classes[1] as CutoutKind, new Rng(`drill/${id}`));
      const trace = traceForward(model, image);
      const maps = engineForward(model, image).layers;
      expect(trace.convs.map((c) => c.name)).toEqual(maps.map((l) => l.name));
      const rng = new Rng("pixels");
      for (const [n, conv] of trace.convs.entries()) {
        expect(Array.from(conv.output)).toEqual(Array.from(maps[n].data));
        const [f, h, w] = conv.outShape;
        // Corners (zero padding) and random pixels.
        const pixels: [number, number, number][] = [
          [0, 0, 0],
          [f - 1, h - 1, w - 1],
          ...Array.from(
            { length: 20 },
            () => [Math.floor(rng.next() * f), Math.floor(rng.next() * h), Math.floor(rng.next() * w)] as [number, number, number],
          ),
        ];
        for (const [k, y, x] of pixels) {
          const a = pixelArithmetic(conv, k, y, x);
          expect(a.relu).toBeCloseTo(conv.output[(k * h + y) * w + x], 4);
          expect(a.relu).toBe(Math.max(0, a.z));
          expect(a.weights).toHaveLength(conv.kernelShape[1] * 9);
        }
        // "same" padding adds its odd row and column after the image: the last pixel always reads some.
        expect(pixelArithmetic(conv, 0, h - 1, w - 1).padded.some(Boolean)).toBe(true);
      }
    });

    it(`${id}: the logits → softmax breakdown equals onnxruntime's probabilities within 1e-4, and each logit is its dense terms`, async () => {
      const model = loadEngineModel(id, onnxBytes(id));
      const runner = new ModelRunner({ loadRuntime: loadNodeRuntime });
      const source = { id, bytes: onnxBytes(id), labels: CLASSIFIERS[id].classes };
      const classes = CLASSIFIERS[id].classes;
      for (let i = 0; i < classes.length; i++) {
        const { image } = simulateCutout(classes[i] as CutoutKind, new Rng(`softmax/${id}/${i}`));
        const trace = traceForward(model, image);
        const b = softmaxBreakdown(trace.logits);
        const ort = await runner.predict(source, image, "wasm");
        b.rows.forEach((r, k) => {
          expect(Math.abs(r.probability - ort.firstView[k])).toBeLessThan(1e-4);
          expect(r.exp / b.sum).toBeCloseTo(r.probability, 12);
          const terms = logitTerms(trace, k, 5);
          expect(terms.logit).toBeCloseTo(trace.logits[k], 4);
          expect(terms.terms.reduce((s, t) => s + t.product, terms.bias + terms.rest)).toBeCloseTo(trace.logits[k], 4);
        });
        expect(Math.max(...b.rows.map((r) => r.exp))).toBe(1);
      }
      await runner.dispose();
    });
  }

  it("softmaxBreakdown is stable for large logits", () => {
    const b = softmaxBreakdown([1000, 999, 0]);
    expect(b.rows[0].probability).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(b.rows[2].probability).toBeGreaterThanOrEqual(0);
  });
});

describe("the out-of-distribution rule", () => {
  const cal = calibration as Record<string, OodCalibration>;

  it("quantile interpolates between order statistics; energy is −log Σ exp ℓ", () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.99)).toBe(5);
    expect(energy([0, Math.log(3)])).toBeCloseTo(-Math.log(4), 12);
  });

  it("oodCalibration.json holds what oodCalibration.ts computes from the shipped weights", () => {
    // The lens-finder's threshold recomputed in full (80 images); the other's metadata.
    expect(cal["lens-finder"].threshold).toBeCloseTo(
      calibrateOod(loadEngineModel("lens-finder", onnxBytes("lens-finder")), "lens-finder").threshold,
      5,
    );
    for (const m of CLASSIFIER_IDS) {
      expect(cal[m].quantile).toBe(OOD_QUANTILE);
      expect(cal[m].images).toBe(OOD_IMAGES_PER_CLASS * CLASSIFIERS[m].classes.length);
      expect(cal[m].seed).toBe(`ood-calibration/${m}`);
    }
  });

  it("passes gallery images (other seeds) and, for the morphology model, flags a faint noise frame", () => {
    for (const id of CLASSIFIER_IDS) {
      const model = loadEngineModel(id, onnxBytes(id));
      const classes = CLASSIFIERS[id].classes;
      let flagged = 0;
      for (let i = 0; i < 10; i++) {
        const { image } = simulateCutout(classes[i % classes.length] as CutoutKind, new Rng(`ood-check/${id}/${i}`));
        if (outOfDistribution(traceForward(model, image).logits, cal[id]).flagged) flagged++;
      }
      expect(flagged).toBeLessThanOrEqual(1);
    }
    // A limitation, stated in the UI: the rule only sees weak logits. The lens-finder's logits are weak
    // for many ordinary images, so its threshold is high and such frames are not reliably caught there.
    const rng = new Rng("noise");
    const noise = Float32Array.from({ length: 3 * 64 * 64 }, () => 0.1 * rng.next());
    const model = loadEngineModel("galaxy-morphology", onnxBytes("galaxy-morphology"));
    expect(outOfDistribution(traceForward(model, noise).logits, cal["galaxy-morphology"]).flagged).toBe(true);
  });
});
