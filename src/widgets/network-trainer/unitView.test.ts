import { describe, expect, it } from "vitest";
import { getWeights, predict } from "../../lib/nn/index.ts";
import { tensor } from "../../lib/autodiff/index.ts";
import { architectureOf, buildModel, trainerSchema } from "../shared/networkSpec.ts";
import { defaultState } from "../shared/urlState.ts";
import { hiddenActivations, maxAbsWeight, networkView, unitSummary } from "./unitView.ts";

const state = { ...defaultState(trainerSchema), layers: [3, 2], act: "tanh" as const, dropout: 0.2 };
const probe = new Float32Array([0, 0, 1, -1, -0.5, 2, 1.5, 0.25]);

describe("the trainer's unit view", () => {
  it("hidden activations follow the engine: layer 1 is tanh(xW + b), and the last hidden layer feeds the engine's prediction", () => {
    const model = buildModel(architectureOf(state), 3);
    const hidden = hiddenActivations(model, probe, 4);
    expect(hidden.map((h) => h.units)).toEqual([3, 2]);
    const [k0, b0, k1, b1, k2, b2] = getWeights(model).map((w) => w.data);
    // Layer 1 by hand from the kernel [2, 3] and bias [3].
    for (let p = 0; p < 4; p++)
      for (let j = 0; j < 3; j++) {
        const z = probe[2 * p] * k0[j] + probe[2 * p + 1] * k0[3 + j] + b0[j];
        expect(hidden[0].values[p * 3 + j]).toBeCloseTo(Math.tanh(z), 5);
      }
    // Layer 2 from layer 1, and the output from layer 2, equal the engine's predict (dropout off).
    const out = predict(model, tensor(probe, [4, 2])).data;
    for (let p = 0; p < 4; p++) {
      const h2 = [0, 1].map((j) => Math.tanh([0, 1, 2].reduce((s, i) => s + hidden[0].values[p * 3 + i] * k1[i * 2 + j], b1[j])));
      h2.forEach((v, j) => expect(hidden[1].values[p * 2 + j]).toBeCloseTo(v, 5));
      expect(out[p]).toBeCloseTo(h2[0] * k2[0] + h2[1] * k2[1] + b2[0], 5);
    }
    expect(hidden[0].min).toBe(Math.min(...hidden[0].values));
    expect(hidden[0].max).toBe(Math.max(...hidden[0].values));
  });

  it("networkView loads the worker's weights into the model before reading it", () => {
    const trained = buildModel(architectureOf(state), 7);
    const fresh = buildModel(architectureOf(state), 1);
    const view = networkView(fresh, getWeights(trained), probe, 4);
    expect(view.layers.map((l) => [l.inputs, l.units])).toEqual([
      [2, 3],
      [3, 2],
      [2, 1],
    ]);
    expect(Array.from(view.layers[0].kernel)).toEqual(Array.from(getWeights(trained)[0].data));
    expect(Array.from(view.hidden[0].values)).toEqual(Array.from(hiddenActivations(trained, probe, 4)[0].values));
    const u = unitSummary(view, 1, 1);
    expect(u.incoming).toEqual([0, 1, 2].map((i) => view.layers[1].kernel[i * 2 + 1]));
    expect(u.bias).toBe(view.layers[1].bias[1]);
    const col = [0, 1, 2, 3].map((p) => view.hidden[1].values[p * 2 + 1]);
    expect(u.min).toBe(Math.min(...col));
    expect(u.max).toBe(Math.max(...col));
    expect(maxAbsWeight(view.layers)).toBe(Math.max(...view.layers.flatMap((l) => Array.from(l.kernel, Math.abs))));
  });
});
