import { add, matmul, mul, sigmoid, square, sub, sum } from "../../../src/lib/autodiff/index.ts";
import type { AnswerSpec } from "../../../src/lib/grading/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { formatMatrix } from "../../../src/lib/grading/index.ts";
import { fmt, list, matrixAnswer, niceNonZero, shown, texMatrix, vectorAnswer } from "../../support/answers.ts";

type Target = "v" | "b" | "W";
interface Params {
  x: number[];
  y: number;
  /** W[j][i]: weight from input i to hidden neuron j. */
  W: number[][];
  b: number[];
  v: number[];
  c: number;
  target: Target;
}

/** 2 inputs → 2 sigmoid hidden → 1 linear output, E = ½(ŷ − y)²; the engine's backward gives every gradient. */
function run(p: Params) {
  const W = f64(p.W, true);
  const b = f64(
    p.b.map((v) => [v]),
    true,
  );
  const v = f64([p.v], true);
  const z = add(matmul(W, f64(p.x.map((t) => [t]))), b);
  const h = sigmoid(z);
  const yhat = add(matmul(v, h), p.c);
  const E = mul(sum(square(sub(yhat, p.y))), 0.5);
  E.backward();
  const g = (t: { grad: Float64Array | Float32Array | null }) => Array.from(t.grad!);
  return { z: Array.from(z.data), h: Array.from(h.data), yhat: yhat.data[0], gv: g(v), gb: g(b), gW: [g(W).slice(0, 2), g(W).slice(2, 4)] };
}
function answerSpec(p: Params, r = run(p)): AnswerSpec {
  return p.target === "v" ? vectorAnswer(r.gv) : p.target === "b" ? vectorAnswer(r.gb) : matrixAnswer(r.gW);
}
function text(p: Params, value: number[] | number[][]): string {
  return p.target === "W" ? formatMatrix(value as number[][]) : list(value as number[]);
}

/** The gradient of a 2-2-1 network's loss with respect to a whole layer: a vector or matrix answer. */
export const gradientVector = defineFamily<Params>({
  id: "gradient-vector",
  version: 1,
  title: "Gradient of a small network's loss",
  lesson: "backpropagation",
  skills: ["backpropagation through a layer", "gradients as vectors and matrices"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const w = () => niceNonZero(rng, -1.5, 1.5, 1);
    return {
      x: [niceNonZero(rng, -2, 2, 1, 0.3), niceNonZero(rng, -2, 2, 1, 0.3)],
      y: niceNonZero(rng, -1, 1, 1),
      W: [
        [w(), w()],
        [w(), w()],
      ],
      b: [niceNonZero(rng, -0.5, 0.5, 1), niceNonZero(rng, -0.5, 0.5, 1)],
      v: [w(), w()],
      c: niceNonZero(rng, -0.5, 0.5, 1),
      target: level === 1 ? "v" : level === 2 ? "b" : "W",
    };
  },
  wellPosed(p) {
    return Math.abs(run(p).yhat - p.y) > 0.05 && p.x[0] !== p.x[1] ? true : "degenerate";
  },
  render(p) {
    const what: Record<Target, string> = {
      v: "the output weights $\\mathbf{v}$ (a vector $[\\partial E/\\partial v_1, \\partial E/\\partial v_2]$)",
      b: "the hidden biases $\\mathbf{b}$ (a vector)",
      W: "the hidden weights $W$ (a 2×2 matrix, $[\\partial E/\\partial W_{11}, \\partial E/\\partial W_{12}; \\partial E/\\partial W_{21}, \\partial E/\\partial W_{22}]$)",
    };
    return {
      prompt: `A network computes $\\mathbf{h} = \\sigma(W\\mathbf{x} + \\mathbf{b})$ and $\\hat{y} = \\mathbf{v}\\cdot\\mathbf{h} + c$, with loss $E = \\tfrac12(\\hat{y}-y)^2$ and
$$W = ${texMatrix(p.W)},\\ \\mathbf{b} = ${texMatrix(p.b.map((t) => [t]))},\\ \\mathbf{v} = ${list(p.v)},\\ c = ${fmt(p.c)},\\ \\mathbf{x} = ${texMatrix(p.x.map((t) => [t]))},\\ y = ${fmt(p.y)}.$$
Give the gradient of $E$ with respect to ${what[p.target]}.`,
      parts: [{ id: "grad", label: "gradient", placeholder: p.target === "W" ? "[a, b; c, d]" : "[g1, g2]" }],
    };
  },
  answer: (p) => ({ grad: answerSpec(p) }),
  hints(p) {
    return [
      "Forward pass: $\\mathbf{z} = W\\mathbf{x} + \\mathbf{b}$, $\\mathbf{h} = \\sigma(\\mathbf{z})$, $\\hat{y}$; then $\\delta = \\hat{y} - y$.",
      p.target === "v"
        ? "$\\partial E/\\partial v_j = \\delta\\, h_j$."
        : "Each hidden neuron's error: $\\delta_j = \\delta\\, v_j\\, \\sigma'(z_j)$ with $\\sigma' = \\sigma(1-\\sigma)$.",
      ...(p.target === "W"
        ? ["$\\partial E/\\partial W_{ji} = \\delta_j\\, x_i$: row $j$ for hidden neuron $j$, column $i$ for input $i$."]
        : []),
    ];
  },
  solution(p) {
    const r = run(p);
    const delta = r.yhat - p.y;
    const deltas = r.h.map((h, j) => delta * p.v[j] * h * (1 - h));
    return [
      `Forward: $\\mathbf{z} = ${list(r.z)}$, $\\mathbf{h} = ${list(r.h)}$, $\\hat{y} = ${fmt(r.yhat)}$, $\\delta = ${fmt(delta)}$.`,
      p.target === "v"
        ? `$\\nabla_{\\mathbf{v}}E = \\delta\\,\\mathbf{h}$.`
        : `Hidden errors $\\delta_j = \\delta v_j \\sigma'(z_j) = ${list(deltas)}$${p.target === "W" ? "; each row is $\\delta_j\\,\\mathbf{x}^\\top$" : ""}.`,
      `Answer: ${shown(answerSpec(p, r))}`,
    ];
  },
  misconceptions(p) {
    const r = run(p);
    const delta = r.yhat - p.y;
    const neg = (a: number[] | number[][]): number[] | number[][] =>
      Array.isArray(a[0]) ? (a as number[][]).map((row) => row.map((x) => -x)) : (a as number[]).map((x) => -x);
    const correct = p.target === "v" ? r.gv : p.target === "b" ? r.gb : r.gW;
    const noSlope = p.v.map((vj) => delta * vj);
    const list2 = [
      {
        id: "sign",
        description: "Uses y − ŷ.",
        input: { grad: text(p, neg(correct)) },
        feedback: "Every entry has the wrong sign: the output error is ŷ − y.",
      },
    ];
    if (p.target === "v")
      return [
        ...list2,
        {
          id: "used-pre-activation",
          description: "Uses z instead of h.",
          input: {
            grad: text(
              p,
              r.z.map((z) => delta * z),
            ),
          },
          feedback: "ŷ depends on v through the hidden *outputs* h = σ(z), not the pre-activations z.",
        },
      ];
    if (p.target === "b")
      return [
        ...list2,
        {
          id: "forgot-activation-derivative",
          description: "Skips σ′(z).",
          input: { grad: text(p, noSlope) },
          feedback: "Back through each sigmoid, multiply by its slope σ′(z_j) = h_j(1 − h_j).",
        },
      ];
    return [
      ...list2,
      {
        id: "forgot-activation-derivative",
        description: "Skips σ′(z).",
        input: {
          grad: text(
            p,
            noSlope.map((d) => p.x.map((x) => d * x)),
          ),
        },
        feedback: "Back through each sigmoid, multiply by its slope σ′(z_j) = h_j(1 − h_j).",
      },
      {
        id: "transposed",
        description: "Puts inputs in rows, neurons in columns.",
        input: {
          grad: text(p, [
            [r.gW[0][0], r.gW[1][0]],
            [r.gW[0][1], r.gW[1][1]],
          ]),
        },
        feedback: "Row j of W belongs to hidden neuron j: ∂E/∂W_ji = δ_j x_i. Your matrix is transposed.",
      },
    ];
  },
});
