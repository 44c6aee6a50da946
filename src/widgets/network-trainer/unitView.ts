/**
 * The pure half of the trainer's network view (TensorFlow-Playground style): each hidden unit's
 * activation over the probe points, computed by the engine from the current weights; the weights as
 * plain per-layer matrices for the diagram and its table (the "loss settled" rule is lossSettled.ts,
 * loaded with the page while this waits for the first run). No DOM, no Solid: tested in Node.
 */
import { noGrad, tensor } from "../../lib/autodiff/index.ts";
import type { Tensor } from "../../lib/autodiff/index.ts";
import { Dense, setWeights } from "../../lib/nn/index.ts";
import type { Sequential } from "../../lib/nn/index.ts";
import { Rng } from "../../lib/random/index.ts";

/** One dense layer's weights: kernel[i][j] connects input unit i to this layer's unit j. */
export interface LayerWeights {
  /** Engine layer name ("dense", "dense_1", …). */
  name: string;
  inputs: number;
  units: number;
  /** Row-major [inputs, units], as the engine stores a Dense kernel. */
  kernel: Float32Array;
  bias: Float32Array;
  activation: string;
}

/** A hidden layer's activations at every probe point: values[p * units + j] is unit j at point p. */
export interface LayerActivations {
  units: number;
  values: Float32Array;
  /** Smallest and largest value over all units (for one colour scale per layer). */
  min: number;
  max: number;
}

export interface NetworkView {
  layers: LayerWeights[];
  /** One entry per hidden layer (the output layer's values are the prediction chart's). */
  hidden: LayerActivations[];
}

/** Dense layers of `model` in order, with their current weights copied out. */
export function layerWeights(model: Sequential): LayerWeights[] {
  return model.layers
    .filter((l): l is Dense => l instanceof Dense)
    .map((l) => ({
      name: l.name,
      inputs: l.kernel!.shape[0],
      units: l.units,
      kernel: Float32Array.from(l.kernel!.data),
      bias: l.bias ? Float32Array.from(l.bias.data) : new Float32Array(l.units),
      activation: l.activation,
    }));
}

/**
 * Runs the engine model layer by layer in inference mode (dropout off) over `probe` ([points,
 * features], z-scored like the training inputs) and keeps every hidden Dense layer's output: unit j
 * of a layer is act(Σᵢ hᵢ·Wᵢⱼ + bⱼ) over the previous layer's activations h.
 */
export function hiddenActivations(model: Sequential, probe: Float32Array, points: number): LayerActivations[] {
  const features = probe.length / points;
  const dense = model.layers.filter((l) => l instanceof Dense);
  const last = dense[dense.length - 1];
  return noGrad(() => {
    let h: Tensor = tensor(probe, [points, features]);
    const out: LayerActivations[] = [];
    const ctx = { training: false, rng: new Rng(0) };
    for (const layer of model.layers) {
      h = layer.forward([h], ctx);
      if (layer instanceof Dense && layer !== last) {
        const values = Float32Array.from(h.data);
        let min = Infinity;
        let max = -Infinity;
        for (const v of values) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
        out.push({ units: layer.units, values, min, max });
      }
    }
    return out;
  });
}

/** Loads weights (as the worker sends them) into `model` and reads the view's data from it. */
export function networkView(
  model: Sequential,
  weights: readonly { name: string; shape: number[]; data: ArrayLike<number> }[],
  probe: Float32Array,
  points: number,
): NetworkView {
  setWeights(model, weights);
  return { layers: layerWeights(model), hidden: hiddenActivations(model, probe, points) };
}

/** Summary of one unit for the table: its bias, incoming weights and activation range over the probe. */
export interface UnitSummary {
  layer: number;
  unit: number;
  bias: number;
  incoming: number[];
  min: number;
  max: number;
  mean: number;
}

export function unitSummary(view: NetworkView, layer: number, unit: number): UnitSummary {
  const w = view.layers[layer];
  const incoming = Array.from({ length: w.inputs }, (_, i) => w.kernel[i * w.units + unit]);
  const a = view.hidden[layer];
  let min = 0;
  let max = 0;
  let mean = 0;
  if (a) {
    min = Infinity;
    max = -Infinity;
    const n = a.values.length / a.units;
    for (let p = 0; p < n; p++) {
      const v = a.values[p * a.units + unit];
      if (v < min) min = v;
      if (v > max) max = v;
      mean += v / n;
    }
  }
  return { layer, unit, bias: w.bias[unit], incoming, min, max, mean };
}

/** The largest |weight| in the network, so line widths share one scale. */
export function maxAbsWeight(layers: readonly LayerWeights[]): number {
  let m = 0;
  for (const l of layers) for (const v of l.kernel) m = Math.max(m, Math.abs(v));
  return m;
}
