/**
 * The course glossary: one entry per term, in our own words and in the lessons' notation (a neuron
 * computes $z = \mathbf{w}\cdot\mathbf{x} + b$ and outputs $a = f(z)$; parameters $\theta$, loss
 * $E(\theta)$, learning rate $\eta$, momentum coefficient $\alpha$, Adam's $\beta_1, \beta_2$).
 *
 * Two readers: the /glossary/ page (src/pages/glossary.astro) lists the entries with an anchor each,
 * and the Markdown plugin src/build/rehypeGlossaryLinks.ts links the first use of each term in every
 * lesson to its anchor. `forms` are the words that count as a use; longer forms win where two
 * overlap ("gradient descent" before "gradient").
 */
export interface GlossaryEntry {
  /** Anchor on the glossary page: /glossary/#<id>. */
  id: string;
  /** The term as the glossary page shows it. */
  term: string;
  /**
   * Surface forms that count as a use in a lesson, matched as whole words. A form written with a
   * capital matches only as written ("SGD", "Adam", "ReLU"); a lower-case form matches any case.
   */
  forms: readonly string[];
  /** Phrases in which a form means something else, e.g. "colour gradients" for the gradient of a loss. */
  exclude?: readonly string[];
  /** One or two sentences; `$…$` is TeX, typeset at build time. */
  definition: string;
  /** The lesson (content id) that introduces the term. */
  lesson: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: "neuron",
    term: "Neuron",
    forms: ["neurons", "neuron"],
    definition:
      "The unit a network is built from: it forms a weighted sum of its inputs plus a bias, $z = \\mathbf{w}\\cdot\\mathbf{x} + b$, and passes it through an activation function, $a = f(z)$. On its own it can split the plane with one straight line.",
    lesson: "neurons-and-layers",
  },
  {
    id: "layer",
    term: "Layer",
    forms: ["layers", "layer"],
    definition:
      "A group of neurons computed together from the outputs of the layer before. The input layer is the data, the output layer holds the answer, and the hidden layers in between are what training shapes.",
    lesson: "neurons-and-layers",
  },
  {
    id: "weight",
    term: "Weight",
    forms: ["weights", "weight"],
    definition:
      "The number $w_i$ that multiplies one input of a neuron. Weights set the direction of a neuron's decision boundary and, with the biases, are what a network learns.",
    lesson: "neurons-and-layers",
  },
  {
    id: "bias",
    term: "Bias",
    forms: ["biases", "bias"],
    exclude: ["biases the", "that bias"],
    definition:
      "The number $b$ a neuron adds to its weighted sum. It shifts the decision boundary without turning it, so a neuron can fire even when all its inputs are zero.",
    lesson: "neurons-and-layers",
  },
  {
    id: "decision-boundary",
    term: "Decision boundary",
    forms: ["decision boundaries", "decision boundary"],
    definition:
      "The set of inputs where a classifier changes its answer. For one neuron it is the line (or plane) $\\mathbf{w}\\cdot\\mathbf{x} + b = 0$; stacked layers bend it.",
    lesson: "neurons-and-layers",
  },
  {
    id: "activation-function",
    term: "Activation function",
    forms: ["activation functions", "activation function", "activations", "activation"],
    definition:
      "The function $f$ a neuron applies to its weighted sum, $a = f(z)$. A non-linear $f$ (ReLU, sigmoid, tanh) is what lets stacked layers represent more than one straight line.",
    lesson: "activation-functions",
  },
  {
    id: "relu",
    term: "ReLU",
    forms: ["ReLU"],
    definition:
      "The rectified linear unit, $f(z) = \\max(0, z)$: zero for negative inputs, the input itself otherwise. Cheap, and its slope of 1 keeps gradients from vanishing through many layers.",
    lesson: "activation-functions",
  },
  {
    id: "sigmoid",
    term: "Sigmoid",
    forms: ["sigmoids", "sigmoid"],
    definition:
      "The activation $\\sigma(z) = 1/(1 + e^{-z})$, which squeezes any number into $(0, 1)$. Its slope is at most $1/4$, so gradients shrink when many sigmoids are chained.",
    lesson: "activation-functions",
  },
  {
    id: "softmax",
    term: "Softmax",
    forms: ["softmax"],
    definition:
      "Turns a vector of scores $z_k$ into probabilities, $p_k = e^{z_k} / \\sum_j e^{z_j}$: all positive, summing to 1, the largest score getting the largest share. The usual last step of a classifier.",
    lesson: "activation-functions",
  },
  {
    id: "vanishing-gradient",
    term: "Vanishing gradient",
    forms: ["vanishing gradients", "vanishing gradient"],
    definition:
      "Gradients that shrink towards zero as backpropagation multiplies small slopes layer after layer, so the early layers barely learn.",
    lesson: "activation-functions",
  },
  {
    id: "loss",
    term: "Loss function",
    forms: ["loss functions", "loss function", "loss"],
    definition:
      "A single number $E(\\theta)$ saying how wrong the network's outputs are on the examples, for parameters $\\theta$. Training means making it small. Also called the cost or error function.",
    lesson: "loss-and-gradient-descent",
  },
  {
    id: "mean-squared-error",
    term: "Mean squared error",
    forms: ["mean squared error"],
    definition:
      "The loss for predicting numbers: the average of the squared differences between predictions and targets, $\\frac{1}{N}\\sum_i (\\hat y_i - y_i)^2$.",
    lesson: "loss-and-gradient-descent",
  },
  {
    id: "cross-entropy",
    term: "Cross-entropy",
    forms: ["cross-entropy"],
    definition:
      "The loss for classifiers: minus the log of the probability the network gave to the true class, averaged over examples. It punishes confident wrong answers hardest.",
    lesson: "loss-and-gradient-descent",
  },
  {
    id: "gradient",
    term: "Gradient",
    forms: ["gradients", "gradient"],
    exclude: ["colour gradients", "colour gradient", "color gradients", "color gradient", "edges and gradients"],
    definition:
      "The vector of partial derivatives $\\nabla E(\\theta)$: how fast the loss changes as each parameter moves. It points uphill, so training steps the other way.",
    lesson: "loss-and-gradient-descent",
  },
  {
    id: "gradient-descent",
    term: "Gradient descent",
    forms: ["gradient descent"],
    definition:
      "Repeatedly stepping the parameters against the gradient, $\\theta \\leftarrow \\theta - \\eta\\,\\nabla E(\\theta)$, until the loss stops falling.",
    lesson: "loss-and-gradient-descent",
  },
  {
    id: "learning-rate",
    term: "Learning rate",
    forms: ["learning rates", "learning rate"],
    definition:
      "The step size $\\eta$ of gradient descent. Too small and training crawls; too large and it overshoots the minimum or diverges.",
    lesson: "loss-and-gradient-descent",
  },
  {
    id: "backpropagation",
    term: "Backpropagation",
    forms: ["backpropagation", "backprop"],
    definition:
      "The way to get every parameter's gradient in one backward sweep: starting from the loss, the chain rule passes each node's sensitivity back through the computational graph, layer by layer.",
    lesson: "backpropagation",
  },
  {
    id: "chain-rule",
    term: "Chain rule",
    forms: ["chain rule"],
    definition:
      "The derivative of a composition is the product of the derivatives along it: if $E$ depends on $a$ and $a$ on $w$, then $\\partial E/\\partial w = (\\partial E/\\partial a)(\\partial a/\\partial w)$.",
    lesson: "backpropagation",
  },
  {
    id: "forward-pass",
    term: "Forward pass",
    forms: ["forward passes", "forward pass"],
    definition:
      "Computing the network's outputs and the loss from the inputs, layer by layer, keeping the intermediate values the backward pass will need.",
    lesson: "backpropagation",
  },
  {
    id: "backward-pass",
    term: "Backward pass",
    forms: ["backward passes", "backward pass"],
    definition:
      "The second half of backpropagation: from the loss back to the inputs, each node turns the gradient it receives into gradients for its own inputs and parameters.",
    lesson: "backpropagation",
  },
  {
    id: "epoch",
    term: "Epoch",
    forms: ["epochs", "epoch"],
    definition: "One pass through all $N$ training examples. With minibatches of size $B$ it takes $\\lceil N/B \\rceil$ updates.",
    lesson: "sgd-and-minibatches",
  },
  {
    id: "minibatch",
    term: "Minibatch",
    forms: ["minibatches", "minibatch", "mini-batches", "mini-batch"],
    definition:
      "A small random subset of $B$ training examples whose average gradient stands in for the full one: each step is cheaper and noisier than a full-batch step.",
    lesson: "sgd-and-minibatches",
  },
  {
    id: "sgd",
    term: "Stochastic gradient descent (SGD)",
    forms: ["stochastic gradient descent", "SGD"],
    definition:
      "Gradient descent on one example (strictly) or one minibatch (in everyday use) at a time, the examples drawn at random: many quick, noisy updates per epoch.",
    lesson: "sgd-and-minibatches",
  },
  {
    id: "momentum",
    term: "Momentum",
    forms: ["momentum"],
    definition:
      "An optimizer that keeps a velocity, $v \\leftarrow \\alpha v - \\eta\\, g$, $\\theta \\leftarrow \\theta + v$: steps that agree add up, steps that zig-zag cancel.",
    lesson: "optimizers",
  },
  {
    id: "adam",
    term: "Adam",
    forms: ["Adam"],
    definition:
      "An optimizer that keeps moving averages of the gradient ($m$, weight $\\beta_1$) and of its square ($v$, weight $\\beta_2$), corrects them for starting at zero, and steps by $\\eta\\,\\hat m / (\\sqrt{\\hat v} + \\varepsilon)$: momentum with a step size per parameter.",
    lesson: "optimizers",
  },
  {
    id: "overfitting",
    term: "Overfitting",
    forms: ["overfitting", "overfits", "overfit"],
    definition:
      "Learning the training examples' noise instead of the pattern: training loss keeps falling while validation loss rises. More data, regularisation, dropout or early stopping help.",
    lesson: "learning-curves",
  },
  {
    id: "underfitting",
    term: "Underfitting",
    forms: ["underfitting", "underfits", "underfit"],
    definition: "A model too simple, or trained too little, for the pattern: training and validation loss both stay high.",
    lesson: "learning-curves",
  },
  {
    id: "validation-set",
    term: "Validation set",
    forms: ["validation sets", "validation set"],
    definition: "Examples held out from training and used only to measure the model, so the loss on them shows how well it generalises.",
    lesson: "learning-curves",
  },
  {
    id: "learning-curve",
    term: "Learning curve",
    forms: ["learning curves", "learning curve"],
    exclude: ["steeper learning curve", "steep learning curve"],
    definition:
      "Training and validation loss plotted against epochs; the gap between the two curves is the first place to look for overfitting.",
    lesson: "learning-curves",
  },
  {
    id: "convolution",
    term: "Convolution",
    forms: ["convolutional layers", "convolutional layer", "convolutions", "convolution"],
    definition:
      "Sliding a small grid of weights (a kernel) over an image and, at each position, summing the products of kernel and pixels. The same weights at every position make it cheap and translation-equivariant.",
    lesson: "convolutional-networks",
  },
  {
    id: "kernel",
    term: "Kernel",
    forms: ["kernels", "kernel"],
    definition:
      "The small grid of weights, typically 3 × 3, that a convolution slides over its input; a layer learns many of them, one per output feature map.",
    lesson: "convolutional-networks",
  },
  {
    id: "feature-map",
    term: "Feature map",
    forms: ["feature maps", "feature map"],
    definition: "The image a convolution produces with one kernel: large where the input looks like the pattern the kernel responds to.",
    lesson: "convolutional-networks",
  },
  {
    id: "stride",
    term: "Stride",
    forms: ["strides", "stride"],
    definition: "How many pixels the kernel moves between positions. A stride of 2 halves the width and height of the output.",
    lesson: "convolutional-networks",
  },
  {
    id: "padding",
    term: "Padding",
    forms: ["padding"],
    definition:
      'Pixels (usually zeros) added around the input\'s border so the kernel can be centred on edge pixels: "same" padding keeps the output as large as the input, "valid" uses no padding and shrinks it.',
    lesson: "convolutional-networks",
  },
  {
    id: "pooling",
    term: "Pooling",
    forms: ["max pooling", "average pooling", "pooling"],
    definition:
      "Shrinking a feature map by summarising each small window, by its maximum (max pooling) or its mean (average pooling); it has no weights to learn.",
    lesson: "convolutional-networks",
  },
  {
    id: "transfer-learning",
    term: "Transfer learning",
    forms: ["transfer learning"],
    definition:
      "Starting from a network trained on a large task and reusing its layers for a new one with few labels: freeze the backbone and train a new head, or fine-tune all of it gently.",
    lesson: "transfer-learning",
  },
  {
    id: "fine-tuning",
    term: "Fine-tuning",
    forms: ["fine-tuning", "fine-tuned", "fine-tune"],
    definition:
      "Continuing to train a pretrained network's own weights on the new task, usually with a small learning rate so what it already knows is not wiped out.",
    lesson: "transfer-learning",
  },
  {
    id: "autoencoder",
    term: "Autoencoder",
    forms: ["autoencoders", "autoencoder"],
    definition:
      "Two networks trained as one: an encoder $f$ squeezes an input $x$ into a short code $z = f(x)$ and a decoder $g$ rebuilds it, $\\hat x = g(z)$; the loss compares $\\hat x$ with $x$.",
    lesson: "autoencoders",
  },
  {
    id: "latent-space",
    term: "Latent space",
    forms: ["latent spaces", "latent space", "latent vectors", "latent vector"],
    definition:
      "The space of an autoencoder's codes $z$. Nearby codes decode to similar images, so walking through it, or tying axes to physical parameters, shows what the network learned.",
    lesson: "autoencoders",
  },
  {
    id: "bottleneck",
    term: "Bottleneck",
    forms: ["bottlenecks", "bottleneck"],
    definition:
      "The narrowest layer of an autoencoder, the code: far fewer numbers than the input, so the network must keep only what matters to rebuild it.",
    lesson: "autoencoders",
  },
  {
    id: "diffusion-model",
    term: "Diffusion model",
    forms: ["diffusion models", "diffusion model"],
    definition:
      "A generative model that learns to undo noise: images are noised step by step, $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon$, a network learns to predict the noise $\\varepsilon$, and generation runs the steps backwards from pure noise.",
    lesson: "diffusion-models",
  },
  {
    id: "variance-schedule",
    term: "Variance schedule",
    forms: ["variance schedules", "variance schedule", "noise schedule"],
    definition:
      "The noise levels $\\beta_1, \\dots, \\beta_T$ a diffusion model adds at each step; with $\\alpha_t = 1 - \\beta_t$, their running product $\\bar\\alpha_t$ says how much signal is left after $t$ steps.",
    lesson: "diffusion-models",
  },
];
