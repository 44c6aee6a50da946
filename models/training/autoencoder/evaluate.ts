// Held-out evaluation of a trained encoder/decoder pair, in inference mode: codes, per-image
// reconstruction errors, errors with the code truncated to its top principal components, and the
// decoder → encoder cycle on structural parameters.
import { Tensor, noGrad } from "../../../src/lib/autodiff/index.ts";
import type { Model } from "../../../src/lib/nn/index.ts";
import type { Structure } from "../../../src/lib/astro/index.ts";
import { semanticTargets } from "../../../src/lib/zoo/index.ts";
import { IMAGE_VALUES } from "../shared/dataset.ts";
import type { Dataset } from "../shared/dataset.ts";
import { batchOf } from "./batch.ts";
import { parameterErrors } from "./metrics.ts";
import { psnr } from "../../../src/lib/nn/index.ts";
import { pca } from "./pca.ts";
import type { ParamError, TruncationPoint } from "./result.ts";

/** Latent codes of images [0, count) in inference mode: count × latent values. */
export function encodeAll(encoder: Model, data: Dataset, count = data.count, batch = 50): Float32Array {
  const k = encoder.outputShapes[0][0];
  const out = new Float32Array(count * k);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  noGrad(() => {
    for (let s = 0; s < count; s += batch) {
      const idx = Array.from({ length: Math.min(batch, count - s) }, (_, r) => s + r);
      out.set(encoder.forward(batchOf(data, idx, buf), { training: false })[0].data, s * k);
    }
  });
  return out;
}

/** Per-image reconstruction MSE (encoder → decoder, inference mode) of images [0, count). */
export function reconstructionErrors(encoder: Model, decoder: Model, data: Dataset, count = data.count, batch = 50): Float64Array {
  const errors = new Float64Array(count);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  noGrad(() => {
    for (let s = 0; s < count; s += batch) {
      const idx = Array.from({ length: Math.min(batch, count - s) }, (_, r) => s + r);
      const x = batchOf(data, idx, buf);
      const y = decoder.forward(encoder.forward(x, { training: false })[0], { training: false })[0];
      for (let r = 0; r < idx.length; r++) {
        let sum = 0;
        for (let p = r * IMAGE_VALUES; p < (r + 1) * IMAGE_VALUES; p++) sum += (y.data[p] - x.data[p]) ** 2;
        errors[s + r] = sum / IMAGE_VALUES;
      }
    }
  });
  return errors;
}

/**
 * Held-out MSE of the main model when its codes keep only their first k principal components:
 * z_k = μ + Σ_{j<k} ((z − μ)·v_j) v_j, decoded. It measures how much of the reconstruction each
 * further dimension of the code carries, on one well-trained model.
 */
export function truncationErrors(encoder: Model, decoder: Model, data: Dataset, ks: readonly number[], batch = 50): TruncationPoint[] {
  const latent = encoder.outputShapes[0][0];
  const codes = encodeAll(encoder, data);
  const p = pca(codes, latent, latent);
  const buf = new Float32Array(batch * IMAGE_VALUES);
  return ks.map((k) => {
    let sum = 0;
    noGrad(() => {
      for (let s = 0; s < data.count; s += batch) {
        const idx = Array.from({ length: Math.min(batch, data.count - s) }, (_, r) => s + r);
        const z = new Float32Array(idx.length * latent);
        idx.forEach((i, r) => {
          const code = codes.subarray(i * latent, (i + 1) * latent);
          const coords = p.project(code);
          for (let j = 0; j < latent; j++) {
            let v = p.mean[j];
            for (let c = 0; c < k; c++) v += coords[c] * p.components[c][j];
            z[r * latent + j] = v;
          }
        });
        const x = batchOf(data, idx, buf);
        const y = decoder.forward(new Tensor(z, [idx.length, latent]), { training: false })[0];
        for (let q = 0; q < x.size; q++) sum += (y.data[q] - x.data[q]) ** 2;
      }
    });
    const mse = sum / (data.count * IMAGE_VALUES);
    return { latent: k, mse, psnr: psnr(mse) };
  });
}

/**
 * Decoder from parameters alone, then encoder: for each structure, decode [semantic targets, zeros],
 * encode the drawing and compare the semantic units with the parameters that were asked for.
 */
export function cycleErrors(encoder: Model, decoder: Model, structures: readonly Structure[], batch = 50): ParamError[] {
  const latent = encoder.outputShapes[0][0];
  const codes = new Float32Array(structures.length * latent);
  noGrad(() => {
    for (let s = 0; s < structures.length; s += batch) {
      const part = structures.slice(s, s + batch);
      const z = new Float32Array(part.length * latent);
      part.forEach((st, r) => z.set(semanticTargets(st), r * latent));
      const image = decoder.forward(new Tensor(z, [part.length, latent]), { training: false })[0];
      codes.set(encoder.forward(image, { training: false })[0].data, s * latent);
    }
  });
  return parameterErrors(codes, latent, structures);
}
