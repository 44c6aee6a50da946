// The shipped classifiers' engine network (the layers of classifier.ts's specs): apart from the
// specs, so that reading a spec (classes, input shape, test-time augmentation) does not pull the
// engine's layers into a page that only shows or prepares images.
import { Activation, BatchNorm, Conv2D, Dense, Dropout, Flatten, MaxPool2D, Sequential } from "../nn/index.ts";
import type { Layer } from "../nn/index.ts";
import type { ClassifierArchitecture } from "./classifier.ts";

/**
 * The network: conv(8, stride 2)–pool–conv(16)–pool–conv(32)–pool–dense(64)–dense(k), 3 × 3 "same"
 * convolutions with ReLU, 2 × 2 max pooling, dropout 0.3 before the last layer; input NCHW
 * 3 × 64 × 64; outputs logits (the exported file adds the softmax). The dense(64) activations are the
 * embedding.
 *
 * Why stride 2 in the first convolution: the PSF's FWHM is 3.4–6 pixels, so a 64 × 64 cutout is
 * sampled about twice as finely as its detail needs; striding the first layer costs little accuracy
 * and makes a training step 4× cheaper (0.065 s instead of 0.27 s of CPU for a batch of 32), which
 * is what lets both models train in minutes on a shared 2-core machine.
 */
export function buildClassifier(spec: ClassifierArchitecture, seed: string): Sequential {
  const { widths = [8, 16, 32], hidden = 64, batchNorm = false } = spec;
  const classes = spec.classes.length;
  // conv → (BatchNorm →) ReLU: with batch normalisation the ReLU becomes its own layer.
  const conv = (k: number, filters: number, strides: number): Layer[] =>
    batchNorm
      ? [
          new Conv2D(filters, 3, { padding: "same", strides, useBias: false, name: `conv${k}` }),
          new BatchNorm({ name: `bn${k}` }),
          new Activation("relu", { name: `relu${k}` }),
        ]
      : [new Conv2D(filters, 3, { padding: "same", activation: "relu", strides, name: `conv${k}` })];
  return new Sequential(
    [
      ...conv(1, widths[0], 2),
      new MaxPool2D(2, { name: "pool1" }),
      ...conv(2, widths[1], 1),
      new MaxPool2D(2, { name: "pool2" }),
      ...conv(3, widths[2], 1),
      new MaxPool2D(2, { name: "pool3" }),
      new Flatten({ name: "flatten" }),
      new Dense(hidden, { activation: "relu", name: "embedding" }),
      new Dropout(0.3, { name: "dropout" }),
      new Dense(classes, { name: "logits" }),
    ],
    { inputShape: [3, 64, 64], name: "network", seed },
  );
}
