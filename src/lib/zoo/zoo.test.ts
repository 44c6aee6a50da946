import { describe, expect, it } from "vitest";
import { DIHEDRAL_VIEWS, dihedralView } from "../astro/index.ts";
import {
  CLASSIFIERS,
  CLASSIFIER_IDS,
  SHIPPED_NETWORKS,
  SHIPPED_NETWORK_IDS,
  buildClassifier,
  classifierInput,
  isClassifierId,
  predictionViews,
} from "./index.ts";

describe("the model zoo", () => {
  it("decides test-time augmentation in one place: the lens finder averages its 8 flips and turns, the morphology network sees the image alone", () => {
    expect(predictionViews(CLASSIFIERS["lens-finder"])).toBe(DIHEDRAL_VIEWS);
    expect(predictionViews(CLASSIFIERS["galaxy-morphology"])).toBe(1);
    const image = Float32Array.from({ length: 3 * 64 * 64 }, (_, i) => (i * 7919) % 1000);
    const single = classifierInput(CLASSIFIERS["galaxy-morphology"], image);
    expect(single.views).toBe(1);
    expect(single.input).toBe(image);
    const tta = classifierInput(CLASSIFIERS["lens-finder"], image);
    expect(tta.views).toBe(8);
    expect(tta.input.length).toBe(8 * image.length);
    // View k of the batch is dihedral view k of the image (view 0: the image itself).
    for (const k of [0, 3, 7])
      expect(tta.input.subarray(k * image.length, (k + 1) * image.length)).toEqual(
        dihedralView(image, k, 3, 64, new Float32Array(image.length)),
      );
  });

  it("lists every shipped network once, with the classifiers' classes as their labels", () => {
    expect(new Set(SHIPPED_NETWORK_IDS).size).toBe(SHIPPED_NETWORK_IDS.length);
    for (const id of SHIPPED_NETWORK_IDS) expect(SHIPPED_NETWORKS[id].id).toBe(id);
    for (const id of CLASSIFIER_IDS) {
      expect(SHIPPED_NETWORKS[id].labels).toEqual(CLASSIFIERS[id].classes);
      expect(SHIPPED_NETWORKS[id].file).toBe(`${id}/model.onnx`);
      expect(CLASSIFIERS[id].name).toBe(id);
    }
    expect(isClassifierId("lens-finder")).toBe(true);
    expect(isClassifierId("galaxy-denoiser")).toBe(false);
  });

  it("builds each classifier's network from its spec: three 3 × 3 convolutions of the spec's widths (12, 24, 48 for both shipped models), a 64-unit embedding over the 4 × 4 maps, one logit per class", () => {
    for (const id of CLASSIFIER_IDS) {
      const k = CLASSIFIERS[id].classes.length;
      expect(CLASSIFIERS[id].widths).toEqual([12, 24, 48]);
      const net = buildClassifier(CLASSIFIERS[id], "zoo-test");
      expect(net.outputShapes[0]).toEqual([k]);
      const conv = (cin: number, cout: number) => 3 * 3 * cin * cout + cout;
      expect(net.countParams()).toBe(conv(3, 12) + conv(12, 24) + conv(24, 48) + (48 * 16 * 64 + 64) + (64 * k + k));
    }
    // Without widths, the narrow default network.
    const narrow = buildClassifier({ ...CLASSIFIERS["lens-finder"], widths: undefined }, "zoo-test");
    expect(narrow.countParams()).toBe(3 * 3 * 3 * 8 + 8 + (3 * 3 * 8 * 16 + 16) + (3 * 3 * 16 * 32 + 32) + (512 * 64 + 64) + (64 * 2 + 2));
  });
});
