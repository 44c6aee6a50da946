// The pure half of the classifier's drill-down (CNN-Explainer style): one traced engine forward pass
// of the network already on the page, then the arithmetic behind any feature-map pixel (Σ w·x + b,
// then ReLU), the dense head's contributions to a logit, the logits → softmax breakdown and the
// "out of distribution?" rule. No DOM, no Solid: tested in Node against the engine and onnxruntime.
import { Tensor, noGrad } from "../../lib/autodiff/index.ts";
import { axisGeometry } from "../../lib/autodiff/index.ts";
import { BatchNorm, Conv2D, Dense } from "../../lib/nn/index.ts";
import type { Sequential, SymbolicTensor } from "../../lib/nn/index.ts";

/** One convolution with what its arithmetic needs: its input, weights, geometry and shown output. */
export interface TracedConv {
  name: string;
  /** The conv's input, CHW. */
  input: Float32Array;
  inShape: [number, number, number];
  /** [F, C, kH, kW]. */
  kernel: Float32Array;
  kernelShape: [number, number, number, number];
  bias: Float32Array | null;
  stride: [number, number];
  /** Zero rows/columns added before the first input pixel ("same" padding). */
  padBefore: [number, number];
  /** Batch normalisation between the conv and its ReLU (then the conv has no bias). */
  bn: { gamma: Float32Array; beta: Float32Array; mean: Float32Array; variance: Float32Array; epsilon: number } | null;
  /** The feature maps as drawn (after ReLU), CHW. */
  output: Float32Array;
  outShape: [number, number, number];
}

export interface Trace {
  convs: TracedConv[];
  /** The last Dense layer's input (the dense(64) embedding after its ReLU; dropout is off). */
  features: Float32Array;
  logits: Float32Array;
  /** The last Dense layer: kernel [features, classes] row-major, bias [classes]. */
  head: { kernel: Float32Array; bias: Float32Array; features: number; classes: number };
}

const copy = (t: Tensor | null): Float32Array | null => (t ? Float32Array.from(t.data) : null);

/** Runs one CHW image through `model` in inference mode, keeping every tensor the drill-down shows. */
export function traceForward(model: Sequential, image: Float32Array): Trace {
  return noGrad(() => {
    const trace = new Map<SymbolicTensor, Tensor>();
    const x = new Tensor(image.slice(), [1, ...model.inputShape]);
    const [logits] = model.forward(x, { training: false }, trace);
    const nodes = model.nodes.filter((n) => n.layer !== null);
    const valueOf = (n: SymbolicTensor): Tensor => (n.layer === null ? (trace.get(n) ?? x) : trace.get(n)!);
    const convs: TracedConv[] = [];
    nodes.forEach((node, i) => {
      const layer = node.layer;
      if (!(layer instanceof Conv2D)) return;
      const input = valueOf(node.inputs[0]);
      const next = nodes[i + 1]?.layer;
      const bn = next instanceof BatchNorm ? next : null;
      const shown = bn && nodes[i + 2]?.layer?.kind === "Activation" ? nodes[i + 2] : node;
      const out = valueOf(shown);
      const [, c, h, w] = input.shape;
      const [f, , kh, kw] = layer.kernel!.shape;
      convs.push({
        name: layer.name,
        input: Float32Array.from(input.data),
        inShape: [c, h, w],
        kernel: Float32Array.from(layer.kernel!.data),
        kernelShape: [f, c, kh, kw],
        bias: copy(layer.bias),
        stride: layer.strides,
        padBefore: [
          axisGeometry(h, kh, layer.strides[0], layer.padding).before,
          axisGeometry(w, kw, layer.strides[1], layer.padding).before,
        ],
        bn: bn
          ? {
              gamma: copy(bn.gamma)!,
              beta: copy(bn.beta)!,
              mean: copy(bn.movingMean)!,
              variance: copy(bn.movingVariance)!,
              epsilon: bn.epsilon,
            }
          : null,
        output: Float32Array.from(out.data),
        outShape: [out.shape[1], out.shape[2], out.shape[3]],
      });
    });
    const dense = model.layers.filter((l): l is Dense => l instanceof Dense);
    const head = dense[dense.length - 1];
    const headNode = nodes.find((n) => n.layer === head)!;
    return {
      convs,
      features: Float32Array.from(valueOf(headNode.inputs[0]).data),
      logits: Float32Array.from(logits.data),
      head: {
        kernel: Float32Array.from(head.kernel!.data),
        bias: copy(head.bias) ?? new Float32Array(head.units),
        features: head.kernel!.shape[0],
        classes: head.units,
      },
    };
  });
}

/** The arithmetic behind one output pixel of one feature map. */
export interface PixelArithmetic {
  /** Input channels × kH × kW, in that order; padding positions are 0 and flagged. */
  patch: number[];
  weights: number[];
  padded: boolean[];
  /** Σ w·x over the window. */
  sum: number;
  bias: number;
  /** z = Σ w·x + b. */
  z: number;
  /** After batch normalisation (when the network has it): γ(z − μ)/√(σ² + ε) + β. */
  normalised: number | null;
  /** max(0, ·): the feature-map value. */
  relu: number;
  /** Top-left input pixel of the window (may be negative: padding). */
  origin: [number, number];
}

/**
 * out[f, oy, ox] = ReLU(Σ_c Σ_i Σ_j w[f, c, i, j] · x[c, oy·s − p + i, ox·s − p + j] + b[f]), with x = 0
 * outside the image ("same" zero padding): the cross-correlation that conv layers (and ONNX) compute.
 */
export function pixelArithmetic(conv: TracedConv, filter: number, oy: number, ox: number): PixelArithmetic {
  const [c, h, w] = conv.inShape;
  const [, , kh, kw] = conv.kernelShape;
  const y0 = oy * conv.stride[0] - conv.padBefore[0];
  const x0 = ox * conv.stride[1] - conv.padBefore[1];
  const patch: number[] = [];
  const weights: number[] = [];
  const padded: boolean[] = [];
  let sum = 0;
  for (let ch = 0; ch < c; ch++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++) {
        const y = y0 + i;
        const x = x0 + j;
        const out = y < 0 || y >= h || x < 0 || x >= w;
        const v = out ? 0 : conv.input[(ch * h + y) * w + x];
        const wt = conv.kernel[((filter * c + ch) * kh + i) * kw + j];
        patch.push(v);
        weights.push(wt);
        padded.push(out);
        sum += v * wt;
      }
  const bias = conv.bias ? conv.bias[filter] : 0;
  const z = sum + bias;
  const bn = conv.bn;
  const normalised = bn ? (bn.gamma[filter] * (z - bn.mean[filter])) / Math.sqrt(bn.variance[filter] + bn.epsilon) + bn.beta[filter] : null;
  return { patch, weights, padded, sum, bias, z, normalised, relu: Math.max(0, normalised ?? z), origin: [y0, x0] };
}

/** One class's logit as the dense head computes it: Σ_j f_j·W[j, k] + b_k, largest terms first. */
export function logitTerms(
  trace: Trace,
  k: number,
  top = 5,
): { terms: { feature: number; value: number; weight: number; product: number }[]; rest: number; bias: number; logit: number } {
  const { kernel, bias, features, classes } = trace.head;
  const all = Array.from({ length: features }, (_, j) => ({
    feature: j,
    value: trace.features[j],
    weight: kernel[j * classes + k],
    product: trace.features[j] * kernel[j * classes + k],
  }));
  const logit = all.reduce((s, t) => s + t.product, bias[k]);
  all.sort((a, b) => Math.abs(b.product) - Math.abs(a.product));
  const terms = all.slice(0, top);
  const rest = all.slice(top).reduce((s, t) => s + t.product, 0);
  return { terms, rest, bias: bias[k], logit };
}

/**
 * softmax(ℓ)_k = exp(ℓ_k − m) / Σ_j exp(ℓ_j − m), m = max ℓ: subtracting the largest logit changes
 * nothing mathematically and keeps exp from overflowing, so the table shows exp(ℓ_k − m).
 */
export function softmaxBreakdown(logits: ArrayLike<number>): {
  max: number;
  rows: { logit: number; exp: number; probability: number }[];
  sum: number;
} {
  const l = Array.from(logits);
  const max = Math.max(...l);
  const exps = l.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return { max, sum, rows: l.map((logit, k) => ({ logit, exp: exps[k], probability: exps[k] / sum })) };
}

/** Calibration of the out-of-distribution rule for one model (oodCalibration.json, made by oodCalibration.ts). */
export interface OodCalibration {
  /** The rule's threshold: this quantile of the energies of held-out simulated images. */
  threshold: number;
  quantile: number;
  images: number;
  seed: string;
}

/** The energy score E = −log Σ_k exp(ℓ_k) (Liu et al. 2020): low for confident, familiar inputs. */
export function energy(logits: ArrayLike<number>): number {
  const b = softmaxBreakdown(logits);
  return -(b.max + Math.log(b.sum));
}

/**
 * The "out of distribution?" rule: the image is flagged when its energy score exceeds the 99th
 * percentile of the energies of held-out simulated images of the training kinds, i.e. when the
 * network's logits are weaker than for 99 % of images like the ones it was trained on. It is a
 * screening hint, not a guarantee: an image unlike the training set can still give strong logits
 * (and is then not flagged), and 1 % of ordinary images are flagged.
 */
export function outOfDistribution(logits: ArrayLike<number>, cal: OodCalibration): { energy: number; flagged: boolean } {
  const e = energy(logits);
  return { energy: e, flagged: e > cal.threshold };
}
